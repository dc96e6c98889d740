import JSONCore

/// ASL-W200: a Choice state without `Default`: when no rule matches, the execution fails with
/// `States.NoChoiceMatched`.
///
/// Source: ASL spec, "Choice State" ("Choice states SHOULD have a Default field … if no
/// Choice Rule matches and no Default is specified, the interpreter raises
/// States.NoChoiceMatched"); AWS accepts it.
enum ChoiceWithoutDefault: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W200", severity: .warning,
        summary: "A Choice state without Default fails with States.NoChoiceMatched when no rule matches",
        source: "ASL spec, \"Choice State\"")
    static let targets: [RuleTarget] = [.state(.choice)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .choice(let choice) = state, choice.defaultState == nil else { return }
        diagnostics.append(
            diagnostic(
                message(state.name), at: state.pointer, anchor: .key,
                fixIt: "add \"Default\": \"<state>\" for the case no rule matches"))
    }
}

extension ChoiceWithoutDefault {
    fileprivate static func message(_ state: String) -> String {
        "Choice state \(DiagnosticText.quoted(state)) has no Default: if no rule matches, the execution fails with States.NoChoiceMatched"
    }
}
