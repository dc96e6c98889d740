import JSONCore
import Testing

@Suite struct SourceMapTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        let pointer: String
        let key: Int?
        let value: Int
        var testDescription: String { pointer.isEmpty ? "(root)" : pointer }
    }

    // 0         1         2         3         4         5         6         7
    // 01234567890123456789012345678901234567890123456789012345678901234567890123456789
    // {"a": {"b": [1, "two", null, {"c~d": true}]}, "e/f": [], "g": {}, "h": -1.5e3}
    static let text = #"{"a": {"b": [1, "two", null, {"c~d": true}]}, "e/f": [], "g": {}, "h": -1.5e3}"#

    static let expectations: [Expectation] = [
        Expectation(pointer: "", key: nil, value: 0),
        Expectation(pointer: "/a", key: 1, value: 6),
        Expectation(pointer: "/a/b", key: 7, value: 12),
        Expectation(pointer: "/a/b/0", key: nil, value: 13),
        Expectation(pointer: "/a/b/1", key: nil, value: 16),
        Expectation(pointer: "/a/b/2", key: nil, value: 23),
        Expectation(pointer: "/a/b/3", key: nil, value: 29),
        Expectation(pointer: "/a/b/3/c~0d", key: 30, value: 37),
        Expectation(pointer: "/e~1f", key: 46, value: 53),
        Expectation(pointer: "/g", key: 57, value: 62),
        Expectation(pointer: "/h", key: 66, value: 71),
    ]

    @Test(arguments: expectations)
    func recordsKeyAndValueOffsets(_ c: Expectation) throws {
        let document = try JSONReader.read(Self.text)
        let pointer = try #require(JSONPointer(parsing: c.pointer))
        let entry = try #require(document.sourceMap.entry(at: pointer))
        #expect(entry.keyOffset == c.key)
        #expect(entry.valueOffset == c.value)
        #expect(document.sourceMap.valueOffset(at: pointer) == c.value)
        #expect(document.sourceMap.keyOffset(at: pointer) == c.key)
    }

    @Test(arguments: ["/x", "/a/b/4", "/a/b/01", "/a/b/-", "/h/0", "/a/b/3/c~1d", "/g/z"])
    func unknownPointersHaveNoEntry(_ text: String) throws {
        let document = try JSONReader.read(Self.text)
        let pointer = try #require(JSONPointer(parsing: text))
        #expect(document.sourceMap.entry(at: pointer) == nil)
    }

    @Test func nearestValueOffsetFallsBackToAncestors() throws {
        let document = try JSONReader.read(Self.text)
        #expect(document.sourceMap.nearestValueOffset(at: ["a", "b", "9", "x"]) == 12)
        #expect(document.sourceMap.nearestValueOffset(at: ["nope"]) == 0)
    }

    @Test func headerExampleOffsets() throws {
        let document = try JSONReader.read(#"{"StartAt": "A", "States": [1]}"#)
        #expect(document.sourceMap.entry(at: ["StartAt"]) == SourceMap.Entry(keyOffset: 1, valueOffset: 12))
        #expect(document.sourceMap.entry(at: ["States"]) == SourceMap.Entry(keyOffset: 17, valueOffset: 27))
        #expect(document.sourceMap.entry(at: ["States", "0"]) == SourceMap.Entry(keyOffset: nil, valueOffset: 28))
    }

    @Test func recordOverlaysAndBuildsByHand() throws {
        var map = SourceMap()
        #expect(map.valueOffset(at: .root) == nil)
        map.record(["States", "A"], SourceMap.Entry(keyOffset: 3, valueOffset: 9))
        #expect(map.entry(at: ["States", "A"]) == SourceMap.Entry(keyOffset: 3, valueOffset: 9))
        #expect(map.nearestValueOffset(at: ["States", "A", "Next"]) == 9)
        #expect(SourceMap.empty.entry(at: .root) == nil)

        var read = try JSONReader.read(#"{"a": 1}"#).sourceMap
        read.record(["a"], SourceMap.Entry(keyOffset: nil, valueOffset: 99))
        #expect(read.valueOffset(at: ["a"]) == 99)
        #expect(read.valueOffset(at: .root) == 0)
    }

    @Test func offsetsAreBytesNotCharacters() throws {
        let document = try JSONReader.read("[\"\u{e9}\u{1F680}\", 7]")
        #expect(document.sourceMap.valueOffset(at: ["1"]) == 11)
    }

    @Test func largeObjectsResolveThroughTheHashedIndex() throws {
        let text = "{" + (0..<50).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ") + "}"
        let document = try JSONReader.read(text)
        let offset = try #require(document.sourceMap.valueOffset(at: ["k42"]))
        let suffix = Array(text.utf8)[offset..<offset + 2]
        #expect(String(decoding: suffix, as: UTF8.self) == "42")
    }
}
