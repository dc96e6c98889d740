package import Foundation
package import JSONCore
internal import LocalAWS
package import StatesRuntime

/// The part of `asl serve` that deals with work done outside the execution: activities and
/// their workers (`CreateActivity` … `GetActivityTask`), task tokens (`SendTaskSuccess`,
/// `SendTaskFailure`, `SendTaskHeartbeat`), the waiting inside executions that they end, and
/// `TestState` (SPEC-NOTES.md §18.3).
///
///     let tasks = try TaskCoordinator(dataDirectory: data)
///     var registry = HandlerRegistry()      // the run configuration's handlers
///     tasks.decorate(&registry)             // activities and .waitForTaskToken now wait
///     // serve `tasks` (an APIService) next to the execution service, run executions with `registry`
///
/// Activities are kept in `<data-dir>/sfn/activities/`; task tokens live as long as their tasks,
/// in memory.
package final class TaskCoordinator: APIService {
    /// The operations this service serves.
    package static let operations: Set<String> = [
        "CreateActivity", "DescribeActivity", "DeleteActivity", "ListActivities", "GetActivityTask",
        "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat", "TestState",
    ]

    package let region: String
    package let account: String
    /// How long `GetActivityTask` waits for a task (AWS: 60 seconds).
    package let pollTimeout: Double
    /// The handlers a `TestState` of an unmocked Task may call (the run configuration's).
    let testStateHandlers: HandlerRegistry
    let activityStore: ActivityStore
    let activityQueue = ActivityQueue()
    let callbacks = CallbackTable()
    /// Waits `GetActivityTask`'s timeout; tests replace it so that nothing waits.
    let pollSleep: @Sendable (Double) async -> Void
    /// The wall clock, for `creationDate`.
    let now: @Sendable () -> Date

    /// Opens the activities kept in `dataDirectory`.
    /// - Parameters:
    ///   - testStateHandlers: what serves an unmocked Task in `TestState` (the run configuration's
    ///     handlers, undecorated); empty by default.
    ///   - pollSleep: how `GetActivityTask` waits its timeout (tests pass one that returns at once).
    /// - Throws: ``TaskCoordinatorError`` when `sfn/activities/activities.json` cannot be read.
    package init(
        dataDirectory: URL, region: String = "us-east-1", account: String = "123456789012",
        pollTimeout: Double = 60, testStateHandlers: HandlerRegistry = HandlerRegistry(),
        now: @escaping @Sendable () -> Date = { Date() },
        pollSleep: @escaping @Sendable (Double) async -> Void = { seconds in
            try? await Task.sleep(for: .milliseconds(Int64(max(0, seconds) * 1000)))
        }
    ) throws(TaskCoordinatorError) {
        self.region = region
        self.account = account
        self.pollTimeout = pollTimeout
        self.testStateHandlers = testStateHandlers
        self.now = now
        self.pollSleep = pollSleep
        do {
            activityStore = try ActivityStore(data: DataDirectory(dataDirectory))
        } catch {
            throw TaskCoordinatorError(message: error.description)
        }
    }

    /// Installs the handlers for activities and makes `.waitForTaskToken` resources wait for
    /// their callback (after their own handler, if any, ran).
    package func decorate(_ registry: inout HandlerRegistry) {
        registry.decorator = CallbackDecorator(coordinator: self)
    }

    package func serves(operation: String) -> Bool { Self.operations.contains(operation) }

    /// The server is shutting down: waiting GetActivityTask polls answer `{}` at once, as when
    /// their time runs out, and so does every later poll (SPEC-NOTES.md §18.4).
    package func drain() {
        activityQueue.close()
    }

    package func perform(operation: String, input: JSON, request: RequestInfo) async throws(ServiceError) -> JSON {
        let fields = TasksRequestFields(input)
        switch operation {
        case "CreateActivity": return try createActivity(fields)
        case "DescribeActivity": return try describeActivity(fields)
        case "DeleteActivity": return try deleteActivity(fields)
        case "ListActivities": return try listActivities(fields)
        case "GetActivityTask": return try await getActivityTask(fields)
        case "SendTaskSuccess": return try sendTaskSuccess(fields)
        case "SendTaskFailure": return try sendTaskFailure(fields)
        case "SendTaskHeartbeat": return try sendTaskHeartbeat(fields)
        case "TestState": return try await testState(fields)
        default:
            throw ServiceError(
                "UnknownOperationException", "The operation \(operation) is not served here", httpStatus: 400)
        }
    }

    /// The tags of an activity (`ListTagsForResource`), `nil` when no such activity exists.
    package func tags(of activityArn: String) -> [(key: String, value: String)]? {
        activityStore.activity(activityArn)?.tags
    }

    /// Replaces the tags of an activity (`TagResource`/`UntagResource`, merged by the caller).
    /// - Returns: `false` when no such activity exists.
    package func setTags(_ tags: [(key: String, value: String)], of activityArn: String) throws(ServiceError) -> Bool {
        do {
            return try activityStore.setTags(tags, of: activityArn)
        } catch {
            throw Self.storageFailure(error)
        }
    }

    static func storageFailure(_ error: ActivityStoreError) -> ServiceError {
        ServiceError("InternalFailure", error.description, httpStatus: 500)
    }
}

/// The activity store cannot be opened.
package struct TaskCoordinatorError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
