import JSONCore

/// ASL-E204: a Retrier value out of the range AWS's definition schema allows.
///
/// Source: AWS's ASL schema (aws/amazon-states-language-service, `common.json` `retry`):
/// IntervalSeconds 0…99999999, MaxAttempts ≥ 0, BackoffRate ≥ 1.0; the ASL spec, "Retrying
/// after error", says the same. An empty ErrorEquals is the parser's ASL-E105. What only the
/// spec asks (IntervalSeconds 0, MaxAttempts above 99999999, MaxDelaySeconds below 1 or above
/// 31622400) is ASL-W209: AWS is not known to reject it at creation (SPEC-NOTES §4).
enum RetrierValues: ValidationRule {
    static let maximum: Int64 = 99_999_999

    static let description = RuleDescription(
        id: "ASL-E204", severity: .error,
        summary: "Retry values out of range (IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds)",
        source: "ASL spec, \"Retrying after error\"; AWS Step Functions language-service schema")
    static let targets: [RuleTarget] = RuleTarget.errorHandlingStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard let handlers = state.handlersForValidation else { return }
        let name = state.name
        for retrier in handlers.retriers {
            let here = retrier.pointer
            if let value = retrier.intervalSeconds, value < 0 || value > maximum {
                diagnostics.append(
                    diagnostic(
                        rangeMessage(name, field: "IntervalSeconds", value: "\(value)", range: "1 to \(maximum)"),
                        at: here / "IntervalSeconds"))
            }
            if let value = retrier.maxAttempts, value < 0 {
                diagnostics.append(
                    diagnostic(
                        rangeMessage(name, field: "MaxAttempts", value: "\(value)", range: "0 to \(maximum)"),
                        at: here / "MaxAttempts"))
            }
            if let rate = retrier.backoffRate, rate < JSONNumber(1) {
                diagnostics.append(
                    diagnostic(
                        rangeMessage(name, field: "BackoffRate", value: rate.text, range: "1.0 or more"),
                        at: here / "BackoffRate", fixIt: "use 1.0 for a constant interval"))
            }
        }
    }
}

extension RetrierValues {
    fileprivate static func rangeMessage(_ state: String, field: String, value: String, range: String) -> String {
        "\(field) \(value) in a Retry of state \(DiagnosticText.quoted(state)) is out of range: it must be \(range)"
    }
}
