import Foundation
import JSONCore
import StatesRuntime
import Synchronization
import Testing

/// What the recorder keeps: events in memory only when asked, every event to the sink, and a
/// memory guard that stops a run the lifted quota would let grow without end.
@Suite struct HistoryRetentionTests {
    static let loop = #"""
        {"StartAt": "Loop", "States": {"Loop": {"Type": "Pass", "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}],
                    "Default": "Loop"},
          "Done": {"Type": "Succeed"}}}
        """#

    @Test func aSinkReceivesEveryEventInOrderWhileNoneIsKept() throws {
        let received = Mutex<[Int]>([])
        let recorder = HistoryRecorder(keepsEvents: false, sink: { event in received.withLock { $0.append(event.id) } })
        for _ in 0..<5 {
            try recorder.record(.passStateEntered, previousEventId: 0, timestamp: Date(timeIntervalSince1970: 0))
        }
        #expect(recorder.events.isEmpty)
        #expect(received.withLock { $0 } == [1, 2, 3, 4, 5])
    }

    @Test(arguments: [true, false])
    func theMemoryGuardHoldsEvenWithoutAQuota(keeps: Bool) throws {
        let recorder = HistoryRecorder(keepsEvents: keeps, maximumEvents: nil, maximumRetainedEvents: 3)
        let now = Date(timeIntervalSince1970: 0)
        for _ in 0..<3 { try recorder.record(.passStateEntered, previousEventId: 0, timestamp: now) }
        if keeps {
            #expect(throws: HistoryLimitExceeded(maximumEvents: 3, rejectedType: .passStateExited, kind: .memoryGuard))
            {
                try recorder.record(.passStateExited, previousEventId: 0, timestamp: now)
            }
            // The execution's last event is still taken.
            #expect(try recorder.record(.executionFailed, previousEventId: 3, timestamp: now) == 4)
        } else {
            // Nothing is kept, so nothing is guarded.
            #expect(try recorder.record(.passStateExited, previousEventId: 0, timestamp: now) == 4)
        }
    }

    @Test func aRunawayLoopWithLiftedQuotasStopsAtTheGuard() async throws {
        var options = ExecutionOptions(quotas: .unlimited)
        options.maximumRetainedHistoryEvents = 200
        let result = try await run(Self.loop, options: options)
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(result.cause?.contains("kept in memory reached 200 events") == true)
        #expect(result.history.count == 201)
        #expect(result.history.last?.type == .executionFailed)
    }

    @Test func aStreamedHistoryIsNotKept() async throws {
        let count = Mutex(0)
        var options = ExecutionOptions(recordsHistory: false)
        options.historySink = { _ in count.withLock { $0 += 1 } }
        let result = try await run(Self.loop, options: options)
        #expect(result.history.isEmpty)
        #expect(count.withLock { $0 } == 25_000)
        #expect(result.cause == "The execution reached the maximum number of history events (25000).")
    }
}
