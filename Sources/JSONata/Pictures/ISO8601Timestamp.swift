// `$toMillis(string)` without a picture: jsonata-js 2.0.6 tests the text against
//   ^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$
// (D3110 otherwise) and hands it to V8's `Date.parse`. This file does both without Foundation: a
// backtracking matcher for the pattern, then V8's reading of what passes it (observed under Node):
// the first `-nn` is the month (1–12), the second the day (1–31, rolling into the next month past
// its end as V8's MakeDay does), hours up to 24 (24 only at 24:00:00), the first three fraction
// digits as milliseconds, an offset `±HH:MM` or `±HHMM` (hours up to 23) only after a time, `Z`
// anywhere; a repeated group, or text the pattern admits only by taking a `-nn` as an offset, is
// NaN. A fraction without a time goes V8's fallback way (SPEC-NOTES §11.7); a time without an
// offset is read as UTC.
//
// Example: "2018-02-01T09:42:13.123+0000" is 1517478133123; "2018" is 1514764800000;
// "1667-12-1206" matches the pattern (the last group as an offset) and is NaN.

enum ISO8601Timestamp {
    /// - Returns: the instant in milliseconds; `.nan` for text the pattern admits but no date has.
    /// - Throws: D3110 when the text does not match the pattern.
    static func millis(_ text: String) throws(JSONataError) -> Double {
        let bytes = Array(text.utf8)
        guard matchesPattern(bytes) else { throw .notISO8601(text) }
        return scan(bytes)?.millis ?? .nan
    }

    /// The regular expression's verdict, with its backtracking: each starred group may take any
    /// number of repetitions, the optional ones none or one.
    private static func matchesPattern(_ bytes: [UInt8]) -> Bool {
        func isDigit(_ index: Int, upTo last: UInt8 = UInt8(ascii: "9")) -> Bool {
            index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= last
        }
        func byte(_ index: Int, _ expected: Unicode.Scalar) -> Bool {
            index < bytes.count && bytes[index] == UInt8(ascii: expected)
        }
        // The length of one repetition of `stage` at `index`, or nil.
        func group(_ stage: Int, at index: Int) -> [Int] {
            switch stage {
            case 0, 1:
                let last = UInt8(ascii: stage == 0 ? "1" : "3")
                return byte(index, "-") && isDigit(index + 1, upTo: last) && isDigit(index + 2) ? [3] : []
            case 2:
                let ok =
                    byte(index, "T") && isDigit(index + 1, upTo: UInt8(ascii: "2")) && isDigit(index + 2)
                    && byte(index + 3, ":") && isDigit(index + 4, upTo: UInt8(ascii: "5")) && isDigit(index + 5)
                    && byte(index + 6, ":") && isDigit(index + 7, upTo: UInt8(ascii: "5")) && isDigit(index + 8)
                return ok ? [9] : []
            case 3:
                guard byte(index, ".") else { return [] }
                var end = index + 1
                while isDigit(end) { end += 1 }
                return end > index + 1 ? Array((2...(end - index)).reversed()) : []
            default:
                if byte(index, "Z") { return [1] }
                guard byte(index, "+") || byte(index, "-"), isDigit(index + 1, upTo: UInt8(ascii: "2")),
                    isDigit(index + 2)
                else { return [] }
                var lengths: [Int] = []
                for colon in [1, 0] where colon == 0 || byte(index + 3, ":") {
                    let minutes = index + 3 + colon
                    if isDigit(minutes, upTo: UInt8(ascii: "5")) && isDigit(minutes + 1) { lengths.append(5 + colon) }
                }
                return lengths
            }
        }
        func match(_ index: Int, stage: Int) -> Bool {
            if stage == 5 { return index == bytes.count }
            let repeats = stage <= 2
            for length in group(stage, at: index)
            where match(index + length, stage: repeats ? stage : stage + 1) {
                return true
            }
            return match(index, stage: stage + 1)
        }
        guard bytes.count >= 4, (0..<4).allSatisfy({ isDigit($0) }) else { return false }
        return match(4, stage: 0)
    }

    private struct Fields {
        var year = 0.0
        var dashed: [Double] = []
        var time: (hour: Double, minute: Double, second: Double)?
        var fraction: [UInt8]?
        /// Minutes east of UTC.
        var offset: Double?
        /// The offset was written `±HH:MM`/`±HHMM` (not `Z`).
        var numericOffset = false
        var offsetHours = 0.0
        /// A group the pattern repeats (2.0.6's `*`): V8 reads no date from it.
        var repeated = false

