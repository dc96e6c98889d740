import JSONCore

/// ASL-E204: a Retrier value out of range.
///
/// Source: ASL spec, "Retrying after error": IntervalSeconds a positive integer (default 1),
/// MaxAttempts a non-negative integer (default 3, 0 = never retry), BackoffRate a number ≥ 1.0
/// (default 2.0), MaxDelaySeconds a positive integer. The upper bound 99999999 for
/// IntervalSeconds and MaxAttempts is AWS's language-service schema (and statelint); an empty
/// ErrorEquals is the parser's ASL-E105. MaxDelaySeconds above 31622400 is only believed to
/// be rejected: ASL-W209.
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
            if let value = retrier.intervalSeconds, value < 1 || value > maximum {
                diagnostics.append(
                    diagnostic(
                        rangeMessage(name, field: "IntervalSeconds", value: "\(value)", range: "1 to \(maximum)"),
                        at: here / "IntervalSeconds"))
            }
            if let value = retrier.maxAttempts, value < 0 || value > maximum {
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
            if let value = retrier.maxDelaySeconds, value < 1 {
                diagnostics.append(
                    diagnostic(
                        rangeMessage(name, field: "MaxDelaySeconds", value: "\(value)", range: "a positive integer"),
                        at: here / "MaxDelaySeconds"))
            }
        }
    }
}

extension RetrierValues {
    fileprivate static func rangeMessage(_ state: String, field: String, value: String, range: String) -> String {
        "\(field) \(value) in a Retry of state \"\(state)\" is out of range: it must be \(range)"
    }
}
