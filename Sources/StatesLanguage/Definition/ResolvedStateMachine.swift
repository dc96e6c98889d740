public import JSONCore

/// A state machine every transition of which names a state that exists: what the executor runs.
///
/// ``StateMachine`` keeps references as the parser found them (``StateReference/id`` is `nil`
/// for a name no state of the scope has) so the validator can name and point at them. Resolving
/// checks every `StartAt`, `Next`, `End`, Choice rule `Next` and Catcher `Next` once and keeps
/// the targets as ``StateID``s that need no further check:
///
///     let resolved = try ResolvedStateMachine(machine)   // throws(UnresolvedReferences)
///     resolved.start(of: .root)                           // StateID of the top-level StartAt
///     resolved.transition(of: id)                         // .next(StateID), .end or .choice(…)
///
/// Rationale: a second type rather than a resolved ``StateMachine`` because the validator needs
/// the unresolved graph (with names and pointers of missing targets) to report ASL-E104 and
/// ASL-E108; the executor needs a graph in which those cannot occur.
public struct ResolvedStateMachine: Sendable {
    /// The machine as parsed.
    public let machine: StateMachine
    private let transitions: [ResolvedTransition]
    private let catchTargets: [[StateID]]
    private let starts: [StateID]

    /// Resolves every reference of `machine`.
    /// - Throws: ``UnresolvedReferences`` listing every state that names a missing state, has
    ///   neither `Next` nor `End`, and every scope without a resolved `StartAt`.
    public init(_ machine: StateMachine) throws(UnresolvedReferences) {
        var problems: [UnresolvedReferences.Reference] = []
        var starts: [StateID] = []
        starts.reserveCapacity(machine.scopes.count)
        for scope in machine.scopes {
            if let id = scope.startAt?.id {
                starts.append(id)
            } else {
                let pointer = scope.startAt?.pointer ?? scope.pointer.appending("StartAt")
                problems.append(
                    .init(stateName: nil, field: "StartAt", target: scope.startAt?.name, pointer: pointer))
                starts.append(StateID(Int32(-1)))
            }
        }
        var transitions: [ResolvedTransition] = []
        var catchTargets: [[StateID]] = []
        transitions.reserveCapacity(machine.states.count)
        catchTargets.reserveCapacity(machine.states.count)
        for state in machine.states {
            let name = state.name
            func resolve(_ reference: StateReference, field: String) -> StateID {
                if let id = reference.id { return id }
                problems.append(
                    .init(stateName: name, field: field, target: reference.name, pointer: reference.pointer))
                return StateID(Int32(-1))
            }
            switch state {
            case .succeed, .fail:
                transitions.append(.end)
            case .choice(let choice):
                let branches = choice.choices.enumerated().map { index, branch in
                    resolve(branch.next, field: "Choices[\(index)].Next")
                }
                let fallback = choice.defaultState.map { resolve($0, field: "Default") }
                transitions.append(.choice(branches: branches, defaultState: fallback))
            case .pass, .task, .wait, .parallel, .map:
                switch state.transition {
                case .next(let reference): transitions.append(.next(resolve(reference, field: "Next")))
                case .end: transitions.append(.end)
                case nil:
                    problems.append(
                        .init(stateName: name, field: "End", target: nil, pointer: state.common.pointer))
                    transitions.append(.end)
                }
            }
            var catchers: [Catcher] = []
            switch state {
            case .task(let task): catchers = task.errorHandling.catchers
            case .parallel(let parallel): catchers = parallel.errorHandling.catchers
            case .map(let map): catchers = map.errorHandling.catchers
            default: break
            }
            catchTargets.append(
                catchers.enumerated().map { index, catcher in resolve(catcher.next, field: "Catch[\(index)].Next") })
        }
        guard problems.isEmpty else { throw UnresolvedReferences(references: problems) }
        self.machine = machine
        self.transitions = transitions
        self.catchTargets = catchTargets
        self.starts = starts
    }

    /// The first state of `scope`.
    public func start(of scope: ScopeID) -> StateID { starts[scope.index] }

    /// Where control goes after state `id`.
    public func transition(of id: StateID) -> ResolvedTransition { transitions[id.index] }

    /// The `Next` of each of state `id`'s catchers, in `Catch` order (empty for kinds without
    /// `Catch`).
    public func catchTargets(of id: StateID) -> [StateID] { catchTargets[id.index] }
}

/// Where control goes after a state of a ``ResolvedStateMachine``.
public enum ResolvedTransition: Sendable, Hashable {
    /// `Next`.
    case next(StateID)
    /// `End: true`, Succeed and Fail: the state ends its scope.
    case end
    /// A Choice state: the `Next` of each rule in `Choices` order, and `Default` (optional:
    /// without it, no match fails with `States.NoChoiceMatched`).
    case choice(branches: [StateID], defaultState: StateID?)
}

/// What keeps a ``StateMachine`` from running: references to states that do not exist in their
/// scope, states with neither `Next` nor `End`, scopes without `StartAt`. The validator reports
/// each of these as an error (ASL-E104, ASL-E108), so a machine that validates never has any.
public struct UnresolvedReferences: Error, Sendable, Hashable, CustomStringConvertible {
    /// One missing target.
    public struct Reference: Sendable, Hashable, CustomStringConvertible {
        /// The state holding the reference; `nil` for a scope's `StartAt`.
        public var stateName: String?
        /// `StartAt`, `Next`, `Default`, `Choices[i].Next`, `Catch[i].Next`, or `End` for a state
        /// with neither `Next` nor `End`.
        public var field: String
        /// The name written; `nil` when no name was written.
        public var target: String?
        /// Where the reference is (or, for a missing field, the state or scope object).
        public var pointer: JSONPointer

        public init(stateName: String?, field: String, target: String?, pointer: JSONPointer) {
            self.stateName = stateName
            self.field = field
            self.target = target
            self.pointer = pointer
        }

        public var description: String {
            let owner = stateName.map { "state \(DiagnosticText.quoted($0))" } ?? "a scope"
            switch (field, target) {
            case ("End", _): return "\(owner) has neither Next nor End (at \(pointer.description))"
            case (_, nil): return "\(owner) has no \(field) (at \(pointer.description))"
            case (_, let name?):
                return "\(owner): \(field) names \(DiagnosticText.quoted(name)), which is not a state of its scope "
                    + "(at \(pointer.description))"
            }
        }
    }

    public var references: [Reference]

    public init(references: [Reference]) { self.references = references }

    public var description: String {
        "the state machine cannot run: " + references.map(\.description).joined(separator: "; ")
    }
}
