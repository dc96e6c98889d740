public import Foundation
import Synchronization

/// Virtual time: a wait returns at once and moves the timeline to its deadline, so a workflow
/// with a 20-second Wait and a retry backing off for minutes runs in milliseconds while every
/// timestamp reads as if the time had passed.
///
/// Deterministic: time only moves when the execution waits; nothing reads the wall clock after
/// the start instant. Observers (``ClockObserver``) run before each jump.
///
///     let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_700_000_000))
///     try await clock.sleep(seconds: 20)
///     clock.now()   // 2023-11-14T22:13:40Z
public final class VirtualClock: ExecutionClock {
    private let current: Mutex<Date>
    private let observers: [any ClockObserver]

    /// - Parameters:
    ///   - start: The instant the timeline starts at.
    ///   - observers: Called, in order, before every jump.
    public init(start: Date, observers: [any ClockObserver] = []) {
        current = Mutex(start)
        self.observers = observers
    }

    public func now() -> Date { current.withLock { $0 } }

    public func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        let from = now()
        guard deadline > from else { return }
        for observer in observers { await observer.clockWillAdvance(from: from, to: deadline) }
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
    }

    /// A new timeline starting now, with the same observers.
    public func fork() -> any ExecutionClock { VirtualClock(start: now(), observers: observers) }

    public func join(_ children: [any ExecutionClock]) {
        let latest = children.map { $0.now() }.max()
        guard let latest else { return }
        current.withLock { $0 = max($0, latest) }
    }

    /// Moves the timeline forward by `seconds` without waiting (a handler's simulated work).
    public func advance(seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(max(0, seconds)) }
    }

    public var isVirtual: Bool { true }
}
