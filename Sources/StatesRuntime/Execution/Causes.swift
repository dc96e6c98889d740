import JSONCore
import StatesLanguage

/// The errors the executor raises itself, with AWS's names and cause texts.
enum Causes {
    /// A `States.Runtime` failure of the state at `site`, with AWS's "An error occurred while
    /// executing the state …" prefix in front of `detail`.
    static func runtime(_ detail: String, site: EvaluationSite) -> StatesError {
        decorated(StatesError(.runtime, detail), site: site)
    }

    /// `error` as it ends the execution: `States.Runtime` causes get the state prefix.
    static func decorated(_ error: StatesError, site: EvaluationSite) -> StatesError {
        EvaluationFailure.decorated(error, stateName: site.stateName, enteredEventID: site.enteredEventID)
    }

    static func fieldPathNotFound(path: Path, field: String, input: JSON, site: EvaluationSite) -> StatesError {
        decorated(EvaluationFailure.fieldPathNotFound(path: path, field: field, input: input), site: site)
    }

    /// `InputPath`, `OutputPath`, … selected nothing or could not be applied.
    static func invalidPath(_ path: Path, _ error: PathEvaluationError, site: EvaluationSite) -> StatesError {
        decorated(EvaluationFailure.invalidPath(path, error), site: site)
    }

    /// Choice without a match or `Default`. AWS's cause text was not found in any recording; this
    /// one is ours (SPEC-NOTES.md §5).
    static let noChoiceMatched = StatesError(
        .noChoiceMatched, "No choice rule matched and the Choice state has no Default")

    static func jsonataUnsupported(site: EvaluationSite) -> StatesError {
        runtime("JSONata expressions cannot be evaluated by this version of asl", site: site)
    }

    /// The cause AWS's text for a Map over more failures than tolerated was not found; this one is ours.
    static func exceededToleratedFailureThreshold(site: EvaluationSite) -> StatesError {
        StatesError(
            .exceedToleratedFailureThreshold,
            "The specified tolerated failure threshold was exceeded in the Map state '\(site.stateName)'")
    }

    /// A Task state nothing serves. `mocks` (the execution's, if any) chooses the mocking advice:
    /// an `asl test` case's `"mocks"`, or the test case of an SFN Local mock configuration file.
    static func noHandler(_ resource: TaskResource, stateName: String, mocks: StateMocks? = nil) -> StatesError {
        StatesError(
            .runtime,
            "No local handler serves the resource '\(resource.text)' of state '\(stateName)': "
                + Executor.hint(for: resource) + mockAdvice(stateName: stateName, mocks: mocks))
    }

    /// `lambda:invoke` in a test (mocks set) whose function has no handler: `States.Runtime`, so no
    /// Catch takes it and the case fails naming the state and both ways to serve it.
    static func noFunctionHandler(
        _ resource: TaskResource, functionName: String, stateName: String, mocks: StateMocks?
    ) -> StatesError {
        StatesError(
            .runtime,
            "No local handler serves the resource '\(resource.text)' (FunctionName \(functionName)) of state "
                + "'\(stateName)': \(Executor.functionHint(functionName))"
                + mockAdvice(stateName: stateName, mocks: mocks ?? StateMocks()))
    }

    /// The second way to serve an unmocked state, in the words of the file the mocks came from.
    private static func mockAdvice(stateName: String, mocks: StateMocks?) -> String {
        switch mocks?.origin {
        case nil:
            return ""
        case .testFile:
            return "; or mock the state in the test case (\"mocks\": {\"\(stateName)\": {\"Return\": …}})"
        case .mockConfiguration(let machine, let testCase):
            return "; or add a response for the state '\(stateName)' to the test case '\(testCase)' of the state "
                + "machine '\(machine)' in the mock configuration file (\"StateMachines\": {\"\(machine)\": "
                + "{\"TestCases\": {\"\(testCase)\": {\"\(stateName)\": \"<a name in MockedResponses>\"}}}})"
        }
    }

    /// A mocked state invoked once more than its mocked response numbers: SFN Local fails the
    /// execution (AWS developer guide, `sfn-local-mock-cfg-file`: "If you do not specify a mocked
    /// response, the state machine execution will fail"). `States.Runtime`, so no Retry or Catch
    /// takes it (SPEC-NOTES.md §14.2).
    static func noMockedResponse(
        stateName: String, invocation: Int, mocked: MockedResponses, origin: MockOrigin = .testFile
    ) -> StatesError {
        let fix: String
        switch origin {
        case .testFile:
            fix = "add an attempt key \"\(invocation)\" to it"
        case .mockConfiguration(_, let testCase):
            fix =
                "add an attempt key \"\(invocation)\" to \"MockedResponses\": {\"\(mocked.name)\": …} in the mock "
                + "configuration file (test case '\(testCase)')"
        }
        return StatesError(
            .runtime,
            "The mocked response '\(mocked.name)' of state '\(stateName)' has no response for invocation "
                + "\(invocation) (it numbers invocations 0 to \(mocked.invocationCount - 1)); " + fix)
    }

    /// A task result over the payload quota; AWS names the function ARN for a Lambda function
    /// resource and the `resourceType` for integrations (observed on AWS, LocalStack snapshot
    /// `error_handling/test_states_errors`).
    static func taskResultTooLarge(_ resource: TaskResource, limit: Int) -> StatesError {
        let name: String
        switch resource.kind {
        case .optimized, .sdk: name = resource.resourceType
        default: name = resource.text
        }
        return StatesError(
            .dataLimitExceeded,
            "The state/task '\(name)' returned a result with a size exceeding the maximum number of bytes service "
                + "limit.")
    }

    static func dataLimitExceeded(limit: Int, site: EvaluationSite) -> StatesError {
        StatesError(
            .dataLimitExceeded,
            "The state/task '\(site.stateName)' returned a result with a size exceeding the maximum number of "
                + "bytes service limit.")
    }

    static func executionOutputTooLarge(limit: Int) -> StatesError {
        StatesError(
            .dataLimitExceeded,
            "The execution output exceeds the maximum number of bytes service limit (\(limit) bytes).")
    }

    /// The error of the `ExecutionFailed` written when the history quota is reached. AWS's text was
    /// not found; ours names the quota.
    static func historyLimit(_ limit: HistoryLimitExceeded) -> StatesError {
        // The memory guard is ours, not AWS's: its cause says what it is and how to avoid it.
        if limit.kind == .memoryGuard { return StatesError(.runtime, limit.description) }
        return StatesError(
            .runtime,
            "The execution reached the maximum number of history events (\(limit.maximumEvents)).")
    }

    /// A task's `TimeoutSeconds` passed: `States.Timeout` without a cause (observed on AWS,
    /// LocalStack snapshot `base/test_timeouts`).
    static let taskTimedOut = StatesError(.timeout)
    /// A task's `HeartbeatSeconds` passed without a heartbeat: AWS reports `States.Timeout` too, not
    /// `States.HeartbeatTimeout`, without a cause (observed on AWS, snapshot `callback/test_heartbeats`).
    static let heartbeatTimedOut = StatesError(.timeout)
}
