import Foundation

// Integers as English words, roman numerals and spreadsheet letters, both ways, as jsonata-js
// 2.0.6 `src/datetime.js` writes and reads them (`numberToWords`/`wordsToNumber`,
// `decimalToRoman`/`romanToDecimal`, `decimalToLetters`/`lettersToDecimal`).
//
// Examples: 555 in words is "Five Hundred and Fifty-Five" (title case; the picture picks the
// case), 1e46 is "Ten Billion Trillion Trillion Trillion"; 1984 is "mcmlxxxiv"; 27 is "aa".

enum IntegerNames {
    static let few = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
        "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ]
    static let ordinals = [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
        "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
        "Nineteenth",
    ]
    static let decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"]
    static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

    /// `value` (a non-negative integer) in words, title case.
    ///
    /// - Throws: JavaScript's `RangeError` for a non-finite value, where jsonata-js recurses forever.
    static func words(_ value: Double, ordinal: Bool) throws(JSONataError) -> String {
        guard value.isFinite else { throw .callStackExceeded }
        return lookup(value, previous: false, ordinal: ordinal)
    }

    private static func lookup(_ number: Double, previous: Bool, ordinal: Bool) -> String {
        if number <= 19 {
            let index = Int(number)
            return (previous ? " and " : "") + (ordinal ? ordinals[index] : few[index])
        }
        if number < 100 {
            let tens = Int((number / 10).rounded(.down))
            let remainder = number.truncatingRemainder(dividingBy: 10)
            var words = (previous ? " and " : "") + decades[tens - 2]
            if remainder > 0 {
                words += "-" + lookup(remainder, previous: false, ordinal: ordinal)
            } else if ordinal {
                words = String(words.dropLast()) + "ieth"
            }
            return words
        }
        if number < 1000 {
            let hundreds = Int((number / 100).rounded(.down))
            let remainder = number.truncatingRemainder(dividingBy: 100)
            var words = (previous ? ", " : "") + few[hundreds] + " Hundred"
            if remainder > 0 {
                words += lookup(remainder, previous: true, ordinal: ordinal)
            } else if ordinal {
                words += "th"
            }
            return words
        }
        let magnitude = Swift.min(Int((log10(number) / 3).rounded(.down)), magnitudes.count)
        let factor = pow(10, Double(magnitude * 3))
        let mantissa = (number / factor).rounded(.down)
        let remainder = number - mantissa * factor
        var words =
            (previous ? ", " : "") + lookup(mantissa, previous: false, ordinal: false) + " "
            + magnitudes[magnitude - 1]
        if remainder > 0 {
            words += lookup(remainder, previous: true, ordinal: ordinal)
        } else if ordinal {
            words += "th"
        }
        return words
    }

    /// Every word `wordsToNumber` knows, lower case, in the order jsonata-js adds them (the
    /// date/time parser's alternation tries them in this order).
    static let wordValues: [(word: String, value: Double)] = {
        var table: [(String, Double)] = []
        for (index, word) in few.enumerated() { table.append((word.lowercased(), Double(index))) }
        for (index, word) in ordinals.enumerated() { table.append((word.lowercased(), Double(index))) }
        for (index, word) in decades.enumerated() {
            let lower = word.lowercased()
            table.append((lower, Double((index + 2) * 10)))
            table.append((String(lower.dropLast()) + "ieth", Double((index + 2) * 10)))
        }
        table.append(("hundredth", 100))
        for (index, word) in magnitudes.enumerated() {
            let lower = word.lowercased()
            let value = pow(10, Double((index + 1) * 3))
            table.append((lower, value))
            table.append((lower + "th", value))
        }
        return table
    }()

    private static let wordLookup: [String: Double] = Dictionary(
        wordValues.map { ($0.word, $0.value) }, uniquingKeysWith: { first, _ in first })

