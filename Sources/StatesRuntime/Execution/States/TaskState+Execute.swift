import Foundation
import JSONCore
import StatesLanguage
import Synchronization

extension ExecutionRunner {
    /// Task: `InputPath`, then per attempt `Parameters`, the handler call with its events,
    /// `ResultSelector`, `ResultPath` and `OutputPath`, all under `Retry`/`Catch`.
    ///
    /// Source: ASL specification, "Task State"; AWS developer guide, "Task workflow state".
    func runTask(
        _ task: Shared<TaskState>, catchTargets: [StateID], input: JSON, path: inout PathContext,
        site: EvaluationSite
    ) async throws(StepFailure) -> StateCompletion {
        let effective = try failing { () throws(StatesError) in
            try applyInputPath(task.value.io.inputPath, to: input, path: path, site: site)
        }
        guard let resource = task.value.resource else {
            // The parser reports a missing Resource; only a machine run despite its errors gets here.
            throw .failed(StatesError(.runtime, "The Task state '\(task.value.common.name)' has no Resource"))
        }
        return try await withErrorHandling(
            task.value.errorHandling, catchTargets: catchTargets, kind: .task, stateName: task.value.common.name,
            input: input, path: &path, site: site
        ) { (path) throws(StepFailure) in
            if resource.pattern == .waitForTaskToken || Self.isActivity(resource) {
                path.context.taskToken = Self.taskToken(using: &path.random)
            }
            if task.value.common.queryLanguage == .jsonata {
                return try await runJSONataTaskAttempt(task, resource: resource, input: input, path: &path, site: site)
            }
            let call = try failing { () throws(StatesError) in
                let parameters = try applyParameters(task.value.io.parameters, to: effective, path: &path, site: site)
                let roots = Roots(input: effective, path: path)
                let timeout = try Self.integer(
                    task.value.timeoutSeconds, field: "TimeoutSecondsPath", roots: roots, site: site)
                let heartbeat = try Self.integer(
                    task.value.heartbeatSeconds, field: "HeartbeatSecondsPath", roots: roots, site: site)
                var credentials: JSON?
                if case .jsonPath(let template) = task.value.credentials {
                    credentials = try TemplateEvaluator.evaluate(
                        template, roots: roots, random: &path.random, site: site)
                }
                return TaskCall(
                    task: task.value, resource: resource, parameters: parameters, timeout: timeout,
                    heartbeat: heartbeat, credentials: credentials)
            }
            let result = try await invoke(call, path: &path, site: site)
            return try failing { () throws(StatesError) in
                let selected = try applyResultSelector(
                    task.value.io.resultSelector, to: result, path: &path, site: site)
                let assigned = try evaluateAssign(task.value.common.assign, value: selected, path: &path, site: site)
                let combined = try applyResultPath(task.value.io.resultPath, input: input, result: selected, site: site)
                let output = try applyOutputPath(task.value.io.outputPath, to: combined, path: path, site: site)
                return StateCompletion(output: output, next: nil, assigned: assigned)
            }
        }
    }

