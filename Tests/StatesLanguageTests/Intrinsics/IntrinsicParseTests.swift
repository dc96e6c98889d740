import JSONCore
import StatesLanguage
import Testing

@Suite struct IntrinsicParseTests {
    @Test func parsesNestedCallsPathsAndLiterals() throws {
        let call = try IntrinsicCall.parse(
            "States.Array(1, -2.5, 'a', true, false, null, $.x, $$.Execution.Id, $v, States.UUID())")
        #expect(call.function == .array)
        #expect(
            call.arguments == [
                .number(JSONNumber(1)), .number(try #require(JSONNumber(text: "-2.5"))), .string("a"), .bool(true),
                .bool(false), .null, .path(try Path.parse("$.x")), .path(try Path.parse("$$.Execution.Id")),
                .path(try Path.parse("$v")), .call(try IntrinsicCall.parse("States.UUID()")),
            ])
        #expect(call.source == "States.Array(1, -2.5, 'a', true, false, null, $.x, $$.Execution.Id, $v, States.UUID())")
    }

    @Test func parsesAWSNineDeepExample() throws {
        let text =
            "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))"
        let call = try IntrinsicCall.parse(text)
        #expect(call.function == .format)
        #expect(call.arguments.count == 3)
        // AWS's own example has three placeholders and two values, so the count is not checked statically.
        #expect(call.formatTemplate?.placeholderCount == 3)
    }

    @Test func pathsWithBracketsCommasAndFiltersAreOneArgument() throws {
        let call = try IntrinsicCall.parse("States.Array($.a['x,y'], $.b[?(@.c == 'd)')], $.e[0, 1])")
        #expect(call.arguments.count == 3)
        #expect(call.arguments[0] == .path(try Path.parse("$.a['x,y']")))
    }

    @Test func whitespaceBetweenTokens() throws {
        let call = try IntrinsicCall.parse("  States.MathAdd (  1 ,\t$.b  )  ")
        #expect(call.function == .mathAdd)
        #expect(call.arguments.count == 2)
    }

    struct Escape: CustomTestStringConvertible, Sendable {
        let literal: String
        let value: String
        var testDescription: String { literal }
    }

    static let escapes: [Escape] = [
        .init(literal: #"'it\'s'"#, value: "it's"),
        .init(literal: #"'a\{b\}c'"#, value: "a{b}c"),
        .init(literal: #"'back\\slash'"#, value: #"back\slash"#),
        .init(literal: #"'\n'"#, value: "n"),
        .init(literal: "'say \"hi\"'", value: "say \"hi\""),
        .init(literal: "''", value: ""),
        .init(literal: "'ünï,()'", value: "ünï,()"),
    ]

    @Test(arguments: Self.escapes)
    func decodesEscapes(_ c: Escape) throws {
        let call = try IntrinsicCall.parse("States.StringSplit(\(c.literal), ',')")
        #expect(call.arguments.first == .string(c.value))
    }

    @Test func formatTemplateHonoursEscapedBraces() throws {
        let call = try IntrinsicCall.parse(#"States.Format('Hi {}, \{} and {\} stay', $.name)"#)
        #expect(call.formatTemplate?.pieces == [.text("Hi "), .placeholder, .text(", {} and {} stay")])
        #expect(FormatTemplate(unescaped: "{}-{}").pieces == [.placeholder, .text("-"), .placeholder])
        #expect(try IntrinsicCall.parse("States.Format($.t, 1)").formatTemplate == nil)
    }

    struct Rejected: CustomTestStringConvertible, Sendable {
        let text: String
        let offset: Int
        let message: String
        var suggestion: String? = nil
        var testDescription: String { text }
    }

    static let rejected: [Rejected] = [
        .init(
            text: "States.Formatt('x')", offset: 0,
            message: #"Unknown intrinsic function "States.Formatt" (did you mean "States.Format"?)"#,
            suggestion: "States.Format"),
        .init(
            text: "States.format('x')", offset: 0, message: #"(did you mean "States.Format"?)"#,
            suggestion: "States.Format"),
        .init(
            text: "Format('x')", offset: 0, message: #"(did you mean "States.Format"?)"#, suggestion: "States.Format"),
        .init(
            text: "States.ArrayLen($.a)", offset: 0, message: #"(did you mean "States.ArrayLength"?)"#,
            suggestion: "States.ArrayLength"),
        .init(text: "States.Nothing()", offset: 0, message: #"Unknown intrinsic function "States.Nothing""#),
        .init(text: "States.Array(", offset: 13, message: "expected an argument"),
        .init(text: "States.Array(1", offset: 14, message: "missing ')' to close the '(' at column 13"),
        .init(text: "States.Array(1 2)", offset: 15, message: "expected ',' or ')' after an argument"),
        .init(text: "States.Array(1,)", offset: 15, message: "expected an argument"),
        .init(text: "States.Array('abc)", offset: 13, message: "unterminated string literal"),
        .init(text: #"States.Array('abc\')"#, offset: 13, message: "unterminated string literal"),
        .init(text: "States.Array(\"x\")", offset: 13, message: "use single quotes"),
        .init(text: "States.Array(1))", offset: 15, message: "unexpected text after the end of the call"),
        .init(text: "States.Array", offset: 12, message: "expected '(' after \"States.Array\""),
        .init(text: "States.Array($.a[)", offset: 17, message: "invalid path: "),
        .init(text: "States.Array(01)", offset: 13, message: "invalid number '01'"),
    ]

    /// Literal arguments of the wrong type or value: the call parses (AWS accepts the definition
    /// and fails the call at run time with States.Runtime: conformance cases ARANGE-010, MADD-020,
    /// HASH-022/024), and `argumentProblems(in:)` lists the problem for the ASL-W301 warning.
    static let flagged: [Rejected] = [
        .init(
            text: "States.ArrayLength('abc')", offset: 19,
            message: "argument 1 of States.ArrayLength must be an array, not a string"),
        .init(text: "States.ArrayGetItem($.a, 'x')", offset: 25, message: "must be an integer, not a string"),
        .init(text: "States.MathAdd(1, true)", offset: 18, message: "must be a number, not the boolean true"),
        .init(
            text: "States.JsonMerge($.a, $.b, true)", offset: 27,
            message: "must be the boolean false, not the boolean true"),
        .init(text: "States.JsonMerge($.a, 3, false)", offset: 22, message: "must be an object, not a number"),
        .init(text: "States.Format(1)", offset: 14, message: "must be a string, not a number"),
        .init(text: "States.Hash($.a, 'SHA-999')", offset: 17, message: "unsupported hash algorithm 'SHA-999'"),
        .init(text: "States.StringToJson(null)", offset: 20, message: "must be a string, not null"),
    ]

    @Test(arguments: Self.flagged)
    func parsesButFlags(_ c: Rejected) throws {
        _ = try IntrinsicCall.parse(c.text)
        let problems = IntrinsicCall.argumentProblems(in: c.text)
        #expect(problems.count == 1)
        #expect(problems.first?.offset == c.offset)
        #expect(problems.first?.message.contains(c.message) == true, "\(problems)")
    }

    @Test(arguments: Self.rejected)
    func rejects(_ c: Rejected) {
        #expect {
            try IntrinsicCall.parse(c.text)
        } throws: { error in
            guard let error = error as? IntrinsicSyntaxError else { return false }
            return error.offset == c.offset && error.message.contains(c.message) && error.suggestion == c.suggestion
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "States.Array(", count: 5_000) + String(repeating: ")", count: 5_000)
        #expect(throws: IntrinsicSyntaxError.self) { try IntrinsicCall.parse(text) }
    }
}
