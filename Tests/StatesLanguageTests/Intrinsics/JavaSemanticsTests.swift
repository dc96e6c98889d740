import JSONCore
import Testing

@testable import StatesLanguage

/// The Java behaviours the intrinsics reproduce, against values printed by JDK 17 with Jackson
/// 2.14 (`String.valueOf`, `Double.toString`, `hashCode`).
@Suite struct JavaSemanticsTests {
    @Test(arguments: [
        (1.1, "1.1"), (100.0, "100.0"), (1e7, "1.0E7"), (9_999_999.0, "9999999.0"), (0.001, "0.001"),
        (0.0001, "1.0E-4"),
        (123_456_789.0, "1.23456789E8"), (3.5, "3.5"), (1e21, "1.0E21"), (1e-5, "1.0E-5"),
        (1.7976931348623157e308, "1.7976931348623157E308"), (2.2250738585072014e-308, "2.2250738585072014E-308"),
        (0.1 + 0.2, "0.30000000000000004"), (1.0 / 3, "0.3333333333333333"), (12345.678, "12345.678"), (1e16, "1.0E16"),
        (123_456_789_012_345_678.0, "1.2345678901234568E17"), (5e-4, "5.0E-4"), (0.00123, "0.00123"), (-2.5, "-2.5"),
        (0.0, "0.0"), (-0.0, "-0.0"), (Double.leastNonzeroMagnitude, "4.9E-324"), (Double.infinity, "Infinity"),
        (-Double.infinity, "-Infinity"),
    ])
    func doubleToString(_ value: Double, _ expected: String) {
        #expect(JavaDouble.string(value) == expected)
    }

    @Test(arguments: [
        ("null", "null"), ("true", "true"), ("1", "1"), ("-0", "0"), ("1.0", "1.0"), ("1e2", "100.0"),
        ("1e400", "Infinity"),
        ("9007199254740991", "9007199254740991"), ("123456789012345678901234567890", "123456789012345678901234567890"),
        (#"{"Arg1":1,"Arg2":[]}"#, "{Arg1=1, Arg2=[]}"), (#"["a",null,[1.5]]"#, "[a, null, [1.5]]"),
        (#"{"a":{"b":"c"}}"#, "{a={b=c}}"), (#""text""#, "text"),
    ])
    func stringValueOf(_ json: String, _ expected: String) throws {
        #expect(JavaValue(try JSONReader.read(json).value).text == expected)
    }

    /// `hashCode()` of the Jackson-made objects, printed by JDK 17.
    @Test(arguments: [
        ("null", Int32(0)), ("true", 1231), ("false", 1237), ("7", 7), ("3000000000", -1_294_967_296), ("\"Aa\"", 2112),
        ("\"BB\"", 2112), ("1.0", 1_072_693_248), ("[1,2]", 994), ("[2,1]", 1024), (#"{"a":1}"#, 96),
        ("123456789012345678901234567890", 1_915_528_825), ("-123456789012345678901234567890", -1_915_528_825),
    ])
    func hashCodes(_ json: String, _ expected: Int32) throws {
        #expect(JavaValue(try JSONReader.read(json).value).hashCode == expected)
    }

    @Test func equalsFollowsJavaClasses() throws {
        func value(_ text: String) throws -> JavaValue { JavaValue(try JSONReader.read(text).value) }
        #expect(try !value("1").javaEquals(value("1.0")))
        #expect(try value("1.50").javaEquals(value("1.5")))
        #expect(try !value("0.0").javaEquals(value("-0.0")))
        #expect(try value(#"{"a":1,"b":[2]}"#).javaEquals(value(#"{"b":[2],"a":1}"#)))
        #expect(try !value(#"{"a":1}"#).javaEquals(value(#"{"a":1,"b":1}"#)))
        #expect(try !value(#""é""#).javaEquals(value(#""e\u0301""#)))
        #expect(try !value("3000000000").javaEquals(value("3000000000.0")))
    }
}