    /// One attempt of a JSONata Task: `Arguments` (default: the state input), `TimeoutSeconds`
    /// and `HeartbeatSeconds`, the call, then `Output` (default: the result) and `Assign`, both
    /// seeing `$states.result` and the variables from state entry.
    ///
    /// Source: ASL specification, "Using Arguments and Output", "Using Assign"; observed on AWS
    /// (LocalStack snapshot `outputdecl/test_output`, `test_base_task_lambda`: no Output gives the
    /// whole result).
    private func runJSONataTaskAttempt(
        _ task: Shared<TaskState>, resource: TaskResource, input: JSON, path: inout PathContext,
        site: EvaluationSite
    ) async throws(StepFailure) -> StateCompletion {
        let (call, scope) = try failing { () throws(StatesError) in
            let scope = JSONataScope(input: input, path: &path)
            var arguments = input
            if case .jsonata(let template) = task.value.io.parameters {
                arguments = try evaluate(template, field: "Arguments", scope: scope, path: &path, site: site)
            }
            path.inspection?.capture(.afterArguments, arguments)
            let timeout = try jsonataInteger(
                task.value.timeoutSeconds, field: "TimeoutSeconds", minimum: 1, scope: scope, path: &path, site: site)
            let heartbeat = try jsonataInteger(
                task.value.heartbeatSeconds, field: "HeartbeatSeconds", minimum: 1, scope: scope, path: &path,
                site: site)
            var credentials: JSON?
            if case .jsonata(let template) = task.value.credentials {
                credentials = try evaluate(template, field: "Credentials", scope: scope, path: &path, site: site)
            }
            let call = TaskCall(
                task: task.value, resource: resource, parameters: arguments, timeout: timeout, heartbeat: heartbeat,
                credentials: credentials)
            return (call, scope)
        }
        let result = try await invoke(call, path: &path, site: site)
        return try failing { () throws(StatesError) in
            let after = scope.with(result: result)
            let output = try task.value.io.output.map { template throws(StatesError) in
                try evaluate(template, field: "Output", scope: after, path: &path, site: site)
            }
            let assigned = try evaluateJSONataAssign(task.value.common.assign, scope: after, path: &path, site: site)
            return StateCompletion(output: output ?? result, next: nil, assigned: assigned)
        }
    }

    /// One attempt's call, evaluated.
    struct TaskCall: Sendable {
        var task: TaskState
        var resource: TaskResource
        var parameters: JSON
        var timeout: Int64?
        var heartbeat: Int64?
        var credentials: JSON?
    }

    /// Calls the handler with the scheduled/started/succeeded-or-failed events AWS writes for the
    /// resource kind: `LambdaFunction*` for a Lambda function ARN, `Activity*` for an activity,
    /// `Task*` for service integrations.
    private func invoke(_ call: TaskCall, path: inout PathContext, site: EvaluationSite) async throws(StepFailure)
        -> JSON
    {
        let family = TaskEventFamily(call.resource)
        try recordEvent(family.scheduled, on: &path, family.scheduledDetails(call, region: options.region))
        let stateName = call.task.common.name
        let handler: any TaskHandler
        if let standIn = path.inspection?.taskHandler {
            // `asl test-state --mock-result/--mock-error` stands in for the service (SPEC-NOTES.md §15.3).
            handler = standIn
        } else if let mocked = options.mocks?[stateName] {
            // SPEC-NOTES.md §14.2: one number per invocation of the state, retries and Map
            // iterations included; the mocked response takes the place of the handler only.
            let invocation = mockInvocations.next(stateName)
            guard let response = mocked.response(forInvocation: invocation) else {
                throw .failed(
                    Causes.noMockedResponse(
                        stateName: stateName, invocation: invocation, mocked: mocked,
                        origin: options.mocks?.origin ?? .testFile))
            }
            handler = MockedTaskHandler(response: response)
        } else if let resolved = handlers.resolve(call.resource, parameters: call.parameters) {
            if options.mocks != nil, resolved is LambdaInvokeIntegration,
                let name = call.parameters["FunctionName"]?.stringValue, !handlers.hasFunction(name)
            {
                // In a test, a Lambda function nothing serves is a missing mock, not the catchable
                // Lambda.ResourceNotFoundException an execution would see (SPEC-NOTES.md §14.1).
                throw .failed(
                    Causes.noFunctionHandler(
                        call.resource, functionName: HandlerRegistry.functionName(name), stateName: stateName,
                        mocks: options.mocks))
            }
            handler = resolved
        } else {
            throw .failed(Causes.noHandler(call.resource, stateName: stateName, mocks: options.mocks))
        }
        // An activity served by workers is started when a worker takes it (SPEC-NOTES.md §18.3).
        let defersStart = family == .activity && handler.reportsStart
        if !defersStart { try recordEvent(family.started, on: &path, family.startedDetails(call.resource)) }
        let start = path.clock.now()
        let deadline = call.timeout.map { start.addingTimeInterval(Double($0)) }
        let beats = HeartbeatLog(start: start)
        var taskClock = path.clock
        if let deadline { taskClock = DeadlineClock(base: taskClock, deadline: deadline, kind: .task) }
        if let heartbeat = call.heartbeat {
            taskClock = HeartbeatClock(base: taskClock, beats: beats, seconds: Double(heartbeat))
        }
        let submissions = Mutex<[JSON]>([])
        let startReport = StartReport()
        var request = TaskRequest(
            resource: call.resource, stateName: call.task.common.name, parameters: call.parameters,
            context: path.context.json, taskToken: path.context.taskToken, deadline: deadline,
            heartbeatSeconds: call.heartbeat, credentials: call.credentials, clock: taskClock,
            heartbeat: { [clock = taskClock] in beats.beat(at: clock.now()) },
            submitted: { response in submissions.withLock { $0.append(response) } },
            region: options.region, account: options.account)
        if defersStart {
            let scheduledID = path.previousEventID
            let recorder = events.recorder
            request.started = { [clock = taskClock] workerName in
                startReport.record { () throws(HistoryLimitExceeded) -> Int in
                    let now = clock.now()
                    beats.beat(at: now)
                    return try recorder.record(
                        .activityStarted, previousEventId: scheduledID, timestamp: now,
                        details: .activityStarted(.init(workerName: workerName)))
                }
            }
        }

        let outcome = await Self.call(handler, request, deadline: deadline, heartbeat: call.heartbeat, beats: beats)
        switch startReport.outcome {
        case .some(.success(let id)): path.previousEventID = id
        case .some(.failure(let error)): throw .interrupted(.historyLimit(error))
        case nil: break
        }
        for response in submissions.withLock({ $0 }) {
            try recordEvent(.taskSubmitted, on: &path, family.outputDetails(call.resource, response))
        }
        switch outcome {
        case .success(let result):
            path.inspection?.capture(.result, result)
            try recordEvent(family.succeeded, on: &path, family.outputDetails(call.resource, result))
            if let limit = options.quotas.maximumPayloadBytes, PayloadSize.exceeds(result, limit: limit) {
                throw .failed(Causes.taskResultTooLarge(call.resource, limit: limit))
            }
            return result
        case .failure(let error):
            let type = error.name == .timeout || error.name == .heartbeatTimeout ? family.timedOut : family.failed
            try recordEvent(type, on: &path, family.failureDetails(call.resource, error))
            throw .failed(error)
        case .interrupted(let interruption):
            throw .interrupted(interruption)
        }
    }

