import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

@Suite struct PathFunctionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let path: String
        let expected: String
        var testDescription: String { path }
    }

    static let input = """
        {"nums": [1, 2, 3], "neg": [-1, -2], "empty": [], "one": [5], "big": [10000000], "tiny": [0.0001],
         "mixed": [1, "2", 3.5, null], "obj": {"x": 1, "y": 2}, "strs": ["a", "b", 3], "s": "c",
         "deep": {"a": {"price": 1}, "b": [{"price": 2}, {"price": 3}]}}
        """

    static let cases: [Case] = [
        .init(path: "$.nums.length()", expected: "3"),
        .init(path: "$.obj.length()", expected: "2"),
        .init(path: "$.s.length()", expected: "null"),
        .init(path: "$.nums.sum()", expected: "6.0"),
        .init(path: "$.nums.avg()", expected: "2.0"),
        .init(path: "$.nums.min()", expected: "1.0"),
        .init(path: "$.nums.max()", expected: "3.0"),
        .init(path: "$.nums.stddev()", expected: "0.8164965809277263"),
        .init(path: "$.mixed.sum()", expected: "4.5"),
        .init(path: "$.big.sum()", expected: "1.0E7"),
        .init(path: "$.tiny.sum()", expected: "1.0E-4"),
        // Jayway's Max starts from Double.MIN_VALUE, the smallest positive double.
        .init(path: "$.neg.max()", expected: "4.9E-324"),
        .init(path: "$.neg.min()", expected: "-2.0"),
        .init(path: "$.nums.sum(10, [1, 1])", expected: "18.0"),
        .init(path: "$.nums.sum($.one)", expected: "11.0"),
        .init(path: "$.obj.keys()", expected: #"["x", "y"]"#),
        .init(path: "$.nums.keys()", expected: "null"),
        .init(path: #"$.strs.concat("-", $.s)"#, expected: #""ab-c""#),
        .init(path: #"$.s.concat("x")"#, expected: #""x""#),
        .init(path: "$.nums.append(4, \"five\")", expected: #"[1, 2, 3, 4, "five"]"#),
        .init(path: "$.obj.append(4)", expected: #"{"x": 1, "y": 2}"#),
        .init(path: "$.nums.first()", expected: "1"),
        .init(path: "$.nums.last()", expected: "3"),
        .init(path: "$.nums.index(1)", expected: "2"),
        .init(path: "$.nums.index(-1)", expected: "3"),
        .init(path: "$..price.sum()", expected: "6.0"),
        .init(path: "$..price.length()", expected: "0"),
        .init(path: "$..b.length()", expected: "2"),
    ]

    @Test(arguments: Self.cases)
    func computes(_ c: Case) throws {
        let result = try EvaluationFixtures.evaluate(c.path, Self.input)
        #expect(JSONWriter.compact(result) == (try EvaluationFixtures.compact(c.expected)))
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        let path: String
        let message: String
        var testDescription: String { path }
    }

    static let failures: [Failure] = [
        .init(path: "$.empty.sum()", message: "Aggregation function attempted to calculate value using empty array"),
        .init(path: "$.empty.avg()", message: "Aggregation function attempted to calculate value using empty array"),
        .init(path: "$.s.max()", message: "Aggregation function attempted to calculate value using empty array"),
        // Jayway's AbstractSequenceAggregation needs size + index > 0, so last() of one element fails.
        .init(path: "$.one.last()", message: "Target index:-1 larger than object count:1"),
        .init(path: "$.empty.first()", message: "Index 0 out of bounds for length 0"),
        .init(path: "$.nums.index(5)", message: "Index 5 out of bounds for length 3"),
        .init(path: "$.obj.first()", message: "Invalid json array"),
        .init(path: "$.nums.concat('x')", message: "Invalid JSON argument ''x'' to concat()"),
    ]

    @Test(arguments: Self.failures)
    func fails(_ c: Failure) throws {
        let error = #expect(throws: PathEvaluationError.self) {
            try EvaluationFixtures.evaluate(c.path, Self.input)
        }
        #expect(error?.kind == .functionFailed)
        #expect(error?.message == c.message)
    }

    struct JavaDouble: CustomTestStringConvertible, Sendable {
        let value: Double
        let text: String
        var testDescription: String { text }
    }

    static let doubles: [JavaDouble] = [
        .init(value: 0, text: "0.0"),
        .init(value: .leastNonzeroMagnitude, text: "4.9E-324"),
        .init(value: .leastNonzeroMagnitude * 4, text: "2.0E-323"),
        .init(value: 0.3, text: "0.3"),
        .init(value: 1, text: "1.0"),
        .init(value: 73.87, text: "73.87"),
        .init(value: 0.001, text: "0.001"),
        .init(value: 0.0001, text: "1.0E-4"),
        .init(value: 9_999_999, text: "9999999.0"),
        .init(value: 10_000_000, text: "1.0E7"),
        .init(value: 1.2345e20, text: "1.2345E20"),
        .init(value: -2.5e-7, text: "-2.5E-7"),
        .init(value: 123.456, text: "123.456"),
        .init(value: 100, text: "100.0"),
    ]

    @Test(arguments: Self.doubles)
    func writesDoublesAsJava(_ c: JavaDouble) throws {
        let result = try PathEvaluator.evaluate(
            try Path.parse("$.sum()"), input: [.number(JSONNumber(c.value))], context: [:], variables: { _ in nil })
        #expect(JSONWriter.compact(result) == c.text)
    }
}
