import Testing

@testable import JSONata

/// `$fromMillis` and `$toMillis` (with and without a picture) against results of jsonata-js 2.0.6
/// (`src/datetime.js`, run under Node in UTC with "now" = `PictureCall.now`).
@Suite struct DateTimePictureTests {
    struct FormatCase: Sendable, CustomTestStringConvertible {
        var millis: Double
        var picture: String?
        var timezone: String?
        var expected: Expected
        var testDescription: String { "\(millis) \(picture ?? "ISO") \(timezone ?? "UTC")" }
    }

    struct ParseCase: Sendable, CustomTestStringConvertible {
        var text: String
        var picture: String?
        var expected: Expected
        var testDescription: String { "\"\(text)\" \(picture ?? "ISO")" }
    }

    static func fromMillis(_ millis: Double, _ picture: String?, _ timezone: String?, _ expected: Expected)
        -> FormatCase
    {
        FormatCase(millis: millis, picture: picture, timezone: timezone, expected: expected)
    }

    static func toMillis(_ text: String, _ picture: String?, _ expected: Expected) -> ParseCase {
        ParseCase(text: text, picture: picture, expected: expected)
    }

    static let formatCases: [FormatCase] = [
        fromMillis(1521801216617, nil, nil, .text("2018-03-23T10:33:36.617Z")),
        fromMillis(1521801216617, nil, "+0100", .text("2018-03-23T11:33:36.617+01:00")),
        fromMillis(1521801216617, nil, "-0530", .text("2018-03-23T04:03:36.617-06:30")),
        fromMillis(-1, nil, nil, .text("1969-12-31T23:59:59.999Z")),
        fromMillis(0, nil, "0000", .text("1970-01-01T00:00:00.000Z")),
        fromMillis(-62198755200000, nil, nil, .text("-0001-01-01T00:00:00.000Z")),
        fromMillis(253402300799999, nil, nil, .text("9999-12-31T23:59:59.999Z")),
        fromMillis(253402300800000, nil, nil, .text("0000-01-01T00:00:00.000Z")),
        fromMillis(-62135596800001, nil, nil, .text("0000-12-31T23:59:59.999Z")),
        fromMillis(1.9, nil, nil, .text("1970-01-01T00:00:00.001Z")),
        fromMillis(-1.9, nil, nil, .text("1969-12-31T23:59:59.999Z")),
        fromMillis(8640000000000000, nil, nil, .text("5760-09-13T00:00:00.000Z")),
        fromMillis(8640000000000001, nil, nil, .text("0NaN-NaN-NaNTNaN:NaN:NaN.NaNZ")),
        fromMillis(1521801216617, "[FNn], [D1o] [MNn] [Y]", nil, .text("Friday, 23rd March 2018")),
        fromMillis(1521801216617, "[h]:[m01] [PN]", "-0500", .text("5:33 AM")),
        fromMillis(1521801216617, "[Y,2]", nil, .text("18")),
        fromMillis(1521801216617, "[M0,*-3]/[D,2-2]", nil, .text("003/23")),
        fromMillis(1521801216617, "[MNn,3-3] [FN,*-2]", nil, .text("Mar FR")),
        fromMillis(
            1521801216617, "[dwo] day, week [W] ([w] of [xNn]), ISO year [X]", nil,
            .text("eighty-second day, week 12 (4 of March), ISO year 2018")),
        fromMillis(1104537600000, "[X0001]-W[W01]-[F1]", nil, .text("2004-W53-6")),
        fromMillis(1521801216617, "[Z]", "+0530", .text("+05:30")),
        fromMillis(1521801216617, "[Z0]", "-0530", .text("-6:-30")),
        fromMillis(1521801216617, "[z]", "-0500", .text("GMT-05:00")),
        fromMillis(1521801216617, "[Z01:01t]", nil, .text("Z")),
        fromMillis(1521801216617, "[Z0101t]", "+1245", .text("+1245")),
        fromMillis(1521801216617, "[Z010101]", "+0100", .error("D3134")),
        fromMillis(1521801216617, "[ZN]", nil, .error("D3134")),
        fromMillis(1521801216617, "[YN]", nil, .error("D3133")),
        fromMillis(1521801216617, "[Y]-[M", nil, .error("D3135")),
        fromMillis(1521801216617, "[q1]", nil, .text("undefined")),
        fromMillis(1521801216617, "[]", nil, .error("D3132")),
        fromMillis(1521801216617, "[Yq]", nil, .error("D3130")),
        fromMillis(1521801216617, "[[Y]] [Y]]]", nil, .text("[Y] 2018]")),
        fromMillis(1521801216617, "[E] [C] [P] [f] [s] [m]", nil, .text("ISO ISO am 617 36 33")),
        fromMillis(1521801216617, "[Y0001,2-2] [YI] [Yw] [Ya]", nil, .text("18 MMXVIII two thousand and eighteen byp")),
        fromMillis(1521801216617, "[Y01٠]", nil, .error("D3131")),
        fromMillis(1521801216617, "[H01]:[m01]", "garbage", .text("NaN:NaN")),
        fromMillis(1e16, "[FNn] [D1o] [MNn] [Y]", nil, .text("undefined NaNth undefined NaN")),
        fromMillis(1e16, "[FN]", nil, .error("TypeError")),
        fromMillis(1e16, "[MNn,3-3]", nil, .error("TypeError")),
        fromMillis(1e16, "[Yw]", nil, .error("RangeError")),
        fromMillis(1521801216617, "[fNn]", nil, .error("TypeError")),
        fromMillis(-2777932800000, "[D01]/[M01]/[Y0001] [h]:[m]:[s] [Pn]", nil, .text("21/12/1881 12:00:00 am")),
        fromMillis(951782400000, "[FNn] [D] [MNn] [Y] day [d]", nil, .text("Tuesday 29 February 2000 day 60")),
        // jsonata-js pads to 100001 digits; widths are capped at 100000 here.
        fromMillis(1000000000000, "[Y,100001]", nil, .error("RangeError")),
    ]