    private enum CallOutcome: Sendable {
        case success(JSON)
        case failure(StatesError)
        /// Not the task's failure: the execution timed out, was aborted, or a sibling failed.
        case interrupted(Interruption)
    }

    /// Runs the handler against its deadline and heartbeat. Under a virtual clock the handler's
    /// waits on `request.clock` hit the deadline; under a real clock a timer races the handler.
    private static func call(
        _ handler: any TaskHandler, _ request: TaskRequest, deadline: Date?, heartbeat: Int64?, beats: HeartbeatLog
    ) async -> CallOutcome {
        let clock = request.clock
        let outcome: CallOutcome
        if clock.isVirtual || (deadline == nil && heartbeat == nil) {
            outcome = await classify { try await handler.handle(request) }
        } else {
            outcome = await withTaskGroup(of: CallOutcome?.self) { group in
                group.addTask { await classify { try await handler.handle(request) } }
                group.addTask {
                    await watchdog(clock: clock, deadline: deadline, heartbeat: heartbeat, beats: beats)
                }
                var first: CallOutcome?
                while let next = await group.next() {
                    if let next, first == nil {
                        first = next
                        group.cancelAll()
                    }
                }
                return first ?? .interrupted(.cancelled)
            }
        }
        guard case .success = outcome else { return outcome }
        // Virtual time: a handler may have advanced its clock past a limit without waiting.
        let now = clock.now()
        if let deadline, now > deadline { return .failure(Causes.taskTimedOut) }
        if let heartbeat, now.timeIntervalSince(beats.last) > Double(heartbeat) {
            return .failure(Causes.heartbeatTimedOut)
        }
        return outcome
    }

