/// Writes `JSON` as text the way AWS Step Functions does, compact or indented.
///
/// Numbers are written as their literal text, object members in the object's order, and strings
/// escaped like Jackson's default `JsonGenerator` (see SPEC-NOTES.md §1, "Writing: string escaping"): `"` and `\`
/// escaped, U+0008/09/0A/0C/0D as `\b \t \n \f \r`, other controls below U+0020 as `\u00XX` with
/// uppercase hex, `/` and everything from U+007F up written as is (raw UTF-8).
///
///     JSONWriter.compact(["a": [1, "x\ty"]])   // {"a":[1,"x\ty"]}
///     JSONWriter.pretty(["a": [1, [:]]])
///     // {
///     //   "a": [
///     //     1,
///     //     {}
///     //   ]
///     // }
///
/// The writer walks the value with an explicit stack, so any depth is safe.
public struct JSONWriter: Sendable {
    /// Spaces per nesting level; `nil` writes the compact form.
    public var indent: Int?

    /// A writer producing the compact form (`indent == nil`) or the indented one.
    public init(indent: Int? = nil) {
        self.indent = indent
    }

    /// `value` without any whitespace: `{"a":[1,2]}`.
    public static func compact(_ value: JSON) -> String {
        JSONWriter().string(value)
    }

    /// `value` indented like `JSON.stringify(value, null, indent)`: one member per line,
    /// `"key": value`, empty containers as `{}` and `[]`.
    public static func pretty(_ value: JSON, indent: Int = 2) -> String {
        JSONWriter(indent: indent).string(value)
    }

    /// The UTF-8 bytes of ``compact(_:)``.
    public static func compactBytes(_ value: JSON) -> [UInt8] {
        JSONWriter().bytes(value)
    }

    /// The UTF-8 bytes of ``pretty(_:indent:)``.
    public static func prettyBytes(_ value: JSON, indent: Int = 2) -> [UInt8] {
        JSONWriter(indent: indent).bytes(value)
    }

    /// The text of `value` in this writer's form.
    public func string(_ value: JSON) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The UTF-8 bytes of `value` in this writer's form.
    public func bytes(_ value: JSON) -> [UInt8] {
        var output: [UInt8] = []
        write(value, to: &output)
        return output
    }

    /// Appends the UTF-8 bytes of `value` to `output`.
    public func write(_ value: JSON, to output: inout [UInt8]) {
        var stack: [Level] = []
        var next: JSON? = value
        while true {
            if let current = next {
                next = nil
                switch current {
                case .null: output.append(contentsOf: Self.nullBytes)
                case .bool(let flag): output.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
                case .number(let number): output.append(contentsOf: number.text.utf8)
                case .string(let text): Self.writeString(text, to: &output)
                case .array(let elements):
                    if elements.isEmpty {
                        output.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
                    } else {
                        output.append(UInt8(ascii: "["))
                        stack.append(.array(elements, 0))
                        newline(depth: stack.count, to: &output)
                        next = elements[0]
                        continue
                    }
                case .object(let object):
                    if object.isEmpty {
                        output.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
                    } else {
                        output.append(UInt8(ascii: "{"))
                        stack.append(.object(object, 0))
                        newline(depth: stack.count, to: &output)
                        writeKey(object.keys[0], to: &output)
                        next = object.values[0]
                        continue
                    }
                }
            }
            // A value is complete: move to its next sibling, closing finished containers.
            guard let top = stack.popLast() else { return }
            switch top {
            case .array(let elements, let position):
                if position + 1 < elements.count {
                    output.append(UInt8(ascii: ","))
                    stack.append(.array(elements, position + 1))
                    newline(depth: stack.count, to: &output)
                    next = elements[position + 1]
                } else {
                    newline(depth: stack.count, to: &output)
                    output.append(UInt8(ascii: "]"))
                }
            case .object(let object, let position):
                if position + 1 < object.count {
                    output.append(UInt8(ascii: ","))
                    stack.append(.object(object, position + 1))
                    newline(depth: stack.count, to: &output)
                    writeKey(object.keys[position + 1], to: &output)
                    next = object.values[position + 1]
                } else {
                    newline(depth: stack.count, to: &output)
                    output.append(UInt8(ascii: "}"))
                }
            }
        }
    }

    /// An open container and the position of the member being written.
    private enum Level {
        case array([JSON], Int)
        case object(JSONObject, Int)
    }

    private static let nullBytes: [UInt8] = Array("null".utf8)
    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    private func newline(depth: Int, to output: inout [UInt8]) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, indent) * depth))
    }

    private func writeKey(_ key: String, to output: inout [UInt8]) {
        Self.writeString(key, to: &output)
        output.append(UInt8(ascii: ":"))
        if indent != nil { output.append(UInt8(ascii: " ")) }
    }

    /// Appends `text` quoted and escaped (Jackson's default escaping).
    static func writeString(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0, to: &output) }
    }

    /// Appends the UTF-8 text `bytes` as a JSON string, quoted and escaped exactly as the writer
    /// writes a string (Jackson's default escaping): for callers that hold text as bytes.
    public static func appendQuoted(_ bytes: [UInt8], to output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendQuoted(utf8: $0, to: &output) }
    }

    private static func appendQuoted(utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        for position in utf8.indices {
            let byte = utf8[position]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
            runStart = position + 1
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x09: output.append(UInt8(ascii: "t"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            default:
                output.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
