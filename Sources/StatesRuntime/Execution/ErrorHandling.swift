import Foundation
import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// Runs a Task, Parallel or Map state's work under its `Retry` and `Catch`.
    ///
    /// Source: ASL specification, "Error Handling", "Retrying after error" and "Fallback states":
    /// - the first retrier whose `ErrorEquals` matches decides; it retries while it has attempts
    ///   left (`MaxAttempts`, default 3, 0 = never), waiting `IntervalSeconds × BackoffRate^n`
    ///   (capped by `MaxDelaySeconds`; `JitterStrategy: FULL` draws uniformly in [0, delay]);
    ///   each retrier counts its own attempts;
    /// - when no retrier matches or the matching one is used up, the first matching catcher sends
    ///   the error output `{"Error": …, "Cause": …}` through its `ResultPath` (default `$`) to its
    ///   `Next`;
    /// - `States.Runtime` is never retried or caught (AWS developer guide, "Error names").
    ///
    /// No event marks a retry: the state's task events repeat (observed on AWS). `finalFailure`
    /// (`MapStateFailed`, `ParallelStateFailed`) is recorded once the error is no longer retried,
    /// whether a catcher then takes it or not, as AWS does.
    func withErrorHandling(
        _ handling: ErrorHandling, catchTargets: [StateID], kind: StateKind, stateName: String, input: JSON,
        path: inout PathContext, site: EvaluationSite, finalFailure: HistoryEventType? = nil,
        attempt: (inout PathContext) async throws(StepFailure) -> StateCompletion
    ) async throws(StepFailure) -> StateCompletion {
        var attempts = [Int](repeating: 0, count: handling.retriers.count)
        while true {
            let error: StatesError
            do {
                return try await attempt(&path)
            } catch let thrown {
                guard case .failed(let caught) = thrown else { throw thrown }
                error = caught
            }
            if error.name == .runtime { throw .failed(error) }
            if let index = handling.retriers.firstIndex(where: { error.isMatched(by: $0.errorEquals) }) {
                let retrier = handling.retriers[index]
                // `asl test-state`: the retries made so far come from `retrierRetryCount`, and a
                // retry the retrier would make ends the test as RETRIABLE (SPEC-NOTES.md §15.4).
                if let inspection = path.inspection {
                    attempts[index] = inspection.retrierRetryCount
                    inspection.update { $0.retryIndex = index }
                }
                if Int64(attempts[index]) < retrier.maxAttempts ?? Retrier.defaultMaxAttempts {
                    let delay = Self.retryDelay(retrier, retry: attempts[index], random: &path.random)
                    if let inspection = path.inspection {
                        inspection.update {
                            $0.retryBackoffSeconds = delay
                            $0.retriable = error
                        }
                        throw .failed(error)
                    }
                    attempts[index] += 1
                    report(
                        stateName, kind,
                        .retrying(attempt: attempts[index], delay: delay, error: error.name.rawValue),
                        path: path)
                    options.observer?(
                        ExecutionObservation(state: site.stateID, event: .retried(index: index), depth: path.depth))
                    try await wait(seconds: delay, on: path.clock)
                    path.context.retryCount = (path.context.retryCount ?? 0) + 1
                    continue
                }
            }
            // A JSONata failure's EvaluationFailed comes first (before MapStateFailed, observed on AWS);
            // it is written whether or not a catcher then takes the error (SPEC-NOTES.md §13.1).
            try recordEvaluationFailed(error, path: &path, site: site)
            if let finalFailure { try recordEvent(finalFailure, on: &path) }
            guard let index = handling.catchers.firstIndex(where: { error.isMatched(by: $0.errorEquals) }) else {
                throw .failed(error)
            }
            let catcher = handling.catchers[index]
            let next = catchTargets[index]
            path.inspection?.update {
                $0.catchIndex = index
                $0.caught = error
            }
            report(
                stateName, kind,
                .caught(error: error.name.rawValue, cause: error.cause, next: programs[next.index].name), path: path)
            let errorOutput = Self.errorOutput(error)
            if catcher.output != nil || Self.isJSONata(catcher.assign) {
                // A JSONata catcher: `Output` (default: the error output) and `Assign`, seeing
                // `$states.errorOutput`; the state's own `Assign` is not evaluated (ASL
                // specification, "JSONata Catchers"; observed on AWS, LocalStack snapshot
                // `assign/test_assign_reference_variables`, `test_assign_in_catch_state`).
                return try failing { () throws(StatesError) in
                    let scope = JSONataScope(input: input, path: &path, errorOutput: errorOutput)
                    let output = try catcher.output.map { template throws(StatesError) in
                        try evaluate(template, field: "Output", scope: scope, path: &path, site: site)
                    }
                    let assigned = try evaluateJSONataAssign(catcher.assign, scope: scope, path: &path, site: site)
                    return StateCompletion(
                        output: output ?? errorOutput, next: next, assigned: assigned, route: .catcher(index))
                }
            }
            return try failing { () throws(StatesError) in
                let output = try applyResultPath(catcher.resultPath, input: input, result: errorOutput, site: site)
                let assigned = try evaluateAssign(catcher.assign, value: errorOutput, path: &path, site: site)
                return StateCompletion(
                    output: output, next: catchTargets[index], assigned: assigned, route: .catcher(index))
            }
        }
    }

    static func isJSONata(_ template: DynamicTemplate?) -> Bool {
        if case .jsonata = template { return true }
        return false
    }

    /// `{"Error": name, "Cause": cause}`; a missing cause is `""` (LocalStack's behaviour, built to
    /// match AWS's recordings; not itself observed).
    static func errorOutput(_ error: StatesError) -> JSON {
        ["Error": .string(error.name.rawValue), "Cause": .string(error.cause ?? "")]
    }

    /// Seconds to wait before retry number `retry` (0 for the first retry).
    static func retryDelay(_ retrier: Retrier, retry: Int, random: inout RandomSource) -> Double {
        let interval = Double(retrier.intervalSeconds ?? Retrier.defaultIntervalSeconds)
        let rate = (retrier.backoffRate ?? Retrier.defaultBackoffRate).doubleValue
        var delay = interval * pow(rate, Double(retry))
        if let cap = retrier.maxDelaySeconds { delay = min(delay, Double(cap)) }
        if retrier.jitterStrategy == .full { delay *= random.nextUnit() }
        // A huge BackoffRate makes the wait overflow to infinity: cap it at a billion seconds
        // (about 32 years), far beyond any execution's life, so clocks and timestamps stay finite.
        return delay.isFinite ? min(delay, 1e9) : 1e9
    }
}