        var millis: Double {
            if repeated { return .nan }
            let month = dashed.first ?? 1
            let day = dashed.count > 1 ? dashed[1] : 1
            guard (1...12).contains(month), (1...31).contains(day) else { return .nan }
            var hour = 0.0
            var minute = 0.0
            var second = 0.0
            var milliseconds = 0.0
            if let time {
                (hour, minute, second) = time
                if let fraction {
                    let digits =
                        fraction.prefix(3) + Array(repeating: UInt8(ascii: "0"), count: 3 - min(3, fraction.count))
                    milliseconds = Double(digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) })
                }
                if hour > 24 || (hour == 24 && (minute != 0 || second != 0 || milliseconds != 0)) { return .nan }
            } else if let fraction {
                // V8's fallback parser reads "2018.5" as May 2018 and "2018-02.5" as 5 February.
                guard dashed.count < 2, offsetHours == 0, offset == nil || offset == 0, fraction.count <= 9 else {
                    return .nan
                }
                let number = Double(fraction.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) })
                if dashed.isEmpty {
                    guard (1...12).contains(number) else { return .nan }
                    return JSCalendar.makeDate(day: JSCalendar.makeDay(year, number - 1, 1), time: 0)
                }
                guard (1...31).contains(number) else { return .nan }
                return JSCalendar.makeDate(day: JSCalendar.makeDay(year, month - 1, number), time: 0)
            }
            if offsetHours > 23 || (numericOffset && time == nil) { return .nan }
            let dayNumber = JSCalendar.makeDay(year, month - 1, day)
            let local = JSCalendar.makeDate(
                day: dayNumber, time: JSCalendar.makeTime(hour, minute, second, milliseconds))
            return JSCalendar.timeClip(local - (offset ?? 0) * 60_000)
        }
    }

    /// The pattern, scanned greedily (each optional group taken when it matches, which admits
    /// exactly the texts the regular expression admits).
    private static func scan(_ bytes: [UInt8]) -> Fields? {
        var index = 0
        func digit(_ range: ClosedRange<UInt8> = UInt8(ascii: "0")...UInt8(ascii: "9")) -> Double? {
            guard index < bytes.count, range.contains(bytes[index]) else { return nil }
            defer { index += 1 }
            return Double(bytes[index] - UInt8(ascii: "0"))
        }
        func twoDigits(firstUpTo last: Unicode.Scalar) -> Double? {
            let start = index
            guard let tens = digit(UInt8(ascii: "0")...UInt8(ascii: last)), let units = digit() else {
                index = start
                return nil
            }
            return tens * 10 + units
        }
        func literal(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }
        var fields = Fields()
        for _ in 0..<4 {
            guard let value = digit() else { return nil }
            fields.year = fields.year * 10 + value
        }
        // 2.0.6 repeats each group (`*`); V8 reads no date with a repeated group.
        for last: Unicode.Scalar in ["1", "3"] {
            while true {
                let start = index
                guard literal("-"), let value = twoDigits(firstUpTo: last) else {
                    index = start
                    break
                }
                fields.dashed.append(value)
            }
        }
        while true {
            let beforeTime = index
            guard literal("T"), let hour = twoDigits(firstUpTo: "2"), literal(":"),
                let minute = twoDigits(firstUpTo: "5"), literal(":"), let second = twoDigits(firstUpTo: "5")
            else {
                index = beforeTime
                break
            }
            if fields.time != nil { fields.repeated = true }
            fields.time = (hour, minute, second)
        }
        if fields.dashed.count > 2 { fields.repeated = true }
        let beforeFraction = index
        if literal(".") {
            var digits: [UInt8] = []
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                digits.append(bytes[index])
                index += 1
            }
            if digits.isEmpty { index = beforeFraction } else { fields.fraction = digits }
        }
        if literal("Z") {
            fields.offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Double = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            let start = index
            index += 1
            if let hours = twoDigits(firstUpTo: "2") {
                _ = literal(":")
                if let minutes = twoDigits(firstUpTo: "5") {
                    fields.offset = sign * (hours * 60 + minutes)
                    fields.offsetHours = hours
                    fields.numericOffset = true
                } else {
                    index = start
                }
            } else {
                index = start
            }
        }
        return index == bytes.count ? fields : nil
    }
}
