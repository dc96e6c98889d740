import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// One `Executor.testState` call and the response expected, written as AWS writes it.
struct TestStateCase: Sendable, CustomTestStringConvertible {
    var name: String
    var definition: String
    var state: String
    var input: String = "{}"
    var level: InspectionLevel = .debug
    var mock: TestStateMock.Outcome?
    var variables: String = "{}"
    var context: String?
    var configuration = TestStateConfiguration()
    /// The whole response (`TestStateResult.json`), compared as compact JSON text.
    var expected: String

    var testDescription: String { name }
}

/// A refused request: AWS's exception name and message.
struct TestStateRejectionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var definition: String
    var state: String
    var input: String = "{}"
    var mock: TestStateMock.Outcome?
    var context: String?
    var configuration = TestStateConfiguration()
    var kind: TestStateRejection.Kind
    var message: String

    var testDescription: String { name }
}

/// Runs a test-state request against a definition with the test clock, seed and names fixed.
func testState(
    _ definition: String, state: String, input: String = "{}", level: InspectionLevel = .debug,
    mock: TestStateMock.Outcome? = nil, variables: String = "{}", context: String? = nil,
    configuration: TestStateConfiguration = TestStateConfiguration(), handlers: HandlerRegistry = HandlerRegistry()
) async throws -> Result<TestStateResult, TestStateRejection> {
    var options = ExecutionOptions(clock: VirtualClock(start: testEpoch), seed: 7, executionName: "test-execution")
    options.stateMachineName = "Machine"
    let executor = try Executor(machine: try machine(definition), handlers: handlers, options: options)
    let request = TestStateRequest(
        stateName: state, input: try json(input), inspectionLevel: level, mock: mock.map { TestStateMock($0) },
        variables: try json(variables).objectValue ?? JSONObject(), context: try context.map(json),
        configuration: configuration)
    do {
        return .success(try await executor.testState(request))
    } catch {
        return .failure(error)
    }
}

/// A one-state machine around `state` (named `S`), with `extra` states beside it.
func single(_ state: String, extra: String = "", queryLanguage: String? = nil) -> String {
    let language = queryLanguage.map { #""QueryLanguage": "\#($0)", "# } ?? ""
    let others = extra.isEmpty ? "" : ", " + extra
    return #"{\#(language)"StartAt": "S", "States": {"S": \#(state)\#(others)}}"#
}

/// A JSON literal for a case table (`null` if the text were not JSON, which the case would show).
func parsed(_ text: String) -> JSON {
    (try? JSONReader.read(text).value) ?? .null
}
