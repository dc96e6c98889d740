import Foundation
import JSONCore
import StatesLanguage

/// How Java, and so AWS's Jayway JsonPath on Jackson, writes values into messages and results.
///
/// AWS evaluates paths with Jayway JsonPath over Jackson `JsonNode`s (evidence: an out-of-range
/// index selects `null`, which only the Jackson node provider does; see
/// SPEC-NOTES.md §5.3). Path functions return Java `Double`s, written as Java writes them:
///
///     JavaText.double(6)        // "6.0"
///     JavaText.double(1e7)      // "1.0E7"
///     JavaText.double(0.001)    // "0.001"
///     JavaText.double(0.0001)   // "1.0E-4"
enum JavaText {
    /// The provider class Jayway names in "not a json object" messages.
    static let providerClass = "com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider"

    /// `Double.toString(d)` (shortest digits that round-trip, as Java 19+ prints them).
    static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        var (digits, point) = shortestDigits(of: value.magnitude)
        if digits.count == 1 {
            // Java 19+ `Double.toString`: when one digit suffices, the closest two-digit decimal
            // that still rounds to the value is written instead (Double.MIN_VALUE is 4.9E-324).
            let twoDigits = String(format: "%.1e", value.magnitude)
            if Double(twoDigits) == value.magnitude {
                (digits, point) = shortestDigits(of: twoDigits)
            }
        }
        let sign = value < 0 ? "-" : ""
        let exponent = point - 1
        if exponent >= -3 && exponent < 7 {
            if point <= 0 {
                return sign + "0." + String(repeating: "0", count: -point) + digits
            }
            if point >= digits.count {
                return sign + digits + String(repeating: "0", count: point - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: point)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let first = digits.prefix(1)
        let rest = digits.dropFirst()
        return sign + first + "." + (rest.isEmpty ? "0" : rest) + "E" + String(exponent)
    }

    /// Shortest round-trip decimal digits of a positive finite double and the position of the
    /// decimal point: the value is `0.digits × 10^point`.
    static func shortestDigits(of value: Double) -> (digits: String, point: Int) {
        shortestDigits(of: value.description)
    }

    /// Digits and point position of a decimal text such as `1.5e-7` or `120.0`.
    static func shortestDigits(of text: String) -> (digits: String, point: Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        let integerLength = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
        var digits = mantissa.filter { $0 != "." }
        var point = (integerLength ?? mantissa.count) + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits.isEmpty ? "0" : digits, point)
    }

    /// The Java class of the value Jayway hands around for `value` (Jackson nodes unwrapped):
    /// used in "Expected to find an object … but found 'java.lang.String'".
    static func className(of value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "java.lang.Boolean"
        case .string: return "java.lang.String"
        case .array: return "com.fasterxml.jackson.databind.node.ArrayNode"
        case .object: return "com.fasterxml.jackson.databind.node.ObjectNode"
        case .number(let number):
            guard number.isInteger else { return "java.lang.Double" }
            guard let whole = number.int64Value else { return "java.math.BigInteger" }
            return Int32(exactly: whole) != nil ? "java.lang.Integer" : "java.lang.Long"
        }
    }

    /// `model.toString()` as Jayway prints a context in "Current context is: …".
    static func modelText(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .string(let text): return text
        case .number(let number): return javaNumber(number).text
        case .array, .object: return JSONWriter.compact(value)
        }
    }

    /// The number Jackson reads for a JSON number: integers exactly (`Integer`, `Long`,
    /// `BigInteger`), decimals as the nearest `Double`.
    static func javaNumber(_ number: JSONNumber) -> JSONNumber {
        if number.isInteger {
            if number.text == "-0" { return JSONNumber(0) }
            return number
        }
        let text = double(number.doubleValue)
        return JSONNumber(text: text) ?? JSONNumber(uncheckedText: text, isInteger: false)
    }

    // MARK: Path text

    /// Jayway's normalized form of a path, as its messages print it: `$['a'][0][*]..['b'][?]`.
    static func path(_ segments: some Collection<PathSegment>) -> String {
        var text = "$"
        for segment in segments { text += fragment(segment) }
        return text
    }

    /// One segment in Jayway's normalized form.
    static func fragment(_ segment: PathSegment) -> String {
        switch segment {
        case .name(let name): return "['" + name + "']"
        case .index(let index): return "[" + String(index) + "]"
        case .wildcard: return "[*]"
        case .slice(let start, let end, let step):
            var text = "[" + (start.map(String.init) ?? "") + ":" + (end.map(String.init) ?? "")
            if let step { text += ":" + String(step) }
            return text + "]"
        case .union(let members):
            if members.allSatisfy({ if case .name = $0 { true } else { false } }) {
                let names = members.compactMap { if case .name(let name) = $0 { name } else { nil } }
                return "[" + names.map { "'" + $0 + "'" }.joined(separator: ",") + "]"
            }
            let parts = members.map { member -> String in
                let text = fragment(member)
                return String(text.dropFirst().dropLast())
            }
            return "[" + parts.joined(separator: ",") + "]"
        case .recursiveDescent(let inner):
            return ".." + fragment(inner)
        case .filter: return "[?]"
        case .function(let name, _): return "." + name + "()"
        }
    }
}
