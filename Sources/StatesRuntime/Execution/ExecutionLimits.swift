import Foundation

/// The limits AWS puts on a whole execution whatever the definition says.
enum ExecutionLimits {
    /// The longest a Standard execution runs: one year, taken as 365 days.
    ///
    /// Source: AWS developer guide, "Step Functions service quotas", "Maximum execution time":
    /// 1 year; "If an execution runs for more than the 1-year maximum, it will fail with a
    /// States.Timeout error and emit a ExecutionsTimedOut CloudWatch metric" (quoted in
    /// LocalStack `tests/aws/services/stepfunctions/v2/base/test_wait.py`). The execution ends
    /// `TIMED_OUT`, as when its own `TimeoutSeconds` passes (SPEC-NOTES.md §5.5).
    static let maximumDurationSeconds: Int64 = 365 * 86_400

    /// When an execution started at `start` times out: after its `TimeoutSeconds`, or after a year
    /// when that is sooner or absent.
    ///
    ///     deadline(start: t, timeoutSeconds: 60)     t + 60 s
    ///     deadline(start: t, timeoutSeconds: nil)    t + 31,536,000 s
    ///     deadline(start: t, timeoutSeconds: 7200, maximum: 300)    t + 300 s (an EXPRESS execution)
    static func deadline(start: Date, timeoutSeconds: Int64?, maximum: Int64? = nil) -> Date {
        let limit = min(max(0, maximum ?? maximumDurationSeconds), maximumDurationSeconds)
        let seconds = min(max(0, timeoutSeconds ?? limit), limit)
        return start.addingTimeInterval(Double(seconds))
    }
}
