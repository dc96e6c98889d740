internal import Foundation
internal import Synchronization

/// The activity tasks waiting for a worker, and the workers waiting for a task (`GetActivityTask`
/// long polls), per activity ARN. A task scheduled while a worker waits goes to that worker at
/// once; otherwise it waits, first in first out, for the next poll (SPEC-NOTES.md §18.3).
final class ActivityQueue: Sendable {
    /// A task scheduled on an activity, as a worker receives it.
    struct ScheduledTask: Sendable {
        var taskToken: String
        /// The task's input, as JSON text.
        var input: String
        /// Told the name of the worker that took it (`ActivityStarted`).
        var taken: @Sendable (_ workerName: String?) -> Void
    }

    private struct Poller {
        var id: UInt64
        var continuation: CheckedContinuation<ScheduledTask?, Never>
    }

    private struct Queues {
        var tasks: [String: [ScheduledTask]] = [:]
        var pollers: [String: [Poller]] = [:]
        var nextPollerID: UInt64 = 0
        /// Set by ``close()``: every poll answers at once with no task.
        var closed = false
    }

    private let queues = Mutex(Queues())

    /// Offers a task to the activity's workers.
    func schedule(_ task: ScheduledTask, on activityArn: String) {
        let poller = queues.withLock { queues -> Poller? in
            if var waiting = queues.pollers[activityArn], !waiting.isEmpty {
                let first = waiting.removeFirst()
                queues.pollers[activityArn] = waiting.isEmpty ? nil : waiting
                return first
            }
            queues.tasks[activityArn, default: []].append(task)
            return nil
        }
        poller?.continuation.resume(returning: task)
    }

    /// Withdraws a task no worker took yet (its execution stopped or it timed out).
    func withdraw(token: String, from activityArn: String) {
        queues.withLock { queues in
            queues.tasks[activityArn]?.removeAll { $0.taskToken == token }
            if queues.tasks[activityArn]?.isEmpty == true { queues.tasks[activityArn] = nil }
        }
    }

    /// The next task of the activity: at once when one waits, else the first scheduled within
    /// `timeout` seconds, else `nil`. Cancellation (the client went away) returns `nil`.
    /// - Parameter sleep: waits the timeout (injected so tests need not wait).
    func poll(
        _ activityArn: String, timeout: Double,
        sleep: @escaping @Sendable (Double) async -> Void
    ) async -> ScheduledTask? {
        let id = queues.withLock { queues -> UInt64 in
            queues.nextPollerID += 1
            return queues.nextPollerID
        }
        return await withTaskGroup(of: ScheduledTask?.self) { group in
            group.addTask { await self.wait(id, on: activityArn) }
            group.addTask {
                await sleep(timeout)
                self.expire(id, on: activityArn)
                return nil
            }
            var taken: ScheduledTask?
            while let next = await group.next() {
                if let next {
                    taken = next
                    group.cancelAll()
                } else if taken == nil {
                    // The poll timed out (or was cancelled): stop the other child too.
                    group.cancelAll()
                }
            }
            return taken
        }
    }

    private func wait(_ id: UInt64, on activityArn: String) async -> ScheduledTask? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ScheduledTask?, Never>) in
                let ready = queues.withLock { queues -> ScheduledTask?? in
                    if var tasks = queues.tasks[activityArn], !tasks.isEmpty {
                        let first = tasks.removeFirst()
                        queues.tasks[activityArn] = tasks.isEmpty ? nil : tasks
                        return .some(first)
                    }
                    if Task.isCancelled || queues.closed { return .some(nil) }
                    queues.pollers[activityArn, default: []].append(Poller(id: id, continuation: continuation))
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            expire(id, on: activityArn)
        }
    }

    /// Ends a poll with no task, if it still waits.
    private func expire(_ id: UInt64, on activityArn: String) {
        let poller = queues.withLock { queues -> Poller? in
            guard var waiting = queues.pollers[activityArn], let index = waiting.firstIndex(where: { $0.id == id })
            else { return nil }
            let poller = waiting.remove(at: index)
            queues.pollers[activityArn] = waiting.isEmpty ? nil : waiting
            return poller
        }
        poller?.continuation.resume(returning: nil)
    }

    /// Ends every waiting poll with no task, and every later one at once: the server is shutting
    /// down, and a worker is better answered than cut off after the grace period.
    func close() {
        let waiting = queues.withLock { queues -> [Poller] in
            queues.closed = true
            let all = queues.pollers.values.flatMap { $0 }
            queues.pollers = [:]
            return all
        }
        for poller in waiting { poller.continuation.resume(returning: nil) }
    }

    /// How many tasks of the activity wait for a worker (tests).
    func waitingTasks(_ activityArn: String) -> Int {
        queues.withLock { $0.tasks[activityArn]?.count ?? 0 }
    }

    /// How many workers wait on the activity (tests).
    func waitingWorkers(_ activityArn: String) -> Int {
        queues.withLock { $0.pollers[activityArn]?.count ?? 0 }
    }
}
