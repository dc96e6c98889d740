import JSONCore

/// What every rule may consult besides the node it is given: the machine, the options, and a
/// few indexes built once before the walk.
public struct ValidationContext: Sendable {
    public let machine: StateMachine
    public let options: ValidationOptions
    /// The first state (in definition order) with each name, across all scopes (names compared by
    /// code units, as AWS compares them).
    public let firstStateNamed: [CodeUnitString: StateID]
    /// Every variable name some `Assign` (of a state, a Choice rule or a Catcher) sets, without
    /// any `.$` suffix (by code units: `$\u{E9}` and `$e\u{301}` are two variables).
    public let assignedVariables: Set<CodeUnitString>
    /// Graph facts of every state, by ``StateID/index``, computed once so that graph rules do not
    /// copy states out of the machine again and again.
    let successors: [[StateID]]
    let isTerminal: [Bool]
    /// Whether the state names all its `Next`/`Default`/Catcher targets resolvably and has a
    /// transition where its kind needs one.
    let referencesResolved: [Bool]
    let hasTransition: [Bool]
    /// The states whose successors include each state (by index): `predecessorList[predecessorStarts[i] ..<
    /// predecessorStarts[i + 1]]`, in state order.
    private let predecessorStarts: [Int]
    private let predecessorList: [StateID]
    /// Per state (by index), its `Assign` objects (``State/assignSites``).
    let assignSites: [[AssignSite]]
    /// The literal `Error` names of every Fail state (branches and item processors included),
    /// and whether some Fail state computes its error (`ErrorPath`, `{% %}`) so that any name may
    /// be raised.
    let failErrorNames: Set<CodeUnitString>
    let hasComputedFailError: Bool

    public init(machine: StateMachine, options: ValidationOptions) {
        self.machine = machine
        self.options = options
        var first: [CodeUnitString: StateID] = [:]
        var assigned: Set<CodeUnitString> = []
        var successors: [[StateID]] = []
        var isTerminal: [Bool] = []
        var resolved: [Bool] = []
        var hasTransition: [Bool] = []
        var sitesByState: [[AssignSite]] = []
        var failNames: Set<CodeUnitString> = []
        var computedFailError = false
        for state in machine.states {
            if first[state.name] == nil { first[state.name] = state.id }
            let sites = state.assignSites
            for site in sites {
                for name in site.object.keys { assigned.insert(site.variableName(fromKey: name)) }
            }
            sitesByState.append(sites)
            successors.append(state.successors)
            isTerminal.append(state.isTerminal)
            resolved.append(ScopeGraph.referencesResolved(of: state))
            if case .fail(let fail) = state {
                switch fail.error {
                case .literal(let name): failNames.insert(name)
                case .path, .intrinsic, .jsonata: computedFailError = true
                case nil: break
                }
            }
            switch state {
            case .choice, .succeed, .fail: hasTransition.append(true)
            default: hasTransition.append(state.transition != nil)
            }
        }
        self.firstStateNamed = first
        self.assignedVariables = assigned
        self.successors = successors
        self.isTerminal = isTerminal
        self.referencesResolved = resolved
        self.hasTransition = hasTransition
        self.assignSites = sitesByState
        self.failErrorNames = failNames
        self.hasComputedFailError = computedFailError
        // Predecessor lists, flattened: count, prefix-sum, fill.
        var starts = [Int](repeating: 0, count: successors.count + 1)
        for list in successors {
            for next in list where next.index >= 0 && next.index < successors.count { starts[next.index + 1] += 1 }
        }
        for index in 0..<successors.count { starts[index + 1] += starts[index] }
        var fill = starts
        var list = [StateID](repeating: StateID(0), count: starts[successors.count])
        for (index, nexts) in successors.enumerated() {
            for next in nexts where next.index >= 0 && next.index < successors.count {
                list[fill[next.index]] = StateID(index)
                fill[next.index] += 1
            }
        }
        self.predecessorStarts = starts
        self.predecessorList = list
    }

    /// The states that may pass control to `id` (``State/successors``), in state order.
    func predecessors(of id: StateID) -> ArraySlice<StateID> {
        guard id.index >= 0, id.index + 1 < predecessorStarts.count else { return [] }
        return predecessorList[predecessorStarts[id.index]..<predecessorStarts[id.index + 1]]
    }

    /// The `Assign` objects of `state`, in document order.
    func assignSites(of state: State) -> [AssignSite] {
        assignSites[state.id.index]
    }

    /// The Task `Resource` of `state` (parsed by the definition parser), or `nil` when the state
    /// is not a Task, has no usable Resource, or its Resource holds a `${…}` placeholder (the
    /// deployment tool substitutes it before AWS sees it, so no rule judges it).
    func resource(of state: State) -> TaskResource? {
        guard case .task(let task) = state, let resource = task.resource, !resource.text.containsPlaceholder else {
            return nil
        }
        return resource
    }

    /// Human-readable description of a scope for messages: `the top level`,
    /// `branch 2 of Parallel "Fan"`, `the ItemProcessor of Map "Each"`.
    public func describe(_ scope: Scope) -> String {
        switch scope.kind {
        case .root:
            return "the top level"
        case .parallelBranch(let parent, let index):
            return "branch \(index + 1) of Parallel \(DiagnosticText.quoted(machine[parent].name))"
        case .mapItemProcessor(let parent):
            return "the ItemProcessor of Map \(DiagnosticText.quoted(machine[parent].name))"
        }
    }
}
