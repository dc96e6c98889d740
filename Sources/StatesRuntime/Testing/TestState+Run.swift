import Foundation
import JSONCore
import StatesLanguage

extension Executor {
    /// Runs one state of the machine as AWS's TestState API does, and reports what TestState
    /// returns: the output or the error, the next state, a status, and (DEBUG, TRACE) the data
    /// after each processing step.
    ///
    /// The state goes through the executor's own envelope (InputPath → Parameters/Arguments →
    /// work → ResultSelector → ResultPath → OutputPath, Assign, Retry and Catch); a mock stands in
    /// for a Task's service call and for a Map's iterations or a Parallel's branches, which
    /// TestState never runs. A retrier that would retry ends the test as RETRIABLE with the delay
    /// it would wait; nothing waits (SPEC-NOTES.md §15).
    ///
    ///     let result = try await executor.testState(
    ///         TestStateRequest(stateName: "Charge", input: ["amount": 3], inspectionLevel: .debug,
    ///                          mock: TestStateMock(.error(name: "Timeout", cause: nil))))
    ///     print(result.status)   // RETRIABLE, CAUGHT_ERROR or FAILED, as Retry and Catch decide
    ///
    /// - Throws: ``TestStateRejection`` for a request TestState refuses (a state not in the
    ///   definition, a mock a state type does not take, a Map or Parallel without a mock, …).
    public func testState(_ request: TestStateRequest) async throws(TestStateRejection) -> TestStateResult {
        let id = try TestStateValidation.check(request, machine: resolvedMachine, unresolved: unresolvedResources())
        let state = machine[id]
        var runOptions = options
        runOptions.recordsHistory = false
        runOptions.historySink = nil
        runOptions.progress = nil
        let runner = ExecutionRunner(
            executor: Executor(machine: resolvedMachine, handlers: handlers, options: runOptions),
            control: ExecutionControl())
        let inspection = StepInspection(
            mock: request.mock.map(Self.inspectionMock),
            retrierRetryCount: request.configuration.retrierRetryCount ?? 0,
            mapIterationFailureCount: request.configuration.mapIterationFailureCount)
        let clock = options.clock ?? VirtualClock(start: Date())
        var random = RandomSource(seed: options.seed)
        let executionName = options.executionName ?? UUIDText.random(using: &random)
        var context = ContextObject(
            execution: .init(
                id: Self.expressExecutionArn(options, name: executionName), input: request.input,
                name: executionName, roleArn: options.roleArn ?? "",
                startTime: Evaluate.formatTimestamp(clock.now()), stateMachineID: stateMachineArn(options),
                stateMachineName: options.stateMachineName))
        context.replacement =
            request.context
            ?? Self.testContext(
                options, executionName: executionName, input: request.input, state: state, now: clock.now(),
                retryCount: request.configuration.retrierRetryCount ?? 0)
        var variables: [CodeUnitString: JSON] = [:]
        for (name, value) in request.variables { variables[name] = value }
        var path = PathContext(
            clock: clock, random: random, previousEventID: 0, variables: variables, context: context, depth: 0,
            inspection: inspection)

        var result = TestStateResult(status: .succeeded)
        do throws(StepFailure) {
            let outcome = try await runner.step(id, input: request.input, path: &path)
            switch outcome {
            case .next(let next, let output):
                result.output = output
                result.nextState = runner.programs[next.index].name
            case .end(let output):
                result.output = output
            }
            if let caught = inspection.snapshot.caught {
                result.status = .caughtError
                result.error = caught.name.rawValue
                result.cause = caught.cause
            }
        } catch {
            let failure: StatesError
            switch error {
            case .failed(let error): failure = error
            case .interrupted(.timedOut): failure = StatesError(.timeout, "The state ran past its time limit.")
            case .interrupted(.historyLimit(let limit)): failure = Causes.historyLimit(limit)
            case .interrupted(.cancelled): failure = StatesError(.runtime, "The state was cancelled.")
            }
            result.status = inspection.snapshot.retriable != nil ? .retriable : .failed
            // A Fail state without `Error` has no error name at all (as `asl run` reports it).
            result.error = failure.name.rawValue.isEmpty ? nil : failure.name.rawValue
            result.cause = failure.cause
        }
        if request.inspectionLevel != .info {
            result.inspectionData = TestStateInspectionData.build(
                state: state, request: request, record: inspection.snapshot)
        }
        return result
    }

    private static func inspectionMock(_ mock: TestStateMock) -> StepInspection.Mock {
        switch mock.outcome {
        case .result(let value): .result(value)
        case .error(let name, let cause): .error(StatesError(StatesErrorName(name), cause))
        }
    }

    /// TestState runs a state as an Express execution of a temporary machine:
    /// `arn:aws:states:<region>:<account>:express:<machine>:<name>` (observed on AWS, LocalStack
    /// snapshot `test_state/test_state_configuration`).
    static func expressExecutionArn(_ options: ExecutionOptions, name: String) -> String {
        "arn:aws:states:\(options.region):\(options.account):express:\(options.stateMachineName):\(name)"
    }

    private func stateMachineArn(_ options: ExecutionOptions) -> String {
        "arn:aws:states:\(options.region):\(options.account):stateMachine:\(options.stateMachineName)"
    }

    /// The context object TestState gives a state when the request has none: `Execution` with
    /// `Id`, `Input`, `Name`, `RoleArn` (`null` without a role) and `StartTime`, no
    /// `RedriveCount`; `StateMachine`; `State` named `StateName` (not the state's own name), with
    /// `RetryCount` for Task, Parallel and Map only
    /// (observed on AWS, LocalStack snapshots `test_state/test_test_state_scenarios`,
    /// `test_state_with_variables`, and `test_state_configuration`).
    private static func testContext(
        _ options: ExecutionOptions, executionName: String, input: JSON, state: State, now: Date, retryCount: Int
    ) -> JSON {
        let time = JSON.string(Evaluate.formatTimestamp(now))
        var execution = JSONObject()
        execution["Id"] = .string(expressExecutionArn(options, name: executionName))
        execution["Input"] = input
        execution["Name"] = .string(executionName)
        execution["RoleArn"] = options.roleArn.map(JSON.string) ?? .null
        execution["StartTime"] = time
        var machine = JSONObject()
        machine["Id"] = .string(
            "arn:aws:states:\(options.region):\(options.account):stateMachine:\(options.stateMachineName)")
        machine["Name"] = .string(options.stateMachineName)
        var stateObject = JSONObject()
        // AWS names the state "StateName" here, whatever its name (observed, §15.6).
        stateObject["Name"] = "StateName"
        stateObject["EnteredTime"] = time
        switch state.kind {
        case .task, .parallel, .map: stateObject["RetryCount"] = .number(JSONNumber(retryCount))
        default: break
        }
        var root = JSONObject()
        root["Execution"] = .object(execution)
        root["StateMachine"] = .object(machine)
        root["State"] = .object(stateObject)
        return .object(root)
    }
}
