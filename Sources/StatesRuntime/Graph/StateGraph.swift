import JSONCore
public import StatesLanguage

/// A definition's states and transitions as a drawable graph: one node per state, a start and an
/// end node per scope, Parallel branches and Map processors as clusters nested in the scope of
/// the state that owns them, and one edge per branch of ``CoverageModel`` that goes somewhere
/// (retriers are noted on their state instead). Rendered by ``dot(overlay:)`` and
/// ``mermaid(overlay:)``. SPEC-NOTES.md §16.6.
public struct StateGraph: Sendable {
    /// One end of an edge.
    public enum Endpoint: Sendable, Hashable {
        case state(StateID)
        /// The start marker of a scope.
        case start(ScopeID)
        /// The end marker of a scope.
        case end(ScopeID)
    }

    /// How an edge is drawn.
    public enum EdgeStyle: Sendable, Hashable {
        /// Start marker → a scope's `StartAt` state.
        case start
        /// `Next`, `End`, a Choice rule or `Default`.
        case transition
        /// A catcher: dashed.
        case catcher
        /// A Parallel or Map state → the start of one of its branches or its processor: dotted.
        case nested
    }

    public struct Edge: Sendable, Hashable {
        public var from: Endpoint
        public var to: Endpoint
        public var style: EdgeStyle
        /// The label as text (condition, error names, branch name), before escaping.
        public var label: String?
        /// The branch of `from`'s state (its slot in ``CoverageModel/Item/branches``) this edge is.
        public var slot: Int?
    }

    /// A Parallel branch or Map processor.
    public struct Cluster: Sendable, Hashable {
        public var scope: ScopeID
        public var owner: StateID
        public var label: String
    }

    /// The longest label text before it is cut with an ellipsis.
    public static let maximumLabelLength = 40

    public let model: CoverageModel
    public let machine: StateMachine
    public let edges: [Edge]
    public let clusters: [Cluster]
    /// Notes shown under each state's name (its retriers), by state index.
    public let notes: [[String]]
    /// Scopes that have an end marker (a state of theirs ends them by `End` or Succeed).
    public let scopesWithEnd: Set<ScopeID>

    public init(_ resolved: ResolvedStateMachine) {
        let model = CoverageModel(resolved)
        let machine = resolved.machine
        var edges: [Edge] = []
        var clusters: [Cluster] = []
        var notes: [[String]] = []
        var scopesWithEnd: Set<ScopeID> = []
        for scope in machine.scopes {
            edges.append(Edge(from: .start(scope.id), to: .state(resolved.start(of: scope.id)), style: .start))
        }
        for (index, state) in machine.states.enumerated() {
            let item = model.items[index]
            let scope = state.common.scope
            var stateNotes: [String] = []
            for (slot, branch) in item.branches.enumerated() {
                switch branch.kind {
                case .retry:
                    let retrier = state.coverageErrorHandling.retriers[branch.index ?? 0]
                    let attempts = retrier.maxAttempts ?? Retrier.defaultMaxAttempts
                    stateNotes.append(
                        Self.shortened("↻ " + retrier.errorEquals.map(\.rawValue).joined(separator: ", "))
                            + " ×\(attempts)")
                case .end:
                    scopesWithEnd.insert(scope)
                    edges.append(Edge(from: .state(item.id), to: .end(scope), style: .transition, slot: slot))
                case .next:
                    guard let target = branch.target else { continue }
                    edges.append(Edge(from: .state(item.id), to: .state(target), style: .transition, slot: slot))
                case .choice:
                    guard let target = branch.target else { continue }
                    let rule = machine.json[branch.pointer] ?? .null
                    edges.append(
                        Edge(
                            from: .state(item.id), to: .state(target), style: .transition,
                            label: Self.shortened(ConditionText.text(of: rule)), slot: slot))
                case .defaultChoice:
                    guard let target = branch.target else { continue }
                    edges.append(
                        Edge(
                            from: .state(item.id), to: .state(target), style: .transition, label: "Default", slot: slot)
                    )
                case .catcher:
                    guard let target = branch.target else { continue }
                    let names = state.coverageErrorHandling.catchers[branch.index ?? 0].errorEquals.map(\.rawValue)
                    edges.append(
                        Edge(
                            from: .state(item.id), to: .state(target), style: .catcher,
                            label: Self.shortened(names.joined(separator: ", ")), slot: slot))
                }
            }
            notes.append(stateNotes)
            switch state {
            case .parallel(let parallel):
                for (number, branch) in parallel.branches.enumerated() {
                    clusters.append(
                        Cluster(scope: branch, owner: item.id, label: "\(state.name) · branch \(number + 1)"))
                    edges.append(Edge(from: .state(item.id), to: .start(branch), style: .nested))
                }
            case .map(let map):
                clusters.append(Cluster(scope: map.itemProcessor, owner: item.id, label: "\(state.name) · items"))
                edges.append(Edge(from: .state(item.id), to: .start(map.itemProcessor), style: .nested))
            default: break
            }
        }
        self.model = model
        self.machine = machine
        self.edges = edges
        self.clusters = clusters
        self.notes = notes
        self.scopesWithEnd = scopesWithEnd
    }

    /// `text` cut to ``maximumLabelLength`` characters, the last one an ellipsis.
    public static func shortened(_ text: String) -> String {
        guard text.count > maximumLabelLength else { return text }
        return String(text.prefix(maximumLabelLength - 1)) + "…"
    }

    /// The clusters directly inside `scope` (owned by one of its states).
    func clusters(in scope: ScopeID) -> [Cluster] {
        clusters.filter { machine[$0.owner].common.scope == scope }
    }
}
