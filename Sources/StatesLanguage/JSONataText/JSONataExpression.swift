public import JSONata

/// A JSONata expression written `{% … %}` in a JSONata-mode field.
///
/// For now only the text between the delimiters is kept, after checking that brackets balance
/// and string literals and comments close; the JSONata target compiles it later.
///
///     JSONataExpression.parse("{% $states.input.a + 1 %}").source   // "$states.input.a + 1"
///     JSONataExpression.parse("{% $sum([1, 2 %}")                   // throws: unclosed '['
public struct JSONataExpression: Sendable, Hashable {
    /// The text inside the delimiters, trimmed of surrounding whitespace.
    public let source: String
    /// `source` compiled by the engine, once, when the definition is parsed.
    public let compiled: JSONata.Expression

    /// Compiles `source`.
    /// - Throws: the engine's syntax error.
    public init(source: String) throws(JSONataError) {
        self.source = source
        compiled = try JSONata.Expression(parsing: source)
    }

    private init(source: String, compiled: JSONata.Expression) {
        self.source = source
        self.compiled = compiled
    }

    public static func == (lhs: JSONataExpression, rhs: JSONataExpression) -> Bool { lhs.source == rhs.source }

    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Parses a whole field string including its `{%` and `%}` delimiters.
    /// - Throws: ``JSONataSyntaxError`` with the UTF-8 offset in `text`.
    public static func parse(_ text: String) throws(JSONataSyntaxError) -> JSONataExpression {
        guard isExpression(text) else {
            throw JSONataSyntaxError(message: "expected a string starting with '{%' and ending with '%}'", offset: 0)
        }
        let bytes = Array(text.utf8)
        try JSONataTextScanner(bytes: bytes, start: 2, end: bytes.count - 2).check()
        let inner = String(decoding: bytes[2..<(bytes.count - 2)], as: UTF8.self)
        let trimmed = inner.trimmingJSONataWhitespace()
        guard !trimmed.isEmpty else {
            throw JSONataSyntaxError(message: "empty JSONata expression", offset: 2)
        }
        let leading = inner.utf8.count - inner.drop(while: { " \t\n\r".contains($0) }).utf8.count
        do {
            return JSONataExpression(source: trimmed, compiled: try JSONata.Expression(parsing: trimmed))
        } catch {
            throw JSONataSyntaxError(
                message: "\(error.code): \(error.message)", offset: 2 + leading + (error.position ?? 0))
        }
    }

    /// Whether a field string is a JSONata expression: it starts with `{%` and ends with `%}`,
    /// exactly, with no blanks outside the delimiters (anything else is a literal string).
    public static func isExpression(_ text: String) -> Bool {
        text.utf8.count >= 4 && text.utf8.starts(with: "{%".utf8) && text.utf8.reversed().starts(with: "}%".utf8)
    }
}

/// Why a JSONata expression's text is not well formed, and where.
public struct JSONataSyntaxError: Error, Sendable, Hashable {
    public let message: String
    /// UTF-8 offset in the whole field string (including `{%`).
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

extension String {
    fileprivate func trimmingJSONataWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
