public import JSONCore

/// A set of states with its own `StartAt` and name space for transitions: the top level, a
/// Parallel branch, or a Map `ItemProcessor`/`Iterator`.
///
/// State names are unique across the whole machine (checked by the validator on the built
/// graph), but `Next` may only name a state of the same scope (ASL-E104, reported by the parser).
public struct Scope: Sendable {
    public enum Kind: Sendable, Hashable {
        case root
        case parallelBranch(parent: StateID, index: Int)
        case mapItemProcessor(parent: StateID)
    }

    public var id: ScopeID
    public var kind: Kind
    public var startAt: StateReference?
    /// The scope's states in definition order.
    public var states: [StateID]
    /// Name → state, for this scope only. Names are told apart by their code units, as AWS does
    /// (`"\u{E9}"` and `"e\u{301}"` are two states; SPEC-NOTES §1 "String equality"); a `String`
    /// subscript reads it.
    public var stateNames: [CodeUnitString: StateID]
    /// The query language states of this scope inherit when they do not declare one.
    public var queryLanguage: QueryLanguage
    /// Pointer to the object holding `StartAt` and `States`.
    public var pointer: JSONPointer

    public init(
        id: ScopeID,
        kind: Kind,
        startAt: StateReference?,
        states: [StateID] = [],
        stateNames: [CodeUnitString: StateID] = [:],
        queryLanguage: QueryLanguage,
        pointer: JSONPointer
    ) {
        self.id = id
        self.kind = kind
        self.startAt = startAt
        self.states = states
        self.stateNames = stateNames
        self.queryLanguage = queryLanguage
        self.pointer = pointer
    }

    /// The state owning this scope (Parallel or Map), or `nil` for the top level.
    public var parent: StateID? {
        switch kind {
        case .root: nil
        case .parallelBranch(let parent, _), .mapItemProcessor(let parent): parent
        }
    }
}
