import JSONCore

/// Writes the documents the JSON and SARIF renderers build.
///
/// Rationale: a small local writer so rendering does not wait on JSONCore's `JSONWriter`; it
/// writes objects in insertion order, escapes per RFC 8259 (`"`, `\`, control characters) and
/// leaves other characters as UTF-8.
enum RenderingJSONWriter {
    static func write(_ value: JSON, pretty: Bool) -> String {
        var output = ""
        write(value, into: &output, pretty: pretty, depth: 0)
        return output
    }

    private static func write(_ value: JSON, into output: inout String, pretty: Bool, depth: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += number.text
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                newline(&output, pretty: pretty, depth: depth + 1)
                write(element, into: &output, pretty: pretty, depth: depth + 1)
            }
            newline(&output, pretty: pretty, depth: depth)
            output += "]"
        case .object(let object):
            guard !object.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (position, member) in object.enumerated() {
                if position > 0 { output += "," }
                newline(&output, pretty: pretty, depth: depth + 1)
                writeString(member.key, into: &output)
                output += pretty ? ": " : ":"
                write(member.value, into: &output, pretty: pretty, depth: depth + 1)
            }
            newline(&output, pretty: pretty, depth: depth)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, pretty: Bool, depth: Int) {
        guard pretty else { return }
        output += "\n"
        output += String(repeating: "  ", count: depth)
    }

    private static func writeString(_ string: String, into output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
