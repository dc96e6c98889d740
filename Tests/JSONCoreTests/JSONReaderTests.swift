import JSONCore
import Testing

@Suite struct JSONReaderTests {
    struct Accept: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let expected: JSON
        var testDescription: String { name }
    }

    static let accepted: [Accept] = [
        Accept(name: "empty object", text: "{}", expected: [:]),
        Accept(name: "empty array", text: " [ ] ", expected: []),
        Accept(name: "top-level string", text: #""a""#, expected: "a"),
        Accept(
            name: "top-level number", text: "\t-0.5e+3\r\n",
            expected: .number(JSONNumber(uncheckedText: "-0.5e+3", isInteger: false))),
        Accept(name: "literals", text: "[true,false,null]", expected: [true, false, nil]),
        Accept(name: "nested", text: #"{"a":{"b":[1,{"c":[]}]}}"#, expected: ["a": ["b": [1, ["c": []]]]]),
        Accept(name: "escapes", text: #""\"\\\/\b\f\n\r\t\u0041\u00e9""#, expected: "\"\\/\u{8}\u{c}\n\r\tAé"),
        Accept(name: "surrogate pair", text: #""\uD83D\uDE80""#, expected: "🚀"),
        Accept(name: "raw UTF-8", text: "\"caf\u{e9} \u{2192} \u{1F680}\"", expected: "café → 🚀"),
        Accept(name: "escaped NUL", text: #""a\u0000b""#, expected: "a\u{0}b"),
        Accept(
            name: "long ASCII string", text: "\"" + String(repeating: "abcdefgh", count: 20) + "\"",
            expected: .string(String(repeating: "abcdefgh", count: 20))),
        Accept(name: "key order kept", text: #"{"b":1,"a":2}"#, expected: ["b": 1, "a": 2]),
        Accept(name: "DEL is not a control", text: "\"\u{7f}\"", expected: "\u{7f}"),
    ]

    @Test(arguments: accepted)
    func accepts(_ c: Accept) throws {
        let document = try JSONReader.read(c.text)
        #expect(document.value == c.expected)
    }

    @Test func keepsKeyOrderAndNumberText() throws {
        let document = try JSONReader.read(#"{"z": 1.0, "a": 1e400, "m": 12345678901234567890, "n": -0}"#)
        let object = try #require(document.value.objectValue)
        #expect(object.keys == ["z", "a", "m", "n"])
        #expect(object.values.compactMap { $0.numberValue?.text } == ["1.0", "1e400", "12345678901234567890", "-0"])
        #expect(object.values.compactMap { $0.numberValue?.isInteger } == [false, false, true, true])
    }

    struct Reject: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let kind: JSONSyntaxError.Kind
        let offset: Int
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ kind: JSONSyntaxError.Kind, at offset: Int) {
            self.init(name, Array(text.utf8), kind, at: offset)
        }

        init(_ name: String, _ bytes: [UInt8], _ kind: JSONSyntaxError.Kind, at offset: Int) {
            self.name = name
            self.bytes = bytes
            self.kind = kind
            self.offset = offset
        }
    }

    static let rejected: [Reject] = [
        Reject("empty", "", .emptyInput, at: 0),
        Reject("only whitespace", " \n ", .emptyInput, at: 3),
        Reject("trailing comma in array", "[1,2,]", .trailingComma(closing: UInt8(ascii: "]")), at: 4),
        Reject("trailing comma in object", #"{"a":1 , }"#, .trailingComma(closing: UInt8(ascii: "}")), at: 7),
        Reject("leading zero", "[01]", .leadingZero, at: 1),
        Reject("negative leading zero", "-012", .leadingZero, at: 1),
        Reject("fraction without digits", "1.", .invalidNumber(expected: "a digit after '.'"), at: 2),
        Reject("exponent without digits", "1e+x", .invalidNumber(expected: "a digit in the exponent"), at: 3),
        Reject("minus alone", "-", .invalidNumber(expected: "a digit after '-'"), at: 1),
        Reject("plus sign", "+1", .unexpectedCharacter(UInt8(ascii: "+"), expected: "a value"), at: 0),
        Reject("leading dot", ".5", .unexpectedCharacter(UInt8(ascii: "."), expected: "a value"), at: 0),
        Reject("raw newline in string", "\"a\nb\"", .controlCharacterInString(0x0A), at: 2),
        Reject("raw tab in string", "[\"\t\"]", .controlCharacterInString(0x09), at: 2),
        Reject("bad escape", #""\x""#, .invalidEscape, at: 1),
        Reject("short unicode escape", #""\u12G4""#, .invalidEscape, at: 1),
        Reject("lone high surrogate", #""\uD800""#, .loneSurrogate, at: 1),
        Reject("high surrogate then letter", #""\uD800\u0041""#, .loneSurrogate, at: 1),
        Reject("lone low surrogate", #"["a\uDC00"]"#, .loneSurrogate, at: 3),
        Reject("overlong encoding", [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, at: 1),
        Reject("encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: 1),
        Reject("beyond U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: 1),
        Reject("truncated sequence", [0x22, 0x61, 0xE2, 0x82], .invalidUTF8, at: 2),
        Reject("lone continuation byte", [0x22, 0x80, 0x22], .invalidUTF8, at: 1),
        Reject("byte order mark", [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], .byteOrderMark, at: 0),
        Reject("duplicate key", #"{"Next":1,"Next":2}"#, .duplicateKey("Next"), at: 10),
        Reject("duplicate key with escape", #"{"ab":1,"a\u0062":2}"#, .duplicateKey("ab"), at: 8),
        Reject("trailing content", "{} x", .trailingContent, at: 3),
        Reject("two values", "1 2", .trailingContent, at: 2),
        Reject("comment", "[1 /* c */]", .unexpectedCharacter(UInt8(ascii: "/"), expected: "',' or ']'"), at: 3),
        Reject("single quotes", "['a']", .unexpectedCharacter(UInt8(ascii: "'"), expected: "a value"), at: 1),
        Reject("unquoted key", "{a:1}", .unexpectedCharacter(UInt8(ascii: "a"), expected: "a string key"), at: 1),
        Reject(
            "missing colon", #"{"a" 1}"#, .unexpectedCharacter(UInt8(ascii: "1"), expected: "':' after the key"), at: 5),
        Reject("unclosed array", "[1", .unexpectedEndOfInput(expected: "',' or ']'"), at: 2),
        Reject("unclosed string", #"["abc"#, .unexpectedEndOfInput(expected: "'\"' to close the string"), at: 5),
        Reject("misspelt literal", "tru", .unexpectedEndOfInput(expected: "'true'"), at: 3),
        Reject("wrong literal", "nul1", .unexpectedCharacter(UInt8(ascii: "1"), expected: "'null'"), at: 3),
        Reject("form feed is not whitespace", "\u{c}1", .unexpectedCharacter(0x0C, expected: "a value"), at: 0),
        Reject("NUL after value", [0x31, 0x00], .trailingContent, at: 1),
    ]

    @Test(arguments: rejected)
    func rejects(_ c: Reject) {
        #expect(throws: JSONSyntaxError(c.kind, at: c.offset)) {
            try JSONReader.read(c.bytes)
        }
    }

    @Test func depthLimitIsExact() throws {
        let limit = 512
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        _ = try JSONReader.read(deepest)
        let tooDeep = "[" + deepest + "]"
        #expect(throws: JSONSyntaxError(.tooDeep(limit: limit), at: limit)) { try JSONReader.read(tooDeep) }
        let custom = JSONReader.Options(maximumDepth: 3)
        #expect(throws: JSONSyntaxError(.tooDeep(limit: 3), at: 11)) {
            try JSONReader.read(#"{"a":[{"b":[]}]}"#, options: custom)
        }
    }

    @Test(arguments: [10_000, 100_000, 1_000_000])
    func manyOpeningBracketsDoNotOverflowTheStack(count: Int) {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: count)
        #expect(throws: JSONSyntaxError(.tooDeep(limit: 512), at: 512)) { try JSONReader.read(bytes) }
        let objects = Array(repeatElement(Array(#"{"a":"#.utf8), count: count / 5).joined())
        #expect(throws: JSONSyntaxError(.tooDeep(limit: 512), at: 512 * 5)) { try JSONReader.read(objects) }
    }

    @Test func deepNestingWithinARaisedLimitReads() throws {
        let depth = 100_000
        let bytes =
            [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        var document = try JSONReader.read(bytes, options: .init(maximumDepth: depth, recordsSourceMap: false))
        #expect(document.value.arrayValue?.count == 1)
        dismantle(&document.value)
    }

    @Test func duplicateKeyPolicies() throws {
        let text = #"{"a":1,"b":2,"a":3}"#
        let last = try JSONReader.read(text, options: .init(duplicateKeys: .keepLast))
        #expect(last.value.objectValue?.keys == ["a", "b"])
        #expect(last.value["a"] == 3)
        #expect(last.sourceMap.valueOffset(at: ["a"]) == 17)
        #expect(last.sourceMap.keyOffset(at: ["a"]) == 13)
        let first = try JSONReader.read(text, options: .init(duplicateKeys: .keepFirst))
        #expect(first.value["a"] == 1)
        #expect(first.sourceMap.valueOffset(at: ["a"]) == 5)
        #expect(first.sourceMap.valueOffset(at: ["b"]) == 11)
    }

    @Test func duplicateKeysInLargeObjects() throws {
        var members = (0..<40).map { #""key\#($0)":\#($0)"# }
        members.append(#""key7":0"#)
        let text = "{" + members.joined(separator: ",") + "}"
        #expect(throws: JSONSyntaxError(.duplicateKey("key7"), at: text.utf8.count - 9)) { try JSONReader.read(text) }
        let distinctPrefix = "{" + (0..<40).map { #""prefix_shared_\#($0)":\#($0)"# }.joined(separator: ",") + "}"
        #expect(try JSONReader.read(distinctPrefix).value.objectValue?.count == 40)
    }

    @Test func similarKeysKeepTheirOwnText() throws {
        let text = #"[{"abcdefgh_1": 1, "abcdefgh_2": 2}, {"abcdefgh_2": 3, "abcdefgh_1": 4, "": 5}, {"": 6}]"#
        let value = try JSONReader.read(text).value
        #expect(value == [["abcdefgh_1": 1, "abcdefgh_2": 2], ["abcdefgh_2": 3, "abcdefgh_1": 4, "": 5], ["": 6]])
        #expect(value[1]?.objectValue?.keys == ["abcdefgh_2", "abcdefgh_1", ""])
    }

    @Test func manyDistinctKeysReadBackExactly() throws {
        var objects: [JSON] = []
        for index in 0..<2_000 {
            var object = JSONObject()
            object["k\(index)"] = .number(JSONNumber(index))
            object["key-\(index % 97)-\(String(repeating: "x", count: index % 13))"] = .string("v\(index)")
            object["shared"] = .bool(index % 2 == 0)
            objects.append(.object(object))
        }
        let value = JSON.array(objects)
        let read = try JSONReader.read(JSONWriter.compact(value)).value
        #expect(read == value)
        #expect(read[1_999]?.objectValue?.keys == ["k1999", "key-59-xxxxxxxxxx", "shared"])
    }

    @Test func sourceMapCanBeSwitchedOff() throws {
        let document = try JSONReader.read(#"{"a": [1]}"#, options: .init(recordsSourceMap: false))
        #expect(document.value == ["a": [1]])
        #expect(document.sourceMap.valueOffset(at: ["a"]) == nil)
    }

    struct Message: Sendable, CustomTestStringConvertible {
        let text: String
        let message: String
        var testDescription: String { message }
    }

    @Test(arguments: [
        Message(text: "[1,]", message: "trailing comma before ']'"),
        Message(text: String(repeating: "[", count: 600), message: "nesting deeper than 512 levels"),
        Message(text: #"{"Next":1,"Next":2}"#, message: "duplicate key \"Next\" in object"),
        Message(text: "\"a\nb\"", message: "control character U+000A must be escaped in a string"),
        Message(text: "[01]", message: "leading zero in a number"),
        Message(text: "{} x", message: "unexpected content after the JSON value"),
        Message(text: "[1 2]", message: "unexpected character '2'; expected ',' or ']'"),
        Message(text: "", message: "empty input; expected a JSON value"),
    ])
    func messages(_ c: Message) {
        do {
            _ = try JSONReader.read(c.text)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == c.message)
        }
    }

    @Test func errorLocationCountsCRLFAsOneBreak() {
        let text = "{\r\n  \"a\": 1,\r\n  \"b\": [1,]\r\n}"
        do {
            _ = try JSONReader.read(text)
            Issue.record("expected an error")
        } catch {
            let location = error.location(in: SourceFile(path: "x.json", text: text))
            #expect(location == SourceLocation(line: 3, column: 10))
            #expect(error.description == "offset \(error.offset): trailing comma before ']'")
        }
    }
}
