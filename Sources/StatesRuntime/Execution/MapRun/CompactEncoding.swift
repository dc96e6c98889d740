import JSONCore

/// The map run's hot encodings, byte for byte what ``JSONCore/JSONWriter`` writes compactly but
/// without building what they measure or quote (SPEC-NOTES.md §17.5, §17.6: the batcher measures
/// every item, and a `NONE` results entry quotes each child's input and output as JSON text).
enum CompactEncoding {
    /// Containers nested deeper than this take the general (allocating) paths; the fast paths
    /// recurse, so this bounds their stack use.
    static let maximumFastDepth = 64

    /// `JSONWriter.compactBytes(value).count`, counted without writing.
    static func byteCount(_ value: JSON) -> Int {
        if let total = flatByteCount(value, depth: 0) { return total }
        var total = 0
        var pending: [JSON] = [value]
        while let next = pending.popLast() {
            switch next {
            case .null: total += 4
            case .bool(let flag): total += flag ? 4 : 5
            case .number(let number): total += number.text.utf8.count
            case .string(let text): total += stringByteCount(text)
            case .array(let elements):
                total += 2 + max(0, elements.count - 1)
                pending.append(contentsOf: elements)
            case .object(let object):
                // Braces, commas between members, a colon per member.
                total += 2 + max(0, object.count - 1) + object.count
                for key in object.keys { total += stringByteCount(key) }
                pending.append(contentsOf: object.values)
            }
        }
        return total
    }

    /// ``byteCount(_:)`` by recursion, without allocating; `nil` past ``maximumFastDepth``.
    private static func flatByteCount(_ value: JSON, depth: Int) -> Int? {
        switch value {
        case .null: return 4
        case .bool(let flag): return flag ? 4 : 5
        case .number(let number): return number.text.utf8.count
        case .string(let text): return stringByteCount(text)
        case .array(let elements):
            guard depth < maximumFastDepth else { return nil }
            var total = 2 + max(0, elements.count - 1)
            for element in elements {
                guard let count = flatByteCount(element, depth: depth + 1) else { return nil }
                total += count
            }
            return total
        case .object(let object):
            guard depth < maximumFastDepth else { return nil }
            var total = 2 + max(0, object.count - 1) + object.count
            for key in object.keys { total += stringByteCount(key) }
            for member in object.values {
                guard let count = flatByteCount(member, depth: depth + 1) else { return nil }
                total += count
            }
            return total
        }
    }

