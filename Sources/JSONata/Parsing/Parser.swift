/// jsonata-js's Pratt parser (`src/parser.js`): tokens to a raw tree, then `processAST` to the
/// tree the evaluator walks.
struct Parser {
    private var lexer: Lexer
    private var node: Node
    /// The current token's symbol id: the operator text, or `(name)`, `(literal)`, `(regex)`,
    /// `(end)`.
    private var id: String
    private let sourceLength: Int
    private var depth = 0
    let maximumDepth: Int
    private var stackGuard: StackGuard?

    init(_ source: String, maximumDepth: Int) {
        lexer = Lexer(source)
        sourceLength = source.utf8.count
        node = Node(.end, position: 0)
        id = "(end)"
        self.maximumDepth = maximumDepth
    }

    static func parse(_ source: String, maximumDepth: Int) throws -> Node {
        var parser = Parser(source, maximumDepth: maximumDepth)
        try parser.advance()
        let expression = try parser.expression(0)
        if parser.id != "(end)" {
            throw EvalError(code: "S0201", position: parser.node.position, token: parser.node.text)
        }
        var processor = ASTProcessor()
        let result = try processor.process(expression)
        if result.type == .parent || result.seekingParent != nil {
            // jsonata-js's path and parent nodes carry no position.
            let position = result.type == .parent || result.type == .path ? nil : result.position
            throw EvalError(code: "S0217", position: position, token: result.type.jsName)
        }
        return result
    }

    private static let knownOperators: Set<String> = [
        ":", ";", ",", ")", "]", "}", "..", ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&",
        "and", "or", "in", "~>", "**", "(", "[", "^", "{", ":=", "@", "#", "?", "|",
    ]

    private static func bindingPower(_ id: String) -> Int {
        switch id {
        case ".": 75
        case "[", "(", "@", "#": 80
        case "{": 70
        case "?": 20
        case "+", "-", "&": 50
        case "*", "/", "%": 60
        case "=", "<", ">", "^", "!=", "<=", ">=", "~>", "in": 40
        case ":=": 10
        case "and": 30
        case "or": 25
        default: 0
        }
    }

    private var lbp: Int { Self.bindingPower(id) }

    private mutating func advance(_ expected: String? = nil, infix: Bool = false) throws {
        if let expected, id != expected {
            throw EvalError(
                code: id == "(end)" ? "S0203" : "S0202", position: node.position,
                token: id == "(end)" ? "(end)" : node.text, value: .string(expected))
        }
        guard let token = try lexer.next(infix: infix) else {
            node = Node(.end, text: "(end)", position: sourceLength)
            id = "(end)"
            return
        }
        switch token.kind {
        case .name, .variable:
            node = Node(token.kind == .name ? .name : .variable, text: token.text, position: token.position)
            id = "(name)"
        case .op:
            guard Self.knownOperators.contains(token.text) else {
                throw EvalError(code: "S0204", position: token.position, token: token.text)
            }
            node = Node(.op, text: token.text, position: token.position)
            id = token.text
        case .string, .number, .value:
            let kind: Node.Kind = token.kind == .string ? .string : token.kind == .number ? .number : .value
            node = Node(kind, text: token.text, position: token.position)
            node.literal = token.literal
            id = "(literal)"
        case .regex:
            node = Node(.regex, text: token.text, position: token.position)
            node.regex = token.regex
            id = "(regex)"
        }
    }

    /// Parses one (sub)expression. `depth` counts the height of the tree being built: one for
    /// each nested call and one for each operator a call chains onto its left operand, so a
    /// long chain (`1+1+1+…`) is bounded like deep nesting is.
    private mutating func expression(_ rbp: Int) throws -> Node {
        let savedDepth = depth
        depth += 1
        defer { depth = savedDepth }
        try checkDepth()
        var token = node
        var tokenID = id
        try advance(nil, infix: true)
        var left = try nud(token, tokenID)
        while rbp < lbp {
            depth += 1
            try checkDepth()
            token = node
            tokenID = id
            try advance()
            left = try led(token, tokenID, left)
        }
        return left
    }

    private mutating func checkDepth() throws {
        if depth > 24 {
            if stackGuard == nil { stackGuard = StackGuard() }
            if stackGuard?.isExhausted() == true {
                throw EvalError(
                    code: "U1001", position: node.position,
                    extra: ["message": "The expression is nested too deeply for the stack of this thread"])
            }
        }
        if depth > maximumDepth {
            throw EvalError(
                code: "U1001", position: node.position,
                extra: ["message": "The expression is nested more than \(maximumDepth) levels deep"])
        }
    }

    // MARK: prefix position

