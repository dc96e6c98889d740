import JSONCore
import StatesLanguage
import Testing

@Suite struct JSONataTextTests {
    struct Accepted: CustomTestStringConvertible, Sendable {
        let text: String
        let source: String
        var testDescription: String { text }
    }

    static let accepted: [Accepted] = [
        .init(text: "{% $states.input.a + 1 %}", source: "$states.input.a + 1"),
        .init(text: "{%$x%}", source: "$x"),
        .init(text: "{%\n  $sum([1, 2, 3])\n%}", source: "$sum([1, 2, 3])"),
        .init(text: "{% {'a': [1, (2)]} %}", source: "{'a': [1, (2)]}"),
        .init(text: "{% 'a)' & \"b]\" %}", source: "'a)' & \"b]\""),
        .init(text: #"{% 'it\u0027s (' %}"#, source: #"'it\u0027s ('"#),
        .init(text: "{% /* ( */ $x %}", source: "/* ( */ $x"),
        .init(text: #"{% $match($s, /a\(+/i) %}"#, source: #"$match($s, /a\(+/i)"#),
        .init(text: "{% $a / 2 / ($b) %}", source: "$a / 2 / ($b)"),
        .init(text: "{% `odd (name` %}", source: "`odd (name`"),
        .init(text: "{% ($x := 1; $x) %}", source: "($x := 1; $x)"),
    ]

    @Test(arguments: Self.accepted)
    func accepts(_ c: Accepted) throws {
        #expect(JSONataExpression.isExpression(c.text))
        #expect(try JSONataExpression.parse(c.text).source == c.source)
    }

    struct Rejected: CustomTestStringConvertible, Sendable {
        let text: String
        let offset: Int
        let message: String
        var testDescription: String { text }
    }

    static let rejected: [Rejected] = [
        .init(text: "{% $sum([1, 2 %}", offset: 8, message: "unclosed '['"),
        .init(text: "{% (1 %}", offset: 3, message: "unclosed '('"),
        .init(text: "{% 1) %}", offset: 4, message: "unexpected ')'"),
        .init(text: "{% (1] %}", offset: 5, message: "']' does not match the '(' at column 4"),
        .init(text: "{% 'abc %}", offset: 3, message: "unterminated string literal"),
        .init(text: "{% \"abc %}", offset: 3, message: "unterminated string literal"),
        .init(text: "{% 1 /* x %}", offset: 5, message: "unterminated comment"),
        .init(text: "{%   %}", offset: 2, message: "empty JSONata expression"),
        .init(text: "{%%}", offset: 2, message: "empty JSONata expression"),
        // Balanced for the scanner, refused by the engine as jsonata-js refuses it (a '(' inside a
        // regular expression's class still counts as nesting): the engine's code and message.
        .init(
            text: "{% $match($s, /[(]+/i) %}", offset: 22, message: "S0302: No terminating / in regular expression"),
    ]

    @Test(arguments: Self.rejected)
    func rejects(_ c: Rejected) {
        #expect(throws: JSONataSyntaxError(message: c.message, offset: c.offset)) {
            try JSONataExpression.parse(c.text)
        }
    }

    @Test(arguments: [" {% 1 %}", "{% 1 %} ", "x {% 1 %}", "{% 1", "1 %}", "{%}", "plain", ""])
    func notExpressions(_ text: String) {
        #expect(!JSONataExpression.isExpression(text))
    }

    @Test func templateCompiles() throws {
        let json: JSON = ["total": "{% $sum($states.input.p) %}", "tag": "x", "list": [1, "{% $y %}"]]
        let (template, diagnostics) = JSONataTemplate.compile(json, at: ["States", "A", "Output"])
        #expect(diagnostics.isEmpty)
        #expect(
            template
                == .object([
                    .init(key: "total", value: .expression(try JSONataExpression(source: "$sum($states.input.p)"))),
                    .init(key: "tag", value: .literal("x")),
                    .init(key: "list", value: .array([.literal(1), .expression(try JSONataExpression(source: "$y"))])),
                ]))
        #expect(JSONataTemplate.compile(["a": [1, 2]], at: .root).template == .literal(["a": [1, 2]]))
    }

    @Test func templateReportsBadExpressionAtItsPointer() throws {
        let (_, diagnostics) = JSONataTemplate.compile(["a": ["b": "{% (1 %}"]], at: ["States", "A", "Arguments"])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.rule == "ASL-E303")
        #expect(diagnostic.pointer == ["States", "A", "Arguments", "a", "b"])
        #expect(diagnostic.message == "\"b\" has invalid JSONata expression: unclosed '(' at column 4")
    }
}
