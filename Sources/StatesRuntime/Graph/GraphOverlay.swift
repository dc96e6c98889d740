public import JSONCore
public import StatesLanguage

/// What is drawn over a ``StateGraph``: the path one execution took (from its history) and what
/// tests covered (from a coverage report). SPEC-NOTES.md §16.6.
public struct GraphOverlay: Sendable {
    /// States the execution entered.
    public var takenStates: Set<StateID> = []
    /// States entered and never left: where the execution failed (or a branch was stopped).
    public var failedStates: Set<StateID> = []
    /// Edges (indices into ``StateGraph/edges``) the execution took.
    public var takenEdges: Set<Int> = []
    /// Coverage counts to show; states and edges with none are drawn as not covered.
    public var coverage: CoverageReport?

    public init() {}

    /// The path of one execution, from its history: `{"events": [...]}` as `asl run --history`
    /// writes it and AWS's GetExecutionHistory returns it (or the bare array).
    ///
    /// States are found by name (names are unique across a definition). An edge A → B is taken
    /// when B's entered event follows, through `previousEventId`, A's exited event (a catcher
    /// when a failure event precedes that exit, else `Next`/a rule/`Default`) or A's entered
    /// event with no exit between (a catcher). Several Choice rules to the same state are all
    /// marked: the history does not say which rule matched.
    /// - Throws: ``CoverageError`` when `json` is not a history.
    public static func history(_ json: JSON, graph: StateGraph) throws(CoverageError) -> GraphOverlay {
        let list: [JSON]
        switch json {
        case .array(let events): list = events
        case .object(let object):
            guard case .array(let events)? = object["events"] else {
                throw CoverageError("not a history: an object with an \"events\" array is required")
            }
            list = events
        default: throw CoverageError("not a history: an object with an \"events\" array is required")
        }
        var ids: [CodeUnitString: [StateID]] = [:]
        for state in graph.machine.states { ids[CodeUnitString(state.name), default: []].append(state.id) }
        var events: [Int: HistoryEntry] = [:]
        var ordered: [HistoryEntry] = []
        for (position, value) in list.enumerated() {
            guard let entry = HistoryEntry(value) else {
                throw CoverageError("/events/\(position): an event needs a numeric \"id\" and a string \"type\"")
            }
            // A history of another definition would otherwise draw nothing and still succeed.
            if entry.isEntered, let name = entry.stateName, ids[name] == nil {
                throw CoverageError(
                    "/events/\(position): the definition has no state \(DiagnosticText.quoted(name)); was the history "
                        + "recorded for another definition or an older version of it?")
            }
            events[entry.id] = entry
            ordered.append(entry)
        }
        var overlay = GraphOverlay()
        var balance: [StateID: Int] = [:]
        for entry in ordered {
            guard let name = entry.stateName, let states = ids[name] else { continue }
            if entry.isEntered {
                for state in states {
                    overlay.takenStates.insert(state)
                    balance[state, default: 0] += 1
                    overlay.markStart(of: state, graph: graph)
                }
                if let (source, viaCatch) = Self.source(of: entry, events: events), let sources = ids[source] {
                    overlay.markEdges(from: sources, to: states, viaCatch: viaCatch, graph: graph)
                }
            } else if entry.isExited {
                for state in states { balance[state, default: 0] -= 1 }
                let caught = entry.previous.flatMap { events[$0] }?.isFailure ?? false
                guard !caught else { continue }
                for (index, edge) in graph.edges.enumerated() where edge.style == .transition {
                    if case .state(let from) = edge.from, states.contains(from), case .end = edge.to {
                        overlay.takenEdges.insert(index)
                    }
                }
            }
        }
        overlay.failedStates = Set(balance.filter { $0.value > 0 }.map(\.key))
        return overlay
    }

    /// The state whose exit (or entry, for a catch) leads to `entry`, and whether a catcher led.
    private static func source(of entry: HistoryEntry, events: [Int: HistoryEntry]) -> (String, Bool)? {
        var previous = entry.previous
        var steps = 0
        while let id = previous, id != 0, let event = events[id], steps < events.count {
            steps += 1
            if event.isExited, let name = event.stateName {
                return (name, event.previous.flatMap { events[$0] }?.isFailure ?? false)
            }
            if event.isEntered, let name = event.stateName { return (name, true) }
            previous = event.previous
        }
        return nil
    }

    /// The start edge of the scope `state` begins, and the dotted edge from the Parallel or Map
    /// state that owns that scope.
    private mutating func markStart(of state: StateID, graph: StateGraph) {
        for (index, edge) in graph.edges.enumerated() where edge.style == .start && edge.to == .state(state) {
            takenEdges.insert(index)
            for (nested, owner) in graph.edges.enumerated() where owner.style == .nested && owner.to == edge.from {
                takenEdges.insert(nested)
            }
        }
    }

    private mutating func markEdges(from sources: [StateID], to targets: [StateID], viaCatch: Bool, graph: StateGraph) {
        var candidates: [(index: Int, isCatch: Bool)] = []
        for (index, edge) in graph.edges.enumerated() {
            guard case .state(let from) = edge.from, sources.contains(from), case .state(let to) = edge.to,
                targets.contains(to)
            else { continue }
            candidates.append((index, edge.style == .catcher))
        }
        let matching = candidates.filter { $0.isCatch == viaCatch }
        for candidate in matching.isEmpty ? candidates : matching { takenEdges.insert(candidate.index) }
    }
}

/// The fields of a history event the overlay reads.
private struct HistoryEntry {
    var id: Int
    var previous: Int?
    var type: String
    var stateName: String?

    init?(_ value: JSON) {
        guard case .object(let object) = value, case .number(let id)? = object["id"], let number = id.int64Value,
            case .string(let type)? = object["type"]
        else { return nil }
        self.id = Int(truncatingIfNeeded: number)
        if case .number(let previous)? = object["previousEventId"], let value = previous.int64Value {
            self.previous = Int(truncatingIfNeeded: value)
        }
        self.type = type
        for key in ["stateEnteredEventDetails", "stateExitedEventDetails"] {
            if case .object(let details)? = object[key], case .string(let name)? = details["name"] { stateName = name }
        }
    }

    var isEntered: Bool { type.hasSuffix("StateEntered") }
    var isExited: Bool { type.hasSuffix("StateExited") }
    var isFailure: Bool { type.hasSuffix("Failed") || type.hasSuffix("TimedOut") }
}
