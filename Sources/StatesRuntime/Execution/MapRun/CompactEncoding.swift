import JSONCore

/// The map run's hot encodings, byte for byte what ``JSONCore/JSONWriter`` writes compactly but
/// without building what they measure or quote (SPEC-NOTES.md §17.5: the batcher measures every
/// item, and a `NONE` results entry quotes each child's input and output as JSON text).
enum CompactEncoding {
    /// `JSONWriter.compactBytes(value).count`, counted without writing.
    static func byteCount(_ value: JSON) -> Int {
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

    /// The length of `text` quoted and escaped as ``JSONCore/JSONWriter`` escapes it.
    static func stringByteCount(_ text: String) -> Int {
        var total = 2
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                total += 2
            } else if byte < 0x20 {
                switch byte {
                case 0x08, 0x09, 0x0A, 0x0C, 0x0D: total += 2
                default: total += 6
                }
            } else {
                total += 1
            }
        }
        return total
    }

    /// Appends the compact JSON text `bytes` as a JSON string (quoted, escaped as
    /// ``JSONCore/JSONWriter`` escapes a string): what `JSONWriter.compactBytes(.string(text))`
    /// gives for the text `JSONWriter.compact(value)`.
    static func appendQuoted(_ bytes: [UInt8], to output: inout [UInt8]) {
        JSONWriter.appendQuoted(bytes, to: &output)
    }

    /// ``WriterConfig/metadataEntry(_:)`` written compactly: the child's input and output are
    /// written once each (once in all when they are the same value) and quoted as they are.
    static func metadataEntry(_ record: ChildExecutionRecord) -> [UInt8] {
        let input = JSONWriter.compactBytes(record.input)
        var output: [UInt8] = []
        output.reserveCapacity(2 * input.count + 600)
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
            appendQuoted(bytes, to: &output)
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
        if let value = record.output {
            quoted("Output", value == record.input ? input : JSONWriter.compactBytes(value))
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
