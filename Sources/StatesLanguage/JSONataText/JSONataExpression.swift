public import JSONata

/// A JSONata expression written `{% … %}` in a JSONata-mode field, compiled by the engine when
/// the definition is read, so a syntax error is a definition error as on AWS (SPEC-NOTES 13.2).
///
///     try JSONataExpression.parse("{% $states.input.a + 1 %}").source   // "$states.input.a + 1"
///     try JSONataExpression.parse("{% $sum([1, 2 %}")                   // throws: Expected "]", got "%}"…
public struct JSONataExpression: Sendable, Hashable {
    /// The text inside the delimiters, trimmed of surrounding whitespace (as AWS quotes it in causes).
    public let source: String
    /// `source` compiled by the engine.
    public let compiled: JSONata.Expression

    /// Compiles `source` (the text between the delimiters).
    /// - Throws: ``JSONataSyntaxError`` with the engine's message and the UTF-8 offset in `source`.
    public init(source: String) throws(JSONataSyntaxError) {
        do {
            compiled = try JSONata.Expression(parsing: source)
        } catch {
            throw JSONataSyntaxError(engineError: error, in: source)
        }
        self.source = source
    }

    /// Parses a whole field string including its `{%` and `%}` delimiters.
    /// - Throws: ``JSONataSyntaxError`` with the UTF-8 offset in `text`.
    public static func parse(_ text: String) throws(JSONataSyntaxError) -> JSONataExpression {
        guard isExpression(text) else {
            throw JSONataSyntaxError(message: "expected a string starting with '{%' and ending with '%}'", offset: 0)
        }
        let bytes = Array(text.utf8)
        let inner = bytes[2..<(bytes.count - 2)]
        let leading = inner.prefix(while: isJSONataSpace).count
        let trailing = inner.reversed().prefix(while: isJSONataSpace).count
        let start = 2 + leading
        let end = max(start, bytes.count - 2 - trailing)
        let trimmed = String(decoding: bytes[start..<end], as: UTF8.self)
        do {
            return try JSONataExpression(source: trimmed)
        } catch {
            throw JSONataSyntaxError(message: error.message, offset: start + error.offset, code: error.code)
        }
    }

    /// Whether a field string is a JSONata expression: it starts with `{%` and ends with `%}`,
    /// exactly, with no blanks outside the delimiters (anything else is a literal string).
    public static func isExpression(_ text: String) -> Bool {
        text.utf8.count >= 4 && text.utf8.starts(with: "{%".utf8) && text.utf8.reversed().starts(with: "}%".utf8)
    }

    /// Equality and hashing look at the text only: the compiled tree follows from it.
    public static func == (lhs: JSONataExpression, rhs: JSONataExpression) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// Why a JSONata expression's text does not compile, and where.
public struct JSONataSyntaxError: Error, Sendable, Hashable {
    /// The engine's message without its code, as AWS words INVALID_JSONATA_EXPRESSION
    /// (`Expected "]", got ","`).
    public let message: String
    /// UTF-8 offset in the whole field string (including `{%`), at the start of the token that failed.
    public let offset: Int
    /// The engine's code (`S0202`), when the engine raised the error.
    public let code: String?

    public init(message: String, offset: Int, code: String? = nil) {
        self.message = message
        self.offset = offset
        self.code = code
    }

    /// jsonata-js reports the offset just past the failing token; the diagnostic points at the
    /// token's start when the engine names the token, else at its last byte.
    init(engineError error: JSONataError, in source: String) {
        let length = source.utf8.count
        var offset = min(error.position ?? length, length)
        if let token = error.token, offset >= token.utf8.count, !token.isEmpty {
            offset -= token.utf8.count
        } else if offset > 0 {
            offset -= 1
        }
        self.init(message: error.message, offset: offset, code: error.code)
    }
}

private func isJSONataSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}
