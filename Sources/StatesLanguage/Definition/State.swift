public import JSONCore

/// One state of the machine: a closed set of kinds, one struct each.
public indirect enum State: Sendable {
    case pass(PassState)
    case task(TaskState)
    case choice(ChoiceState)
    case wait(WaitState)
    case succeed(SucceedState)
    case fail(FailState)
    case parallel(ParallelState)
    case map(MapState)

    /// Fields every state has.
    public var common: StateCommon {
        switch self {
        case .pass(let state): state.common
        case .task(let state): state.common
        case .choice(let state): state.common
        case .wait(let state): state.common
        case .succeed(let state): state.common
        case .fail(let state): state.common
        case .parallel(let state): state.common
        case .map(let state): state.common
        }
    }

    public var kind: StateKind {
        switch self {
        case .pass: .pass
        case .task: .task
        case .choice: .choice
        case .wait: .wait
        case .succeed: .succeed
        case .fail: .fail
        case .parallel: .parallel
        case .map: .map
        }
    }

    // Rationale: `name` and `id` read the field straight from the payload; going through
    // `common` would copy the whole `StateCommon` (nine fields) for one of them.
    public var name: String {
        switch self {
        case .pass(let state): state.common.name
        case .task(let state): state.common.name
        case .choice(let state): state.common.name
        case .wait(let state): state.common.name
        case .succeed(let state): state.common.name
        case .fail(let state): state.common.name
        case .parallel(let state): state.common.name
        case .map(let state): state.common.name
        }
    }

    public var id: StateID {
        switch self {
        case .pass(let state): state.common.id
        case .task(let state): state.common.id
        case .choice(let state): state.common.id
        case .wait(let state): state.common.id
        case .succeed(let state): state.common.id
        case .fail(let state): state.common.id
        case .parallel(let state): state.common.id
        case .map(let state): state.common.id
        }
    }

    /// `Next` or `End` for the kinds that have one (Pass, Task, Wait, Parallel, Map); `nil`
    /// for Choice, Succeed and Fail, and when neither field was given (ASL-E108).
    public var transition: Transition? {
        switch self {
        case .pass(let state): state.transition
        case .task(let state): state.transition
        case .wait(let state): state.transition
        case .parallel(let state): state.transition
        case .map(let state): state.transition
        case .choice, .succeed, .fail: nil
        }
    }

    /// Every state this one may pass control to within its scope: `Next`, Choice `Next` and
    /// `Default`, and Catcher `Next`s; unresolved names are left out.
    public var successors: [StateID] {
        var result: [StateID] = []
        if case .next(let reference) = transition, let id = reference.id { result.append(id) }
        switch self {
        case .choice(let state):
            for branch in state.choices { if let id = branch.next.id { result.append(id) } }
            if let id = state.defaultState?.id { result.append(id) }
        case .task(let state): result += state.errorHandling.catchers.compactMap(\.next.id)
        case .parallel(let state): result += state.errorHandling.catchers.compactMap(\.next.id)
        case .map(let state): result += state.errorHandling.catchers.compactMap(\.next.id)
        default: break
        }
        return result
    }

    /// Whether a run may end its scope in this state: Succeed, Fail, or `End: true`.
    public var isTerminal: Bool {
        switch self {
        case .succeed, .fail: true
        default: transition == .end
        }
    }
}

/// The `Type` of a state.
public enum StateKind: String, Sendable, Hashable, CaseIterable {
    case pass = "Pass"
    case task = "Task"
    case choice = "Choice"
    case wait = "Wait"
    case succeed = "Succeed"
    case fail = "Fail"
    case parallel = "Parallel"
    case map = "Map"
}

/// Fields and facts shared by every state.
public struct StateCommon: Sendable {
    /// The state's name: its key under `States`.
    public var name: String
    public var id: StateID
    public var scope: ScopeID
    /// Pointer to the state's object (`/States/<name>`, or nested under a branch).
    public var pointer: JSONPointer
    /// `Comment`.
    public var comment: String?
    /// The language this state's fields are written in: its own `QueryLanguage`, else its
    /// scope's.
    public var queryLanguage: QueryLanguage
    /// `QueryLanguage` as written on the state, if it was.
    public var declaredQueryLanguage: QueryLanguage?
    /// `Assign`: variables set when the state completes (both query languages).
    /// Source: AWS developer guide, "Passing data between states with variables".
    public var assign: DynamicTemplate?
    /// The state's object as written, for field-level rules.
    public var json: JSONObject

    public init(
        name: String,
        id: StateID,
        scope: ScopeID,
        pointer: JSONPointer,
        comment: String? = nil,
        queryLanguage: QueryLanguage,
        declaredQueryLanguage: QueryLanguage? = nil,
        assign: DynamicTemplate? = nil,
        json: JSONObject = JSONObject()
    ) {
        self.name = name
        self.id = id
        self.scope = scope
        self.pointer = pointer
        self.comment = comment
        self.queryLanguage = queryLanguage
        self.declaredQueryLanguage = declaredQueryLanguage
        self.assign = assign
        self.json = json
    }
}
