/// The `type` of a history event, exactly as `GetExecutionHistory` spells it.
///
/// The cases are the `HistoryEventType` enum of the Step Functions API model (botocore
/// `stepfunctions/2016-11-23/service-2.json`, in its order) plus `EvaluationFailed`, which AWS
/// added with JSONata (API reference, "HistoryEvent").
///
///     HistoryEventType(rawValue: "TaskStateEntered")   // .taskStateEntered
///     HistoryEventType.mapIterationStarted.detailsKey  // "mapIterationStartedEventDetails"
public enum HistoryEventType: String, Sendable, Hashable, CaseIterable {
    case activityFailed = "ActivityFailed"
    case activityScheduled = "ActivityScheduled"
    case activityScheduleFailed = "ActivityScheduleFailed"
    case activityStarted = "ActivityStarted"
    case activitySucceeded = "ActivitySucceeded"
    case activityTimedOut = "ActivityTimedOut"
    case choiceStateEntered = "ChoiceStateEntered"
    case choiceStateExited = "ChoiceStateExited"
    case executionAborted = "ExecutionAborted"
    case executionFailed = "ExecutionFailed"
    case executionStarted = "ExecutionStarted"
    case executionSucceeded = "ExecutionSucceeded"
    case executionTimedOut = "ExecutionTimedOut"
    case failStateEntered = "FailStateEntered"
    case lambdaFunctionFailed = "LambdaFunctionFailed"
    case lambdaFunctionScheduled = "LambdaFunctionScheduled"
    case lambdaFunctionScheduleFailed = "LambdaFunctionScheduleFailed"
    case lambdaFunctionStarted = "LambdaFunctionStarted"
    case lambdaFunctionStartFailed = "LambdaFunctionStartFailed"
    case lambdaFunctionSucceeded = "LambdaFunctionSucceeded"
    case lambdaFunctionTimedOut = "LambdaFunctionTimedOut"
    case mapIterationAborted = "MapIterationAborted"
    case mapIterationFailed = "MapIterationFailed"
    case mapIterationStarted = "MapIterationStarted"
    case mapIterationSucceeded = "MapIterationSucceeded"
    case mapStateAborted = "MapStateAborted"
    case mapStateEntered = "MapStateEntered"
    case mapStateExited = "MapStateExited"
    case mapStateFailed = "MapStateFailed"
    case mapStateStarted = "MapStateStarted"
    case mapStateSucceeded = "MapStateSucceeded"
    case parallelStateAborted = "ParallelStateAborted"
    case parallelStateEntered = "ParallelStateEntered"
    case parallelStateExited = "ParallelStateExited"
    case parallelStateFailed = "ParallelStateFailed"
    case parallelStateStarted = "ParallelStateStarted"
    case parallelStateSucceeded = "ParallelStateSucceeded"
    case passStateEntered = "PassStateEntered"
    case passStateExited = "PassStateExited"
    case succeedStateEntered = "SucceedStateEntered"
    case succeedStateExited = "SucceedStateExited"
    case taskFailed = "TaskFailed"
    case taskScheduled = "TaskScheduled"
    case taskStarted = "TaskStarted"
    case taskStartFailed = "TaskStartFailed"
    case taskStateAborted = "TaskStateAborted"
    case taskStateEntered = "TaskStateEntered"
    case taskStateExited = "TaskStateExited"
    case taskSubmitFailed = "TaskSubmitFailed"
    case taskSubmitted = "TaskSubmitted"
    case taskSucceeded = "TaskSucceeded"
    case taskTimedOut = "TaskTimedOut"
    case waitStateAborted = "WaitStateAborted"
    case waitStateEntered = "WaitStateEntered"
    case waitStateExited = "WaitStateExited"
    case mapRunAborted = "MapRunAborted"
    case mapRunFailed = "MapRunFailed"
    case mapRunStarted = "MapRunStarted"
    case mapRunSucceeded = "MapRunSucceeded"
    case executionRedriven = "ExecutionRedriven"
    case mapRunRedriven = "MapRunRedriven"
    case evaluationFailed = "EvaluationFailed"

    /// Whether this event ends the execution (`ExecutionSucceeded`, `ExecutionFailed`,
    /// `ExecutionAborted`, `ExecutionTimedOut`).
    public var endsExecution: Bool {
        switch self {
        case .executionSucceeded, .executionFailed, .executionAborted, .executionTimedOut: true
        default: false
        }
    }

    /// The member of the event object that carries this type's details
    /// (`"stateEnteredEventDetails"`, `"taskScheduledEventDetails"`, …), or `nil` for the types
    /// AWS writes without details (`LambdaFunctionStarted`, `ParallelStateStarted`,
    /// `MapStateSucceeded`, `TaskStateAborted`, …).
    ///
    /// Every `…StateEntered` type (and `FailStateEntered`) shares `stateEnteredEventDetails`, every
    /// `…StateExited` type `stateExitedEventDetails`; the others use their own name with a lower-case
    /// first letter (`MapIterationFailed` → `mapIterationFailedEventDetails`). Source: the
    /// `HistoryEvent` shape of the API model.
    public var detailsKey: String? {
        switch detailsFamily {
        case .none: return nil
        case .stateEntered: return "stateEnteredEventDetails"
        case .stateExited: return "stateExitedEventDetails"
        default:
            let name = rawValue
            return name.prefix(1).lowercased() + name.dropFirst() + "EventDetails"
        }
    }

    /// Which ``HistoryEvent/Details`` case this type carries.
    var detailsFamily: HistoryEvent.DetailsFamily {
        switch self {
        case .choiceStateEntered, .failStateEntered, .mapStateEntered, .parallelStateEntered, .passStateEntered,
            .succeedStateEntered, .taskStateEntered, .waitStateEntered:
            .stateEntered
        case .choiceStateExited, .mapStateExited, .parallelStateExited, .passStateExited, .succeedStateExited,
            .taskStateExited, .waitStateExited:
            .stateExited
        case .executionStarted: .executionStarted
        case .executionSucceeded, .lambdaFunctionSucceeded, .activitySucceeded: .output
        case .executionFailed, .executionAborted, .executionTimedOut, .lambdaFunctionFailed,
            .lambdaFunctionScheduleFailed, .lambdaFunctionStartFailed, .lambdaFunctionTimedOut, .activityFailed,
            .activityScheduleFailed, .activityTimedOut, .mapRunFailed:
            .failure
        case .executionRedriven: .executionRedriven
        case .taskScheduled: .taskScheduled
        case .taskStarted: .taskStarted
        case .taskSucceeded, .taskSubmitted: .taskOutput
        case .taskFailed, .taskStartFailed, .taskSubmitFailed, .taskTimedOut: .taskFailure
        case .lambdaFunctionScheduled: .lambdaFunctionScheduled
        case .activityScheduled: .activityScheduled
        case .activityStarted: .activityStarted
        case .mapStateStarted: .mapStateStarted
        case .mapIterationStarted, .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted: .mapIteration
        case .mapRunStarted: .mapRunStarted
        case .mapRunRedriven: .mapRunRedriven
        case .evaluationFailed: .evaluationFailed
        case .lambdaFunctionStarted, .mapStateAborted, .mapStateFailed, .mapStateSucceeded, .parallelStateAborted,
            .parallelStateFailed, .parallelStateStarted, .parallelStateSucceeded, .taskStateAborted,
            .waitStateAborted, .mapRunAborted, .mapRunSucceeded:
            .none
        }
    }
}
