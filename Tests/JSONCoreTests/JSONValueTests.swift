import JSONCore
import Testing

@Suite struct JSONNumberTests {
    @Test func keepsTextAndKind() throws {
        let decimal = try #require(JSONNumber(text: "1.0"))
        #expect(decimal.text == "1.0")
        #expect(!decimal.isInteger)
        #expect(decimal == JSONNumber(1))
        #expect(try #require(JSONNumber(text: "1e400")).text == "1e400")
        let big = try #require(JSONNumber(text: "12345678901234567890"))
        #expect(big.isInteger)
        #expect(big.int64Value == nil)
        #expect(big > JSONNumber(Int64.max))
    }

    @Test(arguments: [
        ("1", "1.0", 0), ("1e2", "100", 0), ("-0", "0", 0), ("0.1", "0.10", 0),
        ("1e400", "1e399", 1), ("-1e400", "-1e399", -1), ("12345678901234567890", "12345678901234567891", -1),
        ("0.5", "1", -1), ("-2", "-10", 1),
    ])
    func exactComparison(left: String, right: String, expected: Int) throws {
        let lhs = try #require(JSONNumber(text: left))
        let rhs = try #require(JSONNumber(text: right))
        #expect((lhs == rhs) == (expected == 0))
        #expect((lhs < rhs) == (expected < 0))
        if expected == 0 { #expect(lhs.hashValue == rhs.hashValue) }
    }

    @Test(arguments: ["01", "1.", ".5", "+1", "1e", "--1", "1.5e+", ""])
    func rejectsInvalidLiterals(text: String) {
        #expect(JSONNumber(text: text) == nil)
    }

    @Test func integralValue() throws {
        #expect(try #require(JSONNumber(text: "3.0")).integralValue == 3)
        #expect(try #require(JSONNumber(text: "3e0")).integralValue == 3)
        #expect(try #require(JSONNumber(text: "3.5")).integralValue == nil)
        #expect(try #require(JSONNumber(text: "-9223372036854775808")).integralValue == Int64.min)
    }
}

@Suite struct JSONObjectTests {
    @Test func keepsOrderAndReplaces() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 4
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"] == 4)
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(object.checkInvariants())
    }

    @Test func largeObjectsUseAnIndex() {
        var object = JSONObject()
        for index in 0..<40 { object["k\(index)"] = .number(JSONNumber(index)) }
        #expect(object["k33"] == 33)
        #expect(object.checkInvariants())
        for index in 0..<30 { object.removeValue(forKey: "k\(index)") }
        #expect(object["k33"] == 33)
        #expect(object.count == 10)
        #expect(object.checkInvariants())
    }

    @Test func equalityIgnoresOrder() {
        let one: JSON = ["a": 1, "b": [true, nil]]
        let two: JSON = ["b": [true, nil], "a": 1.0]
        #expect(one == two)
        #expect(one.hashValue == two.hashValue)
    }
}

@Suite struct JSONPointerTests {
    @Test(arguments: [
        ("", [String]()), ("/a~1b/~0c/0", ["a/b", "~c", "0"]), ("/", [""]),
    ])
    func roundTrips(text: String, tokens: [String]) throws {
        let pointer = try #require(JSONPointer(parsing: text))
        #expect(pointer.tokens == tokens)
        #expect(pointer.description == text)
    }

    @Test func rejectsBadEscapes() {
        #expect(JSONPointer(parsing: "a") == nil)
        #expect(JSONPointer(parsing: "/~2") == nil)
    }

    @Test func resolvesAgainstValues() {
        let doc: JSON = ["States": ["A": ["Next": "B"]], "list": [1, 2]]
        #expect(doc[JSONPointer(["States", "A", "Next"])] == "B")
        #expect(doc[JSONPointer(["list", "1"])] == 2)
        #expect(doc[JSONPointer(["list", "01"])] == nil)
    }
}
