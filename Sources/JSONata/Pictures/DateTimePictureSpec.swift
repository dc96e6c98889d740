// The analysed form of a date/time picture (XPath F&O 3.1 §9.8.4 `format-dateTime`), as jsonata-js
// 2.0.6 `src/datetime.js` `analyseDateTimePicture` builds it (AWS runs 2.0.6; where later
// jsonata-js, and the JSONata test suite with it, differ, SPEC-NOTES §11 lists the cases).
//
// Example: `"[D1o] [MNn,3-3] [Y]"` is a day (decimal, ordinal), a literal space, a month name in
// title case cut to 3 letters, a space, and a year; `"[[x]]"` is the literal `[x]`.

/// One variable marker, e.g. `[Y0001]` or `[MNn,*-3]`.
struct DateTimeMarker: Sendable {
    /// The component letter (the marker's first code unit after white space is removed).
    var component: String
    var hasWidth = false
    /// Width modifier bounds: nil when absent or `*`, NaN when not a number (as `parseInt` gives).
    var minimumWidth: Double?
    var maximumWidth: Double?
    var presentation1: String
    var presentation2: String?
    var ordinal = false
    var names: IntegerFormat.LetterCase?
    var integerFormat: IntegerFormat?
    /// Y, M, D: the digits kept of a year and read by `$toMillis` (§9.8.4.4); -1 for any number.
    var digits: Double = -1
}

enum DateTimePicturePart: Sendable {
    case literal(String)
    case marker(DateTimeMarker)
}

enum DateTimePictureSpec {
    static let defaultPresentation: [String: String] = [
        "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1", "H": "1",
        "h": "1", "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01", "C": "n", "E": "n",
    ]

    /// The widest width modifier taken; jsonata-js would build a string of that many zeros.
    static let maximumWidth = 100_000

    static let iso8601Picture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    /// The ISO 8601 picture analysed once (`$now()` and `$fromMillis(n)` use it on every call). It
    /// cannot fail to analyse; `DateTimePictureTests` prints instants with it.
    static let iso8601Parts: [DateTimePicturePart] = (try? analyse(iso8601Picture)) ?? []

    /// Splits `picture` into literals and analysed markers.
    ///
    /// - Throws: D3135 for a `[` without `]`, D3132 for an unknown component without a
    ///   presentation, D3131 for mixed digit families.
    static func analyse(_ picture: String) throws(JSONataError) -> [DateTimePicturePart] {
        let text = JSText(js: picture)
        var parts: [DateTimePicturePart] = []
        func addLiteral(_ start: Int, _ end: Int) {
            guard end > start else { return }
            let literal = text.jsSubstring(start, end).jsReplacingAll(JSText(js: "]]"), with: JSText(js: "]"))
            parts.append(.literal(literal.string))
        }
        let open: UInt16 = 0x5B
        var start = 0
        var position = 0
        while position < text.count {
            if text[position] == open {
                if text.jsCharAt(position + 1) == [open] {
                    addLiteral(start, position)
                    parts.append(.literal("["))
                    position += 2
                    start = position
                    continue
                }
                addLiteral(start, position)
                start = position
                position = text.jsIndexOf(JSText(js: "]"), from: start)
                if position == -1 { throw .unclosedMarker }
                let body = text.jsSubstring(start + 1, position).filter { !isJSWhitespace($0) }
                let marker = try analyseMarker(body, previous: &parts)
                parts.append(.marker(marker))
                start = position + 1
            }
            position += 1
        }
        addLiteral(start, position)
        return parts
    }

    private static func analyseMarker(_ body: JSText, previous parts: inout [DateTimePicturePart]) throws(JSONataError)
        -> DateTimeMarker
    {
        let component = body.jsCharAt(0).string
        var marker = DateTimeMarker(component: component, presentation1: "")
        let comma = body.jsLastIndexOf(JSText(js: ","))
        let modifier: JSText
        if comma != -1 {
            let width = body.jsSubstring(comma + 1)
            let dash = width.jsIndexOf(JSText(js: "-"))
            let minimum = dash == -1 ? width : width.jsSubstring(0, dash)
            let maximum: JSText? = dash == -1 ? nil : width.jsSubstring(dash + 1)
            marker.hasWidth = true
            marker.minimumWidth = parseWidth(minimum)
            marker.maximumWidth = maximum.flatMap(parseWidth)
            for bound in [marker.minimumWidth, marker.maximumWidth] {
                if let bound, Swift.abs(bound) > Double(maximumWidth) { throw .widthTooLarge }
            }
            modifier = body.jsSubstring(1, comma)
        } else {
            modifier = body.jsSubstring(1)
        }
        var presentation1: String?
        if modifier.count == 1 {
            presentation1 = modifier.string
        } else if modifier.count > 1 {
            let last = modifier.jsCharAt(modifier.count - 1).string
            if "atco".contains(last) {
                marker.presentation2 = last
                marker.ordinal = last == "o"
                presentation1 = modifier.jsSubstring(0, modifier.count - 1).string
            } else {
                presentation1 = modifier.string
            }
        } else {
            presentation1 = defaultPresentation[component]
        }
        guard let presentation1 else { throw .unknownComponent(component) }
        marker.presentation1 = presentation1
        let first = presentation1.utf16.first
        if first == 0x6E {
            marker.names = .lower
        } else if first == 0x4E {
            marker.names = presentation1.utf16.dropFirst().first == 0x6E ? .title : .upper
        } else if !component.isEmpty && "YMDdFWwXxHhmsf".contains(component) {
            var format = try IntegerFormat(picture: presentation1 + (marker.presentation2.map { ";" + $0 } ?? ""))
            if format.primary == .decimal, let minimum = marker.minimumWidth, Double(format.mandatoryDigits) < minimum {
                format.mandatoryDigits = Int(minimum)
            }
            if "YMD".contains(component) {
                // §9.8.4.4 as jsonata-js 2.0.6 applies it to Y, M and D: a maximum width is the number
                // of digits (kept of a year, printed and read for all three); otherwise a pattern of
                // two or more digit signs gives it.
                if let maximum = marker.maximumWidth {
                    marker.digits = maximum
                    // `parseInt` gave NaN: jsonata-js then pads to NaN digits, that is not at all.
                    format.mandatoryDigits = maximum.isNaN ? 0 : Int(maximum)
                } else if format.primary == .decimal, format.mandatoryDigits + format.optionalDigits >= 2 {
                    marker.digits = Double(format.mandatoryDigits + format.optionalDigits)
                }
            }
            marker.integerFormat = format
        }
        if component == "Z" || component == "z" {
            marker.integerFormat = try IntegerFormat(picture: presentation1)
        }
        return marker
    }

    /// `parseWidth`: absent or `*` is no bound, anything else is read by `parseInt`.
    private static func parseWidth(_ text: JSText) -> Double? {
        if text == JSText(js: "*") { return nil }
        return jsParseInt(text) ?? .nan
    }
}
