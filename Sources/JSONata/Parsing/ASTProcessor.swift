/// jsonata-js's `processAST`: turns `.` chains into paths of steps, `[…]` into predicates or
/// stages, `{…}` after a path into a group-by, `^(…)` into a sort step, `@`/`#` into tuple
/// bindings, resolves `%` parent slots, and marks tail calls in lambda bodies.
struct ASTProcessor {
    private var ancestorLabel = 0
    private var ancestorIndex = 0
    private var ancestry: [Node] = []
    private var depth = 0
    private var stackGuard: StackGuard?

    mutating func process(_ expr: Node) throws -> Node {
        depth += 1
        defer { depth -= 1 }
        if depth > 24 {
            if stackGuard == nil { stackGuard = StackGuard() }
            if stackGuard?.isExhausted() == true {
                throw EvalError(
                    code: "U1001", position: expr.position,
                    extra: ["message": "The expression is nested too deeply for the stack of this thread"])
            }
        }
        var result: Node
        switch expr.type {
        case .binary:
            switch expr.text {
            case ".":
                result = try processPath(expr)
            case "[":
                result = try process(required(expr.lhs))
                var step = result
                var isStages = false
                if result.type == .path, let last = result.steps.last {
                    step = last
                    isStages = true
                }
                if step.group != nil { throw EvalError(code: "S0209", position: expr.position) }
                let predicate = try process(required(expr.rhs))
                if let seeking = predicate.seekingParent {
                    for slot in seeking {
                        if slot.level == 1 {
                            _ = try seekParent(step, slot)
                        } else {
                            slot.level -= 1
                        }
                    }
                    pushAncestry(step, predicate)
                }
                let stage = Stage(kind: .filter(predicate), position: expr.position)
                if isStages {
                    step.stages = (step.stages ?? []) + [stage]
                } else {
                    step.predicate = (step.predicate ?? []) + [stage]
                }
            case "{":
                result = try process(required(expr.lhs))
                if result.group != nil { throw EvalError(code: "S0210", position: expr.position) }
                var pairs: [(Node, Node)] = []
                for (key, value) in expr.pairs { pairs.append((try process(key), try process(value))) }
                result.group = Group(pairs: pairs, position: expr.position)
            case "^":
                result = try process(required(expr.lhs))
                if result.type != .path {
                    let path = Node(.path, position: result.position)
                    path.steps = [result]
                    result = path
                }
                let sortStep = Node(.sort, position: expr.position)
                for term in expr.terms {
                    let expression = try process(term.expression)
                    pushAncestry(sortStep, expression)
                    sortStep.terms.append(SortTerm(descending: term.descending, expression: expression))
                }
                result.steps.append(sortStep)
                try resolveAncestry(result)
            case ":=":
                result = Node(.bind, text: expr.text, position: expr.position)
                result.lhs = try process(required(expr.lhs))
                result.rhs = try process(required(expr.rhs))
                pushAncestry(result, result.rhs)
            case "@":
                result = try process(required(expr.lhs))
                var step = result
                if result.type == .path, let last = result.steps.last { step = last }
                if step.stages != nil || step.predicate != nil {
                    throw EvalError(code: "S0215", position: expr.position)
                }
                if step.type == .sort { throw EvalError(code: "S0216", position: expr.position) }
                if expr.keepArray { step.keepArray = true }
                step.focus = expr.rhs?.text
                step.tuple = true
            case "#":
                result = try process(required(expr.lhs))
                var step = result
                if result.type == .path, let last = result.steps.last {
                    step = last
                } else {
                    let path = Node(.path, position: result.position)
                    path.steps = [result]
                    result = path
                    if let predicate = step.predicate {
                        step.stages = predicate
                        step.predicate = nil
                    }
                }
                if step.stages == nil {
                    step.indexVariable = expr.rhs?.text
                } else {
                    step.stages?.append(Stage(kind: .index(expr.rhs?.text ?? ""), position: expr.position))
                }
                step.tuple = true
            case "~>":
                result = Node(.apply, text: expr.text, position: expr.position)
                result.lhs = try process(required(expr.lhs))
                result.rhs = try process(required(expr.rhs))
                result.keepArray = (result.lhs?.keepArray ?? false) || (result.rhs?.keepArray ?? false)
            default:
                result = Node(.binary, text: expr.text, position: expr.position)
                result.binaryOperator = BinaryOperator(rawValue: expr.text) ?? .unknown
                result.lhs = try process(required(expr.lhs))
                result.rhs = try process(required(expr.rhs))
                pushAncestry(result, result.lhs)
                pushAncestry(result, result.rhs)
            }
        case .unary:
            result = Node(.unary, text: expr.text, position: expr.position)
            if expr.text == "[" {
                for item in expr.expressions {
                    let value = try process(item)
                    pushAncestry(result, value)
                    result.expressions.append(value)
                }
            } else if expr.text == "{" {
                for (key, value) in expr.pairs {
                    let processedKey = try process(key)
                    pushAncestry(result, processedKey)
                    let processedValue = try process(value)
                    pushAncestry(result, processedValue)
                    result.pairs.append((processedKey, processedValue))
                }
            } else {
                let operand = try process(required(expr.expression))
                if expr.text == "-", operand.type == .number, case .number(let number)? = operand.literal {
                    result = operand
                    result.literal = .number(-number)
                } else {
                    result.expression = operand
                    pushAncestry(result, operand)
                }
            }
        case .function, .partial:
            result = Node(expr.type, text: expr.text, position: expr.position)
            for argument in expr.arguments {
                let processed = try process(argument)
                pushAncestry(result, processed)
                result.arguments.append(processed)
            }
            result.procedure = try process(required(expr.procedure))
        case .lambda:
            result = Node(.lambda, position: expr.position)
            result.arguments = expr.arguments
            result.signature = expr.signature
            result.body = tailCallOptimize(try process(required(expr.body)))
        case .condition:
            result = Node(.condition, position: expr.position)
            result.condition = try process(required(expr.condition))
            pushAncestry(result, result.condition)
            result.then = try process(required(expr.then))
            pushAncestry(result, result.then)
            if let otherwise = expr.otherwise {
                result.otherwise = try process(otherwise)
                pushAncestry(result, result.otherwise)
            }
        case .transform:
            result = Node(.transform, position: expr.position)
            result.pattern = try process(required(expr.pattern))
            result.update = try process(required(expr.update))
            if let delete = expr.delete { result.delete = try process(delete) }
        case .block:
            result = Node(.block, position: expr.position)
            for item in expr.expressions {
                let part = try process(item)
                pushAncestry(result, part)
                if part.consArray || (part.type == .path && part.steps.first?.consArray == true) {
                    result.consArray = true
                }
                result.expressions.append(part)
            }
        case .name:
            result = Node(.path, position: expr.position)
            result.steps = [expr]
            if expr.keepArray { result.keepSingletonArray = true }
        case .parent:
            result = Node(.parent, position: expr.position)
            result.slot = ParentSlot(label: "!\(ancestorLabel)", level: 1, index: ancestorIndex)
            ancestorLabel += 1
            ancestorIndex += 1
            ancestry.append(result)
        case .string, .number, .value, .wildcard, .descendant, .variable, .regex, .placeholder:
            result = expr
        case .op:
            if expr.text == "and" || expr.text == "or" || expr.text == "in" {
                expr.type = .name
                result = try process(expr)
            } else if expr.text == "?" {
                result = expr
            } else {
                throw EvalError(code: "S0201", position: expr.position, token: expr.text)
            }
        case .end:
            throw EvalError(code: "S0207", position: expr.position, token: "(end)")
        case .path, .bind, .apply, .sort:
            result = expr
        }
        if expr.keepArray { result.keepArray = true }
        return result
    }

