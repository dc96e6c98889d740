/// `$formatInteger(number, picture)` and `$parseInteger(string, picture)`: XPath F&O 3.1
/// `format-integer` and its inverse as jsonata-js 2.0.6 implements them (`src/datetime.js`
/// `formatInteger`, `parseInteger`).
///
/// Examples: `format(1234567890, picture: "#,##0")` is `"1,234,567,890"`, `format(123, picture:
/// "000;o")` is `"123rd"`, `format(555, picture: "Ww")` is `"Five Hundred and Fifty-Five"`;
/// `parse("MCMLXXXIV", picture: "I")` is `1984`.
package enum IntegerPicture {
    /// Formats `value`, first rounded down to an integer.
    ///
    /// - Throws: D3130 for a numbering-sequence picture, D3131 for mixed digit families.
    package static func format(_ value: Double, picture: String) throws(JSONataError) -> String {
        let format = try IntegerFormat(picture: picture)
        return try format.format(value.rounded(.down))
    }

    /// Reads `text` as `picture` formats integers. jsonata-js does not check `text` against the
    /// picture: digits are read as `parseInt` reads them, unknown words or numerals give NaN.
    ///
    /// - Returns: the number; `.nan` where jsonata-js yields `NaN` (its callers print that as null).
    /// - Throws: D3130 for a numbering-sequence picture, D3131 for mixed digit families.
    package static func parse(_ text: String, picture: String) throws(JSONataError) -> Double? {
        let format = try IntegerFormat(picture: picture)
        return try format.parse(text)
    }
}

extension IntegerFormat {
    /// jsonata-js's `_formatInteger` for an integral `value` (or NaN, from an invalid date).
    func format(_ value: Double) throws(JSONataError) -> String {
        let negative = value < 0
        let magnitude = Swift.abs(value)
        var text: String
        switch primary {
        case .letters:
            text = try IntegerNames.letters(magnitude, first: letterCase == .upper ? 0x41 : 0x61)
        case .roman:
            text = try IntegerNames.roman(magnitude)
            if letterCase == .upper { text = text.uppercased() }
        case .words:
            text = try IntegerNames.words(magnitude, ordinal: ordinal)
            switch letterCase {
            case .upper: text = text.uppercased()
            case .lower: text = text.lowercased()
            case .title: break
            }
        case .decimal:
            text = formatDecimal(magnitude)
        case .sequence:
            throw .unsupportedSequence(token)
        }
        return negative ? "-" + text : text
    }

    private func formatDecimal(_ magnitude: Double) -> String {
        var digits = JSNumberText.string(magnitude)
        let padding = mandatoryDigits - digits.utf16.count
        if padding > 0 { digits = String(repeating: "0", count: padding) + digits }
        if zeroCode != 0x30 {
            digits = String(
                String.UnicodeScalarView(
                    digits.unicodeScalars.map { scalar in
                        Unicode.Scalar(scalar.value + zeroCode - 0x30) ?? "\u{FFFD}"
                    }))
        }
        var text = JSText(js: digits)
        if regular, let separator = separators.first {
            let groups = (text.count - 1) / separator.position
            if groups > 0 {
                for group in stride(from: groups, through: 1, by: -1) {
                    let position = text.count - group * separator.position
                    text = text.jsSubstr(0, position) + JSText(js: separator.character) + text.jsSubstr(position)
                }
            }
        } else {
            for separator in separators.reversed() {
                let position = text.count - separator.position
                text = text.jsSubstr(0, position) + JSText(js: separator.character) + text.jsSubstr(position)
            }
        }
        if ordinal {
            let last = text.jsCharAt(text.count - 1)
            var suffix: String
            switch last.string {
            case "1": suffix = "st"
            case "2": suffix = "nd"
            case "3": suffix = "rd"
            default: suffix = "th"
            }
            if text.count > 1 && text.jsCharAt(text.count - 2) == JSText(js: "1") { suffix = "th" }
            text += JSText(js: suffix)
        }
        return text.string
    }

    /// jsonata-js's integer `parse` of `generateRegex` (the regex itself is not applied by
    /// `$parseInteger`).
    func parse(_ text: String) throws(JSONataError) -> Double {
        switch primary {
        case .letters:
            return IntegerNames.number(fromLetters: text, first: letterCase == .upper ? 0x41 : 0x61)
        case .roman:
            return IntegerNames.number(fromRoman: letterCase == .upper ? text : text.uppercased())
        case .words:
            return IntegerNames.number(fromWords: text.lowercased())
        case .decimal:
            var digits = JSText(js: text)
            if ordinal { digits = digits.jsSubstring(0, digits.count - 2) }
            if regular {
                // jsonata-js strips ',' for any regular separator.
                digits = digits.jsReplacingAll(JSText(js: ","), with: [])
            } else {
                for separator in separators {
                    digits = digits.jsReplacingAll(JSText(js: separator.character), with: [])
                }
            }
            if zeroCode != 0x30 {
                digits = digits.map { UInt16(truncatingIfNeeded: Int($0) - Int(zeroCode) + 0x30) }
            }
            return jsParseInt(digits) ?? .nan
        case .sequence:
            throw .unsupportedSequence(token)
        }
    }
}
