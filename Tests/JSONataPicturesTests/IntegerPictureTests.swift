import JSONata
import Testing

/// `$formatInteger` and `$parseInteger` against results of jsonata-js 2.0.6 (`src/datetime.js`,
/// run under Node). `RangeError` is where jsonata-js's recursion overflows its stack.
@Suite struct IntegerPictureTests {
    struct FormatCase: Sendable, CustomTestStringConvertible {
        var value: Double
        var picture: String
        var expected: Expected
        var testDescription: String { "\(value) \"\(picture)\"" }
    }

    struct ParseCase: Sendable, CustomTestStringConvertible {
        var text: String
        var picture: String
        var expected: Expected
        var testDescription: String { "\"\(text)\" \"\(picture)\"" }
    }

    static func int(_ value: Double, _ picture: String, _ expected: Expected) -> FormatCase {
        FormatCase(value: value, picture: picture, expected: expected)
    }

    static func parseCase(_ text: String, _ picture: String, _ expected: Expected) -> ParseCase {
        ParseCase(text: text, picture: picture, expected: expected)
    }

    static let formatCases: [FormatCase] = [
        int(0, "0", .text("0")),
        int(1, "0;o", .text("1st")),
        int(2, "0;o", .text("2nd")),
        int(3, "0;o", .text("3rd")),
        int(4, "0;o", .text("4th")),
        int(11, "0;o", .text("11th")),
        int(12, "0;o", .text("12th")),
        int(13, "0;o", .text("13th")),
        int(21, "#0;o", .text("21st")),
        int(111, "0;o", .text("111th")),
        int(112, "0;o", .text("112th")),
        int(-3, "0000", .text("-0003")),
        int(12.6, "###0", .text("12")),
        int(-12.6, "0", .text("-13")),
        int(1234567890, "#,##0", .text("1,234,567,890")),
        int(1234567890, "#:###,##0", .text("1234:567,890")),
        int(1234567890, "##,##,##0", .text("12345,67,890")),
        int(12, "##,##,##0", .text(",,12")),
        int(12340, "###١", .text("١٢٣٤٠")),
        int(12340, "##0٠", .error("D3131")),
        int(12340, "##0０", .error("D3131")),
        int(1e+21, "0", .text("1e+21")),
        int(1e+21, "#,##0", .text("1e,+21")),
        int(1.2345678901234568e17, "0", .text("123456789012345680")),
        int(0, "w", .text("zero")),
        int(0, "w;o", .text("zeroth")),
        int(13, "w", .text("thirteen")),
        int(40, "w;o", .text("fortieth")),
        int(90, "Ww;o", .text("Ninetieth")),
        int(101, "w", .text("one hundred and one")),
        int(1000001, "w", .text("one million and one")),
        int(1000000000000000, "w", .text("one thousand trillion")),
        int(1e+46, "w", .text("ten billion trillion trillion trillion")),
        int(1e+21, "Ww", .text("One Billion Trillion")),
        int(-25, "W", .text("-TWENTY-FIVE")),
        int(733, "Ww;o", .text("Seven Hundred and Thirty-Third")),
        int(
            1234567890123, "w",
            .text(
                "one trillion, two hundred and thirty-four billion, five hundred and sixty-seven million, eight hundred and ninety thousand, one hundred and twenty-three"
            )),
        int(3000, "w;o", .text("three thousandth")),
        int(0, "I", .text("")),
        int(4, "i", .text("iv")),
        int(1984, "I", .text("MCMLXXXIV")),
        int(3999, "I", .text("MMMCMXCIX")),
        int(4000, "i", .text("mmmm")),
        int(-9, "I", .text("-IX")),
        int(
            5000000, "i",
            .text(
                "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
            )),
        int(20000000, "I", .error("RangeError")),
        int(0, "a", .text("")),
        int(1, "A", .text("A")),
        int(26, "a", .text("z")),
        int(27, "a", .text("aa")),
        int(702, "A", .text("ZZ")),
        int(703, "a", .text("aaa")),
        int(-28, "A", .text("-AB")),
        int(50, "#", .error("D3130")),
        int(50, "x", .error("D3130")),
        int(50, "", .error("D3130")),
        int(5, "1,2", .text("0,5")),
        int(5, "0 000", .text("0 005")),
        int(12345, "0 000", .text("12 345")),
    ]

