public import Foundation
public import JSONCore
public import StatesLanguage

/// Reads the values of `SecondsPath`, `TimestampPath`, `TimeoutSecondsPath` and
/// `HeartbeatSecondsPath`, failing with AWS's causes.
///
///     WaitValues.seconds(5, path: $.s)                        5
///     WaitValues.seconds("5", path: $.s)                      The SecondsPath parameter cannot be parsed as a long value: $.s == 5
///     WaitValues.seconds(-1, path: $.s)                       The SecondsPath parameter references a negative value: $.s == -1
///     WaitValues.timestamp("2016-03-14T01:59:00.9Z", path: $.t)   2016-03-14T01:59:00Z (fraction dropped, as AWS)
///     WaitValues.timestamp("soon", path: $.t)                 The TimestampPath parameter does not reference a valid …
///     WaitValues.positiveSeconds(0, field: "TimeoutSecondsPath", path: $.t)   error
///     WaitValues.checkDelay(from: now, until: now + 2_147_483_648 s)   Wait state delay is too long.
///
/// An integer is a JSON number written without fraction or exponent that fits 64 bits
/// (LocalStack's validated `SecondsPath` accepts only integers).
public enum WaitValues {
    /// The number of seconds a `SecondsPath` value designates.
    public static func seconds(_ value: JSON, path: Path) throws(StatesError) -> Int64 {
        guard case .number(let number) = value, let seconds = number.int64Value else {
            throw EvaluationFailure.secondsPathNotInteger(path: path, value: value)
        }
        guard seconds >= 0 else { throw EvaluationFailure.secondsPathNegative(path: path, value: value) }
        return seconds
    }

    /// The instant a `TimestampPath` value designates, truncated to the second (AWS developer
    /// guide, "Wait state": milliseconds are truncated).
    public static func timestamp(_ value: JSON, path: Path) throws(StatesError) -> Timestamp {
        guard case .string(let text) = value, let timestamp = Timestamp.parse(text) else {
            throw EvaluationFailure.timestampPathInvalid(path: path, value: value)
        }
        return timestamp.truncatedToSeconds
    }

    /// The longest delay a Wait accepts, in seconds: 2³¹ − 1. A longer one fails the state with
    /// `States.Runtime` "Wait state delay is too long." whichever field gave it.
    ///
    /// Source: observed on AWS (LocalStack snapshot `base/test_wait`,
    /// `test_timestamp_too_far_in_future_boundary`: a `TimestampPath` 24,855 days ahead, 2,147,472,000 s,
    /// waits; 24,856 days ahead, 2,147,558,400 s, fails). 2³¹ − 1 = 2,147,483,647 lies between.
    public static let maximumDelaySeconds: Int64 = 2_147_483_647

    /// Checks the delay from `now` until `target` (the end of a Wait) against
    /// ``maximumDelaySeconds``; a target in the past is no delay at all.
    ///
    ///     checkDelay(from: now, until: now + 2_147_483_647 s)   fine (the execution times out first)
    ///     checkDelay(from: now, until: now + 2_147_483_648 s)   States.Runtime: Wait state delay is too long.
    public static func checkDelay(from now: Date, until target: Date) throws(StatesError) {
        let delay = target.timeIntervalSince(now)
        guard delay.isNaN || delay > Double(maximumDelaySeconds) else { return }
        throw EvaluationFailure.waitDelayTooLong
    }

    /// A positive number of seconds for `TimeoutSecondsPath` or `HeartbeatSecondsPath` (`field`).
    public static func positiveSeconds(_ value: JSON, field: String, path: Path) throws(StatesError) -> Int64 {
        guard case .number(let number) = value, let seconds = number.int64Value, seconds > 0 else {
            throw EvaluationFailure.timeoutPathInvalid(field: field, path: path, value: value)
        }
        return seconds
    }
}