    /// The length of `text` quoted and escaped as ``JSONCore/JSONWriter`` escapes it.
    static func stringByteCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { utf8 in
            var total = 2 + utf8.count
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: total += 1
                default: total += 5
                }
            }
            return total
        }
    }

    /// Appends the compact JSON text `bytes` as a JSON string (quoted, escaped as
    /// ``JSONCore/JSONWriter`` escapes a string): what `JSONWriter.compactBytes(.string(text))`
    /// gives for the text `JSONWriter.compact(value)`.
    static func appendQuoted(_ bytes: [UInt8], to output: inout [UInt8]) {
        JSONWriter.appendQuoted(bytes, to: &output)
    }

    /// `JSONWriter.compactBytes(.string(JSONWriter.compact(value)))`: the value's compact text as
    /// a JSON string, in one pass that counts the bytes and one that writes them, with nothing
    /// written twice (the `Input`/`Output` of a `NONE` results entry).
    static func quotedCompactBytes(_ value: JSON) -> [UInt8] {
        guard let count = QuotedCompact.count(value, depth: 0) else {
            var output: [UInt8] = []
            JSONWriter.appendQuoted(JSONWriter.compactBytes(value), to: &output)
            return output
        }
        return [UInt8](unsafeUninitializedCapacity: count + 2) { buffer, initialized in
            guard let base = buffer.baseAddress else {
                initialized = 0
                return
            }
            var writer = QuotedCompact(base: base, position: 0)
            writer.put(UInt8(ascii: "\""))
            writer.write(value)
            writer.put(UInt8(ascii: "\""))
            initialized = writer.position
        }
    }

    /// ``WriterConfig/metadataEntry(_:)`` written compactly: the child's input is quoted once and
    /// its bytes reused for the output when the two are the same value (as after a Pass).
    static func metadataEntry(_ record: ChildExecutionRecord) -> [UInt8] {
        let input = quotedCompactBytes(record.input)
        let quotedOutput = record.output.map { $0 == record.input ? input : quotedCompactBytes($0) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count + (quotedOutput?.count ?? 0) + 700)
        func member(_ key: String, _ value: JSON, first: Bool = false) {
            if !first { output.append(UInt8(ascii: ",")) }
            output += JSONWriter.compactBytes(.string(key))
            output.append(UInt8(ascii: ":"))
            output += JSONWriter.compactBytes(value)
        }
        func quoted(_ key: String, _ bytes: [UInt8]) {
            output.append(UInt8(ascii: ","))
            output += JSONWriter.compactBytes(.string(key))
            output.append(UInt8(ascii: ":"))
            output += bytes
        }
        output.append(UInt8(ascii: "{"))
        var first = true
        if let cause = record.cause {
            member("Cause", .string(cause), first: true)
            first = false
        }
        if let error = record.error {
            member("Error", .string(error), first: first)
            first = false
        }
        member("ExecutionArn", .string(record.executionArn), first: first)
        quoted("Input", input)
        member("InputDetails", ["Included": true])
        member("Name", .string(record.name))
        if let quotedOutput {
            quoted("Output", quotedOutput)
            member("OutputDetails", ["Included": true])
        }
        member("RedriveCount", 0)
        if record.status == .succeeded {
            member("RedriveStatus", "NOT_REDRIVABLE")
            member("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven")
        } else {
            member("RedriveStatus", "REDRIVABLE_BY_MAP_RUN")
        }
        member("StartDate", .string(Timestamp.format(record.startDate)))
        member("StateMachineArn", .string(record.stateMachineArn))
        member("Status", .string(record.status.rawValue))
        member("StopDate", .string(Timestamp.format(record.stopDate)))
        output.append(UInt8(ascii: "}"))
        return output
    }
}

/// A value's compact JSON text escaped as the contents of a JSON string, written through a
/// pointer into storage of the exact size ``count(_:depth:)`` gives: structure, numbers and
/// literals escaped once (only `"` and `\` could need it), the text of strings twice (once as
/// ``JSONCore/JSONWriter`` escapes a string, once more for the enclosing string).
private struct QuotedCompact {
    let base: UnsafeMutablePointer<UInt8>
    var position: Int

    /// The bytes ``write(_:)`` writes, or `nil` past ``CompactEncoding/maximumFastDepth``.
    static func count(_ value: JSON, depth: Int) -> Int? {
        switch value {
        case .null: return 4
        case .bool(let flag): return flag ? 4 : 5
        case .number(let number): return onceCount(number.text)
        case .string(let text): return twiceCount(text)
        case .array(let elements):
            guard depth < CompactEncoding.maximumFastDepth else { return nil }
            var total = 2 + max(0, elements.count - 1)
            for element in elements {
                guard let count = count(element, depth: depth + 1) else { return nil }
                total += count
            }
            return total
        case .object(let object):
            guard depth < CompactEncoding.maximumFastDepth else { return nil }
            var total = 2 + max(0, object.count - 1) + object.count
            for key in object.keys { total += twiceCount(key) }
            for member in object.values {
                guard let count = count(member, depth: depth + 1) else { return nil }
                total += count
            }
            return total
        }
    }

    /// The length of `text` escaped once (as ``JSONCore/JSONWriter/appendQuoted(_:to:)``
    /// escapes, without the quotes).
    private static func onceCount(_ text: String) -> Int {
        var total = 0
        for byte in text.utf8 { total += onceWidth(byte) }
        return total
    }

