extension JSONata {
    /// What an expression refers to outside itself, for a host's definition-time checks (AWS
    /// refuses some of these when a state machine is created).
    ///
    ///     try JSONata.Expression(parsing: "phone & $x.a & $states.input").references()
    ///     // topLevelFields: [phone@0], variables: [x@…], statesFields: [input@…]
    public struct References: Sendable, Hashable {
        /// A name and the UTF-8 offset where it is written.
        public struct Named: Sendable, Hashable {
            public var name: String
            public var position: Int
        }

        /// Field names read from the context the expression starts with (the first step of a
        /// path at the top level, or in a lambda defined there): `phone` in `phone.number`.
        public var topLevelFields: [Named] = []
        /// Each `$$` (the root context).
        public var rootReferences: [Int] = []
        /// The field read right after `$states` (`input` in `$states.input.a`), at the `$states`.
        public var statesFields: [Named] = []
        /// Variables read and not bound inside the expression (by `:=`, a lambda parameter, `@`
        /// or `#`), leaving out `$`, `$$`, `$states` and the names of called functions.
        public var variables: [Named] = []
    }
}

extension JSONata.Expression {
    /// The references of the whole expression, in the order they are written.
    public func references() -> JSONata.References {
        var walker = ReferenceWalker()
        walker.visit(root, topLevel: true)
        var references = walker.references
        references.variables.removeAll { walker.bound.contains($0.name) }
        let order: (JSONata.References.Named, JSONata.References.Named) -> Bool = { $0.position < $1.position }
        references.topLevelFields.sort(by: order)
        references.statesFields.sort(by: order)
        references.variables.sort(by: order)
        references.rootReferences.sort()
        return references
    }
}

/// Walks the processed tree, knowing whether the context at each node is the expression's own
/// starting context (`topLevel`) or a value reached through a path step, predicate or the like.
private struct ReferenceWalker {
    var references = JSONata.References()
    var bound: Set<String> = []

    mutating func visit(_ node: Node?, topLevel: Bool) {
        guard let node else { return }
        switch node.type {
        case .path:
            for (index, step) in node.steps.enumerated() {
                if index == 0, step.type == .name, topLevel {
                    references.topLevelFields.append(.init(name: step.text, position: start(of: step, prefix: 0)))
                }
                if index == 1, step.type == .name, node.steps[0].type == .variable, node.steps[0].text == "states" {
                    references.statesFields.append(
                        .init(name: step.text, position: start(of: node.steps[0], prefix: 1)))
                }
                visit(step, topLevel: index == 0 && topLevel)
            }
            visitGroup(node)
            return
        case .variable:
            record(variable: node)
        case .bind:
            if let name = node.lhs, name.type == .variable { bound.insert(name.text) }
            visit(node.rhs, topLevel: topLevel)
            return
        case .lambda:
            for parameter in node.arguments where parameter.type == .variable { bound.insert(parameter.text) }
            visit(node.body, topLevel: topLevel)
            return
        case .function, .partial:
            if let procedure = node.procedure, procedure.type != .variable { visit(procedure, topLevel: topLevel) }
            for argument in node.arguments { visit(argument, topLevel: topLevel) }
            visitGroup(node)
            return
        case .transform:
            visit(node.pattern, topLevel: false)
            visit(node.update, topLevel: false)
            visit(node.delete, topLevel: false)
            return
        case .sort:
            for term in node.terms { visit(term.expression, topLevel: false) }
        default:
            break
        }
        for child in [
            node.lhs, node.rhs, node.expression, node.procedure, node.condition, node.then, node.otherwise, node.body,
        ] {
            visit(child, topLevel: topLevel)
        }
        for child in node.expressions + node.arguments { visit(child, topLevel: topLevel) }
        for (key, value) in node.pairs {
            visit(key, topLevel: topLevel)
            visit(value, topLevel: topLevel)
        }
        visitGroup(node)
    }

    /// Predicates, stages and grouping run against the node's results, not its context.
    private mutating func visitGroup(_ node: Node) {
        if let focus = node.focus { bound.insert(focus) }
        if let index = node.indexVariable { bound.insert(index) }
        for stage in (node.predicate ?? []) + (node.stages ?? []) {
            switch stage.kind {
            case .filter(let filter): visit(filter, topLevel: false)
            case .index(let name): bound.insert(name)
            }
        }
        for (key, value) in node.group?.pairs ?? [] {
            visit(key, topLevel: false)
            visit(value, topLevel: false)
        }
    }

    private mutating func record(variable node: Node) {
        switch node.text {
        case "$": references.rootReferences.append(start(of: node, prefix: 1))
        case "", "states": break
        default: references.variables.append(.init(name: node.text, position: start(of: node, prefix: 1)))
        }
    }

    /// The lexer records the offset just past a token; a name or `$name` starts its length
    /// (plus the `$`) earlier, or one byte more each side when written in backquotes.
    private func start(of node: Node, prefix: Int) -> Int {
        max(0, node.position - node.text.utf8.count - prefix)
    }
}
