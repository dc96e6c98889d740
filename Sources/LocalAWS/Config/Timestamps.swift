public import Foundation
import StatesLanguage

/// A UTC calendar instant with microseconds, and the text forms the clickstream services write.
///
///     let t = UTCTimestamp(Date(timeIntervalSince1970: 1_704_456_000.25))
///     t.iso8601Microseconds   // "2024-01-05T12:00:00.250000"   (the simulator's event_time)
///     t.iso8601Milliseconds   // "2024-01-05T12:00:00.250Z"      (SNS Timestamp)
///     t.httpDate              // "Fri, 05 Jan 2024 12:00:00 GMT" (HTTP Date header)
///     t.mailDate              // "Fri, 05 Jan 2024 12:00:00 +0000" (RFC 5322 Date)
///     t.datePath              // "2024/01/05"                    (raw object prefix)
///
/// Computed with integer arithmetic (proleptic Gregorian, H. Hinnant's `civil_from_days`), so the
/// text does not depend on locale, time zone or `DateFormatter`.
public struct UTCTimestamp: Sendable, Hashable {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int
    public let microsecond: Int
    /// 0 = Sunday … 6 = Saturday.
    public let weekday: Int

    /// The instant `date` names; instants outside years 0000–9999 (and NaN) read as the nearest
    /// end of that range (NaN as 1970) rather than trapping: an event's arrival time comes from
    /// the input (SPEC-NOTES.md §5.5).
    public init(_ date: Date) {
        let scaled = (date.timeIntervalSince1970 * 1_000_000).rounded()
        // Clamped twice: the bounds are not exact as doubles, so the last step is on integers.
        let wide = scaled.isNaN ? 0 : Int64(min(max(scaled, -9.0e18), 9.0e18))
        let micros = min(max(wide, Self.earliestMicros), Self.latestMicros)
        let (seconds, fraction) = Self.floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        microsecond = Int(fraction)
        hour = Int(secondOfDay / 3600)
        minute = Int(secondOfDay % 3600 / 60)
        second = Int(secondOfDay % 60)
        weekday = Int(Self.floorDivide(days + 4, 7).1)
        (year, month, day) = CivilCalendar.date(fromDays: Int(days))
    }

    /// `2024-01-05T12:00:00.250000`: ISO 8601 with microseconds and no zone suffix, as Python's
    /// `datetime.utcnow().isoformat()` writes when microseconds are not zero.
    public var iso8601Microseconds: String {
        "\(dateText)T\(timeText).\(Self.pad(microsecond, 6))"
    }

    /// `2024-01-05T12:00:00.250Z`.
    public var iso8601Milliseconds: String {
        "\(dateText)T\(timeText).\(Self.pad(microsecond / 1000, 3))Z"
    }

    /// `Fri, 05 Jan 2024 12:00:00 GMT` (RFC 9110 IMF-fixdate).
    public var httpDate: String {
        "\(Self.weekdays[weekday]), \(Self.pad(day, 2)) \(Self.months[month - 1]) \(Self.pad(year, 4)) \(timeText) GMT"
    }

    /// `Fri, 05 Jan 2024 12:00:00 +0000` (RFC 5322 date-time).
    public var mailDate: String {
        "\(Self.weekdays[weekday]), \(Self.pad(day, 2)) \(Self.months[month - 1]) \(Self.pad(year, 4)) \(timeText) +0000"
    }

    /// `2024-01-05`.
    public var dateText: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `2024/01/05`.
    public var datePath: String { "\(Self.pad(year, 4))/\(Self.pad(month, 2))/\(Self.pad(day, 2))" }

    private var timeText: String { "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))" }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z in microseconds since 1970.
    private static let earliestMicros: Int64 = -62_167_219_200_000_000
    private static let latestMicros: Int64 = 253_402_300_799_999_999

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

extension Date {
    /// Milliseconds since 1970, as AWS's JSON APIs and Step Functions service outputs write dates.
    /// Saturates at ±9×10¹⁸ (and reads NaN as 0) instead of trapping.
    package var epochMilliseconds: Int64 {
        let scaled = (timeIntervalSince1970 * 1000).rounded()
        return scaled.isNaN ? 0 : Int64(min(max(scaled, -9.0e18), 9.0e18))
    }
}
