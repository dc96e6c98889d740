/// Splits Athena DDL into tokens.
///
/// Keywords are case-insensitive (kept as written; compare with ``SQLToken/isKeyword(_:)``);
/// identifiers may be bare, in backticks (Hive DDL) or in double quotes (Trino), with a doubled
/// quote character standing for itself; string literals use single quotes with `''` for a quote
/// (and Hive's backslash escapes); `-- …` and `/* … */` are comments.
struct SQLLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// All tokens, ending with `.end`.
    static func tokens(_ text: String) throws(AthenaQueryError) -> [SQLToken] {
        var lexer = SQLLexer(text)
        var tokens: [SQLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(AthenaQueryError) -> SQLToken {
        try skipSpaceAndComments()
        let position = SQLPosition(line: line, column: column)
        guard let scalar = peek() else { return SQLToken(kind: .end, position: position) }
        switch scalar {
        case "'":
            return SQLToken(
                kind: .string(try quoted("'", position: position, allowBackslash: true)), position: position)
        case "`":
            return SQLToken(kind: .quotedIdentifier(try quoted("`", position: position)), position: position)
        case "\"":
            return SQLToken(kind: .quotedIdentifier(try quoted("\"", position: position)), position: position)
        case _ where Self.isWordStart(scalar):
            var text = ""
            while let current = peek(), Self.isWordPart(current) {
                text.unicodeScalars.append(current)
                advance()
            }
            return SQLToken(kind: .word(text), position: position)
        case _ where ("0"..."9").contains(scalar):
            var text = ""
            while let current = peek(), ("0"..."9").contains(current) || current == "." {
                text.unicodeScalars.append(current)
                advance()
            }
            return SQLToken(kind: .number(text), position: position)
        default:
            advance()
            return SQLToken(kind: .symbol(Character(scalar)), position: position)
        }
    }

    private mutating func skipSpaceAndComments() throws(AthenaQueryError) {
        while let scalar = peek() {
            if scalar.properties.isWhitespace {
                advance()
            } else if scalar == "-" && peek(1) == "-" {
                while let current = peek(), current != "\n" { advance() }
            } else if scalar == "/" && peek(1) == "*" {
                let position = SQLPosition(line: line, column: column)
                advance()
                advance()
                while !(peek() == "*" && peek(1) == "/") {
                    guard peek() != nil else { throw AthenaQueryError.syntax(position, "unterminated comment") }
                    advance()
                }
                advance()
                advance()
            } else {
                return
            }
        }
    }

    private mutating func quoted(
        _ quote: Unicode.Scalar, position: SQLPosition, allowBackslash: Bool = false
    ) throws(AthenaQueryError) -> String {
        advance()
        var text = ""
        while true {
            guard let scalar = peek() else {
                throw AthenaQueryError.syntax(position, "unterminated \(quote == "'" ? "string" : "quoted name")")
            }
            advance()
            if scalar == quote {
                if peek() == quote {
                    text.unicodeScalars.append(quote)
                    advance()
                    continue
                }
                return text
            }
            if allowBackslash && scalar == "\\", let escaped = peek() {
                advance()
                switch escaped {
                case "n": text += "\n"
                case "t": text += "\t"
                default: text.unicodeScalars.append(escaped)
                }
                continue
            }
            text.unicodeScalars.append(scalar)
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar == "_"
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "$"
    }
}

/// A 1-based line and column in a query.
struct SQLPosition: Sendable, Hashable, CustomStringConvertible {
    var line: Int
    var column: Int
    var description: String { "line \(line):\(column)" }
}

struct SQLToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A bare word: a keyword or an identifier.
        case word(String)
        /// `` `name` `` or `"name"`.
        case quotedIdentifier(String)
        /// `'text'`.
        case string(String)
        case number(String)
        case symbol(Character)
        case end
    }

    var kind: Kind
    var position: SQLPosition

    /// Whether this is the bare word `keyword`, in any case.
    func isKeyword(_ keyword: String) -> Bool {
        if case .word(let text) = kind { return text.uppercased() == keyword }
        return false
    }

    /// How the token reads in an error message.
    var shown: String {
        switch kind {
        case .word(let text): "'\(text)'"
        case .quotedIdentifier(let text): "'\(text)'"
        case .string(let text): "''\(text)''"
        case .number(let text): "'\(text)'"
        case .symbol(let character): "'\(character)'"
        case .end: "<EOF>"
        }
    }
}
