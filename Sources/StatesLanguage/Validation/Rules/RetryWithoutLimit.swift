import JSONCore

/// ASL-W201: a Retrier that can keep a failing execution busy far too long.
///
/// Criterion (documented here because it is a choice, not an AWS rule):
/// 1. a catch-all Retrier (`States.ALL` or `States.TaskFailed` in ErrorEquals) with
///    MaxAttempts above 10: it retries every failure, bugs included, more than ten times; or
/// 2. any Retrier with BackoffRate above 1, no MaxDelaySeconds, whose last wait
///    (IntervalSeconds × BackoffRate^(MaxAttempts − 1)) exceeds one hour.
///
/// Source: AWS developer guide, "Handling errors in Step Functions workflows" (retrier fields,
/// MaxDelaySeconds caps the interval) and "Best practices" (handle transient errors, do not
/// retry indefinitely).
enum RetryWithoutLimit: ValidationRule {
    static let catchAllMaxAttempts: Int64 = 10
    static let longestReasonableWait = 3600.0

    static let description = RuleDescription(
        id: "ASL-W201", severity: .warning,
        summary: "A catch-all Retrier with MaxAttempts > 10, or exponential backoff past an hour without "
            + "MaxDelaySeconds",
        source: "AWS developer guide, \"Handling errors in Step Functions workflows\"")
    static let targets: [RuleTarget] = RuleTarget.errorHandlingStates

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for retrier in state.handlersForValidation?.retriers ?? [] {
            let attempts = retrier.maxAttempts ?? Retrier.defaultMaxAttempts
            let catchAll = retrier.errorEquals.contains(.all) || retrier.errorEquals.contains(.taskFailed)
            if catchAll, attempts > catchAllMaxAttempts {
                diagnostics.append(
                    diagnostic(
                        attemptsMessage(state.name, attempts: attempts), at: retrier.pointer / "MaxAttempts",
                        fixIt: "retry only the transient errors you expect, or lower MaxAttempts"))
                continue
            }
            let rate = (retrier.backoffRate ?? Retrier.defaultBackoffRate).doubleValue
            guard retrier.maxDelaySeconds == nil, rate > 1, attempts > 1 else { continue }
            let interval = Double(retrier.intervalSeconds ?? Retrier.defaultIntervalSeconds)
            let lastWait = interval * pow(rate, Double(attempts - 1))
            if lastWait > longestReasonableWait {
                diagnostics.append(
                    diagnostic(
                        backoffMessage(state.name, lastWait: lastWait, attempts: attempts), at: retrier.pointer,
                        fixIt: "add \"MaxDelaySeconds\" to cap the wait"))
            }
        }
    }

    private static func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(min(exponent, 2000))
        while remaining > 0 && result.isFinite {
            result *= base
            remaining -= 1
        }
        return result
    }
}

extension RetryWithoutLimit {
    fileprivate static func attemptsMessage(_ state: String, attempts: Int64) -> String {
        "A Retry of state \"\(state)\" retries every error (States.ALL/States.TaskFailed) \(attempts) times; "
            + "permanent failures are retried as well"
    }

    fileprivate static func backoffMessage(_ state: String, lastWait: Double, attempts: Int64) -> String {
        // Waits beyond Int.max hours (a huge BackoffRate) read as forever too, rather than trapping in Int(_:).
        let hours = lastWait / 3600 < 9.0e18 ? "\(Int(lastWait / 3600)) hours" : "practically forever"
        return "A Retry of state \"\(state)\" backs off without MaxDelaySeconds: attempt \(attempts) waits "
            + "\(hours)"
    }
}
