import JSONCore
import StatesLanguage
import StatesTestSupport
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
        .init(text: #"{% 'it\"s (' %}"#, source: #"'it\"s ('"#),
        .init(text: "{% /* ( */ $x %}", source: "/* ( */ $x"),
        .init(text: "{% $match($s, /a+/i) %}", source: "$match($s, /a+/i)"),
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

    // Messages from AWS's INVALID_JSONATA_EXPRESSION table (SPEC-NOTES 13.3 §4.2); offsets at
    // the failing token in the whole field string.
    static let rejected: [Rejected] = [
        .init(text: "{% a[1,2) %}", offset: 6, message: #"Expected "]", got ",""#),
        .init(
            text: #"{% "unterminated %}"#, offset: 15, message: "String literal must be terminated by a matching quote"),
        .init(text: "{% 1 + %}", offset: 5, message: "Unexpected end of expression"),
        .init(text: #"{% {"a":} %}"#, offset: 8, message: #"The symbol "}" cannot be used as a unary operator"#),
        .init(text: "{% $x := %}", offset: 3, message: "Unexpected end of expression"),
        .init(text: #"{% $match("a", /abc %}"#, offset: 18, message: "No terminating / in regular expression"),
        .init(text: "{% phone %.other %}", offset: 10, message: #"The symbol "." cannot be used as a unary operator"#),
        .init(text: "{%   %}", offset: 5, message: "Unexpected end of expression"),
        .init(text: "{%%}", offset: 2, message: "Unexpected end of expression"),
    ]

    @Test(arguments: Self.rejected)
    func rejects(_ c: Rejected) {
        let error = #expect(throws: JSONataSyntaxError.self) { try JSONataExpression.parse(c.text) }
        #expect(error?.message == c.message)
        #expect(error?.offset == c.offset)
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
        #expect(diagnostic.message == "\"b\" has invalid JSONata expression: Expected \")\" before end of expression")
    }
}

/// A JSONata syntax error is located at the failing token inside the definition file, counting
/// the string literal's escapes as written.
@Suite struct JSONataLocationTests {
    static func machine(_ output: String) -> String {
        #"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "#
            + output + ", \"End\": true}}}"
    }

    @Test func errorPointsInsideTheString() {
        assertDiagnostics(
            Self.machine(#""{% $sum([1, 21️⃣) %}""#),
            [
                DiagnosticSpec(
                    "1️⃣", rule: "ASL-E303",
                    message: .exact(#""Output" has invalid JSONata expression: Expected "]", got ")""#))
            ])
    }

    @Test func escapesBeforeTheErrorAreCountedAsWritten() {
        // `\"` is two bytes in the file, one in the value; `\u00e9` six in the file, two in the value.
        assertDiagnostics(
            Self.machine(#""{% \"\u00e9\" & 1️⃣) %}""#),
            [DiagnosticSpec("1️⃣", rule: "ASL-E303", message: "invalid JSONata expression")])
    }

    @Test func nestedFieldOnItsOwnLine() {
        assertDiagnostics(
            Self.machine("{\n  \"a\": \"{%\\n 1 1️⃣+ %}\"\n}"),
            [DiagnosticSpec("1️⃣", rule: "ASL-E303", message: "Unexpected end of expression")])
    }

    struct Mapping: Sendable, CustomTestStringConvertible {
        let literal: String
        let decoded: Int
        let expected: Int?
        var testDescription: String { "\(literal) @\(decoded)" }
    }

    static let mappings: [Mapping] = [
        .init(literal: #""abc""#, decoded: 0, expected: 1),
        .init(literal: #""abc""#, decoded: 3, expected: 4),
        .init(literal: #""abc""#, decoded: 4, expected: nil),
        .init(literal: #""a\"b""#, decoded: 2, expected: 4),
        .init(literal: #""\u00e9x""#, decoded: 2, expected: 7),
        .init(literal: #""\u00e9x""#, decoded: 1, expected: nil),
        .init(literal: #""\ud83d\ude00x""#, decoded: 4, expected: 13),
        .init(literal: #""é\nx""#, decoded: 3, expected: 5),
        .init(literal: "x", decoded: 0, expected: nil),
    ]

    @Test(arguments: Self.mappings)
    func decodedOffsetsMapToTheLiteral(_ c: Mapping) {
        #expect(
            JSONStringLiteral.sourceOffset(ofDecoded: c.decoded, literalAt: 0, in: Array(c.literal.utf8)) == c.expected)
    }
}
