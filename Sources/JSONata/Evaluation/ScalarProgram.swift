import JSONCore

/// The simplest expressions, compiled once into a tree that evaluates over the host's bindings
/// without the evaluator: variables, plain field chains from a variable (`$states.input.n`),
/// number, string, boolean and null literals, arithmetic (`+ - * / %`) and comparison
/// (`= != < <= > >=`) over them. These are most of what a state machine writes (`$i + 1`,
/// `$i < $states.input.n`), and the general evaluation of one costs an evaluator, a frame and a
/// walk over values.
///
/// Only the plain case runs here: every value met is a finite number, a string, a boolean or
/// null, and every operation is one that succeeds. Anything else (an undefined variable, an
/// array or object, a type error, a non-finite number, a member the host must compute) gives
/// `nil`, and the expression is evaluated by the general evaluator, which gives the result or
/// the error it always gave: the expressions are pure, so evaluating again changes nothing.
/// Rationale: SPEC-NOTES.md §13.4.
indirect enum ScalarProgram {
    case literal(Scalar)
    /// `$name`: a host binding.
    case variable(String)
    /// `$name.a.b`: a host binding, then members of JSON objects.
    case chain(String, [String])
    case arithmetic(BinaryOperator, ScalarProgram, ScalarProgram)
    case comparison(BinaryOperator, ScalarProgram, ScalarProgram)

    /// A JSON scalar as the engine sees it.
    enum Scalar {
        case number(Double)
        case string(String)
        case bool(Bool)
        case null
    }

    /// The deepest tree compiled (the general evaluator's depth limit must stay out of reach).
    static let maximumHeight = 16

    /// The program for `node`, or `nil` when the expression is not of this simple kind.
    init?(_ node: Node) {
        guard let (program, _) = Self.compile(node) else { return nil }
        self = program
    }

    /// The program and its height.
    private static func compile(_ node: Node) -> (ScalarProgram, Int)? {
        guard node.predicate == nil, node.group == nil, node.stages == nil, !node.keepArray, !node.tuple,
            node.focus == nil, node.indexVariable == nil
        else { return nil }
        switch node.type {
        case .number:
            guard case .number(let number)? = node.literal, number.isFinite else { return nil }
            return (.literal(.number(number)), 1)
        case .string:
            guard case .string(let string)? = node.literal else { return nil }
            return (.literal(.string(string)), 1)
        case .value:
            switch node.literal {
            case .bool(let flag)?: return (.literal(.bool(flag)), 1)
            case .null?: return (.literal(.null), 1)
            default: return nil
            }
        case .variable:
            guard !node.text.isEmpty, node.text != "$" else { return nil }
            return (.variable(node.text), 1)
        case .path:
            guard node.group == nil, !node.keepSingletonArray, let first = node.steps.first,
                first.type == .variable, first.isPlainStep, !first.text.isEmpty, first.text != "$",
                node.steps.count > 1, node.steps.count <= maximumHeight
            else { return nil }
            var fields: [String] = []
            for step in node.steps.dropFirst() {
                guard step.type == .name, step.isPlainStep else { return nil }
                fields.append(step.text)
            }
            return (.chain(first.text, fields), 2)
        case .binary:
            guard let lhs = node.lhs, let rhs = node.rhs, let (left, leftHeight) = compile(lhs),
                let (right, rightHeight) = compile(rhs)
            else { return nil }
            let height = max(leftHeight, rightHeight) + 1
            guard height <= maximumHeight else { return nil }
            switch node.binaryOperator {
            case .add, .subtract, .multiply, .divide, .modulo:
                return (.arithmetic(node.binaryOperator, left, right), height)
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                return (.comparison(node.binaryOperator, left, right), height)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// The result as JSON, or `nil` when the general evaluator must decide.
    func run(bindings: [CodeUnitString: JSON], hostBindings: [JSONata.Binding.Member]) -> JSON? {
        guard let value = evaluate(bindings, hostBindings) else { return nil }
        switch value {
        case .number(let number):
            let text = jsNumberString(number)
            let isInteger = !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") })
            return .number(JSONNumber(uncheckedText: text, isInteger: isInteger))
        case .string(let string): return .string(string)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        }
    }

    private func evaluate(_ bindings: [CodeUnitString: JSON], _ hostBindings: [JSONata.Binding.Member]) -> Scalar? {
        switch self {
        case .literal(let scalar):
            return scalar
        case .variable(let name):
            // The order the evaluation's root frame looks names up in: host bindings, then JSON.
            if hostBindings.contains(where: { $0.key.hasSameCodeUnits(as: name) }) { return nil }
            return bindings[name].flatMap(Self.scalar)
        case .chain(let name, let fields):
            var current: JSON
            var rest = fields[...]
            if let member = hostBindings.first(where: { $0.key.hasSameCodeUnits(as: name) }) {
                switch member.value {
                case .json(let json): current = json
                case .object(let object):
                    guard let first = rest.popFirst(), let ready = object.readyMember(first) else { return nil }
                    current = ready
                }
            } else {
                guard let json = bindings[name] else { return nil }
                current = json
            }
            for field in rest {
                guard case .object(let object) = current, let member = object[field] else { return nil }
                current = member
            }
            return Self.scalar(current)
        case .arithmetic(let op, let lhs, let rhs):
            guard case .number(let a)? = lhs.evaluate(bindings, hostBindings),
                case .number(let b)? = rhs.evaluate(bindings, hostBindings)
            else { return nil }
            let result: Double
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide: result = a / b
            default: result = a.truncatingRemainder(dividingBy: b)
            }
            return result.isFinite ? .number(result) : nil
        case .comparison(let op, let lhs, let rhs):
            guard let left = lhs.evaluate(bindings, hostBindings), let right = rhs.evaluate(bindings, hostBindings)
            else { return nil }
            return Self.compare(op, left, right)
        }
    }

    /// A JSON scalar with a finite number, or `nil`.
    private static func scalar(_ json: JSON) -> Scalar? {
        switch json {
        case .number(let number):
            let value = Value.double(number)
            return value.isFinite ? .number(value) : nil
        case .string(let string): return .string(string)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .array, .object: return nil
        }
    }

    /// jsonata-js's `=`/`!=` (deep equality, here of scalars) and its ordering of two numbers or
    /// two strings; any other ordering is an error the general evaluator reports.
    private static func compare(_ op: BinaryOperator, _ left: Scalar, _ right: Scalar) -> Scalar? {
        if op == .equal || op == .notEqual {
            let equal: Bool
            switch (left, right) {
            case (.number(let a), .number(let b)): equal = a == b
            case (.string(let a), .string(let b)): equal = a.hasSameCodeUnits(as: b)
            case (.bool(let a), .bool(let b)): equal = a == b
            case (.null, .null): equal = true
            default: equal = false
            }
            return .bool(op == .equal ? equal : !equal)
        }
        let order: Int
        switch (left, right) {
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)): order = a.hasSameCodeUnits(as: b) ? 0 : (jsLess(a, b) ? -1 : 1)
        default: return nil
        }
        switch op {
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }
}
