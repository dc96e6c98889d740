import JSONCore

/// Filter expressions: `[?( … )]`, Jayway's grammar.
///
///     or         := and ('||' and)*
///     and        := unary ('&&' unary)*
///     unary      := '!' unary | comparison
///     comparison := operand (operator operand)?
///     operand    := '(' or ')' | '@' segments | '$…' path | literal | regex
///
/// The parentheses of `[?(…)]` are parsed as an ordinary group, so `[?(@.a) && (@.b)]` and
/// the RFC 9535 form `[?@.a > 1]` are accepted too.
extension PathParser {
    mutating func parseOr() throws(PathSyntaxError) -> FilterExpression {
        var lhs = try parseAnd()
        while matchSymbol("||") {
            lhs = .or(lhs, try parseAnd())
        }
        return lhs
    }

    mutating func parseAnd() throws(PathSyntaxError) -> FilterExpression {
        var lhs = try parseUnary()
        while matchSymbol("&&") {
            lhs = .and(lhs, try parseUnary())
        }
        return lhs
    }

    mutating func parseUnary() throws(PathSyntaxError) -> FilterExpression {
        skipWhitespace()
        if peek() == PathByte.bang, peek(1) != PathByte.equals {
            position += 1
            return .not(
                try nested { (parser: inout PathParser) throws(PathSyntaxError) in try parser.parseUnary() })
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(PathSyntaxError) -> FilterExpression {
        let lhs = try parseOperand()
        skipWhitespace()
        guard let op = try matchOperator() else { return lhs }
        skipWhitespace()
        let rhs: FilterExpression
        if op == .matches, peek() == PathByte.slash {
            rhs = try parseRegex()
        } else {
            rhs = try parseOperand()
        }
        return .comparison(lhs, op, rhs)
    }

    mutating func parseOperand() throws(PathSyntaxError) -> FilterExpression {
        skipWhitespace()
        guard let byte = peek() else {
            throw error("expected a value in the filter")
        }
        switch byte {
        case PathByte.openParen:
            let open = position
            position += 1
            let inner = try nested { (parser: inout PathParser) throws(PathSyntaxError) in try parser.parseOr() }
            skipWhitespace()
            guard peek() == PathByte.closeParen else {
                throw PathSyntaxError(
                    message: "expected ')' to close the '(' at column \(open + 1)", offset: position)
            }
            position += 1
            return inner
        case PathByte.at:
            position += 1
            return .current(try parseSegments(inFilter: true))
        case PathByte.dollar:
            let start = position
            let root = try parseRoot()
            let segments = try parseSegments(inFilter: true)
            return .absolute(Path(source: string(start, position), root: root, segments: segments))
        case PathByte.quote, PathByte.doubleQuote:
            return .literal(.string(try parseQuoted()))
        case PathByte.minus,
            _ where PathByte.isDigit(byte):
            return .literal(.number(try parseNumber()))
        case PathByte.openBracket:
            return .literal(try parseArrayLiteral())
        case PathByte.slash:
            return try parseRegex()
        default:
            if matchWord("true") { return .literal(.bool(true)) }
            if matchWord("false") { return .literal(.bool(false)) }
            if matchWord("null") { return .literal(.null) }
            if byte == PathByte.closeParen || byte == PathByte.closeBracket {
                throw error("expected a value in the filter")
            }
            if let word = parseWord() { return .word(word) }
            throw unexpected()
        }
    }

    /// An unquoted word (`es`, `FooBar`, `in-progress`, `In Progress`): Jayway 2.0 keeps the
    /// text after the operator, trimmed, as a string (`Criteria.parse`), so inner blanks belong
    /// to it. It runs to a byte that ends an operand (`)`, `]`, `,`, `&`, `|`, an operator
    /// character or a quote) and drops trailing blanks; `nil` when no byte qualifies.
    mutating func parseWord() -> String? {
        let start = position
        var end = position
        while let byte = peek() {
            switch byte {
            case PathByte.closeParen, PathByte.openParen, PathByte.closeBracket, PathByte.openBracket, PathByte.comma,
                PathByte.ampersand, PathByte.pipe, PathByte.equals, PathByte.bang, PathByte.less, PathByte.greater,
                PathByte.tilde, PathByte.quote, PathByte.doubleQuote:
                position = end
                return end > start ? string(start, end) : nil
            case _ where PathByte.isPathWhitespace(byte):
                position += 1
            default:
                position += 1
                end = position
            }
        }
        position = end
        return end > start ? string(start, end) : nil
    }

    /// `-?digits(.digits)?([eE][+-]?digits)?`, checked against JSON's number grammar.
    mutating func parseNumber() throws(PathSyntaxError) -> JSONNumber {
        let start = position
        if peek() == PathByte.minus { position += 1 }
        while let byte = peek(), PathByte.isDigit(byte) { position += 1 }
        if peek() == PathByte.dot, let next = peek(1), PathByte.isDigit(next) {
            position += 1
            while let byte = peek(), PathByte.isDigit(byte) { position += 1 }
        }
        if let byte = peek(), byte | 0x20 == UInt8(ascii: "e") {
            position += 1
            if let sign = peek(), sign == PathByte.plus || sign == PathByte.minus { position += 1 }
            while let byte = peek(), PathByte.isDigit(byte) { position += 1 }
        }
        guard let number = JSONNumber(text: string(start, position)) else {
            throw PathSyntaxError(
                message: "invalid number '\(DiagnosticText.name(string(start, position)))'", offset: start)
        }
        return number
    }

    /// `[lit, lit, …]` of strings, numbers, booleans and nulls (right side of `in`, `nin`, …).
    mutating func parseArrayLiteral() throws(PathSyntaxError) -> JSON {
        position += 1
        var elements: [JSON] = []
        skipWhitespace()
        if peek() == PathByte.closeBracket {
            position += 1
            return .array(elements)
        }
        while true {
            guard case .literal(let value) = try parseOperand() else {
                throw error("an array in a filter may hold only literals")
            }
            elements.append(value)
            skipWhitespace()
            if peek() == PathByte.comma {
                position += 1
                continue
            }
            guard peek() == PathByte.closeBracket else { throw error("expected ',' or ']' in the array") }
            position += 1
            return .array(elements)
        }
    }

    /// `/pattern/flags`; `\/` stands for `/` and other escapes are kept for the regex engine.
    mutating func parseRegex() throws(PathSyntaxError) -> FilterExpression {
        let open = position
        position += 1
        var pattern: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw PathSyntaxError(message: "unterminated regular expression", offset: open)
            }
            position += 1
            if byte == PathByte.slash { break }
            if byte == PathByte.backslash, let next = peek() {
                position += 1
                if next != PathByte.slash { pattern.append(byte) }
                pattern.append(next)
                continue
            }
            pattern.append(byte)
        }
        let flagsStart = position
        while let byte = peek(), PathByte.isASCIILetter(byte) { position += 1 }
        return .regex(
            FilterRegex(pattern: String(decoding: pattern, as: UTF8.self), flags: string(flagsStart, position)))
    }

