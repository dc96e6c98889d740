import JSONCore

/// ASL-E203: a state name used twice in the machine, counting every Parallel branch and Map
/// item processor.
///
/// Source: ASL spec ("State names MUST be unique within the scope of the whole state
/// machine"); AWS DUPLICATE_STATE_NAME, observed as `Duplicate State name: X at /States/X`.
/// Within one `States` object a repeated key is a JSON matter for the reader; this rule sees
/// the names that survive into different scopes.
enum DuplicateStateName: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-E203", severity: .error,
        summary: "State names must be unique across the whole state machine, branches included",
        source: "ASL spec, \"States\"; AWS DUPLICATE_STATE_NAME")
    static let targets: [RuleTarget] = RuleTarget.allStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard let first = context.firstStateNamed[state.name], first != state.id else { return }
        let other = context.machine[first].pointer
        diagnostics.append(
            diagnostic(
                message(state.name), at: state.pointer, anchor: .key,
                notes: [
                    DiagnosticNote(
                        "\(DiagnosticText.quoted(state.name)) is first defined at \(DiagnosticText.name(other.description))",
                        pointer: other)
                ],
                fixIt: "rename one of the two states (and the transitions that name it)"))
    }
}

extension DuplicateStateName {
    fileprivate static func message(_ name: String) -> String {
        "Duplicate state name \(DiagnosticText.quoted(name)): state names must be unique in the whole state machine, "
            + "including Parallel branches and Map item processors"
    }
}
