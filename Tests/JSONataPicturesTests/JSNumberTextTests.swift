import Testing

@testable import JSONata

/// JavaScript's number texts and rounding, against Node (V8): `String(n)`, `n.toFixed(d)` and
/// jsonata-js's `$round`, which the picture formatters are built on.
@Suite struct JSNumberTextTests {
    struct StringCase: Sendable, CustomTestStringConvertible {
        var value: Double
        var expected: String
        var testDescription: String { expected }
    }

    struct FixedCase: Sendable, CustomTestStringConvertible {
        var value: Double
        var digits: Int
        var expected: String
        var testDescription: String { "\(value) \(digits)" }
    }

    struct RoundCase: Sendable, CustomTestStringConvertible {
        var value: Double
        var precision: Int
        var expected: Double
        var testDescription: String { "\(value) \(precision)" }
    }

    static func str(_ value: Double, _ expected: String) -> StringCase { StringCase(value: value, expected: expected) }
    static func fixedCase(_ value: Double, _ digits: Int, _ expected: String) -> FixedCase {
        FixedCase(value: value, digits: digits, expected: expected)
    }
    static func roundCase(_ value: Double, _ precision: Int, _ expected: Double) -> RoundCase {
        RoundCase(value: value, precision: precision, expected: expected)
    }

    static let strings: [StringCase] = [
        str(0, "0"),
        str(1, "1"),
        str(-1, "-1"),
        str(0.1, "0.1"),
        str(0.5, "0.5"),
        str(1.005, "1.005"),
        str(123.456, "123.456"),
        str(1e+21, "1e+21"),
        str(1e-7, "1e-7"),
        str(0.000001, "0.000001"),
        str(1.23e-18, "1.23e-18"),
        str(1.7976931348623157e+308, "1.7976931348623157e+308"),
        str(.leastNonzeroMagnitude, "5e-324"),
        str(9.007199254740992e15, "9007199254740992"),
        str(1.152921504606847e18, "1152921504606847000"),
        str(-1.1805916207174113e+21, "-1.1805916207174113e+21"),
        str(1.2345678901234568e18, "1234567890123456800"),
        str(0.30000000000000004, "0.30000000000000004"),
        str(100, "100"),
        str(1e20, "100000000000000000000"),
        str(9.95, "9.95"),
        str(2.5, "2.5"),
        str(0.000001234, "0.000001234"),
        str(4.35, "4.35"),
        str(1.45, "1.45"),
        str(-0.0, "0"),
    ]

