public import JSONCore

/// A parsed state machine: every state of every scope in one flat array, transitions resolved
/// to ``StateID``s, and every dynamic string compiled.
///
/// Source: ASL specification, "Top-level fields"; AWS developer guide, "State machine structure".
public struct StateMachine: Sendable {
    /// `Comment`: a human-readable description.
    public var comment: String?
    /// `Version`: the ASL version string ("1.0" when given).
    public var version: String?
    /// `TimeoutSeconds`: the longest the execution may run; `nil` means the service maximum.
    public var timeoutSeconds: Int64?
    /// `QueryLanguage` at the top level; JSONPath when absent.
    public var queryLanguage: QueryLanguage
    /// All states in definition order (depth-first: a Parallel or Map state precedes the
    /// states of its branches).
    public var states: [State]
    /// All scopes; ``ScopeID/root`` is the top level.
    public var scopes: [Scope]
    /// The definition as parsed, for rules that inspect fields the typed graph does not keep.
    public var json: JSON

    public init(
        comment: String? = nil,
        version: String? = nil,
        timeoutSeconds: Int64? = nil,
        queryLanguage: QueryLanguage = .jsonPath,
        states: [State] = [],
        scopes: [Scope] = [],
        json: JSON = .null
    ) {
        self.comment = comment
        self.version = version
        self.timeoutSeconds = timeoutSeconds
        self.queryLanguage = queryLanguage
        self.states = states
        self.scopes = scopes
        self.json = json
    }

    public subscript(id: StateID) -> State { states[id.index] }
    public subscript(scope id: ScopeID) -> Scope { scopes[id.index] }

    public var rootScope: Scope { scopes[ScopeID.root.index] }

    /// The state named `name` in `scope`.
    public func state(named name: String, in scope: ScopeID = .root) -> State? {
        guard let id = scopes[scope.index].stateNames[name] else { return nil }
        return states[id.index]
    }
}
