/// A node of the expression tree, as jsonata-js's parser builds it and its `processAST` pass
/// rewrites it (paths of steps, predicates and stages, tuple bindings, parent slots).
///
/// One class with optional parts mirrors jsonata-js's plain objects; the evaluator switches on
/// `type`. `position` is the UTF-8 offset just past the node's token in the expression, which is
/// where jsonata-js reports errors.
final class Node {
    enum Kind {
        // Raw parse node kinds
        case name, variable, string, number, value, regex, op, end
        case binary, unary, function, partial, lambda, condition, transform, block
        case wildcard, descendant, parent
        // Kinds made by processAST
        case path, bind, apply, sort
        case placeholder  // the `?` of a partial application
    }

    var type: Kind
    /// The operator of a `.binary` node, resolved once so evaluation switches on an enum.
    var binaryOperator: BinaryOperator = .unknown
    /// The token's text: the operator, the name, the variable name, the string literal.
    var text: String
    /// The literal: a string, number, boolean or null.
    var literal: Value?
    var regex: RegexProgram?
    var position: Int

    var lhs: Node?
    var rhs: Node?
    var expression: Node?
    var expressions: [Node] = []
    var steps: [Node] = []
    var arguments: [Node] = []
    var procedure: Node?
    var condition: Node?
    var then: Node?
    var otherwise: Node?
    var pattern: Node?
    var update: Node?
    var delete: Node?
    var body: Node?
    var signature: Signature?
    var thunk = false
    /// Object constructor pairs (`{k: v}`) or group-by pairs.
    var pairs: [(Node, Node)] = []
    var terms: [SortTerm] = []

    var predicate: [Stage]?
    var stages: [Stage]?
    var group: Group?
    var focus: String?
    var indexVariable: String?
    var tuple = false
    var ancestor: ParentSlot?
    var slot: ParentSlot?
    var seekingParent: [ParentSlot]?
    var keepArray = false
    var keepSingletonArray = false
    var consArray = false

    init(_ type: Kind, text: String = "", position: Int) {
        self.type = type
        self.text = text
        self.position = position
    }
}

extension Node {
    /// A step with nothing but its own kind: no predicate, stage, group, focus (`@`), index
    /// (`#`), parent slot, tuple binding or keep-array (`[]`).
    var isPlainStep: Bool {
        predicate == nil && stages == nil && group == nil && focus == nil && indexVariable == nil && !tuple
            && ancestor == nil && slot == nil && seekingParent == nil && !keepArray && !consArray
    }
}

extension Node.Kind {
    /// The node type's name in jsonata-js (the S0217 error's token).
    var jsName: String {
        switch self {
        case .op: "operator"
        case .end: "(end)"
        case .placeholder: "operator"
        default: "\(self)"
        }
    }
}

struct SortTerm {
    var descending: Bool
    var expression: Node
}

struct Stage {
    enum Kind {
        case filter(Node)
        case index(String)
    }
    var kind: Kind
    var position: Int
}

struct Group {
    var pairs: [(Node, Node)]
    var position: Int
}

/// The `%` parent operator's slot (jsonata-js `{label, level, index}`), shared and updated while
/// ancestry is resolved.
final class ParentSlot {
    var label: String
    var level: Int
    let index: Int

    init(label: String, level: Int, index: Int) {
        self.label = label
        self.level = level
        self.index = index
    }
}

/// The operators a `.binary` node evaluates.
enum BinaryOperator: String {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case concatenate = "&"
    case range = ".."
    case includes = "in"
    case and, or
    case unknown = ""
}
