import JSONCore

/// ASL-W213: a literal optimized-integration parameter that looks wrong but might be accepted:
/// an SQS `QueueUrl` that is not an `http(s)://` URL.
///
/// Source: Amazon SQS API reference, SendMessage ("QueueUrl: The URL of the Amazon SQS queue…;
/// queue URLs and names are case-sensitive"). SQS's tolerance of other forms is not documented,
/// so this is a warning. Run-time values (`.$`, `{% %}`) and `${…}` placeholders are skipped.
enum IntegrationParameterShape: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W213", severity: .warning,
        summary: "An optimized-integration parameter that looks wrong (SQS QueueUrl not a URL)",
        source: "Amazon SQS API reference, SendMessage")
    static let targets: [RuleTarget] = [.state(.task)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for parameter in IntegrationParameter.find(
            in: state, context: context, service: "sqs", action: "sendMessage", paths: [["QueueUrl"]])
        where !(parameter.value.hasPrefix("https://") || parameter.value.hasPrefix("http://")) {
            diagnostics.append(
                diagnostic(
                    queueURLMessage(state.name, value: parameter.value), at: parameter.pointer,
                    fixIt: "use the queue URL, e.g. \"https://sqs.us-east-1.amazonaws.com/123456789012/MyQueue\""))
        }
    }
}

extension IntegrationParameterShape {
    fileprivate static func queueURLMessage(_ state: String, value: String) -> String {
        "QueueUrl \(DiagnosticText.quoted(value)) of state \(DiagnosticText.quoted(state)) is not a queue URL: sqs:sendMessage expects "
            + "https://sqs.<region>.amazonaws.com/<account>/<queue>"
    }
}
