import StatesLanguage

/// Parses `event_time` and names partitions, on bytes, without Foundation.
///
/// Accepted: `YYYY-MM-DDTHH:MM:SS` with an optional fraction of 1…9 digits (kept to the
/// microsecond, further digits truncated, as Spark's timestamps hold microseconds) and an
/// optional zone: none (UTC, the simulator's form `2026-11-26T15:51:27.123456`), `Z`, or
/// `±HH:MM` / `±HHMM` (converted to UTC). A space may stand for the `T`. Anything else, or an
/// impossible date or time (month 13, 30 February, hour 24, second 60), is unparsable.
enum EventTime {
    static let microsPerSecond: Int64 = 1_000_000
    static let microsPerDay: Int64 = 86_400 * microsPerSecond

    /// Microseconds since 1970-01-01T00:00:00Z, or `nil` when unparsable.
    static func parseMicros(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = text.count
        guard count >= 19 else { return nil }
        @inline(__always) func digits(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<(start + length) {
                let digit = Int(text[index]) &- 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = digits(0, 4), text[4] == UInt8(ascii: "-"), let month = digits(5, 2),
            text[7] == UInt8(ascii: "-"), let day = digits(8, 2),
            text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: " "),
            let hour = digits(11, 2), text[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
            text[16] == UInt8(ascii: ":"), let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month), hour < 24,
            minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if index < count && text[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            var scale: Int64 = 100_000
            while index < count, text[index] &- 48 <= 9 {
                fraction += Int64(text[index] &- 48) * scale
                scale /= 10
                index += 1
            }
            guard index - start >= 1, index - start <= 9 else { return nil }
        }
        var offsetSeconds = 0
        if index < count {
            let sign = text[index]
            if sign == UInt8(ascii: "Z") && index + 1 == count {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                let rest = count - index - 1
                guard rest == 5 || rest == 4, let zoneHour = digits(index + 1, 2) else { return nil }
                let minuteStart = rest == 5 ? index + 4 : index + 3
                guard rest == 4 || text[index + 3] == UInt8(ascii: ":"), let zoneMinute = digits(minuteStart, 2),
                    zoneHour < 24, zoneMinute < 60
                else { return nil }
                offsetSeconds = (zoneHour * 3600 + zoneMinute * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
                index = count
            } else {
                return nil
            }
        }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        let seconds = Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return days * microsPerDay + seconds * microsPerSecond + fraction
    }

    static func parseMicros(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseMicros($0) }
    }

    static func isLeapYear(_ year: Int) -> Bool { CivilCalendar.isLeapYear(year) }

    static func daysInMonth(year: Int, month: Int) -> Int { CivilCalendar.daysInMonth(month, year: year) }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) { CivilCalendar.date(fromDays: days) }

    /// The UTC day of a timestamp (floor division, so times before 1970 fall on the right day).
    static func day(ofMicros micros: Int64) -> Int {
        let (quotient, remainder) = micros.quotientAndRemainder(dividingBy: microsPerDay)
        return Int(remainder < 0 ? quotient - 1 : quotient)
    }

    /// `YYYY-MM-DD` for a day count (years outside 0…9999 keep their sign and digits).
    static func dateString(days: Int) -> String {
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
