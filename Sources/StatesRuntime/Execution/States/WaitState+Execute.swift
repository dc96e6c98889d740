import Foundation
import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// Wait: pauses for `Seconds`/`SecondsPath` or until `Timestamp`/`TimestampPath` on the
    /// execution's clock, then passes the effective input on.
    ///
    /// Source: ASL specification, "Wait State"; AWS developer guide, "Wait workflow state".
    func runWait(_ wait: Shared<WaitState>, input: JSON, path: inout PathContext, site: EvaluationSite)
        async throws(StepFailure) -> StateCompletion
    {
        if wait.value.common.queryLanguage == .jsonata {
            return try await runJSONataWait(wait, input: input, path: &path, site: site)
        }
        let (effective, until) = try failing { () throws(StatesError) in
            let effective = try applyInputPath(wait.value.io.inputPath, to: input, path: path, site: site)
            let until = try waitTarget(wait.value.duration, effective: effective, path: path, site: site)
            do throws(StatesError) {
                try WaitValues.checkDelay(from: path.clock.now(), until: until)
            } catch {
                throw Causes.decorated(error, site: site)
            }
            return (effective, until)
        }
        try await StatesRuntime.wait(until: until, on: path.clock)
        return try failing { () throws(StatesError) in
            let assigned = try evaluateAssign(wait.value.common.assign, value: effective, path: &path, site: site)
            let output = try applyOutputPath(wait.value.io.outputPath, to: effective, path: path, site: site)
            return StateCompletion(output: output, next: nil, assigned: assigned)
        }
    }

    private func waitTarget(
        _ duration: WaitState.Duration?, effective: JSON, path: PathContext, site: EvaluationSite
    ) throws(StatesError) -> Date {
        let now = path.clock.now()
        let roots = Roots(input: effective, path: path)
        switch duration {
        case nil:
            return now
        case .seconds(.literal(let seconds)):
            return now.addingTimeInterval(Double(seconds))
        case .seconds(.path(let selector)):
            let value = try Self.select(
                selector, in: roots, notFound: EvaluationFailure.secondsPathNotFound(path: selector), site: site)
            do {
                return now.addingTimeInterval(Double(try WaitValues.seconds(value, path: selector)))
            } catch {
                throw Causes.decorated(error, site: site)
            }
        case .timestamp(.literal(let literal)):
            guard let instant = literal.instant else {
                throw Causes.runtime(
                    "The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format "
                        + "string: \(literal.text)", site: site)
            }
            return instant.date
        case .timestamp(.path(let selector)):
            let value = try Self.select(
                selector, in: roots, notFound: EvaluationFailure.timestampPathNotFound(path: selector), site: site)
            do {
                return try WaitValues.timestamp(value, path: selector).date
            } catch {
                throw Causes.decorated(error, site: site)
            }
        case .seconds(.jsonata), .timestamp(.jsonata):
            throw Causes.jsonataUnsupported(site: site)
        }
    }

    /// Wait in JSONata: `Seconds` (an integer ≥ 0) or `Timestamp` (an ISO 8601 string), then
    /// `Output` and `Assign`. A Timestamp that does not parse is `States.QueryEvaluationError`
    /// worded as AWS records it (LocalStack snapshot `scenarios/test_base_scenarios`,
    /// `test_wait_timestamp_jsonata`), its `EvaluationFailed` event naming the entered event.
    private func runJSONataWait(
        _ wait: Shared<WaitState>, input: JSON, path: inout PathContext, site: EvaluationSite
    ) async throws(StepFailure) -> StateCompletion {
        let until = try failing { () throws(StatesError) in
            let scope = JSONataScope(input: input, path: &path)
            let now = path.clock.now()
            let until: Date
            switch wait.value.duration {
            case .seconds(.jsonata(let expression)):
                let seconds = try jsonataInteger(
                    .jsonata(expression), field: "Seconds", minimum: 0, scope: scope, path: &path, site: site)
                until = now.addingTimeInterval(Double(seconds ?? 0))
            case .timestamp(.jsonata(let expression)):
                let value = try evaluate(expression, field: "Timestamp", scope: scope, path: &path, site: site)
                guard case .string(let text) = value else {
                    throw unexpectedType(
                        expression, field: "Timestamp", expected: "string", value: value, path: &path, site: site)
                }
                guard let timestamp = Timestamp.parse(text) else {
                    let error = queryFailure(
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "
                            + text, location: "Timestamp", path: &path, site: site)
                    path.queryFailure?.afterEntered = true
                    throw error
                }
                until = timestamp.truncatedToSeconds.date
            default:
                until = try waitTarget(wait.value.duration, effective: input, path: path, site: site)
            }
            do throws(StatesError) {
                try WaitValues.checkDelay(from: now, until: until)
            } catch {
                throw Causes.decorated(error, site: site)
            }
            return until
        }
        try await StatesRuntime.wait(until: until, on: path.clock)
        return try failing { () throws(StatesError) in
            try runJSONataPlain(wait.value.io, assign: wait.value.common.assign, input: input, path: &path, site: site)
        }
    }
}
