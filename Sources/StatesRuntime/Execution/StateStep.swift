import Foundation
import JSONCore
import StatesLanguage

/// Where control goes after a state.
enum StepOutcome: Sendable {
    case next(StateID, JSON)
    case end(JSON)
}

/// What a state's body hands back to the envelope: its output and the variables to assign.
struct StateCompletion {
    var output: JSON
    /// The state to go to, or `nil` to follow the state's `Next`/`End`.
    var next: StateID?
    /// Variables to assign when the state exits (evaluated already).
    var assigned: JSONObject?
    /// Which Choice rule or catcher chose ``next``, for ``ExecutionOptions/observer``.
    var route: Route? = nil
}

extension ExecutionRunner {
    /// Runs one state: the entered event, the state's body (with Retry and Catch for Task,
    /// Parallel and Map), the variables it assigns, the exited event, and the transition.
    ///
    /// Source: AWS developer guide, "Processing input and output in Step Functions" (the order
    /// InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath) and "Passing data
    /// between states with variables" (Assign takes effect when the state exits).
    func step(_ id: StateID, input: JSON, path: inout PathContext) async throws(StepFailure) -> StepOutcome {
        let program = programs[id.index]
        let kind = program.kind
        let enteredAt = path.clock.now()
        path.context.stateName = program.name
        path.context.enteredTime = enteredAt
        switch kind {
        case .task, .parallel, .map: path.context.retryCount = path.inspection?.retrierRetryCount ?? 0
        default: path.context.retryCount = nil
        }
        path.context.taskToken = nil
        path.context.mapItem = nil
        path.queryFailure = nil
        let enteredPrevious = path.previousEventID
        let enteredID = try recordEvent(
            kind.enteredEventType, on: &path, .stateEntered(.init(name: program.name, input: input)))
        if options.progress != nil { report(program.name, kind, .entered, path: path) }
        options.observer?(ExecutionObservation(state: id, event: .entered, depth: path.depth))
        let site = EvaluationSite(
            stateName: program.name, enteredEventID: enteredID, enteredPreviousEventID: enteredPrevious, stateID: id)

        let completion: StateCompletion
        do throws(StepFailure) {
            switch program.body {
            case .pass(let pass):
                completion = try failing { () throws(StatesError) in
                    try runPass(pass, input: input, path: &path, site: site)
                }
            case .task(let task):
                completion = try await runTask(
                    task, catchTargets: program.catchTargets, input: input, path: &path, site: site)
            case .choice(let choice, let branches, let defaultState):
                completion = try failing { () throws(StatesError) in
                    try runChoice(
                        choice, branches: branches, defaultState: defaultState, input: input, path: &path, site: site)
                }
            case .wait(let wait): completion = try await runWait(wait, input: input, path: &path, site: site)
            case .succeed(let succeed):
                completion = try failing { () throws(StatesError) in
                    try runSucceed(succeed, input: input, path: &path, site: site)
                }
            case .fail(let fail):
                let error = try failing { () throws(StatesError) in
                    try failError(fail, input: input, path: &path, site: site)
                }
                throw .failed(error)
            case .parallel(let parallel):
                completion = try await runParallel(
                    parallel, catchTargets: program.catchTargets, input: input, path: &path, site: site)
            case .map(let map):
                completion = try await runMap(
                    map, catchTargets: program.catchTargets, input: input, path: &path, site: site)
            }
        } catch {
            switch error {
            case .failed(let error):
                try recordEvaluationFailed(error, path: &path, site: site)
                if options.progress != nil {
                    report(program.name, kind, .failed(error: error.name.rawValue, cause: error.cause), path: path)
                }
            case .interrupted(.cancelled):
                // Stopped because a sibling branch or iteration failed: AWS writes `TaskStateAborted`
                // (and `WaitStateAborted`, …) after the failing event (observed, SPEC-NOTES.md §5.2).
                if let anchor = path.abortAnchor, let failed = anchor.failingEventID,
                    let aborted = kind.abortedEventType
                {
                    _ = try? recordDetached(aborted, after: failed, clock: path.clock)
                }
            case .interrupted: break
            }
            throw error
        }

        try failing { () throws(StatesError) in try checkPayload(completion.output, site: site) }
        // `"Assign": {}` writes no assignedVariables (observed on AWS, SPEC-NOTES.md §13.1).
        let assignedVariables = completion.assigned?.isEmpty == true ? nil : completion.assigned
        if let assigned = assignedVariables {
            try failing { () throws(StatesError) in
                try checkAssigned(assigned, site: site)
                try checkVariablesTotal(path.variables, assigning: assigned, site: site)
            }
        }
        if let assigned = assignedVariables {
            for (name, value) in assigned { path.variables[name] = value }
            path.inspection?.update { $0.assigned = assigned }
        }
        if let exited = kind.exitedEventType {
            try recordEvent(
                exited, on: &path,
                .stateExited(
                    .init(name: program.name, output: completion.output, assignedVariables: assignedVariables)))
        }
        if options.progress != nil {
            report(program.name, kind, .exited(seconds: path.clock.now().timeIntervalSince(enteredAt)), path: path)
        }
        if let observer = options.observer {
            observer(ExecutionObservation(state: id, event: Self.taken(completion, program), depth: path.depth))
        }
        if let next = completion.next { return .next(next, completion.output) }
        if let next = program.next { return .next(next, completion.output) }
        return .end(completion.output)
    }

