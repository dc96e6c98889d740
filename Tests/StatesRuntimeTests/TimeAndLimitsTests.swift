import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Synchronization
import Testing

@Suite struct TimeAndLimitsTests {
    static func slowFunction(seconds: Double, heartbeatEvery: Double? = nil) -> HandlerRegistry {
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { request in
                var elapsed = 0.0
                while elapsed < seconds {
                    let step = min(heartbeatEvery ?? seconds, seconds - elapsed)
                    try await request.clock.sleep(seconds: step)
                    elapsed += step
                    request.heartbeat()
                }
                return "finished"
            }, lambdaFunction: "slow")
        return handlers
    }

    static func task(_ fields: String) -> String {
        #"""
        {"StartAt": "Slow", "States": {"Slow": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", \#(fields) "End": true}}}
        """#
    }

    @Test func waitSecondsAdvancesVirtualTime() async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 20, "End": true}}}"#, input: #"{"a": 1}"#)
        #expect(result.output == ["a": 1])
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 20)
    }

    @Test func waitUntilTimestampPathAndPastTimestamps() async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.at", "Next": "V"},"#
                + #""V": {"Type": "Wait", "Timestamp": "2020-01-01T00:00:00Z", "End": true}}}"#,
            input: #"{"at": "2024-01-01T01:00:00.500Z"}"#)
        #expect(result.status == .succeeded)
        // Wait targets are truncated to whole seconds, as AWS does (SPEC-NOTES.md §5).
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 3600)
    }

    @Test func secondsPathMustBeANonNegativeInteger() async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}"#,
            input: #"{"s": "ten"}"#)
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
    }

    @Test func taskTimeoutFailsWithStatesTimeoutAndNoCause() async throws {
        let result = try await run(
            Self.task(#""TimeoutSeconds": 5,"#), handlers: Self.slowFunction(seconds: 60))
        #expect(result.status == .failed)
        #expect(result.error == "States.Timeout")
        #expect(result.cause == nil)
        #expect(result.eventTypes.contains("LambdaFunctionTimedOut"))
        let timedOut = try #require(result.history.first { $0.type == .lambdaFunctionTimedOut })
        #expect(timedOut.timestamp.timeIntervalSince(testEpoch) == 5)
    }

    @Test func timeoutSecondsPathIsReadFromTheInput() async throws {
        let result = try await run(
            Self.task(#""TimeoutSecondsPath": "$.limit","#), input: #"{"limit": 100}"#,
            handlers: Self.slowFunction(seconds: 60))
        #expect(result.status == .succeeded)
    }

    @Test func heartbeatsKeepATaskAliveAndMissingOnesTimeItOut() async throws {
        let alive = try await run(
            Self.task(#""HeartbeatSeconds": 10, "TimeoutSeconds": 100,"#),
            handlers: Self.slowFunction(seconds: 60, heartbeatEvery: 5))
        #expect(alive.status == .succeeded)
        let silent = try await run(
            Self.task(#""HeartbeatSeconds": 10, "TimeoutSeconds": 100,"#),
            handlers: Self.slowFunction(seconds: 60, heartbeatEvery: 30))
        #expect(silent.status == .failed)
        #expect(silent.error == "States.Timeout")
    }

    @Test func machineTimeoutEndsTheExecutionTimedOut() async throws {
        let result = try await run(
            #"{"TimeoutSeconds": 10, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 20, "End": true}}}"#)
        #expect(result.status == .timedOut)
        #expect(result.eventTypes.last == "ExecutionTimedOut")
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 10)
    }

    @Test func abortStopsARunningExecution() async throws {
        let entered = Mutex(false)
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { _ in
                entered.withLock { $0 = true }
                try await Task.sleep(nanoseconds: 60_000_000_000)
                return .null
            }, lambdaFunction: "slow")
        let executor = try Executor(
            machine: try machine(Self.task("")), handlers: handlers,
            options: ExecutionOptions(clock: VirtualClock(start: testEpoch)))
        let control = ExecutionControl()
        async let result = executor.run(input: [:], control: control)
        while !entered.withLock({ $0 }) { await Task.yield() }
        control.abort(error: "Operator.Stop", cause: "stopped by a test")
        let finished = await result
        #expect(finished.status == .aborted)
        #expect(finished.error == "Operator.Stop")
        #expect(finished.eventTypes.last == "ExecutionAborted")
    }

    @Test func payloadsOverTheQuotaFailWithDataLimitExceeded() async throws {
        let big = String(repeating: "x", count: 300_000)
        var handlers = HandlerRegistry()
        handlers.register(ClosureTaskHandler { _ in .string(big) }, lambdaFunction: "slow")
        let result = try await run(Self.task(""), handlers: handlers)
        #expect(result.status == .failed)
        #expect(result.error == "States.DataLimitExceeded")
        #expect(
            result.cause
                == "The state/task 'arn:aws:lambda:us-east-1:123456789012:function:slow' returned a result with a size "
                + "exceeding the maximum number of bytes service limit.")
        var lifted = ExecutionOptions()
        lifted.quotas = .unlimited
        let unlimited = try await run(Self.task(""), handlers: handlers, options: lifted)
        #expect(unlimited.status == .succeeded)
    }

    @Test func theHistoryQuotaFailsAnEndlessLoop() async throws {
        let result = try await run(
            #"""
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
              "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}],
                    "Default": "A"},
              "Done": {"Type": "Succeed"}}}
            """#)
        #expect(result.status == .failed)
        #expect(result.history.count == 25_000)
        #expect(result.eventTypes.last == "ExecutionFailed")
    }
}
