import Foundation
import JSONCore
import StatesLanguage

/// Why a path stopped without a state error.
enum Interruption: Error, Sendable {
    /// `ExecutionControl.abort()` was called.
    case aborted
    /// The state machine's `TimeoutSeconds` ran out.
    case timedOut
    /// The history quota was reached.
    case historyLimit(HistoryLimitExceeded)
}

/// One execution: the executor's definition, handlers and options plus this run's recorder and
/// identity. Shared by every path of the run (it holds no per-path state).
final class ExecutionRunner: Sendable {
    let machine: StateMachine
    let handlers: HandlerRegistry
    let options: ExecutionOptions
    let control: ExecutionControl
    let events: EventLog
    /// Every state prepared for execution, by ``StatesLanguage/StateID/index``.
    let programs: [Program]

    init(executor: Executor, control: ExecutionControl) {
        machine = executor.machine
        handlers = executor.handlers
        options = executor.options
        self.control = control
        programs = executor.machine.states.map(Program.init)
        events = EventLog(
            recorder: HistoryRecorder(
                isEnabled: executor.options.recordsHistory || executor.options.historySink != nil,
                keepsEvents: executor.options.recordsHistory,
                maximumEvents: executor.options.quotas.maximumHistoryEvents,
                maximumRetainedEvents: executor.options.maximumRetainedHistoryEvents,
                sink: executor.options.historySink))
    }

    private enum Ending: Sendable {
        case succeeded(JSON, previousEventID: Int)
        case failed(StatesError, previousEventID: Int)
        case timedOut
        case aborted
        case historyLimit(HistoryLimitExceeded)
    }

    func run(input: JSON) async -> ExecutionResult {
        let baseClock = options.clock ?? VirtualClock(start: Date())
        var random = RandomSource(seed: options.seed)
        let start = baseClock.now()
        let name = options.executionName ?? UUIDText.random(using: &random)
        let machineName = options.stateMachineName
        let prefix = "arn:aws:states:\(options.region):\(options.account)"
        let executionArn = "\(prefix):execution:\(machineName):\(name)"
        let roleArn =
            options.roleArn ?? "arn:aws:iam::\(options.account):role/service-role/StepFunctions-\(machineName)-role"
        var clock: any ExecutionClock = baseClock
        var deadline: Date?
        if let seconds = machine.timeoutSeconds {
            let date = start.addingTimeInterval(Double(seconds))
            deadline = date
            clock = DeadlineClock(base: baseClock, deadline: date, kind: .execution)
        }
        let context = ContextObject(
            execution: .init(
                id: executionArn, input: input, name: name, roleArn: roleArn,
                startTime: Evaluate.formatTimestamp(start), stateMachineID: "\(prefix):stateMachine:\(machineName)",
                stateMachineName: machineName))
        var path = PathContext(
            clock: clock, random: random, previousEventID: 0, variables: [:], context: context, depth: 0)

        let ending: Ending
        do {
            try events.record(
                .executionStarted, on: &path, .executionStarted(.init(input: input, roleArn: roleArn)))
            // The first state's entered event follows nothing (previousEventId 0), as AWS writes it.
            path.previousEventID = 0
            ending = await race(input: input, path: path, deadline: baseClock.isVirtual ? nil : deadline)
        } catch {
            ending = .historyLimit(error)
        }
        let stop = finish(ending, clock: baseClock)
        return ExecutionResult(
            status: stop.status, output: stop.output, error: stop.error, cause: stop.cause,
            history: events.recorder.events, startDate: start, stopDate: baseClock.now(), executionArn: executionArn)
    }

