import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Synchronization
import Testing

/// A Lambda handler that fails with the given errors in turn, then succeeds; it records the
/// virtual time of every attempt.
final class FlakyFunction: TaskHandler {
    private let remaining: Mutex<[StatesError]>
    private let times = Mutex<[Date]>([])
    let result: JSON

    init(failures: [StatesError], result: JSON = "done") {
        remaining = Mutex(failures)
        self.result = result
    }

    var attemptTimes: [Double] { times.withLock { $0.map { $0.timeIntervalSince(testEpoch) } } }

    func handle(_ request: TaskRequest) async throws -> JSON {
        times.withLock { $0.append(request.clock.now()) }
        if let failure = remaining.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw failure }
        return result
    }
}

@Suite struct RetryCatchTests {
    static func definition(retry: String, catcher: String = "[]") -> String {
        let recover = catcher == "[]" ? "" : #", "Recover": {"Type": "Pass", "End": true}"#
        return """
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
                       "Retry": \(retry), "Catch": \(catcher), "End": true}\(recover)}}
            """
    }

    static func registry(_ function: FlakyFunction) -> HandlerRegistry {
        var handlers = HandlerRegistry()
        handlers.register(function, lambdaFunction: "flaky")
        return handlers
    }

    @Test func backoffWaitsIntervalTimesRatePowers() async throws {
        let function = FlakyFunction(failures: Array(repeating: StatesError("Boom"), count: 3))
        let result = try await run(
            Self.definition(
                retry: #"[{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3}]"#),
            handlers: Self.registry(function))
        #expect(result.status == .succeeded)
        #expect(function.attemptTimes == [0, 2, 8, 26])
        // No event marks a retry: the task events repeat.
        #expect(result.eventTypes.filter { $0 == "LambdaFunctionScheduled" }.count == 4)
        #expect(!result.eventTypes.contains { $0.contains("Retry") })
    }

    @Test func maxDelaySecondsCapsEachWait() async throws {
        let function = FlakyFunction(failures: Array(repeating: StatesError("Boom"), count: 4))
        _ = try await run(
            Self.definition(
                retry:
                    #"[{"ErrorEquals": ["Boom"], "IntervalSeconds": 5, "BackoffRate": 4, "MaxAttempts": 4, "MaxDelaySeconds": 30}]"#
            ), handlers: Self.registry(function))
        #expect(function.attemptTimes == [0, 5, 25, 55, 85])
    }

    @Test func defaultsAreOneSecondRateTwoThreeAttempts() async throws {
        let function = FlakyFunction(failures: Array(repeating: StatesError("Boom"), count: 5))
        let result = try await run(
            Self.definition(retry: #"[{"ErrorEquals": ["States.ALL"]}]"#), handlers: Self.registry(function))
        #expect(function.attemptTimes == [0, 1, 3, 7])
        #expect(result.status == .failed)
        #expect(result.error == "Boom")
    }

    @Test func maxAttemptsZeroNeverRetries() async throws {
        let function = FlakyFunction(failures: [StatesError("Boom")])
        let result = try await run(
            Self.definition(retry: #"[{"ErrorEquals": ["Boom"], "MaxAttempts": 0}]"#), handlers: Self.registry(function)
        )
        #expect(function.attemptTimes == [0])
        #expect(result.status == .failed)
    }

    @Test func fullJitterStaysWithinTheIntervalAndRepeatsForTheSeed() async throws {
        func attempts() async throws -> [Double] {
            let function = FlakyFunction(failures: Array(repeating: StatesError("Boom"), count: 3))
            _ = try await run(
                Self.definition(
                    retry:
                        #"[{"ErrorEquals": ["Boom"], "IntervalSeconds": 10, "MaxAttempts": 3, "JitterStrategy": "FULL"}]"#
                ),
                handlers: Self.registry(function))
            return function.attemptTimes
        }
        let first = try await attempts()
        let second = try await attempts()
        #expect(first == second)
        let waits = zip(first.dropFirst(), first).map { $0 - $1 }
        for (wait, bound) in zip(waits, [10.0, 20, 40]) { #expect(wait >= 0 && wait <= bound) }
        #expect(waits != [10, 20, 40])
    }

    @Test func eachRetrierCountsItsOwnAttempts() async throws {
        let function = FlakyFunction(failures: [StatesError("A"), StatesError("B"), StatesError("A"), StatesError("B")])
        let result = try await run(
            Self.definition(
                retry: #"""
                    [{"ErrorEquals": ["A"], "MaxAttempts": 2, "IntervalSeconds": 1, "BackoffRate": 1},
                     {"ErrorEquals": ["B"], "MaxAttempts": 2, "IntervalSeconds": 10, "BackoffRate": 1}]
                    """#), handlers: Self.registry(function))
        #expect(result.status == .succeeded)
        #expect(function.attemptTimes == [0, 1, 11, 12, 22])
    }

    @Test func anExhaustedRetrierHandsTheErrorToCatchNotToLaterRetriers() async throws {
        let function = FlakyFunction(failures: [StatesError("A"), StatesError("A")])
        let result = try await run(
            Self.definition(
                retry:
                    #"[{"ErrorEquals": ["A"], "MaxAttempts": 1}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]"#,
                catcher: #"[{"ErrorEquals": ["States.ALL"], "Next": "Recover", "ResultPath": "$.error"}]"#),
            input: #"{"keep": 1}"#, handlers: Self.registry(function))
        #expect(function.attemptTimes.count == 2)
        #expect(result.output == (try json(#"{"keep": 1, "error": {"Error": "A", "Cause": ""}}"#)))
    }

    @Test func firstMatchingCatcherWinsAndReplacesTheInputByDefault() async throws {
        let function = FlakyFunction(failures: [StatesError("Custom", "went wrong")])
        let result = try await run(
            Self.definition(
                retry: "[]",
                catcher: #"""
                    [{"ErrorEquals": ["Other"], "Next": "Call"},
                     {"ErrorEquals": ["Custom"], "Next": "Recover"},
                     {"ErrorEquals": ["States.ALL"], "Next": "Call"}]
                    """#), input: #"{"keep": 1}"#, handlers: Self.registry(function))
        #expect(result.output == (try json(#"{"Error": "Custom", "Cause": "went wrong"}"#)))
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionFailed", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
            ])
    }

    @Test func taskFailedCatchesTaskErrorsButNotTimeouts() async throws {
        let caught = FlakyFunction(failures: [StatesError("Lambda.Unknown")])
        let result = try await run(
            Self.definition(retry: "[]", catcher: #"[{"ErrorEquals": ["States.TaskFailed"], "Next": "Recover"}]"#),
            handlers: Self.registry(caught))
        #expect(result.status == .succeeded)
        let timedOut = FlakyFunction(failures: [StatesError(.timeout)])
        let second = try await run(
            Self.definition(retry: "[]", catcher: #"[{"ErrorEquals": ["States.TaskFailed"], "Next": "Recover"}]"#),
            handlers: Self.registry(timedOut))
        #expect(second.status == .failed)
        #expect(second.error == "States.Timeout")
    }

    @Test func runtimeErrorsAreNeitherRetriedNorCaught() async throws {
        let result = try await run(
            #"""
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
                       "Parameters": {"x.$": "$.missing"},
                       "Retry": [{"ErrorEquals": ["States.Runtime"]}, {"ErrorEquals": ["States.ALL"]}],
                       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "End": true},
              "Recover": {"Type": "Pass", "End": true}}}
            """#, handlers: Self.registry(FlakyFunction(failures: [])))
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(
            result.cause
                == "An error occurred while executing the state 'Call' (entered at the event id #2). The JSONPath "
                + "'$.missing' specified for the field 'x.$' could not be found in the input '{}'")
        #expect(result.eventTypes == ["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"])
    }

    @Test func retryCountIsInTheContextObject() async throws {
        let function = FlakyFunction(failures: [StatesError("A"), StatesError("A")])
        var handlers = HandlerRegistry()
        let seen = Mutex<[JSON]>([])
        handlers.register(
            ClosureTaskHandler { request in
                seen.withLock { $0.append(request.parameters["retry"] ?? .null) }
                return try await function.handle(request)
            }, lambdaFunction: "flaky")
        _ = try await run(
            #"""
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
                       "Parameters": {"retry.$": "$$.State.RetryCount"},
                       "Retry": [{"ErrorEquals": ["A"]}], "End": true}}}
            """#, handlers: handlers)
        #expect(seen.withLock { $0 } == [0, 1, 2])
    }
}
