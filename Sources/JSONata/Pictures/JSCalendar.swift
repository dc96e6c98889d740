// JavaScript's `Date` arithmetic in UTC, without Foundation's calendars: the proleptic Gregorian
// calendar by day counts (H. Hinnant's days-from-civil), ECMA-262 §21.4.1 `MakeDay`, `MakeTime`,
// `MakeDate`, `TimeClip`, and `Date.UTC`, whose years 0–99 mean 1900–1999.
//
// Example: `JSCalendar.utc(2018, 2, 23)` is 1521763200000 (months count from 0, as in JavaScript);
// `JSDateFields(millis: 1521801216617)` is 2018-03-23 10:33:36.617, a Friday (`weekday` 5).

enum JSCalendar {
    static let millisPerDay = 86_400_000.0
    /// ±8.64e15 ms, the range of a JavaScript date.
    static let maximumTime = 8.64e15

    /// Days since 1970-01-01 of a proleptic Gregorian date (month 1–12).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count: (year, month 1–12, day 1–31).
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ECMA-262 `MakeDay(year, month, date)` (month from 0, any integer; NaN when not finite).
    static func makeDay(_ year: Double, _ month: Double, _ date: Double) -> Double {
        guard year.isFinite, month.isFinite, date.isFinite else { return .nan }
        let y = year.rounded(.towardZero)
        let m = month.rounded(.towardZero)
        let dt = date.rounded(.towardZero)
        let wholeYear = y + (m / 12).rounded(.down)
        // Beyond this no result survives TimeClip; it also keeps the day count in Int64.
        guard Swift.abs(wholeYear) < 1_000_000 else { return .nan }
        var monthInYear = m.truncatingRemainder(dividingBy: 12)
        if monthInYear < 0 { monthInYear += 12 }
        let first = days(year: Int64(wholeYear), month: Int64(monthInYear) + 1, day: 1)
        return Double(first) + dt - 1
    }

    /// ECMA-262 `MakeTime`.
    static func makeTime(_ hour: Double, _ minute: Double, _ second: Double, _ millis: Double) -> Double {
        guard hour.isFinite, minute.isFinite, second.isFinite, millis.isFinite else { return .nan }
        return hour.rounded(.towardZero) * 3_600_000 + minute.rounded(.towardZero) * 60_000
            + second.rounded(.towardZero) * 1000 + millis.rounded(.towardZero)
    }

    /// ECMA-262 `TimeClip(MakeDate(day, time))`.
    static func makeDate(day: Double, time: Double) -> Double {
        timeClip(day * millisPerDay + time)
    }

    static func timeClip(_ time: Double) -> Double {
        guard time.isFinite, Swift.abs(time) <= maximumTime else { return .nan }
        return time.rounded(.towardZero) + 0
    }

    /// `Date.UTC(year, month, date, hours, minutes, seconds, ms)`.
    static func utc(
        _ year: Double, _ month: Double = 0, _ date: Double = 1, _ hour: Double = 0, _ minute: Double = 0,
        _ second: Double = 0, _ millis: Double = 0
    ) -> Double {
        var fullYear = year
        if !year.isNaN {
            let integer = year.rounded(.towardZero)
            if integer >= 0 && integer <= 99 { fullYear = 1900 + integer }
        }
        return makeDate(day: makeDay(fullYear, month, date), time: makeTime(hour, minute, second, millis))
    }
}

/// The UTC fields of a JavaScript `Date` (`getUTCFullYear()`, …); every field is NaN for an invalid
/// date, as JavaScript returns them.
struct JSDateFields {
    /// The time value: whole milliseconds, or NaN.
    let time: Double
    let year: Double
    /// 0–11.
    let month: Double
    /// 1–31.
    let day: Double
    /// 0 (Sunday) – 6.
    let weekday: Double
    let hour: Double
    let minute: Double
    let second: Double
    let millisecond: Double

    /// `new Date(millis)`.
    init(millis: Double) {
        time = JSCalendar.timeClip(millis)
        guard !time.isNaN else {
            (year, month, day, weekday, hour, minute, second, millisecond) =
                (.nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan)
            return
        }
        let whole = Int64(time)
        let dayCount = whole >= 0 ? whole / 86_400_000 : (whole - 86_399_999) / 86_400_000
        let inDay = whole - dayCount * 86_400_000
        let date = JSCalendar.civil(days: dayCount)
        year = Double(date.year)
        month = Double(date.month - 1)
        day = Double(date.day)
        weekday = Double(((dayCount % 7) + 11) % 7)
        hour = Double(inDay / 3_600_000)
        minute = Double(inDay / 60000 % 60)
        second = Double(inDay / 1000 % 60)
        millisecond = Double(inDay % 1000)
    }
}