    static let parseCases: [ParseCase] = [
        toMillis("2018-03-27", "[Y1]-[M01]-[D01]", .number(1522108800000)),
        toMillis("27th 3 1976", "[D1o] [M#1] [Y0001]", .number(196732800000)),
        toMillis("MCMLXXXIV", "[YI]", .number(441763200000)),
        toMillis("w C mmxviii", "[Da] [MA] [Yi]", .number(1521763200000)),
        toMillis("2 Feb 2012", "[D1] [MNn,3-3] [Y0001]", .number(1328140800000)),
        toMillis("2 FEB 2012", "[D1] [MNn,3-3] [Y0001]", .error("D3136")),
        toMillis("4/4/2018 12:06 am", "[D1]/[M1]/[Y0001] [h]:[m] [P]", .number(1522800360000)),
        toMillis("4/4/2018 12:06 pm", "[D1]/[M1]/[Y0001] [h]:[m] [P]", .number(1522843560000)),
        toMillis("4/4/2018 11:30 PM", "[D1]/[M1]/[Y0001] [h]:[m] [P]", .number(1522884600000)),
        toMillis("2018-094", "[Y0001]-[d001]", .number(1522800000000)),
        toMillis("13:45", "[H]:[m]", .number(1560606300000)),
        toMillis("00:30", "[H]:[m]", .number(1560558600000)),
        toMillis("45", "[m]", .number(1560588300000)),
        toMillis("2018", "[Y]", .number(1514764800000)),
        toMillis("Hello", "Hello", .undefined),
        toMillis("irrelevant", "[Y]-[M]-[D]", .undefined),
        toMillis("2018-05-22", "[Y]-[M]-[q]", .error("D3132")),
        toMillis("2018-05-22", "[YN]-[M]-[D]", .error("D3133")),
        toMillis("2018-22", "[Y]-[D]", .error("D3136")),
        toMillis("5-22 23:59", "[M]-[D] [m]:[s]", .error("D3136")),
        toMillis("2018-3-2-5", "[X]-[x]-[w]-[F1]", .error("D3136")),
        toMillis("2018-32-5", "[X]-[W]-[F1]", .error("D3136")),
        toMillis("2020-09-09 12:00:00 -05:30", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]", .number(1599669000000)),
        toMillis("2020-09-09 12:00:00 -0530", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z0001]", .number(1599669000000)),
        toMillis("2020-09-09 12:00:00 +05", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z01]", .number(1599634800000)),
        toMillis("2018-02-30", "[Y]-[M]-[D]", .number(1519948800000)),
        toMillis("0050-01-01", "[Y0001]-[M01]-[D01]", .number(-631152000000)),
        toMillis("201802", "[Y0001][M01]", .number(1517443200000)),
        toMillis("20180205", "[Y0001][M01][D01]", .number(1517788800000)),
        // 2.0.6 reads H as [0-9]+ and f as milliseconds (2.1+ reads 12:38:49 and .500).
        toMillis("20240101123849", "[Y0000][M00][D00][H00][m00][s00]", .number(1708524249000)),
        toMillis("2026-04-08T19:05:04.5", "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f1]", .number(1775675104005)),
        toMillis("Foo 2018", "[MNn] [Y]", .number(1514764800000)),
        toMillis("12 (2018)", "[M] ([Y])", .number(1543622400000)),
        toMillis("1.2.2018", "[D].[M].[Y]", .number(1517443200000)),
        toMillis("x2018", "x[Y]", .number(1514764800000)),
        toMillis("2018", "[Y#]", .error("D3130")),
        toMillis("am", "[P]", .number(1560587400000)),
        toMillis("one", "[Dw]", .number(1559347200000)),
        toMillis("18 18", "[Y] [Y]", .number(-1640995200000)),
        toMillis("2018-03-27", "[Y]-[M]-[D", .error("D3135")),
        toMillis("five", "[Mw]", .number(1556668800000)),
        toMillis("2018 65", "[Y] [dI]", .undefined),
        toMillis("1970-01-01T00:00:00.001Z", nil, .number(1)),
        // The pattern admits these only by backtracking a `-nn` into an offset, or with an offset
        // after a date alone: V8 reads NaN.
        toMillis("4208-31-07:20", nil, .number(.nan)),
        toMillis("1667-12-1206", nil, .number(.nan)),
        toMillis("9458+1133", nil, .number(.nan)),
        toMillis("2018-02-01T09:42:13.123+0000", nil, .number(1517478133123)),
        toMillis("2017-10-30", nil, .number(1509321600000)),
        toMillis("2017-10-30T15:28:34Z", nil, .number(1509377314000)),
        toMillis("2018", nil, .number(1514764800000)),
        toMillis("foo", nil, .error("D3110")),
        toMillis("01-02-2018", nil, .error("D3110")),
        toMillis("2018-02-03 11:15:33", nil, .error("D3110")),
        toMillis("2018-02", nil, .number(1517443200000)),
        toMillis("2018-02-03T04:05:06", nil, .number(1517630706000)),
        toMillis("2018-02-03T04:05:06.789123Z", nil, .number(1517630706789)),
        toMillis("2018-02-03T04:05:06-01:30", nil, .number(1517636106000)),
        toMillis("2019-02-31", nil, .number(1551571200000)),
        toMillis("2018-13-01", nil, .number(.nan)),
        toMillis("2018-00-10", nil, .number(.nan)),
        toMillis("2018-01-00", nil, .number(.nan)),
        toMillis("2018-01-32", nil, .number(.nan)),
        toMillis("2018-30", nil, .number(.nan)),
        toMillis("2018-02-03T24:00:00Z", nil, .number(1517702400000)),
        toMillis("2018-02-03T24:00:01Z", nil, .number(.nan)),
        toMillis("2018-02-03T25:00:00Z", nil, .number(.nan)),
        toMillis("2018Z", nil, .number(1514764800000)),
        toMillis("2018-02Z", nil, .number(1517443200000)),
        toMillis("2018.5", nil, .number(1525132800000)),
        toMillis("2018.12Z", nil, .number(1543622400000)),
        toMillis("2018.13", nil, .number(.nan)),
        toMillis("2018-02.31", nil, .number(1520035200000)),
        toMillis("2018-02-03.5", nil, .number(.nan)),
        toMillis("2018T10:11:12", nil, .number(1514801472000)),
        toMillis("2018-02-03T10:11:12+24:00", nil, .number(.nan)),
        toMillis("2018-02-03T10:11:12+23:59", nil, .number(1517566332000)),
        toMillis("0050-01-01", nil, .number(-60589296000000)),
        toMillis("0000", nil, .number(-62167219200000)),
        toMillis("9999-12-31T23:59:59.999Z", nil, .number(253402300799999)),
        toMillis("2018-1-1", nil, .error("D3110")),
        toMillis("20180101", nil, .error("D3110")),
        toMillis("2018-02-03T04:05", nil, .error("D3110")),
        toMillis("2018-02-03T04:05:06.Z", nil, .error("D3110")),
        toMillis("2018-02-03T04:05:06+01", nil, .error("D3110")),
        toMillis("2018-01-01-01", nil, .number(.nan)),
        toMillis("2018-01-01T10:00:00T10:00:00", nil, .number(.nan)),
        toMillis("-2018", nil, .error("D3110")),
        toMillis("2018-02-03t04:05:06z", nil, .error("D3110")),
    ]

