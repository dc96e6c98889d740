import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// Jayway's filter comparison semantics (`EvaluatorFactory`, `ValueNodes`).
@Suite struct FilterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let filter: String
        let items: String
        let expected: String
        var testDescription: String { filter }
    }

    static let numbersAndStrings = #"[{"n": 5}, {"n": "5"}, {"n": 5.0}, {"n": "5.0"}, {"n": "x"}, {"m": 1}]"#

    static let cases: [Case] = [
        // Number vs string: the left operand decides. A number reads the string as a number; a
        // string compares with the number's BigDecimal text.
        .init(filter: "@.n == '5'", items: numbersAndStrings, expected: #"[{"n": 5}, {"n": "5"}, {"n": 5.0}]"#),
        .init(filter: "@.n == 5", items: numbersAndStrings, expected: #"[{"n": 5}, {"n": "5"}, {"n": 5.0}]"#),
        .init(filter: "@.n == 5.0", items: numbersAndStrings, expected: #"[{"n": 5}, {"n": 5.0}, {"n": "5.0"}]"#),
        .init(
            filter: "@.n == 1e2", items: #"[{"n": "1E+2"}, {"n": "100"}, {"n": 100}]"#,
            expected: #"[{"n": "1E+2"}, {"n": 100}]"#),
        // Jayway 2.0 `Criteria.eval`: a comparison with a missing member is false, != included.
        .init(filter: "@.n != 5", items: numbersAndStrings, expected: #"[{"n": "5.0"}, {"n": "x"}]"#),
        .init(filter: "@.n != $.nope", items: numbersAndStrings, expected: "[]"),
        .init(filter: "@.n > 4", items: numbersAndStrings, expected: #"[{"n": 5}, {"n": 5.0}]"#),
        .init(filter: "@.n < 'y'", items: numbersAndStrings, expected: #"[{"n": "5"}, {"n": "5.0"}, {"n": "x"}]"#),
        .init(filter: "@.n >= 5 && @.n <= 5", items: numbersAndStrings, expected: #"[{"n": 5}, {"n": 5.0}]"#),
        // Booleans and null only equal their own kind.
        .init(filter: "@.b == true", items: #"[{"b": true}, {"b": "true"}, {"b": 1}]"#, expected: #"[{"b": true}]"#),
        .init(filter: "@.b == null", items: #"[{"b": null}, {"b": "null"}, {}]"#, expected: #"[{"b": null}]"#),
        // Existence (Jayway 2.0 `Criteria.eval` EXISTS): present and not null; `!` negates.
        .init(filter: "@.a", items: #"[{"a": null}, {"b": 1}, {"a": false}]"#, expected: #"[{"a": false}]"#),
        .init(filter: "!(@.a)", items: #"[{"a": null}, {"b": 1}]"#, expected: #"[{"a": null}, {"b": 1}]"#),
        .init(filter: "@.a[*]", items: #"[{"a": []}, {"b": 1}]"#, expected: #"[{"a": []}]"#),
        // Regular expressions: whole match, flags, numbers and booleans as text.
        .init(
            filter: "@.s =~ /ab.*/i", items: #"[{"s": "ABc"}, {"s": "xab"}, {"s": 1}]"#, expected: #"[{"s": "ABc"}]"#),
        .init(
            filter: "@.s =~ /1\\d/", items: #"[{"s": 12}, {"s": "13"}, {"s": 1}]"#,
            expected: #"[{"s": 12}, {"s": "13"}]"#),
        .init(filter: "@.s =~ /tru./", items: #"[{"s": true}, {"s": false}]"#, expected: #"[{"s": true}]"#),
        // Lists.
        .init(filter: "@.c in ['x', 'y']", items: #"[{"c": "x"}, {"c": "z"}, {}]"#, expected: #"[{"c": "x"}]"#),
        .init(filter: "@.c nin ['x', 'y']", items: #"[{"c": "x"}, {"c": "z"}, {}]"#, expected: #"[{"c": "z"}, {}]"#),
        .init(
            filter: "@.c in [1, 2]", items: #"[{"c": 1}, {"c": "2"}, {"c": 3}]"#, expected: #"[{"c": 1}, {"c": "2"}]"#),
        .init(
            filter: "@.t subsetof ['a', 'b']", items: #"[{"t": ["a"]}, {"t": ["a", "c"]}, {"t": []}]"#,
            expected: #"[{"t": ["a"]}, {"t": []}]"#),
        .init(filter: "@.t anyof ['a', 'b']", items: #"[{"t": ["a"]}, {"t": ["c"]}]"#, expected: #"[{"t": ["a"]}]"#),
        .init(filter: "@.t noneof ['a', 'b']", items: #"[{"t": ["a"]}, {"t": ["c"]}]"#, expected: #"[{"t": ["c"]}]"#),
        // Sizes and emptiness.
        .init(
            filter: "@.s size 3", items: #"[{"s": "abc"}, {"s": [1, 2, 3]}, {"s": "ab"}, {"s": 123}]"#,
            expected: #"[{"s": "abc"}, {"s": [1, 2, 3]}]"#),
        .init(
            filter: "@.s empty true", items: #"[{"s": ""}, {"s": []}, {"s": {}}, {"s": "a"}, {"s": null}]"#,
            expected: #"[{"s": ""}, {"s": []}, {"s": {}}]"#),
        .init(
            filter: "@.s empty false", items: #"[{"s": ""}, {"s": "a"}, {"s": [0]}]"#,
            expected: #"[{"s": "a"}, {"s": [0]}]"#),
        // Arrays and objects compare as Java collections: 1 (Integer) is not 1.0 (Double).
        .init(
            filter: "@.l == [1, 2]", items: #"[{"l": [1, 2]}, {"l": [1.0, 2]}, {"l": [2, 1]}]"#,
            expected: #"[{"l": [1, 2]}]"#),
        // `$` operands are read from the document root.
        .init(filter: "@ > $.min", items: "[1, 5, 9]", expected: "[9]"),
        .init(filter: "true", items: "[1, 2]", expected: "[1, 2]"),
        .init(filter: "false", items: "[1, 2]", expected: "[]"),
        // Strings compare by UTF-16 code units: U+FFFD sorts after U+1F600 (a surrogate pair).
        .init(filter: "@ > '😀'", items: #"["\ufffd", "a"]"#, expected: #"["\ufffd"]"#),
    ]

    @Test(arguments: Self.cases)
    func filters(_ c: Case) throws {
        let input = #"{"min": 6, "items": "# + c.items + "}"
        let result = try EvaluationFixtures.evaluate("$.items[?(\(c.filter))]", input)
        #expect(JSONWriter.compact(result) == (try EvaluationFixtures.compact(c.expected)))
    }

    @Test func listOperatorsNeedLists() throws {
        let error = #expect(throws: PathEvaluationError.self) {
            try EvaluationFixtures.evaluate("$.items[?(@ in 'abc')]", #"{"items": ["a"]}"#)
        }
        #expect(error?.kind == .invalidPath)
        #expect(error?.message == "Expected value list node")
    }

    @Test func regexIsCompiledOnceAndReportsBadPatterns() throws {
        let error = #expect(throws: PathEvaluationError.self) {
            try EvaluationFixtures.evaluate("$.items[?(@ =~ /a(/)]", #"{"items": ["a"]}"#)
        }
        #expect(error?.kind == .invalidPath)
        let first = try EvaluationFixtures.evaluate("$.items[?(@ =~ /a+/)]", #"{"items": ["aa", "b"]}"#)
        let second = try EvaluationFixtures.evaluate("$.items[?(@ =~ /a+/)]", #"{"items": ["b", "a"]}"#)
        #expect(first == ["aa"])
        #expect(second == ["a"])
    }
}
