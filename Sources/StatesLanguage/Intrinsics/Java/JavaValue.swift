import JSONCore

/// A JSON value as the Java object Jackson's `ObjectMapper.readValue(json, Object.class)` makes of
/// it, which is what Step Functions' intrinsics see: `null`, `Boolean`, `Integer`, `Long`,
/// `BigInteger`, `Double`, `String`, `ArrayList`, `LinkedHashMap`.
///
///     JavaValue(1)            .int(1)              text "1"
///     JavaValue(1.0)          .double(1.0)         text "1.0"
///     JavaValue(1e2)          .double(100.0)       text "100.0"
///     JavaValue(3000000000)   .long(3000000000)
///     JavaValue(["a": [1]])   .map([("a", .list([.int(1)]))])   text "{a=[1]}"
///
/// Rationale: AWS's observable results follow Java semantics, not JSON's. `States.Format`
/// renders `{"Arg1": 1, "Arg2": []}` as `{Arg1=1, Arg2=[]}` (`Map.toString`, LocalStack snapshot
/// `test_generic`); `States.ArrayContains` finds `true` in `["true"]` and not `{"b":2,"a":1}` in
/// `[{"a":1,"b":2}]` (it compares `String.valueOf` texts); `States.ArrayUnique` returns
/// `[true, false, true, false]` as `[false, true]` (`HashSet` iteration order). See
/// SPEC-NOTES.md §5.4.
indirect enum JavaValue {
    case null
    case bool(Bool)
    case int(Int32)
    case long(Int64)
    /// A `BigInteger`, by its canonical decimal text (`-` sign, no leading zeros).
    case bigInteger(String)
    case double(Double)
    case string(String)
    case list([JavaValue])
    case map([(key: String, value: JavaValue)])

    init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .list(elements.map(JavaValue.init))
        case .object(let object): self = .map(object.map { (key: $0.key, value: JavaValue($0.value)) })
        case .number(let number): self = JavaValue(number)
        }
    }

    /// Jackson's untyped number: the smallest of `Integer`, `Long`, `BigInteger` for integer
    /// literals, `Double` for anything with a fraction or exponent.
    init(_ number: JSONNumber) {
        guard number.isInteger else {
            self = .double(Double(number.text) ?? .nan)
            return
        }
        if let value = Int64(number.text) {
            if let small = Int32(exactly: value) {
                self = .int(small)
            } else {
                self = .long(value)
            }
            return
        }
        var digits = Substring(number.text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        self = .bigInteger((negative ? "-" : "") + digits)
    }

    /// `String.valueOf(value)`.
    var text: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let value): String(value)
        case .long(let value): String(value)
        case .bigInteger(let text): text
        case .double(let value): JavaDouble.string(value)
        case .string(let text): text
        case .list(let elements): "[" + elements.map(\.text).joined(separator: ", ") + "]"
        case .map(let members): "{" + members.map { $0.key + "=" + $0.value.text }.joined(separator: ", ") + "}"
        }
    }

    /// `Object.hashCode()` of the Java object.
    var hashCode: Int32 {
        switch self {
        case .null: return 0
        case .bool(let flag): return flag ? 1231 : 1237
        case .int(let value): return value
        case .long(let value):
            return Int32(truncatingIfNeeded: value ^ Int64(bitPattern: UInt64(bitPattern: value) >> 32))
        case .bigInteger(let text): return JavaValue.bigIntegerHash(text)
        case .double(let value):
            let bits = value.isNaN ? 0x7ff8_0000_0000_0000 : value.bitPattern
            return Int32(truncatingIfNeeded: bits ^ (bits >> 32))
        case .string(let text): return JavaValue.stringHash(text)
        case .list(let elements):
            var hash: Int32 = 1
            for element in elements { hash = 31 &* hash &+ element.hashCode }
            return hash
        case .map(let members):
            var hash: Int32 = 0
            for member in members { hash = hash &+ (JavaValue.stringHash(member.key) ^ member.value.hashCode) }
            return hash
        }
    }

    /// `String.hashCode()`: over UTF-16 code units.
    static func stringHash(_ text: String) -> Int32 {
        var hash: Int32 = 0
        for unit in text.utf16 { hash = 31 &* hash &+ Int32(unit) }
        return hash
    }

    /// `BigInteger.hashCode()`: over the magnitude's 32-bit words, most significant first, times
    /// the sign.
    private static func bigIntegerHash(_ text: String) -> Int32 {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        // Magnitude in base 2^32, least significant word first.
        var words: [UInt32] = []
        for digit in digits.utf8 {
            var carry = UInt64(digit &- UInt8(ascii: "0"))
            for index in words.indices {
                let product = UInt64(words[index]) * 10 + carry
                words[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry != 0 { words.append(UInt32(carry)) }
        }
        var hash: Int32 = 0
        for word in words.reversed() {
            hash = Int32(truncatingIfNeeded: 31 &* Int64(hash) &+ Int64(word))
        }
        if words.isEmpty { return 0 }
        return negative ? 0 &- hash : hash
    }

    /// `Object.equals`: values of different Java classes are never equal (`1` and `1.0`,
    /// `Integer` and `String`); doubles compare by bit pattern (`0.0` ≠ `-0.0`); strings by
    /// UTF-16 code units; maps ignore member order.
    func javaEquals(_ other: JavaValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.long(let a), .long(let b)): return a == b
        case (.bigInteger(let a), .bigInteger(let b)): return a == b
        case (.double(let a), .double(let b)):
            return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a.utf16.elementsEqual(b.utf16)
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.javaEquals($1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            var others: [[UInt16]: JavaValue] = [:]
            for member in b { others[Array(member.key.utf16)] = member.value }
            return a.allSatisfy { member in
                guard let value = others[Array(member.key.utf16)] else { return false }
                return member.value.javaEquals(value)
            }
        default: return false
        }
    }
}

extension String {
    /// Java `String.equals`: the same UTF-16 code units (Swift's `==` also equates canonically
    /// equivalent strings such as precomposed and decomposed "é").
    func javaEquals(_ other: String) -> Bool { utf16.elementsEqual(other.utf16) }

    /// Java `String.length()`: UTF-16 code units. AWS's 10,000-character limits count these.
    var javaLength: Int { utf16.count }
}