    @Test(arguments: formatCases)
    func format(_ c: FormatCase) {
        let actual = Expected.ofText { () throws(JSONataError) -> String in
            try DateTimePicture.format(millis: c.millis, picture: c.picture, timezone: c.timezone)
        }
        #expect(actual.matches(c.expected), "got \(actual)")
    }

    @Test(arguments: parseCases)
    func parse(_ c: ParseCase) {
        let actual = Expected.ofNumber { () throws(JSONataError) -> Double? in
            try DateTimePicture.parse(c.text, picture: c.picture, now: PictureCall.now)
        }
        #expect(actual.matches(c.expected), "got \(actual)")
    }

    /// Every 37 hours over four centuries, in three zones: formatting as ISO 8601 and reading back
    /// gives the instant (to the millisecond), and the picture form reads back too.
    @Test func roundTripsOverFourCenturies() throws {
        let start = -6_000_000_000_000.0
        let step = 37 * 3_600_000.0 + 123
        for index in 0..<1_000 {
            let millis = start + Double(index) * step * 81
            let iso = try DateTimePicture.format(millis: millis, picture: nil, timezone: nil)
            #expect(try DateTimePicture.parse(iso, picture: nil) == millis, "\(iso)")
            for zone in ["+0000", "-0500", "+0530"] {
                let picture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001] [Z]"
                let text = try DateTimePicture.format(millis: millis, picture: picture, timezone: zone)
                #expect(try DateTimePicture.parse(text, picture: picture, now: PictureCall.now) == millis, "\(text)")
            }
        }
    }

    /// A picture compiles once; the cache starts over when full instead of growing.
    @Test func compiledPicturesAreCachedAndBounded() throws {
        let cache = PictureRegexCache()
        let first = try cache.expression(for: "^([0-9]+)$")
        #expect(try cache.expression(for: "^([0-9]+)$") === first)
        for index in 0..<PictureRegexCache.capacity { _ = try cache.expression(for: "^(\(index))$") }
        #expect(cache.count <= PictureRegexCache.capacity)
        #expect(throws: JSONataError.self) { try cache.expression(for: "^([)$") }
    }
}