    /// The transition a state that exited with `completion` takes, as the observer hears of it.
    private static func taken(_ completion: StateCompletion, _ program: Program) -> ExecutionObservation.Event {
        switch (completion.route, completion.next ?? program.next) {
        case (.choiceRule(let index)?, let target?): .choiceRule(index: index, target: target)
        case (.choiceDefault?, let target?): .choiceDefault(target: target)
        case (.catcher(let index)?, let target?): .caught(index: index, target: target)
        case (_, let target?): .next(target: target)
        case (_, nil): .end
        }
    }

    /// Writes AWS's `EvaluationFailed` event when `error` is the JSONata failure noted on the path:
    /// its previous event is the entered event's predecessor (a Wait's Timestamp: the entered
    /// event itself), and the events after it name it (observed, SPEC-NOTES.md §13.1).
    func recordEvaluationFailed(_ error: StatesError, path: inout PathContext, site: EvaluationSite)
        throws(StepFailure)
    {
        guard let note = path.queryFailure, error.name == .queryEvaluationError else { return }
        path.queryFailure = nil
        let previous = note.afterEntered ? site.enteredEventID : site.enteredPreviousEventID
        path.previousEventID = try recordDetached(
            .evaluationFailed, after: previous, clock: path.clock,
            .evaluationFailed(
                .init(error: error.name.rawValue, cause: error.cause, location: note.location, state: site.stateName)))
    }

    /// Records an event on a path, turning the history quota into an ``Interruption``.
    @discardableResult
    func recordEvent(
        _ type: HistoryEventType, on path: inout PathContext,
        _ details: @autoclosure () -> HistoryEvent.Details = .none
    ) throws(StepFailure) -> Int {
        do {
            return try events.record(type, on: &path, details())
        } catch {
            throw .interrupted(.historyLimit(error))
        }
    }

    /// Records an event after `previous` without making it the path's last event: AWS's
    /// `MapStateSucceeded`, `ParallelStateSucceeded`, `MapIterationSucceeded` and
    /// `MapIterationFailed` leave the next event naming the event before them (observed on AWS).
    @discardableResult
    func recordDetached(
        _ type: HistoryEventType, after previous: Int, clock: any ExecutionClock,
        _ details: @autoclosure () -> HistoryEvent.Details = .none
    ) throws(StepFailure) -> Int {
        do {
            return try events.recorder.record(
                type, previousEventId: previous, timestamp: clock.now(), details: details())
        } catch {
            throw .interrupted(.historyLimit(error))
        }
    }

    func report(_ name: String, _ kind: StateKind, _ phase: ExecutionProgress.Phase, path: PathContext) {
        options.progress?(ExecutionProgress(stateName: name, kind: kind, phase: phase, depth: path.depth))
    }

    /// `States.DataLimitExceeded` when one assigned value, or all the values one `Assign` sets
    /// together, are larger than the payload quota (AWS's 256 KiB per variable and per Assign; the
    /// error name is inferred and the cause is ours, SPEC-NOTES.md §13.1).
    func checkAssigned(_ assigned: JSONObject, site: EvaluationSite) throws(StatesError) {
        guard let limit = options.quotas.maximumPayloadBytes, PayloadSize.exceeds(.object(assigned), limit: limit)
        else { return }
        throw StatesError(
            .dataLimitExceeded,
            "The state '\(site.stateName)' assigned variables whose size exceeds the maximum number of bytes "
                + "service limit (\(limit) bytes).")
    }

    /// `States.DataLimitExceeded` when the variables an execution holds would pass AWS's 10 MiB
    /// total once `assigned` is stored ("Passing data between states with variables" quotas;
    /// measured as one JSON object of every variable the path sees; the error name by analogy
    /// with the per-Assign quota and the cause ours: SPEC-NOTES.md §13.1).
    func checkVariablesTotal(_ variables: [CodeUnitString: JSON], assigning assigned: JSONObject, site: EvaluationSite)
        throws(StatesError)
    {
        guard let limit = options.quotas.maximumVariablesBytes,
            PayloadSize.exceeds(variables: variables, assigning: assigned, limit: limit)
        else { return }
        throw StatesError(
            .dataLimitExceeded,
            "The state '\(site.stateName)' assigned variables that would make the execution's variables exceed "
                + "the maximum number of bytes service limit (\(limit) bytes).")
    }

    /// `States.DataLimitExceeded` when a state's output is larger than the payload quota.
    func checkPayload(_ value: JSON, site: EvaluationSite) throws(StatesError) {
        guard let limit = options.quotas.maximumPayloadBytes, PayloadSize.exceeds(value, limit: limit) else { return }
        throw Causes.dataLimitExceeded(limit: limit, site: site)
    }
}