    private static func onceWidth(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: 2
        case 0..<0x20: 6
        default: 1
        }
    }

    /// The length of `text` written as a JSON string and that escaped again: its quotes `\"`,
    /// and per byte `\\\"`, `\\\\`, `\\n` or `\\u00XX`.
    private static func twiceCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { utf8 in
            var total = 4 + utf8.count
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): total += 3
                case 0x08, 0x09, 0x0A, 0x0C, 0x0D: total += 2
                default: total += 6
                }
            }
            return total
        }
    }

    mutating func put(_ byte: UInt8) {
        base[position] = byte
        position += 1
    }

    /// Writes `value` (its nesting already checked by ``count(_:depth:)``).
    mutating func write(_ value: JSON) {
        switch value {
        case .null: putASCII("null")
        case .bool(let flag): putASCII(flag ? "true" : "false")
        case .number(let number): putOnce(number.text)
        case .string(let text): putTwice(text)
        case .array(let elements):
            put(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { put(UInt8(ascii: ",")) }
                write(element)
            }
            put(UInt8(ascii: "]"))
        case .object(let object):
            put(UInt8(ascii: "{"))
            let keys = object.keys
            let values = object.values
            for offset in keys.indices {
                if offset > 0 { put(UInt8(ascii: ",")) }
                putTwice(keys[offset])
                put(UInt8(ascii: ":"))
                write(values[offset])
            }
            put(UInt8(ascii: "}"))
        }
    }

    private mutating func putASCII(_ text: StaticString) {
        text.withUTF8Buffer { for byte in $0 { put(byte) } }
    }

    private mutating func putOnce(_ text: String) {
        for byte in text.utf8 { putEscaped(byte, backslashes: 1) }
    }

    private mutating func putTwice(_ text: String) {
        put(UInt8(ascii: "\\"))
        put(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            for byte in utf8 {
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    put(byte)
                } else {
                    // Escaped once as `\x`, then the `\` (and a `"` or `\`) escaped again.
                    putEscaped(byte, backslashes: 2)
                }
            }
        }
        put(UInt8(ascii: "\\"))
        put(UInt8(ascii: "\""))
    }

    /// `byte` as the writer escapes it, its escaping backslash written `backslashes` times
    /// (1: `\n`, `\"`; 2: `\\n`, and `\\\"`/`\\\\` for a quote or backslash, which the second
    /// escaping also escapes).
    private mutating func putEscaped(_ byte: UInt8, backslashes: Int) {
        let letter: UInt8
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            for _ in 0..<backslashes { put(UInt8(ascii: "\\")) }
            if backslashes == 2 { put(UInt8(ascii: "\\")) }
            put(byte)
            return
        case 0x08: letter = UInt8(ascii: "b")
        case 0x09: letter = UInt8(ascii: "t")
        case 0x0A: letter = UInt8(ascii: "n")
        case 0x0C: letter = UInt8(ascii: "f")
        case 0x0D: letter = UInt8(ascii: "r")
        case 0..<0x20:
            for _ in 0..<backslashes { put(UInt8(ascii: "\\")) }
            put(UInt8(ascii: "u"))
            put(UInt8(ascii: "0"))
            put(UInt8(ascii: "0"))
            put(Self.hexDigits[Int(byte >> 4)])
            put(Self.hexDigits[Int(byte & 0x0F)])
            return
        default:
            put(byte)
            return
        }
        for _ in 0..<backslashes { put(UInt8(ascii: "\\")) }
        put(letter)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}

extension WriterConfig {
    /// ``entries(for:)`` written compactly, one byte array per entry.
    func encodedEntries(for record: ChildExecutionRecord) -> [[UInt8]] {
        guard record.status == .succeeded, transformation != .none, let output = record.output else {
            return [CompactEncoding.metadataEntry(record)]
        }
        if transformation == .flatten, case .array(let elements) = output {
            return elements.map(JSONWriter.compactBytes)
        }
        return [JSONWriter.compactBytes(output)]
    }
}