    private func required(_ node: Node?) throws -> Node {
        guard let node else { throw EvalError(code: "S0207") }
        return node
    }

    private mutating func processPath(_ expr: Node) throws -> Node {
        let leftStep = try process(required(expr.lhs))
        let result: Node
        if leftStep.type == .path {
            result = leftStep
        } else {
            result = Node(.path, position: leftStep.position)
            result.steps = [leftStep]
        }
        if leftStep.type == .parent, let slot = leftStep.slot { result.seekingParent = [slot] }
        let rest = try process(required(expr.rhs))
        if rest.type == .path {
            result.steps.append(contentsOf: rest.steps)
        } else {
            if let predicate = rest.predicate {
                rest.stages = predicate
                rest.predicate = nil
            }
            result.steps.append(rest)
        }
        for step in result.steps {
            if step.type == .number || step.type == .value {
                throw EvalError(code: "S0213", position: step.position, value: step.literal)
            }
            if step.type == .string { step.type = .name }
        }
        if result.steps.contains(where: { $0.keepArray }) { result.keepSingletonArray = true }
        if let first = result.steps.first, first.type == .unary, first.text == "[" { first.consArray = true }
        if let last = result.steps.last, last.type == .unary, last.text == "[" { last.consArray = true }
        try resolveAncestry(result)
        return result
    }