    /// Runs the top-level scope against an abort request and, under a real clock, the
    /// execution's deadline; whichever ends first decides.
    private func race(input: JSON, path: PathContext, deadline: Date?) async -> Ending {
        await withTaskGroup(of: Ending?.self) { group in
            group.addTask {
                var path = path
                do {
                    let output = try await self.runScope(.root, input: input, path: &path)
                    return .succeeded(output, previousEventID: path.previousEventID)
                } catch let error as StatesError {
                    return .failed(error, previousEventID: path.previousEventID)
                } catch let interruption as Interruption {
                    switch interruption {
                    case .aborted: return .aborted
                    case .timedOut: return .timedOut
                    case .historyLimit(let limit): return .historyLimit(limit)
                    }
                } catch let exceeded as DeadlineExceeded where exceeded.kind == .execution {
                    return .timedOut
                } catch {
                    // Cancelled: the abort or the deadline child decided.
                    return nil
                }
            }
            group.addTask {
                await self.control.waitForAbort()
                return self.control.abortReason == nil ? nil : .aborted
            }
            if let deadline {
                group.addTask {
                    let seconds = deadline.timeIntervalSinceNow
                    if seconds > 0 { try? await Task.sleep(nanoseconds: UInt64(min(seconds, 1e9) * 1e9)) }
                    return Task.isCancelled ? nil : .timedOut
                }
            }
            var decided: Ending?
            while let next = await group.next() {
                if let next, decided == nil {
                    decided = next
                    group.cancelAll()
                }
            }
            return decided ?? .aborted
        }
    }

    private struct Stop {
        var status: ExecutionStatus
        var output: JSON?
        var error: String?
        var cause: String?
    }

    /// Records the execution's last event.
    private func finish(_ ending: Ending, clock: any ExecutionClock) -> Stop {
        let last = events.recorder.eventCount
        func record(_ type: HistoryEventType, after previous: Int, _ details: HistoryEvent.Details) {
            _ = try? events.recorder.record(type, previousEventId: previous, timestamp: clock.now(), details: details)
        }
        switch ending {
        case .succeeded(let output, let previous):
            if let limit = options.quotas.maximumPayloadBytes, JSONWriter.compactBytes(output).count > limit {
                let error = Causes.executionOutputTooLarge(limit: limit)
                record(
                    .executionFailed, after: previous, .failure(.init(error: error.name.rawValue, cause: error.cause)))
                return Stop(status: .failed, error: error.name.rawValue, cause: error.cause)
            }
            record(.executionSucceeded, after: previous, .output(.init(output: output)))
            return Stop(status: .succeeded, output: output)
        case .failed(let error, let previous):
            // A Fail state without `Error` ends the execution with no error name at all (observed on
            // AWS: `"executionFailedEventDetails": {}`).
            let name = error.name.rawValue.isEmpty ? nil : error.name.rawValue
            record(.executionFailed, after: previous, .failure(.init(error: name, cause: error.cause)))
            return Stop(status: .failed, error: name, cause: error.cause)
        case .timedOut:
            record(.executionTimedOut, after: last, .failure(.init(error: "States.Timeout")))
            return Stop(status: .timedOut, error: "States.Timeout")
        case .aborted:
            let reason = control.abortReason
            record(.executionAborted, after: last, .failure(.init(error: reason?.error, cause: reason?.cause)))
            return Stop(status: .aborted, error: reason?.error, cause: reason?.cause)
        case .historyLimit(let limit):
            let error = Causes.historyLimit(limit)
            record(.executionFailed, after: last, .failure(.init(error: error.name.rawValue, cause: error.cause)))
            return Stop(status: .failed, error: error.name.rawValue, cause: error.cause)
        }
    }

    /// Runs one scope from its `StartAt` to a terminal state; returns the scope's output.
    /// - Throws: `StatesError` when a state fails and nothing catches it; ``Interruption``;
    ///   ``DeadlineExceeded``; `CancellationError`.
    func runScope(_ scopeID: ScopeID, input: JSON, path: inout PathContext) async throws -> JSON {
        let scope = machine[scope: scopeID]
        guard let start = scope.startAt?.id else {
            throw StatesError(.runtime, "The scope has no StartAt state")
        }
        var current = start
        var value = input
        while true {
            if Task.isCancelled { throw CancellationError() }
            switch try await step(current, input: value, path: &path) {
            case .next(let next, let output):
                current = next
                value = output
            case .end(let output):
                return output
            }
        }
    }
}
