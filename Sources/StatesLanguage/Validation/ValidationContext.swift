import JSONCore

/// What every rule may consult besides the node it is given: the machine, the options, and a
/// few indexes built once before the walk.
public struct ValidationContext: Sendable {
    public let machine: StateMachine
    public let options: ValidationOptions
    /// The first state (in definition order) with each name, across all scopes.
    public let firstStateNamed: [String: StateID]
    /// Every variable name some `Assign` (of a state, a Choice rule or a Catcher) sets, without
    /// any `.$` suffix.
    public let assignedVariables: Set<String>

    public init(machine: StateMachine, options: ValidationOptions) {
        self.machine = machine
        self.options = options
        var first: [String: StateID] = [:]
        var assigned: Set<String> = []
        for state in machine.states {
            if first[state.name] == nil { first[state.name] = state.id }
            for site in state.assignSites {
                for name in site.object.keys { assigned.insert(site.variableName(fromKey: name)) }
            }
        }
        self.firstStateNamed = first
        self.assignedVariables = assigned
    }

    /// Human-readable description of a scope for messages: `the top level`,
    /// `branch 2 of Parallel "Fan"`, `the ItemProcessor of Map "Each"`.
    public func describe(_ scope: Scope) -> String {
        switch scope.kind {
        case .root:
            return "the top level"
        case .parallelBranch(let parent, let index):
            return "branch \(index + 1) of Parallel \"\(machine[parent].name)\""
        case .mapItemProcessor(let parent):
            return "the ItemProcessor of Map \"\(machine[parent].name)\""
        }
    }
}
