// The value of one date/time component of a UTC date, as jsonata-js 2.0.6 `getDateTimeFragment`
// computes it, ISO weeks included: week 1 of a year (or, by XPath's extension, of a month) is the
// one holding its first Thursday, weeks start on Monday; `X` and `x` (jsonata-js's own components)
// are the year and month that week-numbering assigns.
//
// Example: Saturday 2005-01-01 is `W` 53, `X` 2004, `F` 6, `Y` 2005.

enum DateTimeFragment {
    enum Value {
        case number(Double)
        case text(String)
        /// `Z`, `z` and unknown components: no value of their own.
        case none
    }

    private static let day = JSCalendar.millisPerDay

    static func value(of component: String, in date: JSDateFields) -> Value {
        switch component {
        case "Y": return .number(date.year)
        case "M": return .number(date.month + 1)
        case "D": return .number(date.day)
        case "d":
            let today = JSCalendar.utc(date.year, date.month, date.day)
            let firstJanuary = JSCalendar.utc(date.year, 0)
            return .number((today - firstJanuary) / day + 1)
        case "F": return .number(date.weekday == 0 ? 7 : date.weekday)
        case "W": return .number(weekOfYear(date))
        case "w": return .number(weekOfMonth(date))
        case "X":
            let start = startOfFirstWeek(year: date.year, month: 0)
            let end = startOfFirstWeek(year: date.year + 1, month: 0)
            if date.time < start { return .number(date.year - 1) }
            if date.time >= end { return .number(date.year + 1) }
            return .number(date.year)
        case "x":
            let start = startOfFirstWeek(year: date.year, month: date.month)
            let next = nextMonth(year: date.year, month: date.month)
            let end = startOfFirstWeek(year: next.year, month: next.month)
            if date.time < start { return .number(previousMonth(year: date.year, month: date.month).month + 1) }
            if date.time >= end { return .number(next.month + 1) }
            return .number(date.month + 1)
        case "H": return .number(date.hour)
        case "h":
            let hour = date.hour.truncatingRemainder(dividingBy: 12)
            return .number(hour == 0 ? 12 : hour)
        case "P": return .text(date.hour >= 12 ? "pm" : "am")
        case "m": return .number(date.minute)
        case "s": return .number(date.second)
        case "f": return .number(date.millisecond)
        case "C", "E": return .text("ISO")
        default: return .none
        }
    }

    /// The Monday starting week 1 of a month (month 0 for the year), by `Date.UTC` millis.
    static func startOfFirstWeek(year: Double, month: Double) -> Double {
        let first = JSCalendar.utc(year, month)
        var weekday = JSDateFields(millis: first).weekday
        if weekday == 0 { weekday = 7 }
        return weekday > 4 ? first + (8 - weekday) * day : first - (weekday - 1) * day
    }

    private static func nextMonth(year: Double, month: Double) -> (year: Double, month: Double) {
        month == 11 ? (year + 1, 0) : (year, month + 1)
    }

    private static func previousMonth(year: Double, month: Double) -> (year: Double, month: Double) {
        month == 0 ? (year - 1, 11) : (year, month - 1)
    }

    private static func weeks(from start: Double, to end: Double) -> Double { (end - start) / (day * 7) + 1 }

    private static func weekOfYear(_ date: JSDateFields) -> Double {
        let start = startOfFirstWeek(year: date.year, month: 0)
        let today = JSCalendar.utc(date.year, date.month, date.day)
        var week = weeks(from: start, to: today)
        if week > 52 {
            if today >= startOfFirstWeek(year: date.year + 1, month: 0) { week = 1 }
        } else if week < 1 {
            week = weeks(from: startOfFirstWeek(year: date.year - 1, month: 0), to: today)
        }
        return week.rounded(.down)
    }

    private static func weekOfMonth(_ date: JSDateFields) -> Double {
        let start = startOfFirstWeek(year: date.year, month: date.month)
        let today = JSCalendar.utc(date.year, date.month, date.day)
        var week = weeks(from: start, to: today)
        if week > 4 {
            let next = nextMonth(year: date.year, month: date.month)
            if today >= startOfFirstWeek(year: next.year, month: next.month) { week = 1 }
        } else if week < 1 {
            let previous = previousMonth(year: date.year, month: date.month)
            week = weeks(from: startOfFirstWeek(year: previous.year, month: previous.month), to: today)
        }
        return week.rounded(.down)
    }
}
