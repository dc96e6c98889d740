import JSONCore
import StatesLanguage

/// The history events of a Task attempt, by resource kind.
///
/// Source: API reference, "HistoryEvent": a Lambda function ARN writes `LambdaFunctionScheduled`,
/// `…Started`, `…Succeeded`/`…Failed`/`…TimedOut`; an activity writes `Activity…`; every
/// `arn:aws:states:::` integration writes `TaskScheduled`, `TaskStarted`, (`TaskSubmitted` for
/// `.sync`), `TaskSucceeded`/`TaskFailed`/`TaskTimedOut`.
enum TaskEventFamily {
    case lambda
    case activity
    case task

    init(_ resource: TaskResource) {
        switch resource.kind {
        case .lambdaFunction: self = .lambda
        case .activity: self = .activity
        case .optimized, .sdk, .unrecognized: self = .task
        }
    }

    var scheduled: HistoryEventType {
        switch self {
        case .lambda: .lambdaFunctionScheduled
        case .activity: .activityScheduled
        case .task: .taskScheduled
        }
    }

    var started: HistoryEventType {
        switch self {
        case .lambda: .lambdaFunctionStarted
        case .activity: .activityStarted
        case .task: .taskStarted
        }
    }

    var succeeded: HistoryEventType {
        switch self {
        case .lambda: .lambdaFunctionSucceeded
        case .activity: .activitySucceeded
        case .task: .taskSucceeded
        }
    }

    var failed: HistoryEventType {
        switch self {
        case .lambda: .lambdaFunctionFailed
        case .activity: .activityFailed
        case .task: .taskFailed
        }
    }

    var timedOut: HistoryEventType {
        switch self {
        case .lambda: .lambdaFunctionTimedOut
        case .activity: .activityTimedOut
        case .task: .taskTimedOut
        }
    }

    func scheduledDetails(_ call: ExecutionRunner.TaskCall, region: String) -> HistoryEvent.Details {
        let timeout = call.timeout.map { Int($0) }
        let heartbeat = call.heartbeat.map { Int($0) }
        let credentials = call.credentials.map {
            HistoryEvent.TaskCredentials(roleArn: $0["RoleArn"]?.stringValue)
        }
        switch self {
        case .lambda:
            return .lambdaFunctionScheduled(
                .init(
                    resource: call.resource.text, input: call.parameters, timeoutInSeconds: timeout,
                    taskCredentials: credentials))
        case .activity:
            return .activityScheduled(
                .init(
                    resource: call.resource.text, input: call.parameters, timeoutInSeconds: timeout,
                    heartbeatInSeconds: heartbeat))
        case .task:
            return .taskScheduled(
                .init(
                    resourceType: call.resource.resourceType, resource: call.resource.resourceName, region: region,
                    parameters: call.parameters, timeoutInSeconds: timeout, heartbeatInSeconds: heartbeat,
                    taskCredentials: credentials))
        }
    }

    func startedDetails(_ resource: TaskResource) -> HistoryEvent.Details {
        switch self {
        case .lambda: .none
        case .activity: .activityStarted(.init(workerName: "asl-local"))
        case .task: .taskStarted(.init(resourceType: resource.resourceType, resource: resource.resourceName))
        }
    }

    func outputDetails(_ resource: TaskResource, _ output: JSON) -> HistoryEvent.Details {
        switch self {
        case .lambda, .activity: .output(.init(output: output))
        case .task:
            .taskOutput(.init(resourceType: resource.resourceType, resource: resource.resourceName, output: output))
        }
    }

    func failureDetails(_ resource: TaskResource, _ error: StatesError) -> HistoryEvent.Details {
        switch self {
        case .lambda, .activity: .failure(.init(error: error.name.rawValue, cause: error.cause))
        case .task:
            .taskFailure(
                .init(
                    resourceType: resource.resourceType, resource: resource.resourceName, error: error.name.rawValue,
                    cause: error.cause))
        }
    }
}
