/// `$fromMillis(number [, picture [, timezone]])`, `$now([picture [, timezone]])` and
/// `$toMillis(string [, picture])`: XPath F&O 3.1 `format-dateTime` and its inverse as jsonata-js
/// 2.0.6 implements them (`src/datetime.js` `formatDateTime`, `parseDateTime`, `toMillis`).
///
/// Examples: `format(millis: 1521801216617, picture: nil, timezone: nil)` is
/// `"2018-03-23T10:33:36.617Z"`; with picture `"[FNn], [D1o] [MNn] [Y]"` it is
/// `"Friday, 23rd March 2018"`; with `"[H01]:[m01][Z]"` and timezone `"-0500"` it is `"05:33-05:00"`.
package enum DateTimePicture {
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Formats the instant `millis` (milliseconds since the epoch, truncated to whole ones as
    /// JavaScript's `Date` does) by `picture`, or as ISO 8601 when `picture` is nil.
    ///
    /// - Parameter timezone: `±HHMM` read as jsonata-js reads it (`parseInt`, hours = ⌊n/100⌋,
    ///   minutes = n % 100); nil is UTC.
    /// - Returns: the text; fields of an instant outside JavaScript's ±8.64e15 ms print as `NaN`,
    ///   as in jsonata-js.
    /// - Throws: D3131–D3135 for a bad picture, D3130 for a numbering-sequence presentation.
    package static func format(millis: Double, picture: String?, timezone: String?) throws(JSONataError) -> String {
        var offsetHours = 0.0
        var offsetMinutes = 0.0
        if let timezone {
            let offset = jsParseInt(JSText(js: timezone)) ?? .nan
            offsetHours = (offset / 100).rounded(.down)
            offsetMinutes = offset.truncatingRemainder(dividingBy: 100)
        }
        let parts = try picture.map(DateTimePictureSpec.analyse) ?? DateTimePictureSpec.iso8601Parts
        let offsetMillis = (60 * offsetHours + offsetMinutes) * 60 * 1000
        let date = JSDateFields(millis: millis + offsetMillis)
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text): result += text
            case .marker(let marker):
                result += try formatComponent(
                    date, marker, offsetHours: offsetHours, offsetMinutes: offsetMinutes)
            }
        }
        return result
    }

    private static func formatComponent(
        _ date: JSDateFields, _ marker: DateTimeMarker, offsetHours: Double, offsetMinutes: Double
    ) throws(JSONataError) -> String {
        let value = DateTimeFragment.value(of: marker.component, in: date)
        let component = marker.component
        if !component.isEmpty && "YMDdFWwXxHhms".contains(component) {
            guard case .number(var number) = value else { return "undefined" }
            if component == "Y" && marker.digits != -1 {
                number = number.truncatingRemainder(dividingBy: pow10(marker.digits))
            }
            if let names = marker.names {
                return try name(
                    of: component, number, names, width: marker.hasWidth ? marker.maximumWidth : nil,
                    hasWidth: marker.hasWidth)
            }
            guard let format = marker.integerFormat else { return "undefined" }
            return try format.format(number)
        }
        switch component {
        case "f":
            guard case .number(let number) = value, let format = marker.integerFormat else {
                throw .typeError("Cannot read properties of undefined (the fractional seconds have no integer format)")
            }
            return try format.format(number)
        case "Z", "z":
            guard let format = marker.integerFormat else { return "undefined" }
            return try formatTimezone(
                component, format, marker, offsetHours: offsetHours, offsetMinutes: offsetMinutes)
        case "P":
            guard case .text(let text) = value else { return "undefined" }
            return marker.names == .upper ? text.uppercased() : text
        default:
            if case .text(let text) = value { return text }
            return "undefined"
        }
    }

    /// A month or day name. Of an invalid date jsonata-js reads `undefined` from its tables: it
    /// prints "undefined" in title case and fails with a `TypeError` where it changes the case or
    /// measures the width.
    private static func name(
        of component: String, _ number: Double, _ names: IntegerFormat.LetterCase, width maximumWidth: Double?,
        hasWidth: Bool
    ) throws(JSONataError) -> String {
        var name: String?
        if component == "M" || component == "x" {
            name = Int(exactly: number - 1).flatMap { months.indices.contains($0) ? months[$0] : nil }
        } else if component == "F" {
            name = Int(exactly: number).flatMap { days.indices.contains($0) ? days[$0] : nil }
        } else {
            throw .namesNotSupported(component)
        }
        switch names {
        case .upper:
            guard let found = name else {
                throw .typeError("Cannot read properties of undefined (reading 'toUpperCase')")
            }
            name = found.uppercased()
        case .lower:
            guard let found = name else {
                throw .typeError("Cannot read properties of undefined (reading 'toLowerCase')")
            }
            name = found.lowercased()
        case .title: break
        }
        if hasWidth {
            guard let found = name else { throw .typeError("Cannot read properties of undefined (reading 'length')") }
            if let maximumWidth, Double(found.utf16.count) > maximumWidth {
                name = JSText(js: found).jsSubstring(0, Int(maximumWidth)).string
            }
        }
        return name ?? "undefined"
    }

    /// §9.8.4.6: `±HH:MM`, `±HHMM`, `±H[:MM]`, `GMT` before for `z`, `Z` for zero with `t`.
    private static func formatTimezone(
        _ component: String, _ format: IntegerFormat, _ marker: DateTimeMarker, offsetHours: Double,
        offsetMinutes: Double
    ) throws(JSONataError) -> String {
        let offset = offsetHours * 100 + offsetMinutes
        var text: String
        if format.regular {
            text = try format.format(offset)
        } else {
            let digits = format.primary == .decimal ? format.mandatoryDigits : 0
            switch digits {
            case 1, 2:
                text = try format.format(offsetHours)
                if offsetMinutes != 0 {
                    text += ":" + (try IntegerPicture.format(offsetMinutes, picture: "00"))
                }
            case 3, 4:
                text = try format.format(offset)
            default:
                throw .timezoneTooWide(digits)
            }
        }
        if offset >= 0 { text = "+" + text }
        if component == "z" { text = "GMT" + text }
        if offset == 0 && marker.presentation2 == "t" { text = "Z" }
        return text
    }

    /// `Math.pow(10, n)` for the year's digit count.
    private static func pow10(_ exponent: Double) -> Double {
        guard exponent.isFinite else { return .nan }
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<Int(Swift.min(exponent, 400)) { result *= 10 }
        } else {
            for _ in 0..<Int(Swift.min(-exponent, 400)) { result /= 10 }
        }
        return result
    }
}
