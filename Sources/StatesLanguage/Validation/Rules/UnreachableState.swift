import JSONCore

/// ASL-E200: a state no path from its scope's `StartAt` reaches.
///
/// Source: AWS rejects these at CreateStateMachine with `MISSING_TRANSITION_TARGET: State "X"
/// is not reachable.` (observed, LocalStack's recorded AWS responses); reachability follows
/// `StartAt`, `Next`, Choice `Next`/`Default` and Catcher `Next`, separately in each `States`
/// object (statelint `state_node.rb`).
enum UnreachableState: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-E200", severity: .error,
        summary: "Every state must be reachable from its scope's StartAt",
        source: "AWS MISSING_TRANSITION_TARGET \"State is not reachable\"; ASL spec, \"Transitions\"")
    static let targets: [RuleTarget] = [.scope]

    static func check(scope: Scope, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard ScopeGraph.referencesResolved(in: scope, of: context),
            let graph = ScopeGraph(scope, in: context)
        else { return }
        for id in scope.states where !graph.reachable.contains(id) {
            let state = context.machine[id]
            diagnostics.append(
                diagnostic(
                    message(state.name, start: scope.startAt?.name ?? "", scope: context.describe(scope)),
                    at: state.pointer, anchor: .key,
                    fixIt:
                        "point a Next, Default or Catch Next at \(DiagnosticText.quoted(state.name)), or delete the state"
                ))
        }
    }
}

extension UnreachableState {
    fileprivate static func message(_ name: String, start: String, scope: String) -> String {
        "State \(DiagnosticText.quoted(name)) is not reachable: no transition leads to it from StartAt \(DiagnosticText.quoted(start)) in \(scope)"
    }
}
