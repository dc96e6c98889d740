import JSONCore
import LocalAWS
import StatesLanguage
import StatesRuntime
import Testing

/// Mocked Task results against their integration's response model, with the answers AWS's
/// TestState gave (LocalStack snapshots `test_state/test_field_validation_mode`,
/// `test_field_validation_mode_present`; SPEC-NOTES.md §15.3).
@Suite struct MockResultSchemaTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var resource: String
        var result: String
        var mode: MockFieldValidationMode = .strict
        /// `nil`: the result passes.
        var message: String?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a field not in the model passes", resource: "arn:aws:states:::events:putEvents",
            result: #"{"random": "json"}"#),
        Case(name: "an empty object passes", resource: "arn:aws:states:::events:putEvents", result: "{}"),
        Case(
            name: "a list field given a string", resource: "arn:aws:states:::events:putEvents",
            result: #"{"Entries": "Entries value should have been a list"}"#,
            message: "Mock result schema validation error: Field 'Entries' must be an array"),
        Case(
            name: "a nested string given an array", resource: "arn:aws:states:::events:putEvents",
            result: #"{"Entries": [{"EventId": ["x"]}]}"#,
            message: "Mock result schema validation error: Field 'EventId' must be a string"),
        Case(
            name: "the second element is wrong", resource: "arn:aws:states:::events:putEvents",
            result: #"{"Entries": [{"EventId": "ok"}, {"EventId": ["x"]}]}"#,
            message: "Mock result schema validation error: Field 'EventId' must be a string"),
        Case(
            name: "STRICT: a required field missing", resource: "arn:aws:states:::states:startExecution",
            result: "{}", message: "Mock result schema validation error: Required field 'ExecutionArn' is missing"),
        Case(
            name: "STRICT: field names in the API's camel case are not Step Functions'",
            resource: "arn:aws:states:::states:startExecution",
            result: #"{"executionArn": "a", "startDate": "b"}"#,
            message: "Mock result schema validation error: Required field 'ExecutionArn' is missing"),
        Case(
            name: "PRESENT: required fields may be missing", resource: "arn:aws:states:::states:startExecution",
            result: "{}", mode: .present),
        Case(
            name: "a timestamp given a boolean", resource: "arn:aws:states:::states:startExecution",
            result: #"{"ExecutionArn": "a", "StartDate": true}"#, mode: .present,
            message: "Mock result schema validation error: Field 'StartDate' must be a string"),
        Case(
            name: "an integer given a string", resource: "arn:aws:states:::lambda:invoke",
            result: #"{"StatusCode": "200"}"#,
            message: "Mock result schema validation error: Field 'StatusCode' must be a number"),
        Case(
            name: "a Lambda Payload may be any JSON", resource: "arn:aws:states:::lambda:invoke",
            result: #"{"Payload": {"ok": true}, "StatusCode": 200}"#),
        Case(
            name: "NONE checks nothing", resource: "arn:aws:states:::lambda:invoke",
            result: #"{"StatusCode": "200"}"#, mode: .none),
        Case(
            name: "no model for the .sync pattern", resource: "arn:aws:states:::states:startExecution.sync",
            result: "{}"),
        Case(
            name: "no model for other integrations", resource: "arn:aws:states:::aws-sdk:s3:getObject",
            result: #"{"ContentLength": "x"}"#),
    ]

    @Test(arguments: cases)
    func check(_ c: Case) throws {
        let result = try JSONReader.read(c.result).value
        #expect(MockResultSchema.problem(result, resource: TaskResource(c.resource), mode: c.mode) == c.message)
    }
}
