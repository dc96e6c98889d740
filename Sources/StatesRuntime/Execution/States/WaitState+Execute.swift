import Foundation
import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// Wait: pauses for `Seconds`/`SecondsPath` or until `Timestamp`/`TimestampPath` on the
    /// execution's clock, then passes the effective input on.
    ///
    /// Source: ASL specification, "Wait State"; AWS developer guide, "Wait workflow state".
    func runWait(_ wait: Shared<WaitState>, input: JSON, path: inout PathContext, site: EvaluationSite) async throws
        -> StateCompletion
    {
        let effective = try applyInputPath(wait.value.io.inputPath, to: input, path: path, site: site)
        let until = try waitTarget(wait.value.duration, effective: effective, path: path, site: site)
        do {
            try WaitValues.checkDelay(from: path.clock.now(), until: until)
        } catch {
            throw Causes.decorated(error, site: site)
        }
        try await path.clock.sleep(until: until)
        let assigned = try evaluateAssign(wait.value.common.assign, value: effective, path: &path, site: site)
        let output = try applyOutputPath(wait.value.io.outputPath, to: effective, path: path, site: site)
        return StateCompletion(output: output, next: nil, assigned: assigned)
    }

    private func waitTarget(
        _ duration: WaitState.Duration?, effective: JSON, path: PathContext, site: EvaluationSite
    ) throws -> Date {
        let now = path.clock.now()
        let roots = Roots(input: effective, path: path)
        switch duration {
        case nil:
            return now
        case .seconds(.literal(let seconds)):
            return now.addingTimeInterval(Double(seconds))
        case .seconds(.path(let selector)):
            do {
                let value = try Evaluate.select(selector, in: roots)
                return now.addingTimeInterval(Double(try WaitValues.seconds(value, path: selector)))
            } catch let error as PathEvaluationError where error.isNotFound {
                throw Causes.decorated(EvaluationFailure.secondsPathNotFound(path: selector), site: site)
            } catch let error as PathEvaluationError {
                throw Causes.invalidPath(selector, error, site: site)
            } catch let error as StatesError {
                throw Causes.decorated(error, site: site)
            }
        case .timestamp(.literal(let text)):
            guard let timestamp = Timestamp.parse(text) else {
                throw Causes.runtime(
                    "The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format "
                        + "string: \(text)", site: site)
            }
            return timestamp.date
        case .timestamp(.path(let selector)):
            do {
                let value = try Evaluate.select(selector, in: roots)
                return try WaitValues.timestamp(value, path: selector).date
            } catch let error as PathEvaluationError where error.isNotFound {
                throw Causes.decorated(EvaluationFailure.timestampPathNotFound(path: selector), site: site)
            } catch let error as PathEvaluationError {
                throw Causes.invalidPath(selector, error, site: site)
            } catch let error as StatesError {
                throw Causes.decorated(error, site: site)
            }
        case .seconds(.jsonata), .timestamp(.jsonata), .timestamp(.intrinsic):
            throw Causes.jsonataUnsupported(site: site)
        }
    }
}