    static let fixed: [FixedCase] = [
        fixedCase(0, 0, "0"),
        fixedCase(0, 1, "0.0"),
        fixedCase(0, 2, "0.00"),
        fixedCase(0, 3, "0.000"),
        fixedCase(0, 5, "0.00000"),
        fixedCase(0, 10, "0.0000000000"),
        fixedCase(0, 20, "0.00000000000000000000"),
        fixedCase(1, 0, "1"),
        fixedCase(1, 1, "1.0"),
        fixedCase(1, 2, "1.00"),
        fixedCase(1, 3, "1.000"),
        fixedCase(1, 5, "1.00000"),
        fixedCase(1, 10, "1.0000000000"),
        fixedCase(1, 20, "1.00000000000000000000"),
        fixedCase(-1, 0, "-1"),
        fixedCase(-1, 1, "-1.0"),
        fixedCase(-1, 2, "-1.00"),
        fixedCase(-1, 3, "-1.000"),
        fixedCase(-1, 5, "-1.00000"),
        fixedCase(-1, 10, "-1.0000000000"),
        fixedCase(-1, 20, "-1.00000000000000000000"),
        fixedCase(0.1, 0, "0"),
        fixedCase(0.1, 1, "0.1"),
        fixedCase(0.1, 2, "0.10"),
        fixedCase(0.1, 3, "0.100"),
        fixedCase(0.1, 5, "0.10000"),
        fixedCase(0.1, 10, "0.1000000000"),
        fixedCase(0.1, 20, "0.10000000000000000555"),
        fixedCase(0.5, 0, "1"),
        fixedCase(0.5, 1, "0.5"),
        fixedCase(0.5, 2, "0.50"),
        fixedCase(0.5, 3, "0.500"),
        fixedCase(0.5, 5, "0.50000"),
        fixedCase(0.5, 10, "0.5000000000"),
        fixedCase(0.5, 20, "0.50000000000000000000"),
        fixedCase(1.005, 0, "1"),
        fixedCase(1.005, 1, "1.0"),
        fixedCase(1.005, 2, "1.00"),
        fixedCase(1.005, 3, "1.005"),
        fixedCase(1.005, 5, "1.00500"),
        fixedCase(1.005, 10, "1.0050000000"),
        fixedCase(1.005, 20, "1.00499999999999989342"),
        fixedCase(123.456, 0, "123"),
        fixedCase(123.456, 1, "123.5"),
        fixedCase(123.456, 2, "123.46"),
        fixedCase(123.456, 3, "123.456"),
        fixedCase(123.456, 5, "123.45600"),
        fixedCase(123.456, 10, "123.4560000000"),
        fixedCase(123.456, 20, "123.45600000000000306954"),
        fixedCase(1e+21, 0, "1e+21"),
        fixedCase(1e-7, 0, "0"),
        fixedCase(1e-7, 1, "0.0"),
        fixedCase(1e-7, 2, "0.00"),
        fixedCase(1e-7, 3, "0.000"),
        fixedCase(1e-7, 5, "0.00000"),
        fixedCase(1e-7, 10, "0.0000001000"),
        fixedCase(1e-7, 20, "0.00000010000000000000"),
        fixedCase(0.000001, 0, "0"),
        fixedCase(0.000001, 1, "0.0"),
        fixedCase(0.000001, 2, "0.00"),
        fixedCase(0.000001, 3, "0.000"),
        fixedCase(0.000001, 5, "0.00000"),
        fixedCase(0.000001, 10, "0.0000010000"),
        fixedCase(0.000001, 20, "0.00000100000000000000"),
        fixedCase(1.23e-18, 0, "0"),
        fixedCase(1.23e-18, 1, "0.0"),
        fixedCase(1.23e-18, 2, "0.00"),
        fixedCase(1.23e-18, 3, "0.000"),
        fixedCase(1.23e-18, 5, "0.00000"),
        fixedCase(1.23e-18, 10, "0.0000000000"),
        fixedCase(1.23e-18, 20, "0.00000000000000000123"),
        fixedCase(1.7976931348623157e+308, 0, "1.7976931348623157e+308"),
        fixedCase(.leastNonzeroMagnitude, 0, "0"),
        fixedCase(.leastNonzeroMagnitude, 1, "0.0"),
        fixedCase(.leastNonzeroMagnitude, 2, "0.00"),
        fixedCase(.leastNonzeroMagnitude, 3, "0.000"),
        fixedCase(.leastNonzeroMagnitude, 5, "0.00000"),
        fixedCase(.leastNonzeroMagnitude, 10, "0.0000000000"),
        fixedCase(.leastNonzeroMagnitude, 20, "0.00000000000000000000"),
        fixedCase(9.007199254740992e15, 0, "9007199254740992"),
        fixedCase(9.007199254740992e15, 1, "9007199254740992.0"),
        fixedCase(9.007199254740992e15, 2, "9007199254740992.00"),
        fixedCase(9.007199254740992e15, 3, "9007199254740992.000"),
        fixedCase(9.007199254740992e15, 5, "9007199254740992.00000"),
        fixedCase(9.007199254740992e15, 10, "9007199254740992.0000000000"),
        fixedCase(9.007199254740992e15, 20, "9007199254740992.00000000000000000000"),
        fixedCase(1.152921504606847e18, 0, "1152921504606846976"),
        fixedCase(1.152921504606847e18, 1, "1152921504606846976.0"),
        fixedCase(1.152921504606847e18, 2, "1152921504606846976.00"),
        fixedCase(1.152921504606847e18, 3, "1152921504606846976.000"),
        fixedCase(1.152921504606847e18, 5, "1152921504606846976.00000"),
        fixedCase(1.152921504606847e18, 10, "1152921504606846976.0000000000"),
        fixedCase(1.152921504606847e18, 20, "1152921504606846976.00000000000000000000"),
        fixedCase(-1.1805916207174113e+21, 0, "-1.1805916207174113e+21"),
        fixedCase(1.2345678901234568e18, 0, "1234567890123456768"),
        fixedCase(1.2345678901234568e18, 1, "1234567890123456768.0"),
        fixedCase(1.2345678901234568e18, 2, "1234567890123456768.00"),
        fixedCase(1.2345678901234568e18, 3, "1234567890123456768.000"),
        fixedCase(1.2345678901234568e18, 5, "1234567890123456768.00000"),
        fixedCase(1.2345678901234568e18, 10, "1234567890123456768.0000000000"),
        fixedCase(1.2345678901234568e18, 20, "1234567890123456768.00000000000000000000"),
        fixedCase(0.30000000000000004, 0, "0"),
        fixedCase(0.30000000000000004, 1, "0.3"),
        fixedCase(0.30000000000000004, 2, "0.30"),
        fixedCase(0.30000000000000004, 3, "0.300"),
        fixedCase(0.30000000000000004, 5, "0.30000"),
        fixedCase(0.30000000000000004, 10, "0.3000000000"),
        fixedCase(0.30000000000000004, 20, "0.30000000000000004441"),
        fixedCase(100, 0, "100"),
        fixedCase(100, 1, "100.0"),
        fixedCase(100, 2, "100.00"),
        fixedCase(100, 3, "100.000"),
        fixedCase(100, 5, "100.00000"),
        fixedCase(100, 10, "100.0000000000"),
        fixedCase(100, 20, "100.00000000000000000000"),
        fixedCase(1e20, 0, "100000000000000000000"),
        fixedCase(1e20, 1, "100000000000000000000.0"),
        fixedCase(1e20, 2, "100000000000000000000.00"),
        fixedCase(1e20, 3, "100000000000000000000.000"),
        fixedCase(1e20, 5, "100000000000000000000.00000"),
        fixedCase(1e20, 10, "100000000000000000000.0000000000"),
        fixedCase(1e20, 20, "100000000000000000000.00000000000000000000"),
        fixedCase(9.95, 0, "10"),
        fixedCase(9.95, 1, "9.9"),
        fixedCase(9.95, 2, "9.95"),
        fixedCase(9.95, 3, "9.950"),
        fixedCase(9.95, 5, "9.95000"),
        fixedCase(9.95, 10, "9.9500000000"),
        fixedCase(9.95, 20, "9.94999999999999928946"),
        fixedCase(2.5, 0, "3"),
        fixedCase(2.5, 1, "2.5"),
        fixedCase(2.5, 2, "2.50"),
        fixedCase(2.5, 3, "2.500"),
        fixedCase(2.5, 5, "2.50000"),
        fixedCase(2.5, 10, "2.5000000000"),
        fixedCase(2.5, 20, "2.50000000000000000000"),
        fixedCase(0.000001234, 0, "0"),
        fixedCase(0.000001234, 1, "0.0"),
        fixedCase(0.000001234, 2, "0.00"),
        fixedCase(0.000001234, 3, "0.000"),
        fixedCase(0.000001234, 5, "0.00000"),
        fixedCase(0.000001234, 10, "0.0000012340"),
        fixedCase(0.000001234, 20, "0.00000123400000000000"),
        fixedCase(4.35, 0, "4"),
        fixedCase(4.35, 1, "4.3"),
        fixedCase(4.35, 2, "4.35"),
        fixedCase(4.35, 3, "4.350"),
        fixedCase(4.35, 5, "4.35000"),
        fixedCase(4.35, 10, "4.3500000000"),
        fixedCase(4.35, 20, "4.34999999999999964473"),
        fixedCase(1.45, 0, "1"),
        fixedCase(1.45, 1, "1.4"),
        fixedCase(1.45, 2, "1.45"),
        fixedCase(1.45, 3, "1.450"),
        fixedCase(1.45, 5, "1.45000"),
        fixedCase(1.45, 10, "1.4500000000"),
        fixedCase(1.45, 20, "1.44999999999999995559"),
        fixedCase(-0.0, 0, "0"),
        fixedCase(-0.0, 1, "0.0"),
        fixedCase(-0.0, 2, "0.00"),
        fixedCase(-0.0, 3, "0.000"),
        fixedCase(-0.0, 5, "0.00000"),
        fixedCase(-0.0, 10, "0.0000000000"),
        fixedCase(-0.0, 20, "0.00000000000000000000"),
    ]

