import StatesLanguage

/// What the DOT and Mermaid renderers share: labels, and how the overlay marks each node and edge.
extension StateGraph {
    enum Mark {
        case plain
        case taken
        case failed
        case uncovered
    }

    /// A node's label lines: name, type, retriers, and the entered count under coverage.
    func labelLines(of id: StateID, overlay: GraphOverlay) -> [String] {
        let item = model.items[id.index]
        var lines = CoverageText.plain(item.name, keepingLineBreaks: true).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        lines.append(item.kind.rawValue)
        let fired = overlay.coverage.map { $0.counts.branches[id.index] }
        var retry = 0
        for (slot, branch) in item.branches.enumerated() where branch.kind == .retry {
            var note = notes[id.index].indices.contains(retry) ? notes[id.index][retry] : "↻"
            if let fired { note += " (fired \(fired[slot]))" }
            lines.append(CoverageText.plain(note))
            retry += 1
        }
        if let coverage = overlay.coverage { lines.append("entered \(coverage.counts.entered[id.index])") }
        return lines
    }

    func mark(of id: StateID, overlay: GraphOverlay) -> Mark {
        if overlay.failedStates.contains(id) { return .failed }
        if overlay.takenStates.contains(id) { return .taken }
        if let coverage = overlay.coverage, coverage.counts.entered[id.index] == 0 { return .uncovered }
        return .plain
    }

    /// How many times edge `index` was taken under coverage (`nil` without coverage or for a
    /// nested edge): its branch's count, or for a start edge the entries of its state.
    func count(ofEdge index: Int, overlay: GraphOverlay) -> Int? {
        guard let coverage = overlay.coverage else { return nil }
        let edge = edges[index]
        if edge.style == .start, case .state(let target) = edge.to { return coverage.counts.entered[target.index] }
        // A branch or processor: how often its first state was entered.
        if edge.style == .nested, case .start(let scope) = edge.to, let target = startState(of: scope) {
            return coverage.counts.entered[target.index]
        }
        guard case .state(let from) = edge.from, let slot = edge.slot else { return nil }
        return coverage.counts.branches[from.index][slot]
    }

    func mark(ofEdge index: Int, overlay: GraphOverlay) -> Mark {
        if overlay.takenEdges.contains(index) { return .taken }
        if count(ofEdge: index, overlay: overlay) == 0 { return .uncovered }
        return .plain
    }

    /// The edge's label: its text, and its count under coverage.
    func edgeLabel(_ index: Int, overlay: GraphOverlay) -> String? {
        let text = edges[index].label.map { CoverageText.plain($0, keepingLineBreaks: true) }
        guard let count = count(ofEdge: index, overlay: overlay) else { return text }
        return (text.map { $0 + " " } ?? "") + "×\(count)"
    }

    /// The first state of `scope` (the target of its start edge).
    func startState(of scope: ScopeID) -> StateID? {
        for edge in edges where edge.from == .start(scope) {
            if case .state(let target) = edge.to { return target }
        }
        return nil
    }

    func nodeID(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .state(let id): "s\(id.index)"
        case .start(let scope): "start_\(scope.index)"
        case .end(let scope): "stop_\(scope.index)"
        }
    }

    /// The states of `scope` in definition order.
    func states(in scope: ScopeID) -> [StateID] { machine[scope: scope].states }
}
