import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import ASLServer

/// Executions whose tasks wait for a worker or a callback: activity tasks taken with
/// GetActivityTask, `.waitForTaskToken` tasks, SendTaskSuccess/Failure/Heartbeat, aborts and
/// timeouts (SPEC-NOTES.md §18.3).
@Suite struct TasksCallbackTests {
    static func activityMachine(_ arn: String, extra: String = "") -> String {
        """
        {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "\(arn)", \(extra)
                   "Catch": [{"ErrorEquals": ["Worker.Broken"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}
        """
    }

    static let callbackMachine = """
        {"StartAt": "Notify", "States": {
          "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters": {"QueueUrl": "https://sqs/q", "MessageBody": {"Token.$": "$$.Task.Token"}},
                     "ResultPath": "$.reply", "End": true}}}
        """

    @Test func aWorkerTakesTheActivityTaskAndSucceeds() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let arn = try await harness.createActivity("resize")
        let executor = try harness.executor(Self.activityMachine(arn))
        async let finished = executor.run(input: ["size": 3])
        let task = try await harness.call("GetActivityTask", ["activityArn": .string(arn), "workerName": "worker-1"])
        let token = try #require(task["taskToken"])
        #expect(task["input"] == #"{"size":3}"#)
        // A second answer is refused once the first ended the task.
        _ = try await harness.call("SendTaskSuccess", ["taskToken": token, "output": #"{"resized":true}"#])
        let result = await finished
        #expect(result.status == .succeeded)
        #expect(result.output == ["resized": true])
        let started = try #require(result.history.first { $0.type == .activityStarted })
        #expect(started.details == .activityStarted(.init(workerName: "worker-1")))
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded",
                "TaskStateExited", "ExecutionSucceeded",
            ])
        let again = await harness.error("SendTaskSuccess", ["taskToken": token, "output": "{}"])
        #expect(again == ServiceError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"))
    }

    @Test func aWorkerFailureReachesCatch() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let arn = try await harness.createActivity("resize")
        let executor = try harness.executor(Self.activityMachine(arn))
        async let finished = executor.run(input: ["size": 3])
        let task = try await harness.call("GetActivityTask", ["activityArn": .string(arn)])
        let token = try #require(task["taskToken"])
        _ = try await harness.call(
            "SendTaskFailure", ["taskToken": token, "error": "Worker.Broken", "cause": "disk full"])
        let result = await finished
        #expect(result.status == .succeeded)
        #expect(result.output == ["Error": "Worker.Broken", "Cause": "disk full"])
        let failed = try #require(result.history.first { $0.type == .activityFailed })
        #expect(failed.details == .failure(.init(error: "Worker.Broken", cause: "disk full")))
        let started = try #require(result.history.first { $0.type == .activityStarted })
        #expect(started.details == .activityStarted(.init(workerName: nil)))
    }

    @Test func aTaskScheduledBeforeAnyPollWaitsForIt() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let arn = try await harness.createActivity("queue")
        let channel = TokenChannel()
        let executor = try harness.executor(Self.activityMachine(arn)) { options in
            options.historySink = { event in
                if event.type == .activityScheduled { channel.send("scheduled") }
            }
        }
        async let finished = executor.run(input: [:])
        #expect(await channel.next() == "scheduled")
        let task = try await harness.call("GetActivityTask", ["activityArn": .string(arn)])
        _ = try await harness.call("SendTaskSuccess", ["taskToken": try #require(task["taskToken"]), "output": "7"])
        #expect(await finished.output == 7)
    }

    @Test func anActivityThatDoesNotExistFailsTheTask() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let arn = "arn:aws:states:us-east-1:123456789012:activity:missing"
        let result = await (try harness.executor(Self.activityMachine(arn))).run(input: [:])
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(result.cause == "Activity Does Not Exist: '\(arn)'")
    }

    @Test func waitForTaskTokenRunsTheIntegrationThenWaits() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let channel = TokenChannel()
        var base = HandlerRegistry()
        base.register(
            ClosureTaskHandler { request in
                // The message carries the token, as an SQS queue would deliver it.
                if let token = request.parameters["MessageBody"]?["Token"]?.stringValue { channel.send(token) }
                return ["MessageId": "m-1"]
            }, service: "sqs", action: "sendMessage")
        let executor = try harness.executor(Self.callbackMachine, handlers: base)
        async let finished = executor.run(input: ["order": 1])
        let token = try #require(await channel.next())
        #expect(try await harness.call("SendTaskHeartbeat", ["taskToken": .string(token)]) == .object(JSONObject()))
        _ = try await harness.call("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"ok":1}"#])
        let result = await finished
        #expect(result.status == .succeeded)
        #expect(result.output == ["order": 1, "reply": ["ok": 1]])
        #expect(
            await harness.error("SendTaskHeartbeat", ["taskToken": .string(token)])?.type == "TaskTimedOut")
    }

    @Test func aHandlerThatCallsBackAtOnceIsHeard() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let coordinator = harness.coordinator
        var base = HandlerRegistry()
        base.register(
            ClosureTaskHandler { request in
                let token = request.taskToken ?? ""
                _ = try await coordinator.perform(
                    operation: "SendTaskSuccess", input: ["taskToken": .string(token), "output": "\"early\""],
                    request: RequestInfo())
                return [:]
            }, service: "sqs", action: "sendMessage")
        let result = await (try harness.executor(Self.callbackMachine, handlers: base)).run(input: [:])
        #expect(result.output == ["reply": "early"])
    }

    @Test func anIntegrationFailureFailsTheTaskWithoutWaiting() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        var base = HandlerRegistry()
        base.register(
            ClosureTaskHandler { _ in throw StatesError("SQS.QueueDoesNotExist", "no queue") }, service: "sqs",
            action: "sendMessage")
        let result = await (try harness.executor(Self.callbackMachine, handlers: base)).run(input: [:])
        #expect(result.status == .failed)
        #expect(result.error == "SQS.QueueDoesNotExist")
    }

    @Test func withNoHandlerTheTaskWaitsForTheCallback() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let channel = TokenChannel()
        let executor = try harness.executor(Self.callbackMachine) { options in
            options.historySink = channel.historySink
        }
        async let finished = executor.run(input: [:])
        let token = try #require(await channel.next())
        _ = try await harness.call(
            "SendTaskFailure", ["taskToken": .string(token), "error": "Review.Rejected", "cause": "no"])
        let result = await finished
        #expect(result.status == .failed)
        #expect(result.error == "Review.Rejected")
        #expect(result.cause == "no")
        #expect(result.eventTypes.contains("TaskFailed"))
    }

    @Test func stopExecutionEndsTheWaitAndTheToken() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let channel = TokenChannel()
        let executor = try harness.executor(Self.callbackMachine) { options in
            options.historySink = channel.historySink
        }
        let control = ExecutionControl()
        async let finished = executor.run(input: [:], control: control)
        let token = try #require(await channel.next())
        control.abort(error: "Stop", cause: "by test")
        let result = await finished
        #expect(result.status == .aborted)
        let error = await harness.error("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"])
        #expect(error == ServiceError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"))
    }

    @Test func aMockedStateNeverWaits() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let executor = try harness.executor(Self.callbackMachine) { options in
            options.mocks = StateMocks(["Notify": MockedResponses(name: "Reply", single: .return(["mocked": true]))])
        }
        let result = await executor.run(input: [:])
        #expect(result.output == ["reply": ["mocked": true]])
    }

    @Test func virtualTimeDoesNotRunPastAWaitingTask() async throws {
        // TimeoutSeconds 5 and HeartbeatSeconds 2 under a virtual clock: the task still waits
        // for its callback, however long it takes (nothing sleeps on the virtual clock).
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let arn = try await harness.createActivity("slow")
        let executor = try harness.executor(
            Self.activityMachine(arn, extra: #""TimeoutSeconds": 5, "HeartbeatSeconds": 2,"#))
        async let finished = executor.run(input: [:])
        let task = try await harness.call("GetActivityTask", ["activityArn": .string(arn)])
        let token = try #require(task["taskToken"])
        _ = try await harness.call("SendTaskHeartbeat", ["taskToken": token])
        _ = try await harness.call("SendTaskSuccess", ["taskToken": token, "output": "\"late\""])
        let result = await finished
        #expect(result.status == .succeeded)
        #expect(result.output == "late")
    }

    @Test func underARealClockTheTaskTimesOutAndItsTokenWithIt() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let channel = TokenChannel()
        let machine = Self.callbackMachine.replacingOccurrences(
            of: #""ResultPath""#, with: #""TimeoutSeconds": 1, "ResultPath""#)
        let executor = try harness.executor(machine, clock: SystemClock()) { options in
            options.historySink = channel.historySink
        }
        async let finished = executor.run(input: [:])
        let token = try #require(await channel.next())
        let result = await finished
        #expect(result.status == .failed)
        #expect(result.error == "States.Timeout")
        #expect(result.eventTypes.contains("TaskTimedOut"))
        let error = await harness.error("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"])
        #expect(error?.type == "TaskTimedOut")
    }

    @Test func anActivityNoWorkerTakesTimesOutUnderARealClock() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let arn = try await harness.createActivity("unwatched")
        let executor = try harness.executor(
            Self.activityMachine(arn, extra: #""TimeoutSeconds": 1,"#), clock: SystemClock())
        let result = await executor.run(input: [:])
        #expect(result.status == .failed)
        #expect(result.error == "States.Timeout")
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityTimedOut", "ExecutionFailed",
            ])
        // The task left the queue with its execution: no worker gets it afterwards.
        #expect(harness.coordinator.activityQueue.waitingTasks(arn) == 0)
    }

    @Test func parallelCallbacksHaveTheirOwnTokens() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let channel = TokenChannel()
        func branch(_ name: String) -> String {
            """
            {"StartAt": "\(name)", "States": {"\(name)": {"Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "q", "MessageBody": {"Token.$": "$$.Task.Token"}}, "End": true}}}
            """
        }
        let machine = """
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel",
              "Branches": [\(branch("Left")), \(branch("Right"))], "End": true}}}
            """
        let executor = try harness.executor(machine) { options in options.historySink = channel.historySink }
        async let finished = executor.run(input: [:])
        let first = try #require(await channel.next())
        let second = try #require(await channel.next())
        #expect(first != second)
        _ = try await harness.call("SendTaskSuccess", ["taskToken": .string(second), "output": "2"])
        _ = try await harness.call("SendTaskSuccess", ["taskToken": .string(first), "output": "1"])
        let output = try #require(await finished.output?.arrayValue)
        #expect(output.sorted { JSONWriter.compact($0) < JSONWriter.compact($1) } == [1, 2])
    }

    static let tokenRefusals: [(token: String, type: String)] = [
        ("abc", "InvalidToken"),
        (String(repeating: "A", count: 63) + "=", "InvalidToken"),
        (String(repeating: "A", count: 64), "TaskDoesNotExist"),
    ]

    @Test(arguments: ["SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"])
    func tokensNoTaskHasAreRefused(_ operation: String) async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        for (token, type) in Self.tokenRefusals {
            let error = await harness.error(operation, ["taskToken": .string(token), "output": "{}"])
            #expect(error?.type == type, "\(token)")
        }
        #expect(await harness.error(operation, ["output": "{}"])?.type == "ValidationException")
    }

    @Test func outputThatIsNotJSONIsInvalidOutput() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let channel = TokenChannel()
        let executor = try harness.executor(Self.callbackMachine) { options in
            options.historySink = channel.historySink
        }
        async let finished = executor.run(input: [:])
        let token = try #require(await channel.next())
        let error = await harness.error("SendTaskSuccess", ["taskToken": .string(token), "output": "{nope"])
        #expect(error == ServiceError("InvalidOutput", "Invalid Output: '{nope'"))
        // 262,144 bytes of UTF-8 at most: 87,382 three-byte characters are over, though fewer characters.
        let large = "\"" + String(repeating: "€", count: 87_382) + "\""
        let tooLarge = await harness.error("SendTaskSuccess", ["taskToken": .string(token), "output": .string(large)])
        #expect(tooLarge?.type == "ValidationException")
        // The task still waits: a valid answer ends it.
        _ = try await harness.call("SendTaskSuccess", ["taskToken": .string(token), "output": "1"])
        #expect(await finished.output == ["reply": 1])
    }
}