    static let parseCases: [ParseCase] = [
        parseCase("123", "000", .number(123)),
        parseCase("0123", "0000", .number(123)),
        parseCase("1,234", "#,##0", .number(1234)),
        parseCase("1.234", "#.##0", .number(1)),
        parseCase("1234:567,890", "#:###,##0", .number(1234567890)),
        parseCase("12th", "0;o", .number(12)),
        parseCase("١٢٣٤٠", "###١", .number(12340)),
        parseCase("  42", "0", .number(42)),
        parseCase("-17", "0", .number(-17)),
        parseCase("4x2", "0", .number(4)),
        parseCase("abc", "0", .number(.nan)),
        parseCase("", "0", .number(.nan)),
        parseCase("MCMXCIX", "I", .number(1999)),
        parseCase("mcmxcix", "i", .number(1999)),
        parseCase("mcmxcix", "I", .number(.nan)),
        parseCase("", "I", .number(0)),
        parseCase("MMXQ", "I", .number(.nan)),
        parseCase("a", "a", .number(1)),
        parseCase("zz", "a", .number(702)),
        parseCase("AB", "A", .number(28)),
        parseCase("ab", "A", .number(892)),
        parseCase("twenty-one", "w", .number(21)),
        parseCase("one hundred and one", "w", .number(101)),
        parseCase("three thousand, two hundred", "w", .number(3200)),
        parseCase("eleven hundred", "w", .number(1100)),
        parseCase("one million", "w", .number(1000000)),
        parseCase("twelfth", "w;o", .number(12)),
        parseCase("nonsense", "w", .number(.nan)),
        parseCase("Seven Hundred and Thirty-Third", "Ww;o", .number(733)),
        parseCase("50", "#", .error("D3130")),
    ]

    @Test(arguments: formatCases)
    func format(_ c: FormatCase) {
        let actual = Expected.ofText { () throws(JSONataError) -> String in
            try IntegerPicture.format(c.value, picture: c.picture)
        }
        #expect(actual.matches(c.expected), "got \(actual)")
    }

    @Test(arguments: parseCases)
    func parse(_ c: ParseCase) {
        let actual = Expected.ofNumber { () throws(JSONataError) -> Double? in
            try IntegerPicture.parse(c.text, picture: c.picture)
        }
        #expect(actual.matches(c.expected), "got \(actual)")
    }

    /// Where jsonata-js never returns (letters of infinity grow forever) or overflows its stack,
    /// a JavaScript-named error comes back instead of a hang or a trap.
    @Test func unboundedInputsEndInRangeErrors() {
        for (value, picture) in [
            (Double.infinity, "a"), (-Double.infinity, "A"), (Double.infinity, "i"), (1e300, "w;o"),
        ] {
            let actual = Expected.ofText { () throws(JSONataError) -> String in
                try IntegerPicture.format(value, picture: picture)
            }
            if value == 1e300 {
                #expect(actual != .error("RangeError"), "1e300 in words is finite work")
            } else {
                #expect(actual == .error("RangeError"), "\(value) \(picture)")
            }
        }
        #expect(throws: JSONataError.self) {
            try DateTimePicture.format(
                millis: 0, picture: "[Y,*--" + String(repeating: "9", count: 400) + "]", timezone: nil)
        }
    }

    /// Every integer up to 5000 reads back from each of its spellings.
    @Test(arguments: ["0", "#,##0", "0;o", "w", "W;o", "Ww", "I", "i", "a", "A", "###\u{0661}"])
    func roundTrip(_ picture: String) throws {
        for value in stride(from: 1.0, through: 5000, by: 7) {
            let text = try IntegerPicture.format(value, picture: picture)
            #expect(try IntegerPicture.parse(text, picture: picture) == value, "\(value) → \(text)")
        }
    }
}
