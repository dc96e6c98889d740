import Foundation
import JSONCore

/// JavaScript's `Number.prototype.toString()` for a finite double: the shortest digits that
/// round-trip, positional for decimal exponents in [-7, 21), exponential (`1e+21`, `1e-7`)
/// outside.
func jsNumberString(_ value: Double) -> String {
    if value == 0 { return "0" }
    // Integers below 10^15 are exact and JavaScript prints them as plain digits.
    if value.magnitude < 1e15, value.rounded(.towardZero) == value { return String(Int64(value)) }
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    let negative = value < 0
    // Swift's description gives the shortest round-trip digits; re-lay them out as JS does.
    let text = (negative ? -value : value).description
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = text[..<e]
        exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var digits: [Character] = []
    var pointPosition = 0
    var seenPoint = false
    for character in mantissa {
        if character == "." {
            seenPoint = true
        } else {
            digits.append(character)
            if !seenPoint { pointPosition += 1 }
        }
    }
    // Strip leading zeros (adjusting the point) and trailing zeros.
    while digits.count > 1, digits.first == "0" {
        digits.removeFirst()
        pointPosition -= 1
    }
    while digits.count > 1, digits.last == "0" { digits.removeLast() }
    let k = digits.count
    let n = pointPosition + exponent
    var result = negative ? "-" : ""
    if k <= n && n <= 21 {
        result += String(digits) + String(repeating: "0", count: n - k)
    } else if 0 < n && n <= 21 {
        result += String(digits[0..<n]) + "." + String(digits[n...])
    } else if -6 < n && n <= 0 {
        result += "0." + String(repeating: "0", count: -n) + String(digits)
    } else {
        let e = n - 1
        result += String(digits[0])
        if k > 1 { result += "." + String(digits[1...]) }
        result += "e" + (e >= 0 ? "+" : "-") + String(abs(e))
    }
    return result
}

/// `Number(x.toPrecision(15))`: what `$string` does to every number.
func precision15(_ value: Double) -> Double {
    guard value.isFinite, value != 0 else { return value }
    return Double(formatSignificant(value, digits: 15)) ?? value
}

/// The value rounded to `digits` significant decimal digits, as exponential text (C's `%.*e`,
/// which rounds the exact binary value as ECMAScript's `toPrecision` does).
func formatSignificant(_ value: Double, digits: Int) -> String {
    String(format: "%.*e", digits - 1, value)
}

/// `JSON.stringify` of a string.
func jsonStringLiteral(_ string: String) -> String {
    var out = "\""
    out.reserveCapacity(string.utf8.count + 2)
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out += "\""
    return out
}

/// `JSON.stringify(value, replacer, pretty ? 2 : 0)` as `$string` calls it: functions print as
/// `""`, numbers through `toPrecision(15)` when `precision15`, non-finite numbers are D1001.
func stringify(_ value: Value, pretty: Bool, precision15 usePrecision: Bool) throws -> String {
    var out = ""
    try writeJSON(value, into: &out, pretty: pretty, indent: 0, precision: usePrecision)
    return out
}

private func writeJSON(_ value: Value, into out: inout String, pretty: Bool, indent: Int, precision: Bool) throws {
    switch value {
    case .null: out += "null"
    case .bool(let bool): out += bool ? "true" : "false"
    case .number(let number):
        if !number.isFinite {
            if precision { throw EvalError(code: "D1001", value: value) }
            out += "null"
        } else {
            out += jsNumberString(precision ? precision15(number) : number)
        }
    case .string(let string): out += jsonStringLiteral(string)
    case .function: out += "\"\""
    case .array(let array):
        if array.isEmpty {
            out += "[]"
            return
        }
        out += "["
        for (offset, item) in array.items.enumerated() {
            if offset > 0 { out += "," }
            if pretty { newline(&out, indent + 2) }
            try writeJSON(item, into: &out, pretty: pretty, indent: indent + 2, precision: precision)
        }
        if pretty { newline(&out, indent) }
        out += "]"
    case .object(let object):
        if object.isEmpty {
            out += "{}"
            return
        }
        out += "{"
        var first = true
        for (key, item) in object.entries {
            if !first { out += "," }
            first = false
            if pretty { newline(&out, indent + 2) }
            out += jsonStringLiteral(key)
            out += pretty ? ": " : ":"
            try writeJSON(item, into: &out, pretty: pretty, indent: indent + 2, precision: precision)
        }
        if pretty { newline(&out, indent) }
        out += "}"
    }
}

private func newline(_ out: inout String, _ indent: Int) {
    out += "\n"
    out += String(repeating: " ", count: indent)
}

// MARK: - Conversion to and from JSONCore

extension Value {
    /// The value as JSON: numbers printed as JavaScript prints them; functions become `""` as
    /// `$string` prints them. A non-finite number is D1001, or with `nonFiniteAsString` the
    /// string JavaScript's `String` gives (`"Infinity"`, `"-Infinity"`, `"NaN"`), which is what
    /// AWS writes for one in a result (SPEC-NOTES.md §13.1, §13.3).
    func toJSON(nonFiniteAsString: Bool = false) throws -> JSON {
        switch self {
        case .null: return .null
        case .bool(let bool): return .bool(bool)
        case .number(let number):
            guard number.isFinite else {
                guard nonFiniteAsString else { throw EvalError(code: "D1001", value: self) }
                return .string(number.isNaN ? "NaN" : (number < 0 ? "-Infinity" : "Infinity"))
            }
            let text = jsNumberString(number)
            let isInteger = !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") })
            return .number(JSONNumber(uncheckedText: text, isInteger: isInteger))
        case .string(let string): return .string(string)
        case .function: return .string("")
        case .array(let array):
            return .array(try array.items.map { try $0.toJSON(nonFiniteAsString: nonFiniteAsString) })
        case .object(let object):
            var result = JSONObject()
            result.reserveCapacity(object.count)
            for (key, value) in object.entries {
                if case .function = value { continue }
                result.appendUnchecked(key: key, value: try value.toJSON(nonFiniteAsString: nonFiniteAsString))
            }
            return .object(result)
        }
    }

    /// The value of host JSON. Objects convert their members when first read (see ``JObject``).
    init(json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let number): self = .number(Self.double(number))
        case .string(let string): self = .string(string)
        case .array(let array): self = .array(JArray(array.map(Value.init(json:))))
        case .object(let object): self = .object(JObject(lazy: .json(object)))
        }
    }

    /// The value of a host binding (an object the host computes stays unconverted until read).
    init(binding: JSONata.Binding) {
        self = HostValue(binding).value
    }

    /// The nearest double to a JSON number. An integer literal that fits `Int64` converts
    /// through it (both conversions round to nearest, ties to even, so the result is the one
    /// `strtod` gives) without parsing the text as a decimal.
    static func double(_ number: JSONNumber) -> Double {
        // Zero falls through: "-0" is negative zero, which `Int64` cannot hold.
        if number.isInteger, number.text.utf8.count <= 18, let integer = Int64(number.text), integer != 0 {
            return Double(integer)
        }
        return number.doubleValue
    }
}
