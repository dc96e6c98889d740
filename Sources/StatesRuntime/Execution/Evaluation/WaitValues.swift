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

    /// A positive number of seconds for `TimeoutSecondsPath` or `HeartbeatSecondsPath` (`field`).
    public static func positiveSeconds(_ value: JSON, field: String, path: Path) throws(StatesError) -> Int64 {
        guard case .number(let number) = value, let seconds = number.int64Value, seconds > 0 else {
            throw EvaluationFailure.timeoutPathInvalid(field: field, path: path, value: value)
        }
        return seconds
    }
}
