import JSONCore

/// Reachability inside one scope: from `StartAt` forwards, and from the terminal states
/// backwards. Only transitions within the scope count (`Next`, Choice `Next`/`Default`,
/// Catcher `Next`); a Parallel or Map state's inner scopes are graphs of their own.
struct ScopeGraph {
    let scope: Scope
    /// States reachable from `StartAt`, including it.
    let reachable: Set<StateID>

    init?(_ scope: Scope, in context: ValidationContext) {
        guard let start = scope.startAt?.id else { return nil }
        self.scope = scope
        var seen: Set<StateID> = [start]
        var queue = [start]
        while let id = queue.popLast() {
            for next in context.successors[id.index] where seen.insert(next).inserted {
                queue.append(next)
            }
        }
        reachable = seen
    }

    /// States from which some terminal state (Succeed, Fail, `End: true`) can be reached.
    static func canReachEnd(in scope: Scope, of context: ValidationContext) -> Set<StateID> {
        var predecessors: [StateID: [StateID]] = [:]
        var result: Set<StateID> = []
        var queue: [StateID] = []
        for id in scope.states {
            for next in context.successors[id.index] { predecessors[next, default: []].append(id) }
            if context.isTerminal[id.index] {
                result.insert(id)
                queue.append(id)
            }
        }
        while let id = queue.popLast() {
            for previous in predecessors[id] ?? [] where result.insert(previous).inserted {
                queue.append(previous)
            }
        }
        return result
    }

    /// Whether every `Next`, `Default` and Catcher `Next` of the scope names a state of the
    /// scope; when one does not, the parser has reported it (ASL-E104) and reachability rules
    /// stay quiet rather than also calling its intended target unreachable.
    static func referencesResolved(in scope: Scope, of context: ValidationContext) -> Bool {
        scope.states.allSatisfy { context.referencesResolved[$0.index] }
    }

    /// Whether one state's `Next`, `Default` and Catcher `Next`s all resolve.
    static func referencesResolved(of state: State) -> Bool {
        if case .next(let reference) = state.transition, reference.id == nil { return false }
        switch state {
        case .choice(let choice):
            return choice.choices.allSatisfy { $0.next.id != nil }
                && choice.defaultState.map { $0.id != nil } ?? true
        default:
            return state.handlersForValidation?.catchers.allSatisfy { $0.next.id != nil } ?? true
        }
    }

    /// Whether every non-Choice/Succeed/Fail state of the scope has `Next` or `End`; when one
    /// lacks both the parser has reported it (ASL-E110) and graph rules stay quiet.
    static func transitionsComplete(in scope: Scope, of context: ValidationContext) -> Bool {
        scope.states.allSatisfy { context.hasTransition[$0.index] }
    }
}
