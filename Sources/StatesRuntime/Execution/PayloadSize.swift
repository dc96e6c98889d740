import JSONCore

/// The size of a value's compact JSON text in UTF-8 bytes, as ``JSONCore/JSONWriter`` would write
/// it, computed without writing it and stopping as soon as a limit is passed.
///
/// Source: AWS developer guide, "Step Functions service quotas": 256 KiB (262,144 bytes) per
/// input, output or result, measured as UTF-8 bytes of the JSON text.
enum PayloadSize {
    /// Whether `value`'s compact JSON is longer than `limit` bytes.
    static func exceeds(_ value: JSON, limit: Int) -> Bool {
        var remaining = limit
        return !fits(value, &remaining)
    }

    /// Whether the variables after an `Assign` (those of `variables` not reassigned, then
    /// `assigned`), written as one JSON object, are longer than `limit` bytes.
    static func exceeds(variables: [CodeUnitString: JSON], assigning assigned: JSONObject, limit: Int) -> Bool {
        var remaining = limit - 2
        var count = 0
        func member(_ name: String, _ value: JSON) -> Bool {
            remaining -= stringSize(name) + 1 + (count > 0 ? 1 : 0)
            count += 1
            return remaining >= 0 && fits(value, &remaining)
        }
        for (name, value) in variables where !assigned.contains(name.string) {
            if !member(name.string, value) { return true }
        }
        for (name, value) in assigned where !member(name, value) { return true }
        return remaining < 0
    }

    /// Subtracts `value`'s size from `remaining`; `false` once it goes below zero.
    private static func fits(_ value: JSON, _ remaining: inout Int) -> Bool {
        switch value {
        case .null: remaining -= 4
        case .bool(let flag): remaining -= flag ? 4 : 5
        case .number(let number): remaining -= number.text.utf8.count
        case .string(let text): remaining -= stringSize(text)
        case .array(let elements):
            remaining -= 2 + max(0, elements.count - 1)
            for element in elements where !fits(element, &remaining) { return false }
        case .object(let object):
            remaining -= 2 + max(0, object.count - 1)
            for (key, member) in object {
                remaining -= stringSize(key) + 1
                if remaining < 0 || !fits(member, &remaining) { return false }
            }
        }
        return remaining >= 0
    }

    /// Quotes plus each byte, escapes counted at their written length.
    static func stringSize(_ text: String) -> Int {
        var size = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: size += 2
            case 0x00..<0x20: size += 6
            default: size += 1
            }
        }
        return size
    }
}
