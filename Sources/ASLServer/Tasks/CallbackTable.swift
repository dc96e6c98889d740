internal import JSONCore
internal import Synchronization

/// The tasks that wait for a callback (`SendTaskSuccess`, `SendTaskFailure`,
/// `SendTaskHeartbeat`), by task token: `.waitForTaskToken` Tasks and activity tasks.
///
/// A token is *open* from the moment its task starts until the task ends (a callback, a
/// timeout, an abort or the end of the execution); then it is *closed*, and a callback on it
/// gets AWS's `TaskTimedOut` ("Provided task does not exist anymore"). A callback may arrive
/// before the task begins to wait (a handler that calls back at once): it is kept and the wait
/// returns it (SPEC-NOTES.md §18.3).
final class CallbackTable: Sendable {
    /// How a waiting task ends.
    enum Outcome: Sendable, Equatable {
        case success(JSON)
        case failure(error: String?, cause: String?)
        /// The wait was cancelled (timeout, abort, the execution ended).
        case cancelled
    }

    private struct Entry {
        var heartbeat: @Sendable () -> Void
        var waiter: CheckedContinuation<Outcome, Never>?
        var early: Outcome?
    }

    private struct Tokens {
        var open: [String: Entry] = [:]
        var closed: Set<String> = []
        /// Closed tokens in the order they closed, to forget the oldest beyond ``closedLimit``.
        var closedOrder: [String] = []
        var closedStart = 0
    }

    /// How many closed tokens are remembered (older ones answer `TaskDoesNotExist`).
    static let closedLimit = 100_000

    private let tokens = Mutex(Tokens())

    /// Opens `token` for callbacks; `heartbeat` is called on each `SendTaskHeartbeat`.
    /// - Returns: `false` when the token is open already (two tasks with one token).
    func open(_ token: String, heartbeat: @escaping @Sendable () -> Void) -> Bool {
        tokens.withLock { tokens in
            guard tokens.open[token] == nil else { return false }
            tokens.closed.remove(token)
            tokens.open[token] = Entry(heartbeat: heartbeat)
            return true
        }
    }

    /// Waits for the callback on an open token; returns `.cancelled` when the task is
    /// cancelled first. The token is closed when this returns.
    func wait(_ token: String) async -> Outcome {
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let now = tokens.withLock { tokens -> Outcome? in
                    guard var entry = tokens.open[token] else { return .cancelled }
                    if let early = entry.early { return early }
                    if Task.isCancelled { return .cancelled }
                    entry.waiter = continuation
                    tokens.open[token] = entry
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = tokens.withLock { tokens -> CheckedContinuation<Outcome, Never>? in
                guard var entry = tokens.open[token], let waiter = entry.waiter else { return nil }
                entry.waiter = nil
                entry.early = .cancelled
                tokens.open[token] = entry
                return waiter
            }
            waiter?.resume(returning: .cancelled)
        }
        close(token)
        return outcome
    }

    /// Closes `token` (its task ended); a waiter, if any, is told `.cancelled`.
    func close(_ token: String) {
        let waiter = tokens.withLock { tokens -> CheckedContinuation<Outcome, Never>? in
            guard let entry = tokens.open.removeValue(forKey: token) else { return nil }
            Self.remember(token, in: &tokens)
            return entry.waiter
        }
        waiter?.resume(returning: .cancelled)
    }

    /// Ends the task waiting on `token` with `outcome`.
    /// - Throws: ``TaskTokenProblem`` when the token is not open.
    func complete(_ token: String, with outcome: Outcome) throws(TaskTokenProblem) {
        let waiter = try tokens.withLock { tokens throws(TaskTokenProblem) -> CheckedContinuation<Outcome, Never>? in
            guard var entry = tokens.open[token] else { throw Self.problem(token, in: tokens) }
            guard entry.early == nil else { throw .ended }
            if let waiter = entry.waiter {
                tokens.open.removeValue(forKey: token)
                Self.remember(token, in: &tokens)
                return waiter
            }
            entry.early = outcome
            tokens.open[token] = entry
            return nil
        }
        waiter?.resume(returning: outcome)
    }

    /// Records a heartbeat for the task waiting on `token`.
    /// - Throws: ``TaskTokenProblem`` when the token is not open.
    func heartbeat(_ token: String) throws(TaskTokenProblem) {
        let beat = try tokens.withLock { tokens throws(TaskTokenProblem) -> @Sendable () -> Void in
            guard let entry = tokens.open[token], entry.early == nil else { throw Self.problem(token, in: tokens) }
            return entry.heartbeat
        }
        beat()
    }

    /// Whether `token` is open (for tests and the activity queue).
    func isOpen(_ token: String) -> Bool {
        tokens.withLock { $0.open[token] != nil && $0.open[token]?.early == nil }
    }

    private static func problem(_ token: String, in tokens: Tokens) -> TaskTokenProblem {
        if tokens.closed.contains(token) || tokens.open[token] != nil { return .ended }
        return .unknown
    }

    private static func remember(_ token: String, in tokens: inout Tokens) {
        guard tokens.closed.insert(token).inserted else { return }
        tokens.closedOrder.append(token)
        if tokens.closedOrder.count - tokens.closedStart > closedLimit {
            tokens.closed.remove(tokens.closedOrder[tokens.closedStart])
            tokens.closedStart += 1
            if tokens.closedStart > closedLimit {
                tokens.closedOrder.removeFirst(tokens.closedStart)
                tokens.closedStart = 0
            }
        }
    }
}

/// Why a callback was refused.
enum TaskTokenProblem: Error, Equatable {
    /// The token's task ended (succeeded, failed, timed out, aborted).
    case ended
    /// The token is well formed but no task of this server ever had it (or it was forgotten).
    case unknown
}