    private func tailCallOptimize(_ expr: Node) -> Node {
        if expr.type == .function && expr.predicate == nil {
            let thunk = Node(.lambda, position: expr.position)
            thunk.thunk = true
            thunk.body = expr
            return thunk
        } else if expr.type == .condition {
            if let then = expr.then { expr.then = tailCallOptimize(then) }
            if let otherwise = expr.otherwise { expr.otherwise = tailCallOptimize(otherwise) }
        } else if expr.type == .block, let last = expr.expressions.last {
            expr.expressions[expr.expressions.count - 1] = tailCallOptimize(last)
        }
        return expr
    }

    private func seekParent(_ node: Node, _ slot: ParentSlot) throws -> ParentSlot {
        var slot = slot
        switch node.type {
        case .name, .wildcard:
            slot.level -= 1
            if slot.level == 0 {
                if let ancestor = node.ancestor {
                    ancestry[slot.index].slot?.label = ancestor.label
                    node.ancestor = slot
                } else {
                    node.ancestor = slot
                }
                node.tuple = true
            }
        case .parent:
            slot.level += 1
        case .block:
            if let last = node.expressions.last {
                node.tuple = true
                slot = try seekParent(last, slot)
            }
        case .path:
            node.tuple = true
            var index = node.steps.count - 1
            slot = try seekParent(node.steps[index], slot)
            index -= 1
            while slot.level > 0 && index >= 0 {
                slot = try seekParent(node.steps[index], slot)
                index -= 1
            }
        default:
            throw EvalError(code: "S0217", position: node.position, token: node.type.jsName)
        }
        return slot
    }

    private func pushAncestry(_ result: Node, _ value: Node?) {
        guard let value else { return }
        guard value.seekingParent != nil || value.type == .parent else { return }
        var slots = value.seekingParent ?? []
        if value.type == .parent, let slot = value.slot { slots.append(slot) }
        if result.seekingParent == nil {
            result.seekingParent = slots
        } else {
            result.seekingParent?.append(contentsOf: slots)
        }
    }

    private func resolveAncestry(_ path: Node) throws {
        guard let last = path.steps.last else { return }
        var slots = last.seekingParent ?? []
        if last.type == .parent, let slot = last.slot { slots.append(slot) }
        for original in slots {
            var slot = original
            var index = path.steps.count - 2
            while slot.level > 0 {
                if index < 0 {
                    if path.seekingParent == nil {
                        path.seekingParent = [slot]
                    } else {
                        path.seekingParent?.append(slot)
                    }
                    break
                }
                var step = path.steps[index]
                index -= 1
                while index >= 0 && step.focus != nil && path.steps[index].focus != nil {
                    step = path.steps[index]
                    index -= 1
                }
                slot = try seekParent(step, slot)
            }
        }
    }
}
