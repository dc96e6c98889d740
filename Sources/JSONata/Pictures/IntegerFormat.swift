// The analysed form of an integer picture (XPath F&O 3.1 §4.6.1 `format-integer`), as jsonata-js
// 2.0.6 `src/datetime.js` `analyseIntegerPicture` builds it. `$formatInteger`, `$parseInteger` and
// every integer-valued date/time component share it.
//
// Example: `"#,##0;o"` is decimal, one mandatory and two optional digits, a regular `,` every 3
// digits, ordinal; `"Ww"` is words in title case; `"#"` is a numbering sequence, which jsonata-js
// refuses with D3130 when it formats or parses.

/// One grouping separator: how many digit signs lie to its right, and the character.
struct GroupingSeparator: Sendable, Equatable {
    var position: Int
    var character: String
}

struct IntegerFormat: Sendable {
    enum Primary: Sendable { case decimal, letters, roman, words, sequence }
    enum LetterCase: Sendable { case upper, lower, title }

    var primary: Primary = .decimal
    var letterCase: LetterCase = .lower
    var ordinal = false
    /// Decimal only: the code point of the family's zero.
    var zeroCode: UInt32 = 0x30
    /// Decimal only: digits always printed (the picture's digits, raised by a width modifier).
    var mandatoryDigits = 0
    var optionalDigits = 0
    /// Decimal only: whether one separator repeats at a regular interval (then `separators` holds
    /// that one separator with the interval as its position).
    var regular = false
    var separators: [GroupingSeparator] = []
    /// Sequence only: the picture, for D3130.
    var token = ""

    /// The decimal digit families jsonata-js recognises: the code point of each family's zero.
    static let decimalGroups: [UInt32] = [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
        0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
        0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ]

    /// Analyses `picture`: the primary format before the last `;`, an `o` right after it for ordinal.
    ///
    /// - Throws: D3131 when the digits of a decimal pattern come from two families.
    init(picture: String) throws(JSONataError) {
        let units = JSText(js: picture)
        let semicolon = units.jsLastIndexOf(JSText(js: ";"))
        let primaryFormat: String
        if semicolon == -1 {
            primaryFormat = picture
        } else {
            primaryFormat = units.jsSubstring(0, semicolon).string
            ordinal = units.jsCharAt(semicolon + 1) == JSText(js: "o")
        }
        switch primaryFormat {
        case "A":
            letterCase = .upper
            primary = .letters
        case "a": primary = .letters
        case "I":
            letterCase = .upper
            primary = .roman
        case "i": primary = .roman
        case "W":
            letterCase = .upper
            primary = .words
        case "Ww":
            letterCase = .title
            primary = .words
        case "w": primary = .words
        default: try analyseDecimal(primaryFormat)
        }
    }

    /// A decimal digit pattern, read right to left to find each separator's position.
    private mutating func analyseDecimal(_ pattern: String) throws(JSONataError) {
        var zero: UInt32?
        var mandatory = 0
        var optional = 0
        var found: [GroupingSeparator] = []
        var position = 0
        for scalar in pattern.unicodeScalars.reversed() {
            let code = scalar.value
            if let group = Self.decimalGroups.first(where: { code >= $0 && code <= $0 + 9 }) {
                mandatory += 1
                position += 1
                if let zero, zero != group { throw .mixedDigitFamilies }
                zero = group
            } else if code == 0x23 {
                position += 1
                optional += 1
            } else {
                found.append(GroupingSeparator(position: position, character: String(scalar)))
            }
        }
        guard mandatory > 0, let zero else {
            primary = .sequence
            token = pattern
            return
        }
        primary = .decimal
        zeroCode = zero
        mandatoryDigits = mandatory
        optionalDigits = optional
        let interval = Self.regularRepeat(found)
        if interval > 0, let first = found.first {
            regular = true
            separators = [GroupingSeparator(position: interval, character: first.character)]
        } else {
            separators = found
        }
    }

    /// The interval of separators that are all one character at every multiple of one number.
    private static func regularRepeat(_ separators: [GroupingSeparator]) -> Int {
        guard let first = separators.first else { return 0 }
        guard separators.allSatisfy({ $0.character == first.character }) else { return 0 }
        return regularInterval(separators.map(\.position))
    }
}
