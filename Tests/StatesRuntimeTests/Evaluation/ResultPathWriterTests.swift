import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

@Suite struct ResultPathWriterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let path: String
        let input: String
        let result: String
        let expected: String
        var testDescription: String { "\(path) into \(input)" }
    }

    static let cases: [Case] = [
        .init(path: "$", input: #"{"a": 1}"#, result: #""r""#, expected: #""r""#),
        .init(path: "$.b", input: #"{"a": 1}"#, result: #""r""#, expected: #"{"a": 1, "b": "r"}"#),
        .init(path: "$.a", input: #"{"a": 1, "z": 2}"#, result: #"{"x": []}"#, expected: #"{"a": {"x": []}, "z": 2}"#),
        .init(path: "$.x.y.z", input: #"{"a": 1}"#, result: "true", expected: #"{"a": 1, "x": {"y": {"z": true}}}"#),
        .init(
            path: "$.a.b", input: #"{"a": {"k": 0}, "z": 1}"#, result: "null",
            expected: #"{"a": {"k": 0, "b": null}, "z": 1}"#),
        .init(path: "$['my key'].v", input: "{}", result: "1", expected: #"{"my key": {"v": 1}}"#),
        .init(path: "$.l[1]", input: #"{"l": [1, 2]}"#, result: #""r""#, expected: #"{"l": [1, "r"]}"#),
        .init(
            path: "$.l[-1].v", input: #"{"l": [{}, {"w": 0}]}"#, result: "3",
            expected: #"{"l": [{}, {"w": 0, "v": 3}]}"#),
    ]

    @Test(arguments: Self.cases)
    func assigns(_ c: Case) throws {
        var document = try EvaluationFixtures.json(c.input)
        try ResultPathWriter.assign(try EvaluationFixtures.json(c.result), at: try Path.parse(c.path), into: &document)
        #expect(JSONWriter.compact(document) == (try EvaluationFixtures.compact(c.expected)))
    }

    struct Conflict: CustomTestStringConvertible, Sendable {
        let path: String
        let input: String
        let cause: String
        var testDescription: String { "\(path) into \(input)" }
    }

    static let conflicts: [Conflict] = [
        .init(
            path: "$.someTaskResult", input: #""input1""#,
            cause: #"Unable to apply ReferencePath $.someTaskResult to input "input1""#),
        .init(path: "$.x", input: "[1, 2]", cause: "Unable to apply ReferencePath $.x to input [1,2]"),
        .init(path: "$.a.b", input: #"{"a": 1}"#, cause: #"Unable to apply step "a" to input {"a":1}"#),
        .init(
            path: "$.a.b.c", input: #"{"a": {"b": "s"}}"#, cause: #"Unable to apply step "b" to input {"a":{"b":"s"}}"#),
        .init(path: "$.l[5]", input: #"{"l": [1]}"#, cause: #"Unable to apply step "5" to input {"l":[1]}"#),
        .init(path: "$.m[0]", input: "{}", cause: #"Unable to apply step "m" to input {}"#),
    ]

    @Test(arguments: Self.conflicts)
    func reportsConflicts(_ c: Conflict) throws {
        let original = try EvaluationFixtures.json(c.input)
        var document = original
        let error = #expect(throws: StatesError.self) {
            try ResultPathWriter.assign("r", at: try Path.parse(c.path), into: &document)
        }
        #expect(error?.name == .referencePathConflict)
        #expect(error?.cause == c.cause)
        #expect(document == original)
    }

    @Test func leavesOtherCopiesUntouched() throws {
        let original: JSON = ["a": ["b": 1], "c": [1, 2]]
        var document = original
        try ResultPathWriter.assign("r", at: try Path.parse("$.a.x"), into: &document)
        #expect(original == ["a": ["b": 1], "c": [1, 2]])
        #expect(document == ["a": ["b": 1, "x": "r"], "c": [1, 2]])
    }
}
