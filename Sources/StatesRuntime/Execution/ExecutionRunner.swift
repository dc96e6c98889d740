import Foundation
import JSONCore
import JSONata
import StatesLanguage

/// One execution: the executor's definition, handlers and options plus this run's recorder and
/// identity. Shared by every path of the run (it holds no per-path state).
final class ExecutionRunner: Sendable {
    let machine: ResolvedStateMachine
    let handlers: HandlerRegistry
    let options: ExecutionOptions
    let control: ExecutionControl
    let events: EventLog
    /// Invocation numbers of mocked Task states (``ExecutionOptions/mocks``).
    let mockInvocations: MockInvocations
    /// Every state prepared for execution, by ``StatesLanguage/StateID/index``.
    let programs: [Program]
    /// The Distributed Map runs of this execution and of its child executions.
    let mapRunLog: MapRunLog
    /// Functions AWS adds to JSONata, and the built-ins it removes (`$eval` is undefined on AWS:
    /// calling it is T1006, SPEC-NOTES.md §13.1).
    /// AWS's functions and denied built-ins, with their frame built once per execution; each
    /// evaluation copies it and sets its instant and random source.
    let jsonataEnvironment = JSONata.EvaluationEnvironment(
        millis: 0, hostFunctions: AWSJSONataFunctions.hostFunctions(), deniedFunctions: AWSJSONataFunctions.denied)

    init(executor: Executor, control: ExecutionControl) {
        machine = executor.resolvedMachine
        handlers = executor.handlers
        options = executor.options
        self.control = control
        programs = executor.resolvedMachine.machine.states.indices.map { index in
            Program(StateID(index), of: executor.resolvedMachine)
        }
        events = EventLog(
            recorder: HistoryRecorder(
                isEnabled: executor.options.recordsHistory || executor.options.historySink != nil,
                keepsEvents: executor.options.recordsHistory,
                maximumEvents: executor.options.quotas.maximumHistoryEvents,
                maximumRetainedEvents: executor.options.maximumRetainedHistoryEvents,
                sink: executor.options.historySink))
        mapRunLog = MapRunLog()
        mockInvocations = MockInvocations()
    }

    /// A Distributed Map's child execution: the parent's definition, handlers, prepared states
    /// and abort control, with its own history recorder (SPEC-NOTES.md §17.4).
    init(child parent: ExecutionRunner, recorder: HistoryRecorder) {
        machine = parent.machine
        handlers = parent.handlers
        options = parent.options
        control = parent.control
        programs = parent.programs
        events = EventLog(recorder: recorder)
        mapRunLog = parent.mapRunLog
        // Mocked invocations count across the children, as they did when a Distributed Map's
        // iterations ran inline (`asl test` results stay as they were).
        mockInvocations = parent.mockInvocations
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
        // AWS refuses an oversized input at StartExecution: nothing runs (SPEC-NOTES.md §5.5).
        if let rejection = StartExecutionRejection.input(input, quotas: options.quotas) {
            return ExecutionResult(
                status: .failed, output: nil, error: rejection.code, cause: rejection.message, history: [],
                startDate: start, stopDate: start, executionArn: executionArn)
        }
        // The machine's TimeoutSeconds, or AWS's one-year maximum (SPEC-NOTES.md §5.5).
        let deadline = ExecutionLimits.deadline(
            start: start, timeoutSeconds: machine.machine.timeoutSeconds, maximum: options.maximumDurationSeconds)
        let clock: any ExecutionClock = DeadlineClock(base: baseClock, deadline: deadline, kind: .execution)
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
            // The watchdog sleeps on the system clock: the deadline on the execution's timeline,
            // moved onto the wall clock (the same for `SystemClock`; a real clock shifted from the
            // wall clock, as `asl serve`'s anchored one, keeps its distance to the deadline).
            let wallDeadline = Date().addingTimeInterval(deadline.timeIntervalSince(baseClock.now()))
            ending = await race(input: input, path: path, deadline: baseClock.isVirtual ? nil : wallDeadline)
        } catch {
            ending = .historyLimit(error)
        }
        let stop = finish(ending, clock: baseClock, deadline: deadline)
        var stopDate = baseClock.now()
        if case .timedOut = ending { stopDate = min(stopDate, deadline) }
        return ExecutionResult(
            status: stop.status, output: stop.output, error: stop.error, cause: stop.cause,
            history: events.recorder.events, startDate: start, stopDate: stopDate, executionArn: executionArn,
            mapRuns: mapRunLog.summaries)
    }

    /// Runs the top-level scope against an abort request and, under a real clock, the
    /// execution's deadline; whichever ends first decides.
    private func race(input: JSON, path: PathContext, deadline: Date?) async -> Ending {
        await withTaskGroup(of: Ending?.self) { group in
            group.addTask {
                var path = path
                do throws(StepFailure) {
                    let output = try await self.runScope(.root, input: input, path: &path)
                    return .succeeded(output, previousEventID: path.previousEventID)
                } catch {
                    switch error {
                    case .failed(let error): return .failed(error, previousEventID: path.previousEventID)
                    case .interrupted(.timedOut): return .timedOut
                    case .interrupted(.historyLimit(let limit)): return .historyLimit(limit)
                    // Cancelled: the abort or the deadline child decided.
                    case .interrupted(.cancelled): return nil
                    }
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
    private func finish(_ ending: Ending, clock: any ExecutionClock, deadline: Date) -> Stop {
        let last = events.recorder.eventCount
        func record(
            _ type: HistoryEventType, after previous: Int, _ details: HistoryEvent.Details, at instant: Date? = nil
        ) {
            _ = try? events.recorder.record(
                type, previousEventId: previous, timestamp: instant ?? clock.now(), details: details)
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
            // No error name: DescribeExecution of an execution past its TimeoutSeconds has neither
            // `error` nor `cause` (observed, SPEC-NOTES.md §5.5).
            // At the deadline: a real clock's timer that fires late (a loaded machine) does not
            // move the instant the execution timed out (virtual time never passes the deadline,
            // so there this is the clock's reading; SPEC-NOTES.md §18.6).
            record(
                .executionTimedOut, after: last, .failure(.init(error: nil, cause: nil)),
                at: min(clock.now(), deadline))
            return Stop(status: .timedOut)
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
    func runScope(_ scopeID: ScopeID, input: JSON, path: inout PathContext) async throws(StepFailure) -> JSON {
        var current = machine.start(of: scopeID)
        var value = input
        while true {
            if Task.isCancelled { throw .interrupted(.cancelled) }
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
