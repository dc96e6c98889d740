import JSONCore
import StatesTestSupport
import Testing

@testable import ASLServer

/// The TestState operation: AWS's request members in, `asl test-state`'s engine, AWS's response
/// shape out (SPEC-NOTES.md §18.3).
@Suite struct TasksTestStateTests {
    static let machine = """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n", "v.$": "$x"}, "Next": "Call"},
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"p.$": "$.Payload"},
                   "Next": "Wait"},
          "Wait": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a", "End": true}}}
        """

    @Test func aLoneStateRunsWithoutStateName() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let response = try await harness.call(
            "TestState",
            [
                "definition": #"{"Type": "Pass", "Result": {"ok": true}, "ResultPath": "$.r", "Next": "After"}"#,
                "roleArn": "arn:aws:iam::123456789012:role/test", "input": #"{"a":1}"#,
            ])
        #expect(
            response == ["output": #"{"a":1,"r":{"ok":true}}"#, "nextState": "After", "status": "SUCCEEDED"])
    }

    @Test func aStateOfAMachineWithVariablesAndDebugInspection() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let response = try await harness.call(
            "TestState",
            [
                "definition": .string(Self.machine), "stateName": "Prepare", "input": #"{"n":2}"#,
                "variables": #"{"x":"seen"}"#, "inspectionLevel": "DEBUG",
            ])
        #expect(response["output"] == #"{"n":2,"v":"seen"}"#)
        #expect(response["nextState"] == "Call")
        #expect(response["inspectionData"]?["afterParameters"] == #"{"n":2,"v":"seen"}"#)
    }

    @Test func aMockedTaskResult() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let response = try await harness.call(
            "TestState",
            [
                "definition": .string(Self.machine), "stateName": "Call", "input": "{}",
                "mock": ["result": #"{"Payload": 5, "StatusCode": 200}"#, "fieldValidationMode": "NONE"],
            ])
        #expect(response == ["output": #"{"p":5}"#, "nextState": "Wait", "status": "SUCCEEDED"])
    }

    @Test func aMockedError() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let response = try await harness.call(
            "TestState",
            [
                "definition": .string(Self.machine), "stateName": "Wait",
                "mock": ["errorOutput": ["error": "Boom", "cause": "why"]],
            ])
        #expect(response == ["error": "Boom", "cause": "why", "status": "FAILED"])
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var body: JSON
        var type: String
        var message: String?
        var messagePrefix: String? = nil
        var messageSuffix: String? = nil
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(
            name: "activity without a mock", body: ["definition": .string(machine), "stateName": "Wait"],
            type: "ValidationException",
            message: "TestState only supports Activity tasks and the .sync and .waitForTaskToken service integration "
                + "patterns when a mock is specified."),
        Refusal(
            name: "both mock fields",
            body: [
                "definition": .string(machine), "stateName": "Call",
                "mock": ["result": "{}", "errorOutput": ["error": "E"]],
            ],
            type: "ValidationException",
            message: "A test mock should have only one of the following fields: [result, errorOutput]."),
        Refusal(
            name: "mock result not JSON",
            body: ["definition": .string(machine), "stateName": "Call", "mock": ["result": "{"]],
            type: "ValidationException", message: "Mocked result must be valid JSON"),
        Refusal(
            name: "unknown state", body: ["definition": .string(machine), "stateName": "Nope"],
            type: "ValidationException", message: "State not found in definition"),
        Refusal(
            name: "inspection level",
            body: ["definition": .string(machine), "stateName": "Prepare", "inspectionLevel": "LOUD"],
            type: "ValidationException",
            message: "1 validation error detected: Value 'LOUD' at 'inspectionLevel' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [INFO, DEBUG, TRACE]"),
        Refusal(
            name: "invalid definition", body: ["definition": #"{"Type": "Pass", "Next": 3}"#],
            type: "InvalidDefinition", message: nil),
        // As CreateStateMachine words it (AWS's code, `at` the place), the place inside the lone
        // state rather than inside the machine it is wrapped in (SPEC-NOTES.md §18.4).
        Refusal(
            name: "lone state missing a field", body: ["definition": #"{"Type": "Task", "End": true}"#],
            type: "InvalidDefinition",
            message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field \"Resource\" is "
                + "required in Task state but was missing at /'"),
        Refusal(
            name: "lone state field of a wrong type",
            body: ["definition": #"{"Type": "Pass", "Result": 1, "ResultPath": 3, "End": true}"#],
            type: "InvalidDefinition",
            message: nil, messagePrefix: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ",
            messageSuffix: " at /ResultPath'"),
        Refusal(
            name: "machine state with an error",
            body: [
                "definition": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Gone"}}}"#,
                "stateName": "A",
            ],
            type: "InvalidDefinition", message: nil, messagePrefix: "Invalid State Machine Definition: '",
            messageSuffix: #"MISSING_TRANSITION_TARGET: State "A" has Next "Gone", which is not a state in this scope "#
                + "at /States/A/Next'"),
        Refusal(
            name: "machine without stateName", body: ["definition": .string(machine)], type: "InvalidDefinition",
            message: nil),
        Refusal(
            name: "lone state with stateName", body: ["definition": #"{"Type": "Succeed"}"#, "stateName": "S"],
            type: "InvalidDefinition", message: nil),
        Refusal(name: "no definition", body: ["stateName": "S"], type: "ValidationException", message: nil),
        Refusal(
            name: "input not JSON", body: ["definition": #"{"Type": "Succeed"}"#, "input": "{"],
            type: "ValidationException", message: nil),
        Refusal(
            name: "variables not an object", body: ["definition": #"{"Type": "Succeed"}"#, "variables": "[1]"],
            type: "ValidationException", message: "Variables must be a JSON object"),
    ]

    @Test(arguments: refusals) func refusesAsAWSDoes(_ refusal: Refusal) async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let error = await harness.error("TestState", refusal.body)
        #expect(error?.type == refusal.type)
        if let message = refusal.message { #expect(error?.message == message) }
        if let prefix = refusal.messagePrefix {
            #expect(error?.message.hasPrefix(prefix) == true, "\(error?.message ?? "")")
        }
        if let suffix = refusal.messageSuffix {
            #expect(error?.message.hasSuffix(suffix) == true, "\(error?.message ?? "")")
        }
        #expect(error?.message.contains(#""StateName""#) != true, "\(error?.message ?? "")")
    }
}
