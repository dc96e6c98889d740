import JSONCore
import StatesTestSupport
import Testing

/// Strings equal by code units, not by Swift's canonical equivalence (SPEC-NOTES §1 "String equality").
@Suite struct CodeUnitEqualityTests {
    typealias Pair = CodeUnitPair
    static let pairs = CodeUnitPair.all

    @Test(arguments: pairs)
    func swiftEqualityIsCanonicalButOursIsNot(_ c: Pair) {
        #expect(c.first == c.second)  // the defect being avoided
        #expect(c.first.hasSameCodeUnits(as: c.second) == c.same)
        #expect((CodeUnitString(c.first) == CodeUnitString(c.second)) == c.same)
        #expect(Set([CodeUnitString(c.first), CodeUnitString(c.second)]).count == (c.same ? 1 : 2))
        #expect((JSON.string(c.first) == JSON.string(c.second)) == c.same)
        #expect((JSONPointer([c.first]) == JSONPointer([c.second])) == c.same)
        let pointers = [JSONPointer([c.first]), JSONPointer([c.second])]
        #expect((pointers[0] < pointers[1] || pointers[1] < pointers[0]) == !c.same)
    }

    /// Escaped (`\u` in the source) and raw keys, and objects small enough for linear search and
    /// large enough for the key index.
    @Test(arguments: pairs, [0, 20])
    func readerKeepsBothKeys(_ c: Pair, filler: Int) throws {
        let padding = (0..<filler).map { #""k\#($0)":0,"# }.joined()
        for text in [
            "{\(padding)\(Self.quoted(c.first)):1,\(Self.quoted(c.second)):2}",
            "{\(padding)\"\(c.first)\":1,\"\(c.second)\":2}",
        ] {
            if c.same {
                #expect(throws: JSONSyntaxError.self) { try JSONReader.read(text) }
                let kept = try JSONReader.read(text, options: .init(duplicateKeys: .keepLast))
                #expect(kept.value[c.first] == 2)
                continue
            }
            let document = try JSONReader.read(text)
            let object = try #require(document.value.objectValue)
            #expect(object.count == filler + 2)
            #expect(object[c.first] == 1)
            #expect(object[c.second] == 2)
        }
    }

    @Test(arguments: pairs)
    func objectKeysAreDistinct(_ c: Pair) {
        for filler in [0, 20] {
            var object = JSONObject()
            for position in 0..<filler { object["k\(position)"] = 0 }
            object[c.first] = 1
            object[c.second] = 2
            #expect(object.count == filler + (c.same ? 1 : 2))
            #expect(object[c.first] == (c.same ? 2 : 1))
            object.removeValue(forKey: c.second)
            #expect(object[c.first] == (c.same ? nil : 1))
            var renamed = JSONObject()
            for position in 0..<filler { renamed["k\(position)"] = 0 }
            renamed[c.second] = 1
            let original: JSONObject = {
                var made = JSONObject()
                for position in 0..<filler { made["k\(position)"] = 0 }
                made[c.first] = 1
                return made
            }()
            #expect((original == renamed) == c.same)
        }
    }

    /// `"\uXXXX"` escapes for every UTF-16 unit, so the reader decodes the key instead of slicing it.
    static func quoted(_ text: String) -> String {
        let hex = Array("0123456789abcdef")
        var quoted = "\""
        for unit in text.utf16 {
            quoted += "\\u"
            for shift in stride(from: 12, through: 0, by: -4) { quoted.append(hex[Int(unit >> UInt16(shift)) & 15]) }
        }
        return quoted + "\""
    }
}
