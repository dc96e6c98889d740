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

    /// `Double.toString(d)`: ``StatesLanguage/JavaDouble``.
    static func double(_ value: Double) -> String { JavaDouble.string(value) }

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
        case .fromEnd(let minus): return "[@.size()-" + String(minus) + "]"
        case .wildcard: return "[*]"
        case .slice(let start, let end, let step):
            var text = "[" + (start.map(String.init) ?? "") + ":" + (end.map(String.init) ?? "")
            if let step { text += ":" + String(step) }
            return text + "]"
        case .union(let members):
            if members.allSatisfy({ if case .name = $0 { true } else { false } }) {
                let names = members.compactMap { if case .name(let name) = $0 { name } else { nil } }
                return "[" + names.map { "'" + $0 + "'" }.joined(separator: ", ") + "]"
            }
            let parts = members.map { member -> String in
                let text = fragment(member)
                return String(text.dropFirst().dropLast())
            }
            return "[" + parts.joined(separator: ",") + "]"
        case .recursiveDescent(let inner):
            return ".." + fragment(inner)
        case .filter: return "[?]"
        case .function(let name, let arguments): return "['" + PathSegment.functionMemberName(name, arguments) + "']"
        }
    }
}
