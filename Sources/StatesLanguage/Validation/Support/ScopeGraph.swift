import JSONCore

/// Reachability inside one scope: from `StartAt` forwards, and from the terminal states
/// backwards. Only transitions within the scope count (`Next`, Choice `Next`/`Default`,
/// Catcher `Next`); a Parallel or Map state's inner scopes are graphs of their own.
struct ScopeGraph {
    let scope: Scope
    /// States reachable from `StartAt`, including it.
    let reachable: Set<StateID>

    init?(_ scope: Scope, in machine: StateMachine) {
        guard let start = scope.startAt?.id else { return nil }
        self.scope = scope
        var seen: Set<StateID> = [start]
        var queue = [start]
        while let id = queue.popLast() {
            for next in machine[id].successors where seen.insert(next).inserted {
                queue.append(next)
            }
        }
        reachable = seen
    }

    /// States from which some terminal state (Succeed, Fail, `End: true`) can be reached.
    static func canReachEnd(in scope: Scope, of machine: StateMachine) -> Set<StateID> {
        var predecessors: [StateID: [StateID]] = [:]
        var result: Set<StateID> = []
        var queue: [StateID] = []
        for id in scope.states {
            let state = machine[id]
            for next in state.successors { predecessors[next, default: []].append(id) }
            if state.isTerminal {
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
    static func referencesResolved(in scope: Scope, of machine: StateMachine) -> Bool {
        scope.states.allSatisfy { id in
            let state = machine[id]
            if case .next(let reference) = state.transition, reference.id == nil { return false }
            switch state {
            case .choice(let choice):
                return choice.choices.allSatisfy { $0.next.id != nil }
                    && choice.defaultState.map { $0.id != nil } ?? true
            default:
                return state.handlersForValidation?.catchers.allSatisfy { $0.next.id != nil } ?? true
            }
        }
    }

    /// Whether every non-Choice/Succeed/Fail state of the scope has `Next` or `End`; when one
    /// lacks both the parser has reported it (ASL-E110) and graph rules stay quiet.
    static func transitionsComplete(in scope: Scope, of machine: StateMachine) -> Bool {
        scope.states.allSatisfy { id in
            switch machine[id] {
            case .choice, .succeed, .fail: true
            case let state: state.transition != nil
            }
        }
    }
}
