internal import Foundation
internal import JSONCore
internal import StatesRuntime

/// ARNs as AWS forms them, and the names they carry.
///
///     arn:aws:states:us-east-1:123456789012:stateMachine:Orders
///     arn:aws:states:us-east-1:123456789012:execution:Orders:run-1
///     arn:aws:states:us-east-1:123456789012:express:Orders:run-1:<uuid>
struct StatesARN: Sendable, Hashable {
    var region: String
    var account: String
    /// `stateMachine`, `execution`, `express`, `activity`, …
    var resourceType: String
    /// What follows the resource type, split at `:`.
    var parts: [String]

    /// Parses `text`, or throws AWS's `InvalidArn`.
    static func parse(_ text: String) throws(ServiceError) -> StatesARN {
        guard text.hasPrefix("arn:") else { throw .invalidArn("Invalid ARN prefix: \(text)") }
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 7, fields[2] == "states", !fields[5].isEmpty else {
            throw .invalidArn("Invalid ARN: \(text)")
        }
        return StatesARN(
            region: fields[3], account: fields[4], resourceType: fields[5], parts: Array(fields[6...]))
    }

    /// Parses `text` and checks that it names a resource of `type`.
    static func parse(_ text: String, expecting type: String) throws(ServiceError) -> StatesARN {
        let arn = try parse(text)
        guard arn.resourceType == type else {
            throw .invalidArn("Resource type not valid in this context: \(arn.resourceType.lowercased())")
        }
        return arn
    }
}

enum CoreNames {
    /// Characters AWS refuses in state machine and execution names (API reference,
    /// CreateStateMachine `name`): whitespace, brackets, wildcards, special characters.
    private static let forbidden: Set<Character> = [
        " ", "<", ">", "{", "}", "[", "]", "?", "*", "\"", "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";",
        ":", "/",
    ]

    /// Whether AWS accepts `name` for a state machine or an execution: 1 to 80 characters
    /// (counted as Java counts them, in UTF-16 units), none forbidden, no control character
    /// (U+0000–U+001F, U+007F–U+009F) and no other whitespace.
    static func isValid(_ name: String) -> Bool {
        let length = name.utf16.count
        guard length >= 1, length <= 80 else { return false }
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F) { return false }
            if scalar.properties.isWhitespace { return false }
        }
        return !name.contains(where: { forbidden.contains($0) })
    }

    /// A version 4 UUID in lowercase, drawn from `random`.
    static func uuid(using random: inout RandomSource) -> String {
        var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte -> String in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-"
            + hex[8..<10].joined() + "-" + hex[10..<16].joined()
    }

    /// The seed of the execution `name`: the configured seed mixed with the name's FNV-1a hash,
    /// so the same name under the same seed always draws the same numbers.
    static func seed(_ base: UInt64, name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var mixed = base ^ hash
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }
}

/// Instants on the wire and on disk.
enum CoreTime {
    /// Milliseconds since 1970 (what the records store, exactly).
    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        guard value.isFinite, abs(value) < 9.0e15 else { return 0 }
        return Int64(value)
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The JSON protocol's timestamp: seconds since 1970 with three decimals (`1709720954.123`).
    static func wire(_ date: Date) -> JSON {
        let total = milliseconds(date)
        let magnitude = total.magnitude
        let fraction = String(magnitude % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        let text = (total < 0 ? "-" : "") + String(magnitude / 1000) + "." + padded
        return .number(JSONNumber(uncheckedText: text, isInteger: false))
    }
}
