internal import Foundation
internal import StatesRuntime
internal import Synchronization

/// The real clock of one execution, shifted so that its first reading is the execution's
/// `startDate` (the instant StartExecution answered and DescribeExecution reports): the
/// `ExecutionStarted` event and `$$.Execution.StartTime` then carry that instant, as on AWS,
/// rather than the moment the executor's task got to run a few milliseconds later. Every later
/// reading keeps the real spacing, and waits last their real length (SPEC-NOTES.md §18.4).
final class AnchoredClock: ExecutionClock {
    private let start: Date
    /// Wall time minus this timeline's time, fixed by the first reading.
    private let shift = Mutex<TimeInterval?>(nil)

    init(start: Date) {
        self.start = start
    }

    private func currentShift(wall: Date) -> TimeInterval {
        shift.withLock { value in
            if let value { return value }
            let first = wall.timeIntervalSince(start)
            value = first
            return first
        }
    }

    func now() -> Date {
        let wall = Date()
        return wall.addingTimeInterval(-currentShift(wall: wall))
    }

    func sleep(until deadline: Date) async throws {
        try await SystemClock().sleep(until: deadline.addingTimeInterval(currentShift(wall: Date())))
    }

    func fork() -> any ExecutionClock { self }

    func join(_ children: [any ExecutionClock]) {}

    var isVirtual: Bool { false }
}
