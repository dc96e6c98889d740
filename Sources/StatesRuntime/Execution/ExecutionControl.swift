import Synchronization

/// A handle to stop a running execution from outside it.
///
///     let control = ExecutionControl()
///     async let result = executor.run(input: input, control: control)
///     control.abort()                 // from any task
///     (await result).status           // .aborted
///
/// Source: AWS API reference, StopExecution (`error` and `cause` are optional and appear in the
/// `ExecutionAborted` event).
public final class ExecutionControl: Sendable {
    private struct Stored {
        var aborted: (error: String?, cause: String?)?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let stored = Mutex(Stored())

    public init() {}

    /// Stops the execution: it ends with status ABORTED and an `ExecutionAborted` event.
    public func abort(error: String? = nil, cause: String? = nil) {
        let waiters = stored.withLock { stored -> [CheckedContinuation<Void, Never>] in
            guard stored.aborted == nil else { return [] }
            stored.aborted = (error, cause)
            defer { stored.waiters = [] }
            return stored.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The error and cause given to ``abort(error:cause:)``, once it has been called.
    public var abortReason: (error: String?, cause: String?)? { stored.withLock { $0.aborted } }

    /// Returns once ``abort(error:cause:)`` has been called, or at once if it already was. Returns
    /// early (without an abort) when the calling task is cancelled.
    func waitForAbort() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = stored.withLock { stored -> Bool in
                    if stored.aborted != nil || Task.isCancelled { return true }
                    stored.waiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiters = stored.withLock { stored -> [CheckedContinuation<Void, Never>] in
                defer { stored.waiters = [] }
                return stored.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }
}
