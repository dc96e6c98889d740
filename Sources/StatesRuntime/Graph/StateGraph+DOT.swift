import StatesLanguage

extension StateGraph {
    /// The graph in Graphviz's DOT language (`dot -Tsvg`): clusters for Parallel branches and Map
    /// processors, Catch edges dashed, start and end as circles; with `overlay`, the execution's
    /// path in blue (the failed state red) and what coverage missed in grey dashes.
    public func dot(overlay: GraphOverlay = GraphOverlay()) -> String {
        var text = "digraph \"state machine\" {\n"
        text += "  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=11];\n"
        text += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n"
        text += "  edge [fontname=\"Helvetica\", fontsize=10];\n"
        dotScope(.root, indent: "  ", overlay: overlay, into: &text)
        for (index, edge) in edges.enumerated() {
            var attributes: [String] = []
            if let label = edgeLabel(index, overlay: overlay) { attributes.append("label=\(Self.dotQuoted(label))") }
            switch edge.style {
            case .catcher: attributes.append("style=dashed")
            case .nested: attributes += ["style=dotted", "arrowhead=empty"]
            case .start, .transition: break
            }
            switch mark(ofEdge: index, overlay: overlay) {
            case .taken, .failed: attributes += ["color=\"#1f6feb\"", "penwidth=2.5"]
            case .uncovered: attributes += ["color=\"#9e9e9e\"", "fontcolor=\"#9e9e9e\"", "style=dashed"]
            case .plain: break
            }
            text += "  \(nodeID(edge.from)) -> \(nodeID(edge.to))"
            text += attributes.isEmpty ? ";\n" : " [\(attributes.joined(separator: ", "))];\n"
        }
        return text + "}\n"
    }

    private func dotScope(_ scope: ScopeID, indent: String, overlay: GraphOverlay, into text: inout String) {
        text += "\(indent)\(nodeID(.start(scope))) [label=\"start\", shape=circle, fontsize=9, "
        text += "style=filled, fillcolor=\"#222222\", fontcolor=\"#ffffff\"];\n"
        for id in states(in: scope) {
            var attributes = ["label=\(Self.dotQuoted(labelLines(of: id, overlay: overlay).joined(separator: "\n")))"]
            attributes.append("fillcolor=\"\(Self.fill(model.items[id.index].kind))\"")
            switch mark(of: id, overlay: overlay) {
            case .taken: attributes += ["color=\"#1f6feb\"", "penwidth=2.5"]
            case .failed: attributes += ["color=\"#d73a49\"", "fillcolor=\"#f8d7da\"", "penwidth=2.5"]
            case .uncovered: attributes += ["color=\"#9e9e9e\"", "fontcolor=\"#9e9e9e\"", "style=\"rounded,dashed\""]
            case .plain: break
            }
            text += "\(indent)\(nodeID(.state(id))) [\(attributes.joined(separator: ", "))];\n"
        }
        if scopesWithEnd.contains(scope) {
            text += "\(indent)\(nodeID(.end(scope))) [label=\"end\", shape=doublecircle, fontsize=9, "
            text += "style=filled, fillcolor=\"#222222\", fontcolor=\"#ffffff\"];\n"
        }
        for cluster in clusters(in: scope) {
            text += "\(indent)subgraph cluster_\(cluster.scope.index) {\n"
            text += "\(indent)  label=\(Self.dotQuoted(CoverageText.plain(cluster.label, keepingLineBreaks: true)));\n"
            text += "\(indent)  style=\"rounded,dashed\"; color=\"#888888\";\n"
            dotScope(cluster.scope, indent: indent + "  ", overlay: overlay, into: &text)
            text += "\(indent)}\n"
        }
    }

    static func fill(_ kind: StateKind) -> String {
        switch kind {
        case .task: "#e8f0fe"
        case .choice: "#fff8dc"
        case .pass: "#f1f3f4"
        case .wait: "#f3e8fd"
        case .succeed: "#e6f4ea"
        case .fail: "#fce8e6"
        case .parallel, .map: "#fef7e0"
        }
    }

    /// `text` as a DOT quoted string: `"` and `\` escaped, each line break `\n` (a centred line).
    /// Control characters were already written out (`\u{…}`) by the label builders.
    static func dotQuoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