    static let rounds: [RoundCase] = [
        roundCase(0.5, 0, 0),
        roundCase(0.5, 1, 0.5),
        roundCase(0.5, 2, 0.5),
        roundCase(0.5, 3, 0.5),
        roundCase(1.5, 0, 2),
        roundCase(1.5, 1, 1.5),
        roundCase(1.5, 2, 1.5),
        roundCase(1.5, 3, 1.5),
        roundCase(2.5, 0, 2),
        roundCase(2.5, 1, 2.5),
        roundCase(2.5, 2, 2.5),
        roundCase(2.5, 3, 2.5),
        roundCase(-2.5, 0, -2),
        roundCase(-2.5, 1, -2.5),
        roundCase(-2.5, 2, -2.5),
        roundCase(-2.5, 3, -2.5),
        roundCase(1.005, 0, 1),
        roundCase(1.005, 1, 1),
        roundCase(1.005, 2, 1),
        roundCase(1.005, 3, 1.005),
        roundCase(2.675, 0, 3),
        roundCase(2.675, 1, 2.7),
        roundCase(2.675, 2, 2.68),
        roundCase(2.675, 3, 2.675),
        roundCase(1.45, 0, 1),
        roundCase(1.45, 1, 1.4),
        roundCase(1.45, 2, 1.45),
        roundCase(1.45, 3, 1.45),
        roundCase(123.455, 0, 123),
        roundCase(123.455, 1, 123.5),
        roundCase(123.455, 2, 123.46),
        roundCase(123.455, 3, 123.455),
        roundCase(0.125, 0, 0),
        roundCase(0.125, 1, 0.1),
        roundCase(0.125, 2, 0.12),
        roundCase(0.125, 3, 0.125),
        roundCase(0.375, 0, 0),
        roundCase(0.375, 1, 0.4),
        roundCase(0.375, 2, 0.38),
        roundCase(0.375, 3, 0.375),
        roundCase(1e+21, 0, 1e+21),
        roundCase(1e+21, 1, 1e+21),
        roundCase(1e+21, 2, 1e+21),
        roundCase(1e+21, 3, 1e+21),
        roundCase(.leastNonzeroMagnitude, 0, 0),
        roundCase(.leastNonzeroMagnitude, 1, 0),
        roundCase(.leastNonzeroMagnitude, 2, 0),
        roundCase(.leastNonzeroMagnitude, 3, 0),
        roundCase(12345.6789, 0, 12346),
        roundCase(12345.6789, 1, 12345.7),
        roundCase(12345.6789, 2, 12345.68),
        roundCase(12345.6789, 3, 12345.679),
    ]

