public import Foundation

/// Where an execution reads the time and how it waits.
///
/// Every timestamp the runtime writes (history events, `$$.Execution.StartTime`,
/// `$$.State.EnteredTime`) and every wait (Wait states, retry intervals, timeouts) goes through
/// the clock the execution was given, so tests and `asl run` can use ``VirtualClock`` (waits end at
/// once, time advances as if they had been real) and production embedding can use ``SystemClock``.
///
/// A clock is one *timeline*. Concurrent paths of an execution (Parallel branches, Map iterations)
/// each get their own timeline from ``fork()``; when they finish, the parent ``join(_:)``s them, so
/// under a virtual clock a Parallel state whose branches wait 5 s and 9 s ends 9 s after it began,
/// whatever order the branches ran in.
public protocol ExecutionClock: Sendable {
    /// The current time on this timeline.
    func now() -> Date

    /// Suspends until `deadline` on this timeline (at once, for a virtual clock).
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Date) async throws

    /// A timeline for a concurrent path starting at this one's current time.
    func fork() -> any ExecutionClock

    /// Moves this timeline to the latest time any of `children` reached (virtual clocks); a real
    /// clock has nothing to do.
    func join(_ children: [any ExecutionClock])

    /// Whether waits complete at once (virtual time).
    var isVirtual: Bool { get }
}

extension ExecutionClock {
    /// Suspends for `seconds` (fractions allowed) on this timeline.
    public func sleep(seconds: Double) async throws {
        try await sleep(until: now().addingTimeInterval(max(0, seconds)))
    }
}

/// Something that wants to run before a virtual clock jumps ahead, so that work which would have
/// happened in real time during the wait has happened when the wait ends (the clickstream
/// stream consumer drains the records put before the jump).
public protocol ClockObserver: Sendable {
    /// Called before a timeline moves from `from` to `to`; the move waits for it to return.
    func clockWillAdvance(from: Date, to: Date) async
}
