import JSONCore
import Testing

@Suite struct JSONWriterTests {
    struct Escape: Sendable, CustomTestStringConvertible {
        let name: String
        let value: String
        let written: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Escape(name: "quote and backslash", value: "a\"b\\c", written: #""a\"b\\c""#),
        Escape(name: "short escapes", value: "\u{8}\u{c}\n\r\t", written: #""\b\f\n\r\t""#),
        Escape(
            name: "other controls uppercase hex", value: "\u{0}\u{1}\u{b}\u{1f}",
            written: #""\u0000\u0001\u000B\u001F""#),
        Escape(name: "slash not escaped", value: "a/b", written: #""a/b""#),
        Escape(name: "DEL raw", value: "\u{7f}", written: "\"\u{7f}\""),
        Escape(name: "non-ASCII raw", value: "café → 🚀", written: "\"café → 🚀\""),
        Escape(name: "line separators raw", value: "\u{2028}\u{2029}", written: "\"\u{2028}\u{2029}\""),
        Escape(name: "empty", value: "", written: #""""#),
    ])
    func escapesStrings(_ c: Escape) throws {
        #expect(JSONWriter.compact(.string(c.value)) == c.written)
        #expect(try JSONReader.read(c.written).value == .string(c.value))
    }

    @Test func compactForm() throws {
        let value = try JSONReader.read(#"{ "b" : [ 1 , 2.50 , true , null ] , "a" : { } , "c" : [ ] }"#).value
        #expect(JSONWriter.compact(value) == #"{"b":[1,2.50,true,null],"a":{},"c":[]}"#)
        #expect(JSONWriter.compactBytes(value) == Array(JSONWriter.compact(value).utf8))
    }

    @Test func prettyFormMatchesJSONStringify() throws {
        let value = try JSONReader.read(#"{"a":[1,{"b":null}],"c":{},"d":[],"e":"x"}"#).value
        let expected = """
            {
              "a": [
                1,
                {
                  "b": null
                }
              ],
              "c": {},
              "d": [],
              "e": "x"
            }
            """
        #expect(JSONWriter.pretty(value) == expected)
        #expect(JSONWriter.pretty(42) == "42")
        #expect(JSONWriter.pretty([], indent: 4) == "[]")
        #expect(JSONWriter.pretty([1], indent: 4) == "[\n    1\n]")
        #expect(JSONWriter.prettyBytes(value) == Array(expected.utf8))
    }

    @Test(arguments: ["1.0", "1e400", "12345678901234567890", "-0", "0.000001", "-1E-7", "3"])
    func roundTripKeepsNumberText(_ text: String) throws {
        let first = try JSONReader.read("[\(text), {\"n\": \(text)}]").value
        let written = JSONWriter.compact(first)
        #expect(written == "[\(text),{\"n\":\(text)}]")
        let second = try JSONReader.read(written).value
        #expect(second == first)
        #expect(second[0]?.numberValue?.text == text)
        #expect(second[1]?["n"]?.numberValue?.text == text)
    }

    @Test func roundTripsNestedDocuments() throws {
        for text in SampleDefinitions.all {
            let value = try JSONReader.read(text).value
            #expect(try JSONReader.read(JSONWriter.compact(value)).value == value)
            #expect(try JSONReader.read(JSONWriter.pretty(value)).value == value)
            #expect(
                JSONWriter.compact(try JSONReader.read(JSONWriter.pretty(value)).value) == JSONWriter.compact(value))
        }
    }

    @Test func writesVeryDeepValuesWithoutRecursion() throws {
        var value: JSON = 1
        for _ in 0..<100_000 { value = [value] }
        let written = JSONWriter.compact(value)
        #expect(written.utf8.count == 200_001)
        #expect(JSONWriter.pretty([[[1]]], indent: 1) == "[\n [\n  [\n   1\n  ]\n ]\n]")
        dismantle(&value)
    }
}

/// Releases a deeply nested value one level at a time: Swift frees nested enums recursively, which
/// would overflow a test thread's stack at this depth.
func dismantle(_ value: inout JSON) {
    while case .array(let elements) = value, let first = elements.first {
        value = first
    }
    value = nil
}
