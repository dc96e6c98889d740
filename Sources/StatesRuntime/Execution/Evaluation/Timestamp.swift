public import Foundation
public import StatesLanguage

/// An instant written as AWS reads and writes timestamps.
///
/// Parsing follows Java's `DateTimeFormatter.ISO_OFFSET_DATE_TIME`, which AWS names in its Wait
/// errors ("does not reference a valid ISO-8601 extended offset date-time format string"):
///
///     2016-03-14T01:59:00Z              ✓
///     2016-03-14T01:59:00.123456789Z    ✓ up to nine fraction digits
///     2016-03-14T01:59Z                 ✓ seconds are optional
///     2016-03-14T03:59:00+02:00         ✓ the same instant as 01:59:00Z
///     2016-03-14T01:59:00+0200          ✓ (offsets are parsed leniently: +HH, +HHMM, +HH:MM, +HH:MM:SS)
///     2016-03-14t01:59:00z              ✓ (Java parses case-insensitively)
///     2016-03-14T01:59:00               ✗ no offset
///     2016-03-14 01:59:00Z              ✗
///     2016-02-30T00:00:00Z              ✗ no such day (strict resolver)
///     2016-03-14T24:00:00Z              ✗
///
/// Timestamps compare by instant. Formatting writes what AWS puts in `$$.Execution.StartTime`
/// and `$$.State.EnteredTime`: UTC with milliseconds, `2024-01-01T00:00:00.123Z`.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanoseconds: Int32
    /// The offset from UTC it was written with, in seconds (not part of equality).
    public var offsetSeconds: Int32

    public init(epochSeconds: Int64, nanoseconds: Int32 = 0, offsetSeconds: Int32 = 0) {
        self.epochSeconds = epochSeconds
        self.nanoseconds = nanoseconds
        self.offsetSeconds = offsetSeconds
    }

    /// The instant as a `Date` (sub-microsecond precision may be lost).
    public var date: Date {
        Date(timeIntervalSince1970: Double(epochSeconds) + Double(nanoseconds) / 1_000_000_000)
    }

    /// The instant with its fraction of a second dropped. AWS developer guide, "Wait state":
    /// "Step Functions considers the time value up to seconds and truncates milliseconds."
    public var truncatedToSeconds: Timestamp {
        Timestamp(epochSeconds: epochSeconds, nanoseconds: 0, offsetSeconds: offsetSeconds)
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.epochSeconds == rhs.epochSeconds && lhs.nanoseconds == rhs.nanoseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochSeconds)
        hasher.combine(nanoseconds)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }

    public var description: String {
        // Clamped first so that `* 1000` cannot overflow for an instant built with any `Int64`.
        let seconds = min(max(epochSeconds, Self.earliestWritable / 1000), Self.latestWritable / 1000)
        return Self.format(epochMilliseconds: seconds * 1000 + Int64(nanoseconds / 1_000_000))
    }

    // MARK: Parsing

    /// Parses an ISO-8601 extended offset date-time; `nil` if `text` is not one. The reading is
    /// ``StatesLanguage/TimestampInstant/parse(_:)``, the one the parser compiles literal
    /// timestamps with.
    public static func parse(_ text: String) -> Timestamp? {
        TimestampInstant.parse(text).map(Timestamp.init)
    }

    /// The instant of a parsed or compiled timestamp.
    public init(_ instant: TimestampInstant) {
        self.init(
            epochSeconds: instant.epochSeconds, nanoseconds: instant.nanoseconds, offsetSeconds: instant.offsetSeconds)
    }

    // MARK: Formatting

    /// The first instant written with four year digits, 0000-01-01T00:00:00.000Z, in milliseconds
    /// since 1970.
    static let earliestWritable: Int64 = -62_167_219_200_000
    /// The last one, 9999-12-31T23:59:59.999Z.
    static let latestWritable: Int64 = 253_402_300_799_999

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

    static func format(epochMilliseconds unclamped: Int64) -> String {
        let epochMilliseconds = min(max(unclamped, earliestWritable), latestWritable)
        let (seconds, millis) = epochMilliseconds.quotientAndRemainder(dividingBy: 1000)
        var wholeSeconds = seconds
        var fraction = millis
        if fraction < 0 {
            fraction += 1000
            wholeSeconds -= 1
        }
        var days = wholeSeconds / 86_400
        var secondOfDay = wholeSeconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "." + pad(fraction, 3) + "Z"
    }

    // MARK: Calendar (proleptic Gregorian, as java.time)

    static func isLeap(_ year: Int) -> Bool { CivilCalendar.isLeapYear(year) }

    static func daysInMonth(_ month: Int, year: Int) -> Int { CivilCalendar.daysInMonth(month, year: year) }

    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let date = CivilCalendar.date(fromDays: Int(days))
        return (Int64(date.year), Int64(date.month), Int64(date.day))
    }
}