    /// Returns `.failure(States.Timeout / States.HeartbeatTimeout)` when a limit passes (real
    /// clock), or `nil` when cancelled first.
    private static func watchdog(clock: any ExecutionClock, deadline: Date?, heartbeat: Int64?, beats: HeartbeatLog)
        async -> CallOutcome?
    {
        while !Task.isCancelled {
            var wake = deadline ?? .distantFuture
            if let heartbeat { wake = min(wake, beats.last.addingTimeInterval(Double(heartbeat))) }
            do {
                try await clock.sleep(until: wake)
            } catch {
                return nil
            }
            let now = clock.now()
            if let deadline, now >= deadline { return .failure(Causes.taskTimedOut) }
            if let heartbeat, now.timeIntervalSince(beats.last) >= Double(heartbeat) {
                return .failure(Causes.heartbeatTimedOut)
            }
        }
        return nil
    }

    /// Maps what a handler throws to the task's failure, keeping interruptions apart. Rationale:
    /// a handler is code we do not own (``TaskHandler/handle(_:)`` throws `any Error`), so this is
    /// the one place its untyped errors are sorted into the typed channel.
    private static func classify(_ body: () async throws -> JSON) async -> CallOutcome {
        do {
            return .success(try await body())
        } catch let error as StatesError {
            return .failure(error)
        } catch let exceeded as DeadlineExceeded {
            switch exceeded.kind {
            case .task: return .failure(Causes.taskTimedOut)
            case .heartbeat: return .failure(Causes.heartbeatTimedOut)
            case .execution: return .interrupted(.timedOut)
            }
        } catch is CancellationError {
            return .interrupted(.cancelled)
        } catch {
            return .failure(StatesError(.taskFailed, String(describing: error)))
        }
    }

    static func isActivity(_ resource: TaskResource) -> Bool {
        if case .activity = resource.kind { return true }
        return false
    }

    /// A task token: 64 characters of URL-safe base64 from the path's random stream.
    static func taskToken(using random: inout RandomSource) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var token = ""
        for _ in 0..<64 { token.append(alphabet[Int(random.next() % 64)]) }
        return token
    }

    /// `TimeoutSeconds`/`HeartbeatSeconds` or its `…Path` form, evaluated; a path must give a
    /// whole number of at least 1.
    static func integer(
        _ value: DynamicInteger?, field: String, roots: Roots, site: EvaluationSite
    ) throws(StatesError) -> Int64? {
        switch value {
        case nil: return nil
        case .literal(let seconds): return seconds
        case .jsonata: throw Causes.jsonataUnsupported(site: site)
        case .path(let selector):
            let resolved = try select(selector, in: roots, site: site)
            guard let seconds = resolved.numberValue?.integralValue, seconds >= 1 else {
                throw Causes.decorated(
                    EvaluationFailure.timeoutPathInvalid(field: field, path: selector, value: resolved), site: site)
            }
            return seconds
        }
    }
}

/// When a task last sent a heartbeat (or started).
final class HeartbeatLog: Sendable {
    private let lastBeat: Mutex<Date>

    init(start: Date) { lastBeat = Mutex(start) }

    func beat(at date: Date) { lastBeat.withLock { $0 = max($0, date) } }

    var last: Date { lastBeat.withLock { $0 } }
}

/// The `ActivityStarted` event a handler reported while the task ran (its id, or the history
/// limit it hit), written once.
final class StartReport: Sendable {
    private let stored = Mutex<Result<Int, HistoryLimitExceeded>?>(nil)

    /// Runs `write` unless an event was written already.
    func record(_ write: () throws(HistoryLimitExceeded) -> Int) {
        stored.withLock { stored in
            guard stored == nil else { return }
            do throws(HistoryLimitExceeded) {
                stored = .success(try write())
            } catch {
                stored = .failure(error)
            }
        }
    }

    var outcome: Result<Int, HistoryLimitExceeded>? { stored.withLock { $0 } }
}
