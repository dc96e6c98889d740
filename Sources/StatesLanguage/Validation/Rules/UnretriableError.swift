import JSONCore

/// ASL-W207: a Retrier lists `States.Runtime` or `States.DataLimitExceeded`, which are never
/// retried.
///
/// Source: AWS developer guide, "Handling errors in Step Functions workflows":
/// States.DataLimitExceeded is "a terminal error that can't be caught by the States.ALL error
/// type", and States.Runtime errors are not retriable ("States.ALL … can't catch
/// States.DataLimitExceeded terminal errors or Runtime error types"). AWS accepts the name, so
/// this is a warning.
enum UnretriableError: ValidationRule {
    static let terminal: [StatesErrorName] = [.runtime, .dataLimitExceeded]

    static let description = RuleDescription(
        id: "ASL-W207", severity: .warning,
        summary: "Retry lists States.Runtime or States.DataLimitExceeded, which are terminal and never retried",
        source: "AWS developer guide, \"Handling errors in Step Functions workflows\"")
    static let targets: [RuleTarget] = RuleTarget.errorHandlingStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for retrier in state.handlersForValidation?.retriers ?? [] {
            for (index, name) in retrier.errorEquals.enumerated() where terminal.contains(name) {
                diagnostics.append(
                    diagnostic(
                        message(state.name, name: name.rawValue), at: retrier.pointer / "ErrorEquals" / index,
                        fixIt: "remove \(DiagnosticText.quoted(name.rawValue)) from this Retry"))
            }
        }
    }
}

extension UnretriableError {
    fileprivate static func message(_ state: String, name: String) -> String {
        "A Retry of state \(DiagnosticText.quoted(state)) lists \(DiagnosticText.quoted(name)), a terminal error that Step Functions never retries"
    }
}
