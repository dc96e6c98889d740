import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// Every cause text, against the AWS recordings named in SPEC-NOTES.md §5.3.
@Suite struct EvaluationFailureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let error: StatesError
        let expectedName: StatesErrorName
        let cause: String
        var testDescription: String { name }
    }

    static func path(_ text: String) -> Path {
        (try? Path.parse(text)) ?? Path(source: text, root: .input, segments: [])
    }

    static let input: JSON = ["other": 1, "text": "a\"b\n"]

    static let cases: [Case] = [
        .init(
            name: "payload field",
            error: EvaluationFailure.fieldPathNotFound(
                path: path("$.nope.deep"), field: "missing.$", input: ["other": 1]),
            expectedName: .runtime,
            cause:
                #"The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input '{"other":1}'"#
        ),
        .init(
            name: "payload field escaping",
            error: EvaluationFailure.fieldPathNotFound(path: path("$.x"), field: "x.$", input: input),
            expectedName: .runtime,
            cause:
                #"The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{"other":1,"text":"a\"b\n"}'"#
        ),
        .init(
            name: "ErrorPath",
            error: EvaluationFailure.fieldPathNotFound(
                path: path("$.ErrorX"), field: "ErrorPath", inputText: #"{"Error":"error-value","Cause":"cause-value"}"#
            ),
            expectedName: .runtime,
            cause: #"The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input "#
                + #"'{"Error":"error-value","Cause":"cause-value"}'"#),
        .init(
            name: "intrinsic argument",
            error: EvaluationFailure.intrinsicArgumentNotFound(
                call: "States.Format('{}', States.Format('{}', $.nope))", path: path("$.nope"), input: ["other": 1]),
            expectedName: .runtime,
            cause: "The function 'States.Format('{}', States.Format('{}', $.nope))' had the following error: "
                + #"The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'"#),
        .init(
            name: "InputPath",
            error: EvaluationFailure.invalidPath(
                path("$.Payload"), PathEvaluationError(kind: .notFound, message: "No results for path: $['Payload']")),
            expectedName: .runtime,
            cause: "Invalid path '$.Payload' : No results for path: $['Payload']"),
        .init(
            name: "Choice",
            error: EvaluationFailure.choiceInvalidPath(path("$.jobs[0].done")),
            expectedName: .runtime,
            cause: "Invalid path '$.jobs[0].done': The choice state's condition path references an invalid value."),
        .init(
            name: "ResultPath on a string",
            error: EvaluationFailure.resultPathConflict(path: path("$.someTaskResult"), input: "input1"),
            expectedName: .referencePathConflict,
            cause: #"Unable to apply ReferencePath $.someTaskResult to input "input1""#),
        .init(
            name: "ItemsPath member missing",
            error: EvaluationFailure.itemsPathNotFound(
                path: path("$.discovery.objects"), input: ["discovery": ["statusCode": 500, "body": "..."]]),
            expectedName: .referencePathConflict,
            cause: #"Unable to apply step "objects" to input {"discovery":{"statusCode":500,"body":"..."}}"#),
        .init(
            name: "ItemsPath first member missing",
            error: EvaluationFailure.itemsPathNotFound(path: path("$.jobs"), input: ["source": "nightly"]),
            expectedName: .referencePathConflict,
            cause: #"Unable to apply step "jobs" to input {"source":"nightly"}"#),
        .init(
            name: "ItemsPath not an array",
            error: EvaluationFailure.itemsPathNotArray(path: path("$.items"), value: ["a": 1]),
            expectedName: .runtime,
            cause: #"Invalid path '$.items' : the value is not a JSON array: {"a":1}"#),
        .init(
            name: "SecondsPath missing",
            error: EvaluationFailure.secondsPathNotFound(path: path("$.wait")),
            expectedName: .runtime,
            cause: "The SecondsPath parameter does not reference an input value: $.wait"),
        .init(
            name: "SecondsPath not an integer",
            error: EvaluationFailure.secondsPathNotInteger(path: path("$.wait"), value: "soon"),
            expectedName: .runtime,
            cause: "The SecondsPath parameter cannot be parsed as a long value: $.wait == soon"),
        .init(
            name: "SecondsPath decimal",
            error: EvaluationFailure.secondsPathNotInteger(path: path("$.wait"), value: 1.5),
            expectedName: .runtime,
            cause: "The SecondsPath parameter cannot be parsed as a long value: $.wait == 1.5"),
        .init(
            name: "SecondsPath negative",
            error: EvaluationFailure.secondsPathNegative(path: path("$.wait"), value: -1),
            expectedName: .runtime,
            cause: "The SecondsPath parameter references a negative value: $.wait == -1"),
        .init(
            name: "TimestampPath",
            error: EvaluationFailure.timestampPathInvalid(path: path("$.until"), value: "tomorrow"),
            expectedName: .runtime,
            cause: "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format "
                + "string: $.until == tomorrow"),
        .init(
            name: "TimestampPath missing",
            error: EvaluationFailure.timestampPathNotFound(path: path("$.until")),
            expectedName: .runtime,
            cause: "The TimestampPath parameter does not reference an input value: $.until"),
        .init(
            name: "TimeoutSecondsPath",
            error: EvaluationFailure.timeoutPathInvalid(field: "TimeoutSecondsPath", path: path("$.t"), value: 0),
            expectedName: .runtime,
            cause: "The TimeoutSecondsPath parameter cannot be parsed as a positive integer value: $.t == 0"),
    ]

    @Test(arguments: Self.cases)
    func writesCause(_ c: Case) {
        #expect(c.error.name == c.expectedName)
        #expect(c.error.cause == c.cause)
    }

    @Test func decoratesOnlyRuntimeErrors() {
        let runtime = EvaluationFailure.choiceInvalidPath(Self.path("$.value"))
        let decorated = EvaluationFailure.decorated(runtime, stateName: "CheckValue", enteredEventID: 2)
        #expect(decorated.name == .runtime)
        #expect(
            decorated.cause
                == "An error occurred while executing the state 'CheckValue' (entered at the event id #2). "
                + "Invalid path '$.value': The choice state's condition path references an invalid value.")
        let express = EvaluationFailure.decorated(runtime, stateName: "CheckValue", enteredEventID: nil)
        #expect(
            express.cause?.hasPrefix("An error occurred while executing the state 'CheckValue'. Invalid path") == true)
        let conflict = EvaluationFailure.resultPathConflict(path: Self.path("$.x"), input: "s")
        #expect(EvaluationFailure.decorated(conflict, stateName: "S", enteredEventID: 3) == conflict)
        #expect(StatesError(.referencePathConflict).isMatched(by: [.all]))
    }

    /// The evaluator's Jayway message flows into the InputPath/OutputPath text.
    @Test func invalidPathQuotesJayway() throws {
        let path = try Path.parse("$.a.b")
        let error = #expect(throws: PathEvaluationError.self) {
            try PathEvaluator.evaluate(path, input: [:], context: [:], variables: { _ in nil })
        }
        let failure = try #require(error.map { EvaluationFailure.invalidPath(path, $0) })
        #expect(failure.cause == "Invalid path '$.a.b' : Missing property in path $['a']")
    }
}