    mutating func matchOperator() throws(PathSyntaxError) -> FilterOperator? {
        for symbol in ["==", "!=", "<=", ">=", "=~", "<", ">"] where matchSymbol(symbol) {
            return FilterOperator(rawValue: symbol)
        }
        if peek() == PathByte.equals {
            throw error("use '==' to compare")
        }
        for word in ["in", "nin", "subsetof", "anyof", "noneof", "size", "empty"] where matchWord(word) {
            return FilterOperator(rawValue: word)
        }
        return nil
    }

    /// Consumes `symbol` (after blanks) if it comes next.
    mutating func matchSymbol(_ symbol: String) -> Bool {
        skipWhitespace()
        let utf8 = Array(symbol.utf8)
        guard position + utf8.count <= end, Array(bytes[position..<(position + utf8.count)]) == utf8 else {
            return false
        }
        position += utf8.count
        return true
    }

    /// Consumes `word` if it comes next and is not the start of a longer word.
    mutating func matchWord(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard position + utf8.count <= end, Array(bytes[position..<(position + utf8.count)]) == utf8 else {
            return false
        }
        if let after = peek(utf8.count), PathByte.isASCIILetter(after) || PathByte.isDigit(after) {
            return false
        }
        position += utf8.count
        return true
    }
}
