import Foundation
import JSONCore
import StatesRuntime
import Synchronization
import Testing

@Suite struct HistoryRecorderTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func idsAreOneTwoThreeInRecordOrder() throws {
        let recorder = HistoryRecorder()
        let first = try recorder.record(
            .executionStarted, previousEventId: 0, timestamp: Self.start,
            details: .executionStarted(.init(input: [:])))
        let second = try recorder.record(
            .passStateEntered, previousEventId: 0, timestamp: Self.start,
            details: .stateEntered(.init(name: "A", input: [:])))
        let third = try recorder.record(
            .passStateExited, previousEventId: second, timestamp: Self.start,
            details: .stateExited(.init(name: "A", output: [:])))
        #expect([first, second, third] as [Int] == [1, 2, 3])
        #expect(recorder.events.map(\.id) == [1, 2, 3])
        #expect(recorder.events.map(\.previousEventId) == [0, 0, 2])
        #expect(recorder.events.map(\.type) == [.executionStarted, .passStateEntered, .passStateExited])
        #expect(recorder.eventCount == 3)
    }

    /// 8 concurrent writers × 250 events: every id from 1 to 2000 is handed out once, the stored
    /// list is in id order, and each writer sees its own ids increase.
    @Test func idsAreUniqueAndOrderedUnderConcurrency() async throws {
        let recorder = HistoryRecorder(maximumEvents: nil)
        let perWriter = 250
        let idsByWriter = try await withThrowingTaskGroup(of: [Int].self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var ids: [Int] = []
                    for index in 0..<perWriter {
                        ids.append(
                            try recorder.record(
                                .mapIterationStarted, previousEventId: 0, timestamp: Self.start,
                                details: .mapIteration(.init(name: "W\(writer)", index: index))))
                    }
                    return ids
                }
            }
            var all: [[Int]] = []
            for try await ids in group { all.append(ids) }
            return all
        }
        let everyID = idsByWriter.flatMap { $0 }
        #expect(everyID.sorted() == Array(1...(8 * perWriter)))
        for ids in idsByWriter { #expect(ids == ids.sorted()) }
        let events = recorder.events
        #expect(events.map(\.id) == Array(1...(8 * perWriter)))
        // Each writer's events are stored in its own index order.
        for writer in 0..<8 {
            let indices = events.compactMap { event -> Int? in
                guard case .mapIteration(let details) = event.details, details.name == "W\(writer)" else { return nil }
                return details.index
            }
            #expect(indices == Array(0..<perWriter))
        }
    }

    /// Ids below the limit take any event; the last id takes only an execution-ending event.
    @Test(arguments: [true, false])
    func quotaReservesTheLastEventForTheEndOfTheExecution(enabled: Bool) throws {
        let recorder = HistoryRecorder(isEnabled: enabled, maximumEvents: 4)
        for id in 1...3 {
            #expect(try recorder.record(.passStateEntered, previousEventId: id - 1, timestamp: Self.start) == id)
        }
        #expect(throws: HistoryLimitExceeded(maximumEvents: 4, rejectedType: .passStateExited)) {
            try recorder.record(.passStateExited, previousEventId: 3, timestamp: Self.start)
        }
        #expect(recorder.eventCount == 3)
        let failed = try recorder.record(
            .executionFailed, previousEventId: 3, timestamp: Self.start, details: .failure(.init(error: "E")))
        #expect(failed == 4)
        #expect(throws: HistoryLimitExceeded.self) {
            try recorder.record(.executionSucceeded, previousEventId: 4, timestamp: Self.start)
        }
        #expect(recorder.events.count == (enabled ? 4 : 0))
    }

    @Test func succeedingAsTheLastAllowedEventIsAccepted() throws {
        let recorder = HistoryRecorder(maximumEvents: 2)
        try recorder.record(.executionStarted, previousEventId: 0, timestamp: Self.start)
        #expect(try recorder.record(.executionSucceeded, previousEventId: 1, timestamp: Self.start) == 2)
    }

    @Test func defaultQuotaIsAWSs25000AndCanBeLifted() throws {
        #expect(HistoryRecorder().maximumEvents == 25_000)
        let unlimited = HistoryRecorder(isEnabled: false, maximumEvents: nil)
        for _ in 0..<30_000 { try unlimited.record(.waitStateEntered, previousEventId: 0, timestamp: Self.start) }
        #expect(unlimited.eventCount == 30_000)
    }

    /// Switched off, the recorder evaluates neither timestamp nor details, stores nothing, and
    /// still numbers the events.
    @Test func disabledRecordingOnlyCounts() throws {
        let evaluations = Mutex(0)
        @Sendable func now() -> Date {
            evaluations.withLock { $0 += 1 }
            return Self.start
        }
        @Sendable func details() -> HistoryEvent.Details {
            evaluations.withLock { $0 += 1 }
            return .stateEntered(.init(name: "A", input: [:]))
        }
        let recorder = HistoryRecorder(isEnabled: false)
        let ids = try (0..<5).map { _ in
            try recorder.record(.passStateEntered, previousEventId: 0, timestamp: now(), details: details())
        }
        #expect(ids == [1, 2, 3, 4, 5])
        #expect(recorder.events.isEmpty)
        #expect(evaluations.withLock { $0 } == 0)

        let enabled = HistoryRecorder()
        try enabled.record(.passStateEntered, previousEventId: 0, timestamp: now(), details: details())
        #expect(evaluations.withLock { $0 } == 2)
    }

    @Test func streamReplaysRecordedEventsThenFollowsUntilFinished() async throws {
        let recorder = HistoryRecorder()
        try recorder.record(.executionStarted, previousEventId: 0, timestamp: Self.start)
        let stream = recorder.makeStream()
        try recorder.record(.succeedStateEntered, previousEventId: 0, timestamp: Self.start)
        try recorder.record(.succeedStateExited, previousEventId: 2, timestamp: Self.start)
        try recorder.record(.executionSucceeded, previousEventId: 3, timestamp: Self.start)
        recorder.finish()
        var types: [HistoryEventType] = []
        for await event in stream { types.append(event.type) }
        #expect(types == [.executionStarted, .succeedStateEntered, .succeedStateExited, .executionSucceeded])
        #expect(recorder.isFinished)
    }

    @Test func streamMadeAfterFinishReplaysAndEnds() async throws {
        let recorder = HistoryRecorder()
        try recorder.record(.executionStarted, previousEventId: 0, timestamp: Self.start)
        try recorder.record(.executionSucceeded, previousEventId: 1, timestamp: Self.start)
        recorder.finish()
        var ids: [Int] = []
        for await event in recorder.makeStream() { ids.append(event.id) }
        #expect(ids == [1, 2])
    }

    @Test func everyStreamSeesEveryEventInIdOrder() async throws {
        let recorder = HistoryRecorder(maximumEvents: nil)
        let streams = (0..<3).map { _ in recorder.makeStream() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<100 {
                        try recorder.record(.waitStateEntered, previousEventId: 0, timestamp: Self.start)
                    }
                }
            }
            try await group.waitForAll()
        }
        recorder.finish()
        for stream in streams {
            var ids: [Int] = []
            for await event in stream { ids.append(event.id) }
            #expect(ids == Array(1...400))
        }
    }

    @Test func disabledStreamYieldsNothingAndEndsAtFinish() async throws {
        let recorder = HistoryRecorder(isEnabled: false)
        let stream = recorder.makeStream()
        try recorder.record(.executionStarted, previousEventId: 0, timestamp: Self.start)
        recorder.finish()
        var count = 0
        for await _ in stream { count += 1 }
        #expect(count == 0)
    }
}
