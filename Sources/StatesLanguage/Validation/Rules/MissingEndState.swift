import JSONCore

/// ASL-E201: a `States` object with no terminal state (Succeed, Fail, or `End: true`).
///
/// Source: AWS diagnostic code MISSING_END_STATE (API reference,
/// ValidateStateMachineDefinitionDiagnostic); statelint `check_for_terminal`. AWS only checks
/// that one exists; whether every path reaches it is ASL-W208.
enum MissingEndState: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-E201", severity: .error,
        summary: "Each scope needs a terminal state (Succeed, Fail or End: true)",
        source: "AWS MISSING_END_STATE; ASL spec, \"Terminal State\"")
    static let targets: [RuleTarget] = [.scope]

    static func check(scope: Scope, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard !scope.states.isEmpty, ScopeGraph.transitionsComplete(in: scope, of: context) else { return }
        guard !scope.states.contains(where: { context.isTerminal[$0.index] }) else { return }
        diagnostics.append(
            diagnostic(
                message(context.describe(scope)), at: scope.pointer / "States", anchor: .key,
                fixIt: "set \"End\": true on the last state, or add a Succeed or Fail state"))
    }
}

extension MissingEndState {
    fileprivate static func message(_ scope: String) -> String {
        "No state in \(scope) ends the workflow: none is a Succeed or Fail state or has \"End\": true"
    }
}
