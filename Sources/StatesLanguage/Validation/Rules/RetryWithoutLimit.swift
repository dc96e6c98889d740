import JSONCore

/// ASL-W201: a Retrier that can keep a failing execution busy far too long.
///
/// Criterion (documented here because it is a choice, not an AWS rule):
/// 1. a catch-all Retrier (`States.ALL` or `States.TaskFailed` in ErrorEquals) with
///    MaxAttempts above 10 whose total waiting time (the sum of every attempt's interval,
///    `IntervalSeconds × BackoffRate^k` capped by `MaxDelaySeconds`) is beyond a Standard
///    execution's limit of one year, or grows without bound: it retries every failure, bugs
///    included, for longer than any execution can last. A deliberate polling loop (many attempts
///    at a fixed or capped interval) stays well within the year and is not reported; or
/// 2. any Retrier with BackoffRate above 1, no MaxDelaySeconds, whose last wait
///    (IntervalSeconds × BackoffRate^(MaxAttempts − 1)) exceeds one hour.
///
/// Source: AWS developer guide, "Handling errors in Step Functions workflows" (retrier fields,
/// MaxDelaySeconds caps the interval) and "Best practices" (handle transient errors, do not
/// retry indefinitely).
enum RetryWithoutLimit: ValidationRule {
    static let catchAllMaxAttempts: Int64 = 10
    /// A Standard execution's maximum duration: one year (developer guide, "Step Functions
    /// service quotas"), in seconds.
    static let executionLimitSeconds = 31_536_000.0
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
            let rate = (retrier.backoffRate ?? Retrier.defaultBackoffRate).doubleValue
            let interval = Double(retrier.intervalSeconds ?? Retrier.defaultIntervalSeconds)
            if catchAll, attempts > catchAllMaxAttempts {
                let total = totalWait(
                    interval: interval, rate: rate, cap: retrier.maxDelaySeconds.map(Double.init), attempts: attempts)
                if !(total <= executionLimitSeconds) {
                    diagnostics.append(
                        diagnostic(
                            attemptsMessage(state.name, attempts: attempts, total: total),
                            at: retrier.pointer / "MaxAttempts",
                            fixIt: "retry only the transient errors you expect, lower MaxAttempts, or add "
                                + "\"MaxDelaySeconds\""))
                    continue
                }
            }
            guard retrier.maxDelaySeconds == nil, rate > 1, attempts > 1 else { continue }
            let lastWait = interval * pow(rate, Double(attempts - 1))
            if lastWait > longestReasonableWait {
                diagnostics.append(
                    diagnostic(
                        backoffMessage(state.name, lastWait: lastWait, attempts: attempts), at: retrier.pointer,
                        fixIt: "add \"MaxDelaySeconds\" to cap the wait"))
            }
        }
    }

    /// The sum of the waits before each retry, `min(interval × rate^k, cap)` for k in
    /// 0..<attempts; stops adding once past the execution limit (the answer is then "beyond").
    static func totalWait(interval: Double, rate: Double, cap: Double?, attempts: Int64) -> Double {
        var total = 0.0
        var wait = interval
        var remaining = attempts
        while remaining > 0 {
            let step = min(wait, cap ?? .infinity)
            total += step
            if !(total <= executionLimitSeconds) { return total }
            // A capped or constant wait adds the same amount each time: finish in one step.
            if step == cap || rate <= 1 {
                return total + step * Double(remaining - 1)
            }
            wait *= rate
            remaining -= 1
        }
        return total
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
    fileprivate static func attemptsMessage(_ state: String, attempts: Int64, total: Double) -> String {
        let wait = total.isFinite ? "more than a year in all" : "without bound"
        return
            "A Retry of state \(DiagnosticText.quoted(state)) retries every error (States.ALL/States.TaskFailed) \(attempts) times, "
            + "waiting \(wait), beyond the one-year limit of an execution; permanent failures are retried as well"
    }

    fileprivate static func backoffMessage(_ state: String, lastWait: Double, attempts: Int64) -> String {
        // Waits beyond Int.max hours (a huge BackoffRate) read as forever too, rather than trapping in Int(_:).
        let hours = lastWait / 3600 < 9.0e18 ? "\(Int(lastWait / 3600)) hours" : "practically forever"
        return
            "A Retry of state \(DiagnosticText.quoted(state)) backs off without MaxDelaySeconds: attempt \(attempts) waits "
            + "\(hours)"
    }
}
