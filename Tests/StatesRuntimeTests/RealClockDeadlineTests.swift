import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// A real clock whose timeline sits a fixed distance from the wall clock, as `asl serve`'s
/// anchored clock does (its timeline starts at the answered `startDate`).
private struct ShiftedClock: ExecutionClock {
    /// Timeline time minus wall time.
    let offset: TimeInterval

    func now() -> Date { Date().addingTimeInterval(offset) }

    func sleep(until deadline: Date) async throws {
        try await SystemClock().sleep(until: deadline.addingTimeInterval(-offset))
    }

    func fork() -> any ExecutionClock { self }

    func join(_ children: [any ExecutionClock]) {}

    var isVirtual: Bool { false }
}

/// The execution's `TimeoutSeconds` under a real clock: the execution times out when its
/// deadline passes, not at once and not after the Wait (SPEC-NOTES.md §18.6).
@Suite struct RealClockDeadlineTests {
    static let definition =
        #"{"TimeoutSeconds": 1, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}"#

    /// The wall clock itself, and real clocks a year behind and a day ahead of it.
    static let offsets: [TimeInterval] = [0, -365 * 86_400, 86_400]

    @Test(arguments: offsets)
    func timesOutAtTheDeadline(_ offset: TimeInterval) async throws {
        let clock: any ExecutionClock = offset == 0 ? SystemClock() : ShiftedClock(offset: offset)
        let began = Date()
        let result = try await run(Self.definition, options: ExecutionOptions(clock: clock))
        let wall = Date().timeIntervalSince(began)
        #expect(result.status == .timedOut)
        #expect(result.eventTypes == ["ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"])
        let started = try #require(result.history.first?.timestamp)
        let timedOut = try #require(result.history.last?.timestamp)
        // At start + TimeoutSeconds, whenever the timer got to run.
        #expect(abs(timedOut.timeIntervalSince(result.startDate) - 1) < 1e-6)
        // The started event is stamped a few microseconds after the start.
        #expect(abs(timedOut.timeIntervalSince(started) - 1) < 0.01)
        #expect(result.stopDate == timedOut)
        // Not at once; the upper bound is generous, since a loaded machine runs timers late.
        #expect(wall >= 0.9)
        #expect(wall < 600)
    }
}
