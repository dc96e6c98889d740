public import Foundation

/// The wall clock: `now()` is the system time and sleeping really waits.
public struct SystemClock: ExecutionClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds > 0 else {
            try Task.checkCancellation()
            return
        }
        // Deadlines centuries away (`.distantFuture`) would overflow the nanosecond count.
        try await Task.sleep(nanoseconds: UInt64(min(seconds, 1e9) * 1_000_000_000))
    }

    public func fork() -> any ExecutionClock { self }

    public func join(_ children: [any ExecutionClock]) {}

    public var isVirtual: Bool { false }
}