    @Test(arguments: strings)
    func string(_ c: StringCase) { #expect(JSNumberText.string(c.value) == c.expected) }

    @Test(arguments: fixed)
    func toFixed(_ c: FixedCase) { #expect(JSNumberText.fixed(c.value, digits: c.digits) == c.expected) }

    @Test(arguments: rounds)
    func roundHalfEven(_ c: RoundCase) {
        #expect(JSNumberText.roundHalfEven(c.value, precision: c.precision) == c.expected)
    }
}

/// The proleptic Gregorian day count against a walk one day at a time, and `Date.UTC`'s rules.
@Suite struct JSCalendarTests {
    @Test func dayCountsWalkTheCalendar() {
        var days = JSCalendar.days(year: 1600, month: 1, day: 1)
        let monthLengths: [Int64] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var mismatches = 0
        for year in Int64(1600)...2400 {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            for month in Int64(1)...12 {
                let length = month == 2 && leap ? 29 : monthLengths[Int(month - 1)]
                for day in Int64(1)...length {
                    let civil = JSCalendar.civil(days: days)
                    if JSCalendar.days(year: year, month: month, day: day) != days || civil.year != year
                        || civil.month != month || civil.day != day
                    {
                        mismatches += 1
                    }
                    days += 1
                }
            }
        }
        #expect(mismatches == 0)
        #expect(JSCalendar.days(year: 1970, month: 1, day: 1) == 0)
    }

    @Test func dateUTCRules() {
        #expect(JSCalendar.utc(2018, 2, 23, 10, 33, 36, 617) == 1_521_801_216_617)
        // Years 0–99 are 1900–1999, months and days roll over, fractions truncate.
        #expect(JSCalendar.utc(99, 0) == JSCalendar.utc(1999, 0))
        #expect(JSCalendar.utc(2019, 1, 31) == JSCalendar.utc(2019, 2, 3))
        #expect(JSCalendar.utc(2019, 13, 1) == JSCalendar.utc(2020, 1, 1))
        #expect(JSCalendar.utc(2019, 0, 1, 0, 0, 0, 19.9) == JSCalendar.utc(2019, 0, 1) + 19)
        #expect(JSCalendar.utc(275_761, 0).isNaN)
        #expect(JSCalendar.utc(.nan).isNaN)
        let fields = JSDateFields(millis: -1)
        #expect(fields.year == 1969 && fields.month == 11 && fields.day == 31 && fields.weekday == 3)
        #expect(fields.hour == 23 && fields.minute == 59 && fields.second == 59 && fields.millisecond == 999)
        #expect(JSDateFields(millis: 8.64e15 + 1).year.isNaN)
    }
}
