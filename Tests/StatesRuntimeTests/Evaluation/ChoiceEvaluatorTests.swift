import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

@Suite struct ChoiceEvaluatorTests {
    /// `{"Variable": "$.v", op: operand}` evaluated on `{"v": value}`; for a `…Path` operator the
    /// operand is written into the input as `o` and the rule reads `$.o`.
    struct Case: CustomTestStringConvertible, Sendable {
        let value: String
        let op: ComparisonOperator
        let operand: JSON
        let expected: Bool
        var testDescription: String { "\(value) \(op.rawValue) \(JSONWriter.compact(operand))" }
    }

    static func rule(_ variable: String, _ op: ComparisonOperator, _ operand: ComparisonOperand) throws -> ChoiceRule {
        ChoiceRule(
            .comparison(ChoiceComparison(variable: try Path.parse(variable), comparisonOperator: op, operand: operand)),
            pointer: .root)
    }

    static func literal(_ value: JSON) -> ComparisonOperand {
        switch value {
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        default: .string("")
        }
    }

    static let t0: JSON = "2012-10-09T19:00:55Z"
    static let t1: JSON = "2012-10-09T19:00:56Z"

    // Type tables recorded on AWS (LocalStack snapshots choice_operators/test_is_operators and
    // test_string_operators), plus the developer guide's examples.
    static let cases: [Case] = [
        .init(value: "null", op: .isNull, operand: true, expected: true),
        .init(value: "null", op: .isNull, operand: false, expected: false),
        .init(value: "0", op: .isNull, operand: true, expected: false),
        .init(value: #""""#, op: .isNull, operand: false, expected: true),
        .init(value: "[]", op: .isNull, operand: true, expected: false),
        .init(value: "false", op: .isNull, operand: true, expected: false),
        .init(value: "true", op: .isBoolean, operand: true, expected: true),
        .init(value: "false", op: .isBoolean, operand: true, expected: true),
        .init(value: "false", op: .isBoolean, operand: false, expected: false),
        .init(value: #""true""#, op: .isBoolean, operand: true, expected: false),
        .init(value: "0", op: .isBoolean, operand: false, expected: true),
        .init(value: "0", op: .isNumeric, operand: true, expected: true),
        .init(value: "1.1", op: .isNumeric, operand: true, expected: true),
        .init(value: #""1""#, op: .isNumeric, operand: true, expected: false),
        .init(value: "null", op: .isNumeric, operand: false, expected: true),
        .init(value: #"" ""#, op: .isString, operand: true, expected: true),
        .init(value: #""2012-10-09T19:00:55""#, op: .isString, operand: true, expected: true),
        .init(value: "{}", op: .isString, operand: true, expected: false),
        .init(value: #""2016-03-14T01:59:00Z""#, op: .isTimestamp, operand: true, expected: true),
        .init(value: #""2016-03-14T01:59:00.123+05:30""#, op: .isTimestamp, operand: true, expected: true),
        .init(value: #""2012-10-09T19:00:55""#, op: .isTimestamp, operand: true, expected: false),
        .init(value: #""2023-02-24""#, op: .isTimestamp, operand: false, expected: true),
        .init(value: "5", op: .isTimestamp, operand: true, expected: false),
        .init(value: "null", op: .isPresent, operand: true, expected: true),
        // Strings: a type mismatch is false; equality is exact (no Unicode normalization).
        .init(value: "null", op: .stringEquals, operand: "HelloWorld", expected: false),
        .init(value: "0", op: .stringEquals, operand: "HelloWorld", expected: false),
        .init(value: #"[""]"#, op: .stringEquals, operand: "HelloWorld", expected: false),
        .init(value: #"" ""#, op: .stringEquals, operand: "     ", expected: false),
        .init(value: #""\t\n""#, op: .stringEquals, operand: "\t\r\n", expected: false),
        .init(value: #""Hello""#, op: .stringEquals, operand: "Hello", expected: true),
        .init(value: #""\u00e9""#, op: .stringEquals, operand: "e\u{301}", expected: false),
        .init(value: #""""#, op: .stringGreaterThan, operand: "", expected: false),
        .init(value: #""A""#, op: .stringGreaterThan, operand: "A ", expected: false),
        .init(value: #""AB""#, op: .stringGreaterThan, operand: "ABC", expected: false),
        .init(value: #""""#, op: .stringGreaterThanEquals, operand: "", expected: true),
        .init(value: #""A""#, op: .stringGreaterThanEquals, operand: "AB", expected: false),
        .init(value: #""AB""#, op: .stringGreaterThanEquals, operand: "A", expected: true),
        .init(value: #""A""#, op: .stringLessThan, operand: "AB", expected: true),
        .init(value: #""AB""#, op: .stringLessThan, operand: "A", expected: false),
        .init(value: #""""#, op: .stringLessThanEquals, operand: "", expected: true),
        .init(value: #""AB""#, op: .stringLessThanEquals, operand: "A", expected: false),
        .init(value: #""\ufffd""#, op: .stringGreaterThan, operand: "😀", expected: true),
        .init(value: #""B""#, op: .stringLessThan, operand: "a", expected: true),
        // StringMatches: `*`, `\*`, `\\`.
        .init(value: #""log-2024.txt""#, op: .stringMatches, operand: "log-*.txt", expected: true),
        .init(value: #""log.txt""#, op: .stringMatches, operand: "log-*.txt", expected: false),
        .init(value: #""a*b""#, op: .stringMatches, operand: #"a\*b"#, expected: true),
        .init(value: #""axb""#, op: .stringMatches, operand: #"a\*b"#, expected: false),
        .init(value: #""a\\b""#, op: .stringMatches, operand: #"a\\b"#, expected: true),
        .init(value: #""abc""#, op: .stringMatches, operand: "*", expected: true),
        .init(value: #""""#, op: .stringMatches, operand: "*", expected: true),
        .init(value: #""""#, op: .stringMatches, operand: "", expected: true),
        .init(value: #""abcbc""#, op: .stringMatches, operand: "a*bc", expected: true),
        .init(value: #""abcbd""#, op: .stringMatches, operand: "a*bc", expected: false),
        .init(value: #""h\u00e9llo""#, op: .stringMatches, operand: "h*o", expected: true),
        .init(value: #""h\u00e9llo""#, op: .stringMatches, operand: "*é*", expected: true),
        .init(value: #""ab""#, op: .stringMatches, operand: "a**b*", expected: true),
        .init(value: "5", op: .stringMatches, operand: "*", expected: false),
        // Numbers: exact.
        .init(value: "1", op: .numericEquals, operand: 1.0, expected: true),
        .init(value: #""1""#, op: .numericEquals, operand: 1, expected: false),
        .init(value: "null", op: .numericEquals, operand: 0, expected: false),
        .init(value: "0.1", op: .numericLessThan, operand: 0.2, expected: true),
        .init(
            value: "12345678901234567890", op: .numericLessThan,
            operand: .number(JSONNumber(uncheckedText: "12345678901234567891", isInteger: true)),
            expected: true),
        .init(value: "5", op: .numericGreaterThanEquals, operand: 5, expected: true),
        .init(value: "5", op: .numericGreaterThan, operand: 5, expected: false),
        .init(value: "-3", op: .numericLessThanEquals, operand: -3, expected: true),
        .init(value: "1e2", op: .numericEquals, operand: 100, expected: true),
        .init(
            value: "19.95", op: .numericEquals,
            operand: .number(JSONNumber(uncheckedText: "1.995e1", isInteger: false)),
            expected: true),
        .init(value: "-0", op: .numericEquals, operand: 0.0, expected: true),
        .init(value: "0.10", op: .numericGreaterThan, operand: 0.1, expected: false),
        .init(value: "0.1000000000000000000001", op: .numericGreaterThan, operand: 0.1, expected: true),
        .init(value: "-1.5", op: .numericLessThan, operand: -1.25, expected: true),
        .init(value: "-1.5", op: .numericGreaterThan, operand: -2, expected: true),
        .init(
            value: "0.001", op: .numericLessThan, operand: .number(JSONNumber(uncheckedText: "1e-2", isInteger: false)),
            expected: true),
        .init(
            value: "1E+400", op: .numericGreaterThan,
            operand: .number(JSONNumber(uncheckedText: "9e399", isInteger: false)),
            expected: true),
        .init(value: "0", op: .numericGreaterThan, operand: -0.0001, expected: true),
        // Booleans.
        .init(value: "true", op: .booleanEquals, operand: true, expected: true),
        .init(value: "false", op: .booleanEquals, operand: false, expected: true),
        .init(value: #""true""#, op: .booleanEquals, operand: true, expected: false),
        .init(value: "0", op: .booleanEquals, operand: false, expected: false),
        // Timestamps (AWS-recorded pairs T0/T1 from choice_operators/test_timestamp_operators).
        .init(value: #""2012-10-09T19:00:55Z""#, op: .timestampEquals, operand: t0, expected: true),
        .init(value: #""2012-10-09T19:00:55Z""#, op: .timestampEquals, operand: t1, expected: false),
        .init(value: #""2012-10-09T19:00:56Z""#, op: .timestampGreaterThan, operand: t0, expected: true),
        .init(value: #""2012-10-09T19:00:55Z""#, op: .timestampGreaterThan, operand: t0, expected: false),
        .init(value: #""2012-10-09T19:00:55Z""#, op: .timestampGreaterThanEquals, operand: t0, expected: true),
        .init(value: #""2012-10-09T19:00:55Z""#, op: .timestampGreaterThanEquals, operand: t1, expected: false),
        .init(value: #""2012-10-09T19:00:55Z""#, op: .timestampLessThan, operand: t1, expected: true),
        .init(value: #""2012-10-09T19:00:56Z""#, op: .timestampLessThan, operand: t0, expected: false),
        .init(value: #""2012-10-09T19:00:56Z""#, op: .timestampLessThanEquals, operand: t1, expected: true),
        .init(value: #""2012-10-09T19:00:56Z""#, op: .timestampLessThanEquals, operand: t0, expected: false),
        .init(value: #""2012-10-09T21:00:55+02:00""#, op: .timestampEquals, operand: t0, expected: true),
        .init(value: #""2012-10-09T19:00:55.5Z""#, op: .timestampGreaterThan, operand: t0, expected: true),
        .init(value: "null", op: .timestampEquals, operand: t0, expected: false),
        .init(value: #""2023-02-24 12:15:56.832957""#, op: .timestampEquals, operand: t0, expected: false),
    ]

    @Test(arguments: Self.cases)
    func comparesLiterals(_ c: Case) throws {
        let input = try EvaluationFixtures.json(#"{"v": "# + c.value + "}")
        let rule = try Self.rule("$.v", c.op, Self.literal(c.operand))
        #expect(try ChoiceEvaluator.matches(rule, input: input, context: [:], variables: { _ in nil }) == c.expected)
    }

    /// The same cases through the `…Path` operator (operand read from `$.o`).
    @Test(arguments: Self.cases.filter { !$0.op.isTypeTest && $0.op != .stringMatches })
    func comparesPaths(_ c: Case) throws {
        guard let pathOperator = ComparisonOperator(rawValue: c.op.rawValue + "Path") else {
            Issue.record("no Path variant of \(c.op.rawValue)")
            return
        }
        var input = try EvaluationFixtures.json(#"{"v": "# + c.value + "}")
        try ResultPathWriter.assign(c.operand, at: try Path.parse("$.o"), into: &input)
        let rule = try Self.rule("$.v", pathOperator, .path(try Path.parse("$.o")))
        #expect(try ChoiceEvaluator.matches(rule, input: input, context: [:], variables: { _ in nil }) == c.expected)
    }

    @Test func missingVariableFailsUnlessIsPresent() throws {
        let input: JSON = ["a": 1, "l": [1]]
        for path in ["$.missing", "$.a.b", "$.l[3]"] {
            let error = #expect(throws: StatesError.self) {
                try ChoiceEvaluator.matches(
                    try Self.rule(path, .numericEquals, .number(JSONNumber(1))), input: input, context: [:],
                    variables: { _ in nil })
            }
            #expect(error?.name == .runtime)
            #expect(
                error?.cause == "Invalid path '\(path)': The choice state's condition path references an invalid value."
            )
            for expected in [true, false] {
                let present = try ChoiceEvaluator.matches(
                    try Self.rule(path, .isPresent, .bool(expected)), input: input, context: [:],
                    variables: { _ in nil })
                #expect(present == !expected)
            }
        }
    }

    @Test func missingOperandPathFails() throws {
        let rule = try Self.rule("$.a", .numericEqualsPath, .path(try Path.parse("$.missing")))
        let error = #expect(throws: StatesError.self) {
            try ChoiceEvaluator.matches(rule, input: ["a": 1], context: [:], variables: { _ in nil })
        }
        #expect(
            error?.cause == "Invalid path '$.missing': The choice state's condition path references an invalid value.")
    }

    @Test func combinatorsShortCircuitLeftToRight() throws {
        let yes = try Self.rule("$.a", .numericEquals, .number(JSONNumber(1)))
        let no = try Self.rule("$.a", .numericEquals, .number(JSONNumber(2)))
        let failing = try Self.rule("$.missing", .isNull, .bool(true))
        let input: JSON = ["a": 1]
        func check(_ kind: ChoiceRule.Kind) throws -> Bool {
            try ChoiceEvaluator.matches(
                ChoiceRule(kind, pointer: .root), input: input, context: [:], variables: { _ in nil })
        }
        #expect(try check(.and([yes, yes])))
        #expect(try !check(.and([yes, no])))
        #expect(try !check(.and([no, failing])))
        #expect(try check(.or([no, yes])))
        #expect(try check(.or([yes, failing])))
        #expect(try !check(.or([no, no])))
        #expect(try check(.not(no)))
        #expect(try check(.and([.init(.not(no), pointer: .root), .init(.or([no, yes]), pointer: .root)])))
        #expect(throws: StatesError.self) { try check(.or([no, failing])) }
    }

    @Test func readsContextAndVariables() throws {
        let context: JSON = ["Execution": ["Name": "run"]]
        let byContext = try Self.rule("$$.Execution.Name", .stringEquals, .string("run"))
        let byVariable = try Self.rule("$limit", .numericGreaterThan, .number(JSONNumber(5)))
        #expect(try ChoiceEvaluator.matches(byContext, input: [:], context: context, variables: { _ in nil }))
        #expect(
            try ChoiceEvaluator.matches(
                byVariable, input: [:], context: context, variables: { $0 == "limit" ? 10 : nil }))
        #expect(throws: StatesError.self) {
            try ChoiceEvaluator.matches(byVariable, input: [:], context: context, variables: { _ in nil })
        }
    }

    @Test func jsonataConditions() throws {
        let literal = ChoiceRule(.condition(.literal(true)), pointer: .root)
        #expect(try ChoiceEvaluator.matches(literal, input: [:], context: [:], variables: { _ in nil }))
        let expression = ChoiceRule(
            .condition(.expression(try JSONataExpression(source: "$states.input.a > 1"))), pointer: .root)
        let error = #expect(throws: StatesError.self) {
            try ChoiceEvaluator.matches(expression, input: [:], context: [:], variables: { _ in nil })
        }
        #expect(error?.name == .runtime)
        #expect(error?.cause?.contains("$states.input.a > 1") == true)
    }
}
