import JSONCore

/// ASL-W208: a reachable state from which no path leads to a terminal state, so an execution
/// that gets there loops until the machine's timeout.
///
/// Source: AWS only checks that a terminal state exists (MISSING_END_STATE, ASL-E201) and
/// accepts such loops, so this is a warning. It is reported once per trap, at the state where
/// control enters it (the `StartAt` state, or a state a path-to-end state leads to).
enum NoPathToEnd: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W208", severity: .warning,
        summary: "A reachable state from which no path reaches Succeed, Fail or End",
        source: "ASL spec, \"Terminal State\"; AWS accepts the definition (existence check only)")
    static let targets: [RuleTarget] = [.scope]

    static func check(scope: Scope, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let machine = context.machine
        guard ScopeGraph.transitionsComplete(in: scope, of: context),
            ScopeGraph.referencesResolved(in: scope, of: context),
            let graph = ScopeGraph(scope, in: context), let start = scope.startAt?.id
        else { return }
        let ending = ScopeGraph.canReachEnd(in: scope, of: context)
        guard !ending.isEmpty else { return }  // ASL-E201 already reports the scope
        var entries = StateIDSet(capacity: context.successors.count)
        if !ending.contains(start) { entries.insert(start) }
        for id in scope.states where graph.reachable.contains(id) && ending.contains(id) {
            for next in context.successors[id.index] where !ending.contains(next) { entries.insert(next) }
        }
        for id in scope.states where entries.contains(id) {
            let state = machine[id]
            diagnostics.append(
                diagnostic(
                    message(state.name), at: state.pointer, anchor: .key,
                    fixIt: "add a transition out of the loop to a state that ends the workflow"))
        }
    }
}

extension NoPathToEnd {
    fileprivate static func message(_ name: String) -> String {
        "No path from state \(DiagnosticText.quoted(name)) reaches a Succeed or Fail state or \"End\": true; an execution "
            + "that enters it runs until the state machine times out"
    }
}
