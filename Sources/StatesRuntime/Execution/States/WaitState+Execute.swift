import Foundation
import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// Wait: pauses for `Seconds`/`SecondsPath` or until `Timestamp`/`TimestampPath` on the
    /// execution's clock, then passes the effective input on.
    ///
    /// Source: ASL specification, "Wait State"; AWS developer guide, "Wait workflow state".
    func runWait(_ wait: WaitState, input: JSON, path: inout PathContext, site: EvaluationSite) async throws
        -> StateCompletion
    {
        let effective = try applyInputPath(wait.io.inputPath, to: input, path: path, site: site)
        let until = try waitTarget(wait.duration, effective: effective, path: path, site: site)
        try await path.clock.sleep(until: until)
        let assigned = try evaluateAssign(wait.common.assign, value: effective, path: &path, site: site)
        let output = try applyOutputPath(wait.io.outputPath, to: effective, path: path, site: site)
        return StateCompletion(output: output, next: nil, assigned: assigned)
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
            let value: JSON
            do {
                value = try Evaluate.select(selector, in: roots)
            } catch {
                throw Causes.invalidPath(selector, detail: error.message, site: site)
            }
            guard let seconds = value.numberValue?.integralValue, seconds >= 0 else {
                throw Causes.waitSecondsPathInvalid(selector, value: value, site: site)
            }
            return now.addingTimeInterval(Double(seconds))
        case .timestamp(.literal(let text)):
            guard let date = Evaluate.parseTimestamp(text) else {
                throw Causes.waitTimestampInvalid(text: text, site: site)
            }
            return date
        case .timestamp(.path(let selector)):
            let value: JSON
            do {
                value = try Evaluate.select(selector, in: roots)
            } catch {
                throw Causes.invalidPath(selector, detail: error.message, site: site)
            }
            guard let text = value.stringValue, let date = Evaluate.parseTimestamp(text) else {
                throw Causes.waitTimestampPathInvalid(selector, value: value, site: site)
            }
            return date
        case .seconds(.jsonata), .timestamp(.jsonata), .timestamp(.intrinsic):
            throw Causes.jsonataUnsupported(site: site)
        }
    }
}
