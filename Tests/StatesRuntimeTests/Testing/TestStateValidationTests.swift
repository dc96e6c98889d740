import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// The requests TestState refuses, with AWS's exception and message (observed on AWS: LocalStack
/// snapshots `test_state/test_state_mock_validation`, `test_test_state_machine_scenarios`,
/// `test_state_context_object`; the others are ours, SPEC-NOTES.md §15.7).
@Suite struct TestStateValidationTests {
    static let pass = single(#"{"Type": "Pass", "End": true}"#)
    static let task = single(
        #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "#
            + #""End": true}"#)
    static let map = single(
        #"{"Type": "Map", "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}}, "#
            + #""End": true}"#)
    static let parallel = single(
        #"{"Type": "Parallel", "Branches": [{"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}}, "#
            + #"{"StartAt": "B2", "States": {"B2": {"Type": "Pass", "End": true}}}], "End": true}"#)
    static let unsupported =
        "TestState API does not support Map or Parallel states. Supported state types include: "
        + "[Task, Wait, Pass, Succeed, Fail, Choice]"

    static let cases: [TestStateRejectionCase] = [
        TestStateRejectionCase(
            name: "no state of that name", definition: pass, state: "Missing", kind: .validationException,
            message: "State not found in definition"),
        TestStateRejectionCase(
            name: "Map without a mock", definition: map, state: "S", kind: .invalidDefinition, message: unsupported),
        TestStateRejectionCase(
            name: "Parallel without a mock", definition: parallel, state: "S", kind: .invalidDefinition,
            message: unsupported),
        TestStateRejectionCase(
            name: "a mock for a Pass state", definition: pass, state: "S", mock: .result(1), kind: .validationException,
            message: "State type 'Pass' is not supported when a mock is specified"),
        TestStateRejectionCase(
            name: "a mocked error for a Fail state",
            definition: single(#"{"Type": "Fail", "Error": "E"}"#), state: "S", mock: .error(name: "E", cause: nil),
            kind: .validationException, message: "State type 'Fail' is not supported when a mock is specified"),
        TestStateRejectionCase(
            name: "a mock for a Succeed state", definition: single(#"{"Type": "Succeed"}"#), state: "S",
            mock: .result(1), kind: .validationException,
            message: "State type 'Succeed' is not supported when a mock is specified"),
        TestStateRejectionCase(
            name: "a mock for a Choice state",
            definition: single(
                #"{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "T"}], "Default": "T"}"#,
                extra: #""T": {"Type": "Succeed"}"#),
            state: "S", mock: .result(1), kind: .validationException,
            message: "State type 'Choice' is not supported when a mock is specified"),
        TestStateRejectionCase(
            name: "a Map mock that is not an array", definition: map, state: "S", mock: .result(["a": 1]),
            kind: .validationException, message: "Mocked result must be an array."),
        TestStateRejectionCase(
            name: "a Parallel mock that is not an array", definition: parallel, state: "S", mock: .result(["a": 1]),
            kind: .validationException, message: "Mocked result must be an array."),
        TestStateRejectionCase(
            name: "a Parallel mock of the wrong length", definition: parallel, state: "S", mock: .result([1]),
            kind: .validationException,
            message: "Mocked result must contain the same number of items as number of Parallel branches."),
        TestStateRejectionCase(
            name: "mapIterationFailureCount without a mock", definition: map, state: "S",
            configuration: TestStateConfiguration(mapIterationFailureCount: 0), kind: .validationException,
            message: "TestState does not support MapIterationFailureCount when a mock is not specified."),
        TestStateRejectionCase(
            name: "mapIterationFailureCount above the mocked iterations", definition: map, state: "S",
            input: #"{"Values": [1, 1, 1]}"#, mock: .result([1, 1, 1]),
            configuration: TestStateConfiguration(mapIterationFailureCount: 4), kind: .validationException,
            message: "Map iteration failure count must be less than or equal to the number of Map iterations"),
        TestStateRejectionCase(
            name: "a context without a mock", definition: task, state: "S", context: "{}",
            kind: .validationException, message: "TestState does not support Context when a mock is not specified."),
        TestStateRejectionCase(
            name: "a context with Map", definition: task, state: "S", mock: .result(1),
            context: #"{"Map": {"Item": {"Index": 0}}}"#, kind: .validationException,
            message: "Invalid Context object provided: 'Map' field is not supported when mocking a Context object"),
        TestStateRejectionCase(
            name: "a context with an unknown member", definition: task, state: "S", mock: .result(1),
            context: #"{"Pokedex": {}}"#, kind: .validationException,
            message: "Invalid Context object provided: Field 'Pokedex' is not allowed"),
        TestStateRejectionCase(
            name: "a context with an unknown Execution field", definition: task, state: "S", mock: .result(1),
            context: #"{"Execution": {"pokemon": 1}}"#, kind: .validationException,
            message: "Invalid Context object provided: Field 'pokemon' is not allowed"),
        TestStateRejectionCase(
            name: "a context whose Execution.Id is not a string", definition: task, state: "S", mock: .result(1),
            context: #"{"Execution": {"Id": 7}}"#, kind: .validationException,
            message: "Invalid Context object provided: Execution.Id must be a string"),
        TestStateRejectionCase(
            name: "a context with Task for a request-response Task", definition: task, state: "S", mock: .result(1),
            context: #"{"Task": {"Token": "abc"}}"#, kind: .validationException,
            message: "Invalid Context object provided: Context object contains 'Task' when state is not a Task state "
                + "with a '.sync' or '.waitForTaskToken' service integration pattern"),
        TestStateRejectionCase(
            name: "a Task nothing serves, without a mock", definition: task, state: "S", kind: .validationException,
            message: "The Task state 'S' calls arn:aws:states:::lambda:invoke, which a local test cannot call."),
        TestStateRejectionCase(
            name: "a .waitForTaskToken Task without a mock",
            definition: single(
                #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}"#),
            state: "S", kind: .validationException,
            message: "TestState only supports Activity tasks and the .sync and .waitForTaskToken service integration "
                + "patterns when a mock is specified."),
        TestStateRejectionCase(
            name: "errorCausedByState naming no state inside the Map", definition: map, state: "S",
            mock: .error(name: "E", cause: nil), configuration: TestStateConfiguration(errorCausedByState: "S"),
            kind: .validationException, message: "ErrorCausedByState 'S' is not a state of 'S'."),
        TestStateRejectionCase(
            name: "errorCausedByState with a mocked result", definition: map, state: "S", mock: .result([]),
            configuration: TestStateConfiguration(errorCausedByState: "Inner"), kind: .validationException,
            message: "ErrorCausedByState can only be specified when a mocked error is specified."),
        TestStateRejectionCase(
            name: "mapIterationFailureCount for a Task", definition: task, state: "S", mock: .result(1),
            configuration: TestStateConfiguration(mapIterationFailureCount: 1), kind: .validationException,
            message: "MapIterationFailureCount can only be specified for a Map state."),
    ]

    @Test(arguments: cases)
    func rejection(_ c: TestStateRejectionCase) async throws {
        let outcome = try await testState(
            c.definition, state: c.state, input: c.input, mock: c.mock, context: c.context,
            configuration: c.configuration)
        guard case .failure(let rejection) = outcome else {
            Issue.record("expected \(c.kind.rawValue): \(c.message)")
            return
        }
        #expect(rejection.kind == c.kind)
        #expect(rejection.message == c.message)
    }

    /// The name typed is near a state's: the hint says which.
    @Test func suggestsTheNearestStateName() async throws {
        let outcome = try await testState(
            single(#"{"Type": "Pass", "Next": "Charge"}"#, extra: #""Charge": {"Type": "Succeed"}"#), state: "Chrage")
        guard case .failure(let rejection) = outcome else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection.hint?.contains(#"did you mean "Charge"?"#) == true)
    }

    /// A Task served by a registered handler runs without a mock, as `asl run` would serve it.
    @Test func unmockedTaskUsesTheHandlers() async throws {
        var handlers = HandlerRegistry()
        handlers.register(ClosureTaskHandler { _ in ["served": true] }, lambdaFunction: "f")
        let result = try await testState(
            TestStateValidationTests.task, state: "S", level: .info, handlers: handlers
        ).get()
        #expect(result.status == .succeeded)
        #expect(result.output?["Payload"] == ["served": true])
    }
}
