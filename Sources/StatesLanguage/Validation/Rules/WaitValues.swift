import JSONCore

/// ASL-E214: a Wait `Seconds` literal that is negative or above 99999999, or a `Timestamp`
/// literal that is not an RFC 3339 date-time with an uppercase `T` and an uppercase `Z` (or a
/// numeric offset).
///
/// Source: ASL spec, "Wait State" and "Timestamps" ("an uppercase T must separate the date and
/// time portions, and an uppercase Z must denote that a numeric time zone offset is not
/// present"); AWS language-service schema allows Seconds 0…99999999 and types Timestamp as a
/// `date-time`. A timestamp wrong only in the case of its `t`/`z` (RFC 3339 allows lowercase)
/// is ASL-W209: the uppercase rule is the spec's alone (SPEC-NOTES §4).
enum WaitValues: ValidationRule {
    static let maximumSeconds: Int64 = 99_999_999

    static let description = RuleDescription(
        id: "ASL-E214", severity: .error,
        summary: "Wait Seconds must be 0…99999999; Timestamp must be RFC 3339 with uppercase T and Z",
        source: "ASL spec, \"Wait State\", \"Timestamps\"")
    static let targets: [RuleTarget] = [.state(.wait)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .wait(let wait) = state else { return }
        let pointer = state.pointer
        switch wait.duration {
        case .seconds(.literal(let value)) where value < 0 || value > maximumSeconds:
            diagnostics.append(diagnostic(secondsMessage(state.name, value), at: pointer / "Seconds"))
        case .timestamp(.literal(let literal))
        where !isTimestamp(literal.text) && !isTimestamp(uppercasingTAndZ(literal.text)):
            diagnostics.append(
                diagnostic(
                    timestampMessage(state.name, literal.text), at: pointer / "Timestamp",
                    fixIt: "write it like \"2016-08-18T17:33:00Z\" or \"2016-08-18T17:33:00+02:00\""))
        default:
            break
        }
    }

    /// `text` with a lowercase `t` separator (10th byte) and a trailing lowercase `z` uppercased.
    static func uppercasingTAndZ(_ text: String) -> String {
        var bytes = Array(text.utf8)
        if bytes.count > 10, bytes[10] == UInt8(ascii: "t") { bytes[10] = UInt8(ascii: "T") }
        if let last = bytes.indices.last, bytes[last] == UInt8(ascii: "z") { bytes[last] = UInt8(ascii: "Z") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, fields in range, `T` and `Z` uppercase.
    static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        guard number(0, 4) != nil, byte(4) == UInt8(ascii: "-"), let month = number(5, 2), byte(7) == UInt8(ascii: "-"),
            let day = number(8, 2), byte(10) == UInt8(ascii: "T"), let hour = number(11, 2),
            byte(13) == UInt8(ascii: ":"), let minute = number(14, 2), byte(16) == UInt8(ascii: ":"),
            let second = number(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second <= 60
        else { return false }
        var index = 19
        if byte(index) == UInt8(ascii: ".") {
            index += 1
            let start = index
            while let digit = byte(index), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") { index += 1 }
            guard index > start else { return false }
        }
        if byte(index) == UInt8(ascii: "Z") { return index + 1 == bytes.count }
        guard let sign = byte(index), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            let offsetHour = number(index + 1, 2), byte(index + 3) == UInt8(ascii: ":"),
            let offsetMinute = number(index + 4, 2), offsetHour < 24, offsetMinute < 60
        else { return false }
        return index + 6 == bytes.count
    }
}

extension WaitValues {
    fileprivate static func secondsMessage(_ state: String, _ value: Int64) -> String {
        "Seconds \(value) of Wait state \(DiagnosticText.quoted(state)) is out of range: it must be 0 to \(maximumSeconds)"
    }

    fileprivate static func timestampMessage(_ state: String, _ text: String) -> String {
        "Timestamp \(DiagnosticText.quoted(text)) of Wait state \(DiagnosticText.quoted(state)) is not an RFC 3339 date-time with an uppercase T "
            + "between date and time and an uppercase Z or a numeric offset"
    }
}
