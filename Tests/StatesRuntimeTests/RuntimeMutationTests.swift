import Foundation
import JSONCore
import StatesLanguage
import Testing

@testable import StatesRuntime

/// Tests written for guards that a mutation pass found unchecked (SPEC-NOTES §8.4): each one
/// fails when the guarded line named in its comment is mutated as the table says.
@Suite struct RuntimeMutationTests {
    let path = Path(source: "$.v", root: .input, segments: [.name("v")])

    /// WaitValues.checkDelay: a delay that is not a number (no ordering) is too long, not waited.
    @Test func aDelayThatIsNotANumberIsTooLong() {
        #expect(throws: StatesError.self) {
            try WaitValues.checkDelay(from: testEpoch, until: Date(timeIntervalSinceReferenceDate: .nan))
        }
    }

    /// ExecutionLimits.deadline: a TimeoutSeconds longer than a year still ends the execution at
    /// one year (the min with the year, not the TimeoutSeconds alone).
    @Test func aTimeoutSecondsPastAYearStillTimesOutAtOneYear() async throws {
        let result = try await run(
            #"{"TimeoutSeconds": 99999999, "StartAt": "W","#
                + #""States": {"W": {"Type": "Wait", "Seconds": 40000000, "End": true}}}"#)
        #expect(result.status == .timedOut)
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 365 * 86_400)
    }

    /// MapLimitValues: zero is a valid MaxConcurrency (no limit) and 100 a valid percentage;
    /// both bounds are inclusive.
    @Test func mapLimitBoundsAreInclusive() throws {
        #expect(try MapLimitValues.maxConcurrency(0, path: path) == 0)
        #expect(try MapLimitValues.toleratedFailureCount(0, path: path) == 0)
        #expect(try MapLimitValues.toleratedFailurePercentage(100, path: path) == 100)
        #expect(try MapLimitValues.toleratedFailurePercentage(0, path: path) == 0)
        #expect(throws: StatesError.self) { try MapLimitValues.maxConcurrency(-1, path: path) }
        #expect(throws: StatesError.self) { try MapLimitValues.toleratedFailureCount(-1, path: path) }
        #expect(throws: StatesError.self) { try MapLimitValues.toleratedFailurePercentage(100.5, path: path) }
    }

    /// StepFailure.isCancellation: only a cancelled path is a cancellation (a Parallel reports the
    /// first real error, not the cancellations it caused); StepFailure(clockError:) maps the
    /// execution's deadline to a timeout and anything else to a cancellation.
    @Test func onlyACancelledPathIsACancellation() {
        #expect(StepFailure.interrupted(.cancelled).isCancellation)
        #expect(!StepFailure.interrupted(.timedOut).isCancellation)
        #expect(!StepFailure.failed(StatesError(.taskFailed, "x")).isCancellation)
        #expect(StepFailure(clockError: DeadlineExceeded(kind: .execution)).isTimeout)
        #expect(StepFailure(clockError: CancellationError()).isCancellation)
    }

    #if os(Linux)
        /// CommandTaskHandler under a virtual clock: a program that never exits and never
        /// heartbeats fails the task after HeartbeatSeconds, before the task's longer TimeoutSeconds
        /// (the heartbeat limit is among the program's limits). A missed heartbeat is
        /// States.Timeout, as AWS records it (SPEC-NOTES §5).
        @Test func aProgramThatNeverExitsMissesItsHeartbeat() async throws {
            var handlers = HandlerRegistry()
            handlers.register(
                CommandTaskHandler(["/bin/sh", "-c", "exec sleep 1000"], terminationGraceSeconds: 0.2),
                lambdaFunction: "f")
            let result = try await run(
                #"""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "TimeoutSeconds": 5, "HeartbeatSeconds": 1,
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
                """#, handlers: handlers)
            #expect(result.status == .failed)
            #expect(result.error == "States.Timeout")
            #expect(result.stopDate == testEpoch.addingTimeInterval(1))
        }

        /// CommandTaskHandler called by an embedder with a bare virtual clock (no deadline clock
        /// to throw first): the program ends at the earliest limit and the handler throws the
        /// timeout of that limit, the task's or the heartbeat's.
        @Test(arguments: [(Int64?.none, DeadlineKind.task), (Int64?.some(1), DeadlineKind.heartbeat)])
        func aProgramEndedAtItsLimitThrowsThatLimitsTimeout(heartbeat: Int64?, kind: DeadlineKind) async {
            let handler = CommandTaskHandler(["/bin/sh", "-c", "exec sleep 1000"], terminationGraceSeconds: 0.2)
            let request = TaskRequest(
                resource: TaskResource("arn:aws:lambda:us-east-1:123456789012:function:f"), stateName: "Call",
                parameters: .object(JSONObject()), deadline: heartbeat == nil ? testEpoch.addingTimeInterval(1) : nil,
                heartbeatSeconds: heartbeat, clock: VirtualClock(start: testEpoch))
            await #expect(throws: DeadlineExceeded(kind: kind)) { try await handler.handle(request) }
        }
    #endif
}

extension StepFailure {
    fileprivate var isTimeout: Bool {
        if case .interrupted(.timedOut) = self { return true }
        return false
    }
}
