import StatesLanguage

extension StateGraph {
    /// The graph as a Mermaid `flowchart TD`: node ids are `s<n>`, `start_<n>`, `stop_<n>`,
    /// subgraphs `c<n>`; every label is quoted with Mermaid's entity codes for the characters
    /// that would end or change it. Overlay marks are `classDef`s and `linkStyle`s.
    public func mermaid(overlay: GraphOverlay = GraphOverlay()) -> String {
        var text = "flowchart TD\n"
        mermaidScope(.root, indent: "  ", overlay: overlay, into: &text)
        var linkMarks: [Mark: [Int]] = [:]
        for (index, edge) in edges.enumerated() {
            let label = edgeLabel(index, overlay: overlay).map { "|\(Self.mermaidQuoted($0))|" } ?? ""
            let arrow: String
            switch edge.style {
            case .catcher: arrow = "-.->"
            case .nested: arrow = "-.-"
            case .start, .transition: arrow = "-->"
            }
            text += "  \(nodeID(edge.from)) \(arrow)\(label) \(nodeID(edge.to))\n"
            linkMarks[mark(ofEdge: index, overlay: overlay), default: []].append(index)
        }
        text += "  classDef start fill:#222222,color:#ffffff,stroke:#222222\n"
        text += "  classDef taken stroke:#1f6feb,stroke-width:3px\n"
        text += "  classDef failed fill:#f8d7da,stroke:#d73a49,stroke-width:3px\n"
        text += "  classDef uncovered fill:#ffffff,stroke:#9e9e9e,stroke-dasharray:4 3,color:#9e9e9e\n"
        let markers = machine.scopes.map { nodeID(.start($0.id)) } + scopesWithEnd.sorted().map { nodeID(.end($0)) }
        text += "  class \(markers.joined(separator: ",")) start\n"
        for (mark, name) in [(Mark.taken, "taken"), (.failed, "failed"), (.uncovered, "uncovered")] {
            let ids = model.items.map(\.id).filter { self.mark(of: $0, overlay: overlay) == mark }
            if !ids.isEmpty { text += "  class \(ids.map { nodeID(.state($0)) }.joined(separator: ",")) \(name)\n" }
        }
        if let taken = linkMarks[.taken] {
            text += "  linkStyle \(taken.map(String.init).joined(separator: ",")) stroke:#1f6feb,stroke-width:3px\n"
        }
        if let uncovered = linkMarks[.uncovered] {
            text += "  linkStyle \(uncovered.map(String.init).joined(separator: ",")) "
            text += "stroke:#9e9e9e,stroke-dasharray:4 3,color:#9e9e9e\n"
        }
        return text
    }

    private func mermaidScope(_ scope: ScopeID, indent: String, overlay: GraphOverlay, into text: inout String) {
        text += "\(indent)\(nodeID(.start(scope)))((\"start\"))\n"
        for id in states(in: scope) {
            let label = labelLines(of: id, overlay: overlay).map(Self.mermaidEscaped).joined(separator: "<br>")
            let shape = model.items[id.index].kind == .choice ? ("{\"", "\"}") : ("[\"", "\"]")
            text += "\(indent)\(nodeID(.state(id)))\(shape.0)\(label)\(shape.1)\n"
        }
        if scopesWithEnd.contains(scope) { text += "\(indent)\(nodeID(.end(scope)))(((\"end\")))\n" }
        for cluster in clusters(in: scope) {
            text +=
                "\(indent)subgraph c\(cluster.scope.index)[\(Self.mermaidQuoted(CoverageText.plain(cluster.label, keepingLineBreaks: true)))]\n"
            text += "\(indent)  direction TB\n"
            mermaidScope(cluster.scope, indent: indent + "  ", overlay: overlay, into: &text)
            text += "\(indent)end\n"
        }
    }

    /// `"text"` with Mermaid's entity codes for what would end or change a quoted label.
    static func mermaidQuoted(_ text: String) -> String { "\"" + mermaidEscaped(text) + "\"" }

    /// `#`, `"`, `&`, `<`, `>`, `` ` `` and `|` as Mermaid entity codes (`#quot;` …); a line
    /// break as `<br>` (labels pass through ``CoverageText/plain(_:keepingLineBreaks:)`` first).
    static func mermaidEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "#": result += "#35;"
            case "\"": result += "#quot;"
            case "&": result += "#amp;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "`": result += "#96;"
            case "|": result += "#124;"
            case "\n": result += "<br>"
            default: result.append(character)
            }
        }
        return result
    }
}