    private mutating func nud(_ token: Node, _ tokenID: String) throws -> Node {
        switch tokenID {
        case "(end)", "(name)", "(literal)", "(regex)", "and", "or", "in":
            return token
        case "-":
            token.type = .unary
            token.expression = try expression(70)
            return token
        case "*":
            token.type = .wildcard
            return token
        case "**":
            token.type = .descendant
            return token
        case "%":
            token.type = .parent
            return token
        case "(":
            var expressions: [Node] = []
            while id != ")" {
                expressions.append(try expression(0))
                if id != ";" { break }
                try advance(";")
            }
            try advance(")", infix: true)
            token.type = .block
            token.expressions = expressions
            return token
        case "[":
            var items: [Node] = []
            if id != "]" {
                while true {
                    var item = try expression(0)
                    if id == ".." {
                        let range = Node(.binary, text: "..", position: node.position)
                        range.lhs = item
                        try advance("..")
                        range.rhs = try expression(0)
                        item = range
                    }
                    items.append(item)
                    if id != "," { break }
                    try advance(",")
                }
            }
            try advance("]", infix: true)
            token.expressions = items
            token.type = .unary
            return token
        case "{":
            return try objectConstructor(token, left: nil)
        case "|":
            token.type = .transform
            token.pattern = try expression(0)
            try advance("|")
            token.update = try expression(0)
            if id == "," {
                try advance(",")
                token.delete = try expression(0)
            }
            try advance("|")
            return token
        default:
            throw EvalError(code: "S0211", position: token.position, token: token.text)
        }
    }

    // MARK: infix position

    private mutating func led(_ token: Node, _ tokenID: String, _ left: Node) throws -> Node {
        switch tokenID {
        case ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&", "and", "or", "in", "~>":
            token.lhs = left
            token.rhs = try expression(Self.bindingPower(tokenID))
            token.type = .binary
            return token
        case "(":
            return try functionCall(token, left)
        case "[":
            if id == "]" {
                var step: Node? = left
                while let current = step, current.type == .binary, current.text == "[" { step = current.lhs }
                step?.keepArray = true
                try advance("]")
                return left
            }
            token.lhs = left
            token.rhs = try expression(0)
            token.type = .binary
            try advance("]", infix: true)
            return token
        case "^":
            try advance("(")
            var terms: [SortTerm] = []
            while true {
                var descending = false
                if id == "<" {
                    try advance("<")
                } else if id == ">" {
                    descending = true
                    try advance(">")
                }
                terms.append(SortTerm(descending: descending, expression: try expression(0)))
                if id != "," { break }
                try advance(",")
            }
            try advance(")")
            token.lhs = left
            token.terms = terms
            token.type = .binary
            return token
        case "{":
            return try objectConstructor(token, left: left)
        case ":=":
            guard left.type == .variable else {
                throw EvalError(code: "S0212", position: left.position, token: left.text)
            }
            token.lhs = left
            token.rhs = try expression(Self.bindingPower(":=") - 1)
            token.type = .binary
            return token
        case "@", "#":
            token.lhs = left
            token.rhs = try expression(Self.bindingPower(tokenID))
            if token.rhs?.type != .variable {
                throw EvalError(code: "S0214", position: token.rhs?.position, token: tokenID)
            }
            token.type = .binary
            return token
        case "?":
            token.type = .condition
            token.condition = left
            token.then = try expression(0)
            if id == ":" {
                try advance(":")
                token.otherwise = try expression(0)
            }
            return token
        default:
            throw EvalError(code: "S0201", position: token.position, token: token.text)
        }
    }

    private mutating func functionCall(_ token: Node, _ left: Node) throws -> Node {
        token.procedure = left
        token.type = .function
        token.arguments = []
        if id != ")" {
            while true {
                if node.type == .op && id == "?" {
                    token.type = .partial
                    node.type = .placeholder
                    token.arguments.append(node)
                    try advance("?")
                } else {
                    token.arguments.append(try expression(0))
                }
                if id != "," { break }
                try advance(",")
            }
        }
        try advance(")", infix: true)
        if left.type == .name && (left.text == "function" || left.text == "\u{03BB}") {
            for (index, argument) in token.arguments.enumerated() where argument.type != .variable {
                throw EvalError(
                    code: "S0208", position: argument.position, token: argument.text,
                    value: .number(Double(index + 1)))
            }
            token.type = .lambda
            if id == "<" {
                let signaturePosition = node.position
                var depth = 1
                var text = "<"
                while depth > 0 && id != "{" && id != "(end)" {
                    try advance()
                    if id == ">" {
                        depth -= 1
                    } else if id == "<" {
                        depth += 1
                    }
                    text += node.text
                }
                try advance(">")
                do {
                    token.signature = try Signature(text)
                } catch var error as EvalError {
                    error.position = signaturePosition + (error.position ?? 0)
                    throw error
                }
            }
            try advance("{")
            token.body = try expression(0)
            try advance("}")
        }
        return token
    }

    private mutating func objectConstructor(_ token: Node, left: Node?) throws -> Node {
        var pairs: [(Node, Node)] = []
        if id != "}" {
            while true {
                let name = try expression(0)
                try advance(":")
                let value = try expression(0)
                pairs.append((name, value))
                if id != "," { break }
                try advance(",")
            }
        }
        try advance("}", infix: true)
        token.pairs = pairs
        if let left {
            token.lhs = left
            token.type = .binary
        } else {
            token.type = .unary
        }
        return token
    }
}
