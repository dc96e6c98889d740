import Foundation

/// Why a deadline ended a wait.
enum DeadlineKind: Sendable, Hashable {
    /// The state machine's top-level `TimeoutSeconds`.
    case execution
    /// A Task state's `TimeoutSeconds`.
    case task
    /// A Task state's `HeartbeatSeconds` without a heartbeat.
    case heartbeat
}

/// Thrown by a wait that would pass a deadline, once the timeline has reached it.
struct DeadlineExceeded: Error, Hashable {
    let kind: DeadlineKind
}

/// A timeline with a deadline: waiting past it moves the timeline to the deadline and throws
/// ``DeadlineExceeded``. Deadlines nest (a Task's inside the execution's); the earliest wins.
///
/// This is how timeouts work under virtual time, where nothing else would ever interrupt a wait;
/// under real time the executor also races work that does not wait on the clock against a timer.
struct DeadlineClock: ExecutionClock {
    let base: any ExecutionClock
    let deadline: Date
    let kind: DeadlineKind

    func now() -> Date { base.now() }

    func sleep(until target: Date) async throws {
        if target > deadline {
            try await base.sleep(until: deadline)
            throw DeadlineExceeded(kind: kind)
        }
        try await base.sleep(until: target)
    }

    func fork() -> any ExecutionClock {
        DeadlineClock(base: base.fork(), deadline: deadline, kind: kind)
    }

    func join(_ children: [any ExecutionClock]) {
        base.join(children.map { ($0 as? DeadlineClock)?.base ?? $0 })
    }

    var isVirtual: Bool { base.isVirtual }
}

/// A task's timeline with a heartbeat limit: waiting past `HeartbeatSeconds` after the last
/// heartbeat moves the timeline to that point and throws ``DeadlineExceeded`` (`.heartbeat`), so a
/// handler that goes silent for too long times out under virtual time as it would under real time.
struct HeartbeatClock: ExecutionClock {
    let base: any ExecutionClock
    let beats: HeartbeatLog
    let seconds: Double

    func now() -> Date { base.now() }

    func sleep(until target: Date) async throws {
        let limit = beats.last.addingTimeInterval(seconds)
        if target > limit {
            try await base.sleep(until: limit)
            throw DeadlineExceeded(kind: .heartbeat)
        }
        try await base.sleep(until: target)
    }

    func fork() -> any ExecutionClock { HeartbeatClock(base: base.fork(), beats: beats, seconds: seconds) }

    func join(_ children: [any ExecutionClock]) {
        base.join(children.map { ($0 as? HeartbeatClock)?.base ?? $0 })
    }

    var isVirtual: Bool { base.isVirtual }
}
