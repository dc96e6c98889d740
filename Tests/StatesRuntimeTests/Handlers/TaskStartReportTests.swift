import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// The runtime hooks `asl serve` builds on: ``HandlerRegistry/decorator`` and a handler that
/// reports when its work starts (``TaskRequest/started``), so `ActivityStarted` is written when a
/// worker takes the task, with its name (SPEC-NOTES.md §18.3).
@Suite struct TaskStartReportTests {
    /// Serves everything it is asked for with `handler`.
    struct Everything: TaskHandlerDecorator {
        let handler: any TaskHandler
        func handler(for resource: TaskResource, resolved: (any TaskHandler)?) -> (any TaskHandler)? {
            resolved ?? handler
        }
    }

    /// A handler that says it reports its start, and does when `worker` is set.
    struct Reporting: TaskHandler {
        var worker: String??
        var fails = false
        var reportsStart: Bool { true }

        func handle(_ request: TaskRequest) async throws -> JSON {
            if let worker { request.started(worker) }
            if let worker { request.started(worker.map { $0 + "-again" }) }
            if fails { throw StatesError("Worker.Failed", "no") }
            return ["done": true]
        }
    }

    static let activity = """
        {"StartAt": "A", "States": {"A": {"Type": "Task",
          "Resource": "arn:aws:states:us-east-1:123456789012:activity:resize", "End": true}}}
        """

    static let integration = """
        {"StartAt": "A", "States": {"A": {"Type": "Task",
          "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "q", "MessageBody": "m"},
          "End": true}}}
        """

    func registry(_ handler: any TaskHandler) -> HandlerRegistry {
        var registry = HandlerRegistry()
        registry.decorator = Everything(handler: handler)
        return registry
    }

    @Test func decoratorServesWhatNothingIsRegisteredFor() throws {
        let plain = try Executor(machine: try machine(Self.activity))
        #expect(plain.unresolvedResources().count == 1)
        let decorated = try Executor(machine: try machine(Self.activity), handlers: registry(Reporting()))
        #expect(decorated.unresolvedResources().isEmpty)
    }

    @Test func decoratorSeesWhatWasResolved() throws {
        struct Wrapping: TaskHandlerDecorator {
            func handler(for resource: TaskResource, resolved: (any TaskHandler)?) -> (any TaskHandler)? { nil }
        }
        var registry = HandlerRegistry()
        registry.register(ClosureTaskHandler { _ in 1 }, service: "sqs", action: "sendMessage")
        #expect(registry.resolve(TaskResource("arn:aws:states:::sqs:sendMessage")) != nil)
        registry.decorator = Wrapping()
        #expect(registry.resolve(TaskResource("arn:aws:states:::sqs:sendMessage")) == nil)
    }

    @Test func activityStartedIsWrittenWhenTheWorkerTakesTheTask() async throws {
        let result = try await run(Self.activity, handlers: registry(Reporting(worker: "worker-1")))
        #expect(result.status == .succeeded)
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded",
                "TaskStateExited", "ExecutionSucceeded",
            ])
        let scheduled = try #require(result.history.first { $0.type == .activityScheduled })
        let started = try #require(result.history.first { $0.type == .activityStarted })
        let succeeded = try #require(result.history.first { $0.type == .activitySucceeded })
        #expect(started.previousEventId == scheduled.id)
        #expect(succeeded.previousEventId == started.id)
        // Only the first report counts.
        #expect(started.details == .activityStarted(.init(workerName: "worker-1")))
    }

    @Test func aWorkerWithoutANameGivesNoWorkerName() async throws {
        let result = try await run(Self.activity, handlers: registry(Reporting(worker: .some(nil))))
        let started = try #require(result.history.first { $0.type == .activityStarted })
        #expect(started.details == .activityStarted(.init(workerName: nil)))
    }

    @Test func aTaskNoWorkerTookHasNoStartedEvent() async throws {
        let result = try await run(Self.activity, handlers: registry(Reporting(worker: nil, fails: true)))
        #expect(result.status == .failed)
        #expect(result.error == "Worker.Failed")
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityFailed", "ExecutionFailed",
            ])
    }

    @Test func integrationsStartWhenCalledWhateverTheHandlerSays() async throws {
        let result = try await run(Self.integration, handlers: registry(Reporting(worker: "w")))
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                "TaskStateExited", "ExecutionSucceeded",
            ])
    }
}
