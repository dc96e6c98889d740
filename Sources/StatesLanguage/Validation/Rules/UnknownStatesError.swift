import JSONCore

/// ASL-W205: an `ErrorEquals` name with the reserved `States.` prefix that is not one of the
/// predefined error names and that no Fail state of the definition raises, most likely a typo
/// (`States.Timout`); it never matches. A name some Fail state raises (a Parallel catching
/// `States.QuorumMet` from its branch's Fail state) is not reported, nor is any name when some
/// Fail state computes its error (`ErrorPath`, `{% %}`).
///
/// Source: ASL spec, "Errors" (the `States.` prefix is reserved for the service); AWS developer
/// guide, "Handling errors" (the predefined names, plus the HTTP Task family `States.Http.…`,
/// e.g. `States.Http.Socket` and `States.Http.StatusCode.429`). AWS accepts such names, so this
/// is a warning.
enum UnknownStatesError: ValidationRule {
    static let known: [String] =
        StatesErrorName.predefined.map(\.rawValue) + [
            "States.Http.Socket", StatesErrorName.referencePathConflict.rawValue,
        ]

    /// A predefined name, or one of the HTTP Task's `States.Http.*` errors.
    static func isKnown(_ name: String) -> Bool {
        known.contains(name) || name.hasPrefix("States.Http.")
    }

    static let description = RuleDescription(
        id: "ASL-W205", severity: .warning,
        summary: "An ErrorEquals name starting with States. that is not a predefined error",
        source: "ASL spec, \"Errors\"; AWS developer guide, \"Handling errors\"")
    static let targets: [RuleTarget] = RuleTarget.errorHandlingStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard let handlers = state.handlersForValidation, !context.hasComputedFailError else { return }
        let entries =
            handlers.retriers.map { ($0.errorEquals, $0.pointer) }
            + handlers.catchers.map { ($0.errorEquals, $0.pointer) }
        for (names, pointer) in entries {
            for (index, name) in names.enumerated()
            where name.isStatesPrefixed && !isKnown(name.rawValue) && !context.failErrorNames.contains(name.rawValue) {
                let suggestion = NameSuggestion.nearest(name.rawValue, in: known)
                diagnostics.append(
                    diagnostic(
                        message(state.name, name: name.rawValue, suggestion: suggestion),
                        at: pointer / "ErrorEquals" / index,
                        fixIt: suggestion.map { "use \(DiagnosticText.quoted($0))" }))
            }
        }
    }
}

extension UnknownStatesError {
    fileprivate static func message(_ state: String, name: String, suggestion: String?) -> String {
        var text =
            "\(DiagnosticText.quoted(name)) in state \(DiagnosticText.quoted(state)) is not a predefined Step Functions error, and names starting "
            + "with \"States.\" are reserved; no Fail state in this definition raises it, so it never matches"
        if let suggestion { text += "; did you mean \(DiagnosticText.quoted(suggestion))?" }
        return text
    }
}
