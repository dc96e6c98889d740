import JSONCore

/// Reachability inside one scope: from `StartAt` forwards, and from the terminal states
/// backwards. Only transitions within the scope count (`Next`, Choice `Next`/`Default`,
/// Catcher `Next`); a Parallel or Map state's inner scopes are graphs of their own.
struct ScopeGraph {
    let scope: Scope
    let reachable: StateIDSet

    init?(_ scope: Scope, in context: ValidationContext) {
        guard let start = scope.startAt?.id else { return nil }
        self.scope = scope
        var seen = StateIDSet(capacity: context.successors.count)
        seen.insert(start)
        var queue = [start]
        while let id = queue.popLast() {
            for next in context.successors[id.index] where seen.insert(next) {
                queue.append(next)
            }
        }
        reachable = seen
    }

    static func canReachEnd(in scope: Scope, of context: ValidationContext) -> StateIDSet {
        var result = StateIDSet(capacity: context.successors.count)
        var queue: [StateID] = []
        for id in scope.states where context.isTerminal[id.index] {
            result.insert(id)
            queue.append(id)
        }
        // Successors stay within their scope, so the machine-wide predecessor lists of a state in
        // this scope only name states of this scope.
        while let id = queue.popLast() {
            for previous in context.predecessors(of: id) where result.insert(previous) {
                queue.append(previous)
            }
        }
        return result
    }

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

/// A set of states of one machine: one bit per ``StateID``.
///
/// Rationale: the graph rules ask membership questions for every state of every scope; a
/// `Set<StateID>` hashes each time, a bit test does not.
struct StateIDSet {
    private var words: [UInt64]
    /// Whether nothing was inserted.
    private(set) var isEmpty = true

    /// An empty set for a machine of `capacity` states.
    init(capacity: Int) {
        words = Array(repeating: 0, count: (max(capacity, 0) + 63) / 64)
    }

    func contains(_ id: StateID) -> Bool {
        let index = id.index
        guard index >= 0, index / 64 < words.count else { return false }
        return words[index / 64] & (1 << UInt64(index % 64)) != 0
    }

    /// Inserts `id`; returns whether it was new. IDs outside the machine are ignored (and reported
    /// as not new): every ID the validator meets comes from the machine.
    @discardableResult
    mutating func insert(_ id: StateID) -> Bool {
        let index = id.index
        guard index >= 0, index / 64 < words.count else { return false }
        let bit: UInt64 = 1 << UInt64(index % 64)
        guard words[index / 64] & bit == 0 else { return false }
        words[index / 64] |= bit
        isEmpty = false
        return true
    }
}
