public import Foundation
public import StatesLanguage

/// An instant written as AWS reads and writes timestamps: ``StatesLanguage/TimestampInstant``, the
/// same value the parser compiles literal timestamps into, so that literals and input are read,
/// compared and written one way.
///
/// Parsing (`Timestamp.parse`) follows Java's `DateTimeFormatter.ISO_OFFSET_DATE_TIME`, which AWS
/// names in its Wait errors; timestamps compare by instant; `description` and ``format(_:)`` write
/// what AWS puts in `$$.Execution.StartTime` and `$$.State.EnteredTime`.
public typealias Timestamp = TimestampInstant

extension TimestampInstant {
    /// The instant as a `Date` (sub-microsecond precision may be lost).
    public var date: Date {
        Date(timeIntervalSince1970: Double(epochSeconds) + Double(nanoseconds) / 1_000_000_000)
    }

    /// `date` in UTC with milliseconds: `2024-01-01T00:00:00.123Z` (fraction truncated, not rounded).
    ///
    /// Instants outside years 0000–9999 (and NaN) are written as the nearest end of that range
    /// rather than trapping: an execution cannot reach them (a Wait longer than 2³¹−1 s fails, an
    /// execution ends after a year, SPEC-NOTES.md §5.5), but a clock given any `Date` can.
    public static func format(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard !milliseconds.isNaN else { return format(epochMilliseconds: 0) }
        let clamped = min(max(milliseconds, Double(earliestWritable)), Double(latestWritable))
        return format(epochMilliseconds: Int64(clamped))
    }
}