    /// The value of lower-case words; NaN for a word it does not know, as in jsonata-js.
    static func number(fromWords text: String) -> Double {
        var segments: [Double] = [0]
        for part in splitWords(JSText(js: text)) {
            let value = wordLookup[part.string] ?? .nan
            if value < 100 {
                var top = segments.popLast() ?? 0
                if top >= 1000 {
                    segments.append(top)
                    top = 0
                }
                segments.append(top + value)
            } else {
                segments.append((segments.popLast() ?? 0) * value)
            }
        }
        return segments.reduce(0, +)
    }

    /// `text.split(/,\s|\sand\s|[\s\\-]/)`.
    private static func splitWords(_ text: JSText) -> [JSText] {
        let comma: UInt16 = 0x2C
        let and = JSText(js: "and")
        var parts: [JSText] = []
        var start = 0
        var index = 0
        while index < text.count {
            var length = 0
            if text[index] == comma, index + 1 < text.count, isJSWhitespace(text[index + 1]) {
                length = 2
            } else if isJSWhitespace(text[index]), index + 4 < text.count,
                Array(text[(index + 1)..<(index + 4)]) == and, isJSWhitespace(text[index + 4])
            {
                length = 5
            } else if isJSWhitespace(text[index]) || text[index] == 0x5C || text[index] == 0x2D {
                length = 1
            }
            if length > 0 {
                parts.append(Array(text[start..<index]))
                index += length
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(text[start...]))
        return parts
    }

    private static let romanNumerals: [(value: Double, numeral: String)] = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
        (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]

    /// jsonata-js recurses once per numeral; past this many its JavaScript stack overflows.
    static let romanNumeralLimit = 10_000

    /// `value` in lower-case roman numerals ("" for zero or NaN).
    ///
    /// - Throws: JavaScript's `RangeError` where jsonata-js's recursion would exhaust its stack.
    static func roman(_ value: Double) throws(JSONataError) -> String {
        guard !value.isNaN else { return "" }
        guard value / 1000 < Double(romanNumeralLimit) else { throw .callStackExceeded }
        var remaining = value
        var text = ""
        var numerals = 0
        while let next = romanNumerals.first(where: { remaining >= $0.value }) {
            text += next.numeral
            remaining -= next.value
            numerals += 1
            if numerals > romanNumeralLimit { throw .callStackExceeded }
        }
        return text
    }

    /// Upper-case roman numerals to a number; NaN once a character is not a numeral.
    static func number(fromRoman text: String) -> Double {
        let values: [Character: Double] = ["M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1]
        var decimal = 0.0
        var maximum = 1.0
        for unit in JSText(js: text).reversed() {
            guard let scalar = Unicode.Scalar(unit), let value = values[Character(scalar)] else { return .nan }
            if value < maximum {
                decimal -= value
            } else {
                maximum = value
                decimal += value
            }
        }
        return decimal
    }

    /// Spreadsheet column letters (1 → a, 26 → z, 27 → aa) from `first` (`a` or `A`).
    ///
    /// - Throws: JavaScript's `RangeError` for an infinite value, whose letters jsonata-js would
    ///   add until its array overflows.
    static func letters(_ value: Double, first: UInt16) throws(JSONataError) -> String {
        guard !value.isInfinite else { throw .invalidArrayLength }
        var letters: JSText = []
        var remaining = value
        while remaining > 0 {
            let offset = (remaining - 1).truncatingRemainder(dividingBy: 26)
            letters.insert(UInt16(truncatingIfNeeded: Int(offset) + Int(first)), at: 0)
            remaining = ((remaining - 1) / 26).rounded(.down)
        }
        return letters.string
    }

    /// Letters back to a number, each code unit counted from `first`.
    static func number(fromLetters text: String, first: UInt16) -> Double {
        let units = JSText(js: text)
        var decimal = 0.0
        for (index, unit) in units.reversed().enumerated() {
            decimal += (Double(unit) - Double(first) + 1) * pow(26, Double(index))
        }
        return decimal
    }
}
