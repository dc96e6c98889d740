import JSONata
import Testing

/// What a picture call gives: text, a number (NaN included), undefined, or an error code.
enum Expected: Sendable, Equatable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case undefined
    case error(String)

    var description: String {
        switch self {
        case .text(let text): "\"\(text)\""
        case .number(let number): "\(number)"
        case .undefined: "undefined"
        case .error(let code): "error \(code)"
        }
    }

    /// Equal, NaN matching NaN.
    func matches(_ other: Expected) -> Bool {
        if case .number(let a) = self, case .number(let b) = other, a.isNaN && b.isNaN { return true }
        return self == other
    }

    static func ofText(_ body: () throws(JSONataError) -> String) -> Expected {
        do { return .text(try body()) } catch { return .error(error.code) }
    }

    static func ofNumber(_ body: () throws(JSONataError) -> Double?) -> Expected {
        do { return try body().map { .number($0) } ?? .undefined } catch { return .error(error.code) }
    }
}

/// `$formatNumber` against results of jsonata-js 2.0.6 (`src/functions.js`, run under Node with
/// only 2.2's fix for #785, the endless loop on zero with an exponent). `TypeError` is where 2.0.6
/// reads the length of an undefined prefix (a sub-picture without an active character).
@Suite struct NumberPictureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var value: Double
        var picture: String
        var options: [String: String]
        var expected: Expected
        var testDescription: String { "\(value) \"\(picture)\" \(options)" }
    }

    static func num(_ value: Double, _ picture: String, _ options: [String: String], _ expected: Expected) -> Case {
        Case(value: value, picture: picture, options: options, expected: expected)
    }

    static let cases: [Case] = [
        num(12345.6, "#,###.00", [:], .text("12,345.60")),
        num(0.5, "0", [:], .text("0")),
        num(1.5, "0", [:], .text("2")),
        num(2.5, "0", [:], .text("2")),
        num(-2.5, "0", [:], .text("-2")),
        num(1.005, "0.00", [:], .text("1.00")),
        num(0.125, "0.00", [:], .text("0.12")),
        num(1e+21, "#,##0", [:], .text("1e,+21")),
        num(1e-7, "0.0000000", [:], .text("0.0000001")),
        num(123456789012, "#,##0", [:], .text("123,456,789,012")),
        num(-1234.5678, "#,##0.00;(#,##0.00)", [:], .text("(1,234.57)")),
        num(0, "0.00e0", [:], .text("0.00e0")),
        num(-42, "0e0", [:], .text("-4e1")),
        num(0.000123, "0.00e00", [:], .text("1.23e-04")),
        num(987654321.987654, "#,###.###,###", [:], .text("987,654,321.987,654")),
        num(3.14159, "##0.0##", [:], .text("3.142")),
        num(0.6666666666666666, "0.000000000000000000", [:], .text("0.666666666666666630")),
        num(99.995, "0.00", [:], .text("100.00")),
        num(42, "%%", [:], .error("TypeError")),
        num(42, "---", [:], .error("TypeError")),
        num(1, ";", [:], .error("TypeError")),
        num(20, "#;#;#", [:], .error("D3080")),
        num(20, "#.0.0", [:], .error("D3081")),
        num(20, "#0%%", [:], .error("D3082")),
        num(20, "#0‰‰", [:], .error("D3083")),
        num(20, "#0%‰", [:], .error("D3084")),
        num(20, ".e0", [:], .error("D3085")),
        num(20, "0+.e0", [:], .error("D3086")),
        num(20, "0,.e0", [:], .error("D3087")),
        num(20, "0,", [:], .error("D3088")),
        num(20, "0,,0", [:], .error("D3089")),
        num(20, "0#.e0", [:], .error("D3090")),
        num(20, "#0.#0e0", [:], .error("D3091")),
        num(20, "#0.0e0%", [:], .error("D3092")),
        num(20, "#0.0e0,0", [:], .error("D3093")),
        num(5, "#,##,###", [:], .text(",5,")),
        num(1234567, "#,##,###", [:], .text("12,34,567")),
        num(0.25, "#%", [:], .text("25%")),
        num(0.0125, "0.0‰", [:], .text("12.5‰")),
        num(1e20, "#,######", [:], .text("100,000000,000000,000000")),
        num(-6, "000", [:], .text("-006")),
        num(123.9, "9999", [:], .text("0124")),
        num(1234.5678, "00.000e000", [:], .text("12.346e002")),
        num(0.1, "0.0e0", [:], .text("1.0e-1")),
        num(-0.1, "0.0e0", [:], .text("-1.0e-1")),
        num(1, "0.0,00", [:], .text("1.0,00")),
        num(1234.5, "$#,##0.00 USD", [:], .text("$1,234.50 USD")),
        num(0.001, "#.###", [:], .text(".001")),
        num(1.7976931348623157e+308, "###.###‰", [:], .text("NaN.0‰")),
        num(
            1,
            "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            [:], .error("RangeError")),
        num(1234.5678, "#.##0,00", ["decimal-separator": ",", "grouping-separator": "."], .text("1.234,57")),
        num(1234.5678, "①①.①①①e①", ["zero-digit": "⑟"], .text("①②.③④⑥e②")),
        num(0.1, "AeAAA", ["zero-digit": "A"], .text("Be-AAB")),
        num(-5, "0", ["minus-sign": "~"], .text("~5")),
        num(0.14, "###pm", ["per-mille": "pm"], .text("140pm")),
        num(0.5, "0pc", ["percent": "pc"], .text("50pc")),
        num(12345, "XX,XX0", ["digit": "X"], .text("12,345")),
        num(-3, "0|(0)", ["pattern-separator": "|"], .text("(3)")),
        num(1234.5, "0.0E0", ["exponent-separator": "E"], .text("1.2E3")),
        num(5, "0", ["zero-digit": ""], .error("TypeError")),
        num(7, "0", ["unknown": "x"], .text("7")),
    ]

    @Test(arguments: cases)
    func format(_ c: Case) {
        let actual = Expected.ofText { () throws(JSONataError) -> String in
            try NumberPicture.format(c.value, picture: c.picture, options: DecimalFormatOptions(overrides: c.options))
        }
        #expect(actual.matches(c.expected), "got \(actual)")
    }

    @Test func errorsCarryJSONataMessages() {
        #expect(
            throws: JSONataError(
                code: "D3080", message: "The picture string must only contain a maximum of two sub-pictures")
        ) {
            try NumberPicture.format(20, picture: "#;#;#", options: DecimalFormatOptions())
        }
    }
}
