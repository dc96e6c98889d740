import Foundation
import StatesLanguage

/// Why a path stopped without a state error. (An abort needs no case: `ExecutionControl.abort()`
/// ends the execution from outside the paths, which then stop as ``cancelled``.)
enum Interruption: Error, Sendable {
    /// The state machine's `TimeoutSeconds` ran out.
    case timedOut
    /// The history quota was reached.
    case historyLimit(HistoryLimitExceeded)
    /// The path's task was cancelled: a sibling branch or iteration failed, or the execution
    /// ended another way (abort, real-clock deadline) while this path still ran.
    case cancelled
}

/// The one error type of the executor's states and envelope: a state error that Retry and Catch
/// see, or an interruption they never see.
///
/// Rationale: the executor used to throw `any Error` and sort it at each level with
/// `catch let … as StatesError` / `catch is CancellationError` ladders; with one closed type every
/// level switches over the same two cases, and the compiler checks that nothing else escapes.
enum StepFailure: Error, Sendable {
    case failed(StatesError)
    case interrupted(Interruption)

    /// What a wait on a path's clock threw: the execution's deadline (``DeadlineExceeded``) or
    /// cancellation. A path's clock carries no task or heartbeat deadline (those wrap only a
    /// handler's clock), and a clock given by an embedder that throws something else stops the
    /// path as a cancellation would.
    init(clockError error: any Error) {
        if let exceeded = error as? DeadlineExceeded, exceeded.kind == .execution {
            self = .interrupted(.timedOut)
        } else {
            self = .interrupted(.cancelled)
        }
    }

    var isCancellation: Bool {
        if case .interrupted(.cancelled) = self { return true }
        return false
    }
}

/// Runs `body`, whose only failures are state errors, inside a function of the typed channel.
@inline(__always)
func failing<Value>(_ body: () throws(StatesError) -> Value) throws(StepFailure) -> Value {
    do {
        return try body()
    } catch {
        throw .failed(error)
    }
}

/// Waits on a path's clock inside the typed channel.
func wait(until deadline: Date, on clock: any ExecutionClock) async throws(StepFailure) {
    do {
        try await clock.sleep(until: deadline)
    } catch {
        throw StepFailure(clockError: error)
    }
}

/// ``ExecutionClock/sleep(seconds:)`` on the typed channel.
func wait(seconds: Double, on clock: any ExecutionClock) async throws(StepFailure) {
    do {
        try await clock.sleep(seconds: seconds)
    } catch {
        throw StepFailure(clockError: error)
    }
}
