import JSONCore
import LocalAWS

extension EventScanner {
    /// Reads a line with the general JSONCore reader (strict RFC 8259, repeated keys keep the
    /// last value) and records its fields in the scratch buffer.
    ///
    /// Field values are taken as Spark's JSON reader does for a column it infers as string:
    /// strings as they are, `null` or absent as null, numbers as their literal text, booleans as
    /// `true`/`false`, arrays and objects as compact JSON. `geo` contributes `ip`, `country` and
    /// `city` when it is an object; otherwise they are null.
    mutating func scanGeneral(_ line: UnsafeBufferPointer<UInt8>) -> ScanOutcome {
        reset()
        let options = JSONReader.Options(duplicateKeys: .keepLast, recordsSourceMap: false)
        guard let document = try? JSONReader.read(Array(line), options: options),
            case .object(let object) = document.value
        else { return .malformed }
        for (name, field) in zip(EventField.names, EventField.allCases) where field.rawValue < EventField.ip.rawValue {
            fields[field.rawValue] = record(object[name])
        }
        if case .object(let geo)? = object["geo"] {
            fields[EventField.ip.rawValue] = record(geo["ip"])
            fields[EventField.country.rawValue] = record(geo["country"])
            fields[EventField.city.rawValue] = record(geo["city"])
        }
        guard case .string? = object["event_time"] else { return .dropped }
        time = record(object["event_time"])
        return timeOutcome(line)
    }

    private mutating func record(_ value: JSON?) -> FieldSlot {
        let start = scratch.count
        switch value {
        case nil, .null?: return FieldSlot()
        case .string(let text)?: scratch.append(contentsOf: text.utf8)
        case .number(let number)?: scratch.append(contentsOf: number.text.utf8)
        case .bool(let flag)?: scratch.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array?, .object?:
            if let value { JSONWriter().write(value, to: &scratch) }
        }
        return FieldSlot(source: .scratch, start: start, end: scratch.count)
    }
}
