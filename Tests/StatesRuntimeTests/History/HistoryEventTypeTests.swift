import StatesRuntime
import Testing

@Suite struct HistoryEventTypeTests {
    /// The API model's 61 types plus `EvaluationFailed`.
    @Test func everyTypeAWSDefinesIsPresentOnce() {
        #expect(HistoryEventType.allCases.count == 62)
        #expect(Set(HistoryEventType.allCases.map(\.rawValue)).count == 62)
        #expect(HistoryEventType(rawValue: "MapRunRedriven") == .mapRunRedriven)
        #expect(HistoryEventType(rawValue: "EvaluationFailed") == .evaluationFailed)
        #expect(HistoryEventType(rawValue: "taskStateEntered") == nil)
    }

    @Test(arguments: [
        (HistoryEventType.passStateEntered, "stateEnteredEventDetails"),
        (.failStateEntered, "stateEnteredEventDetails"),
        (.mapStateExited, "stateExitedEventDetails"),
        (.executionStarted, "executionStartedEventDetails"),
        (.lambdaFunctionScheduleFailed, "lambdaFunctionScheduleFailedEventDetails"),
        (.mapIterationAborted, "mapIterationAbortedEventDetails"),
        (.taskSubmitted, "taskSubmittedEventDetails"),
        (.evaluationFailed, "evaluationFailedEventDetails"),
        (.mapRunRedriven, "mapRunRedrivenEventDetails"),
    ])
    func detailsKeyFollowsTheModel(_ type: HistoryEventType, _ key: String) {
        #expect(type.detailsKey == key)
    }

    /// Observed on AWS without details: `LambdaFunctionStarted` (test_task_lambda),
    /// `ParallelStateStarted` (test_parallel_state), `MapStateSucceeded`/`MapStateFailed`
    /// (test_map_state, test_map_state_catch), `TaskStateAborted` (test_timeouts).
    @Test(arguments: [
        HistoryEventType.lambdaFunctionStarted, .parallelStateStarted, .parallelStateSucceeded, .parallelStateFailed,
        .mapStateSucceeded, .mapStateFailed, .mapStateAborted, .taskStateAborted, .waitStateAborted, .mapRunSucceeded,
    ])
    func typesWithoutDetails(_ type: HistoryEventType) {
        #expect(type.detailsKey == nil)
        #expect(HistoryEvent.Details.none.fits(type))
    }

    @Test func onlyExecutionEndingTypesEndTheExecution() {
        let ending = HistoryEventType.allCases.filter(\.endsExecution)
        #expect(Set(ending) == [.executionSucceeded, .executionFailed, .executionAborted, .executionTimedOut])
    }
}
