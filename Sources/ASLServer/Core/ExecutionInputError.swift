internal import JSONCore

/// The detail of `InvalidExecutionInput` in the words of AWS's JSON parser (Jackson), for the
/// mistakes whose text was recorded or follows the same parser's pattern:
///
///     ""                → Invalid execution input.
///     not some json     → Unrecognized token 'not': was expecting (JSON String, Number, Array, Object
///                         or token 'null', 'true' or 'false')
///     {'not': 'json'    → Unexpected character (''' (code 39)): was expecting double-quote to start
///                         field name
///
/// Source: LocalStack `v2/test_sfn_api.snapshot.json`, `test_invalid_start_execution_input`
/// (recorded on AWS). Other mistakes (a value at a separator, a missing colon) follow Jackson's
/// texts for those cases (believed, not recorded); anything else falls back to our reader's
/// message and offset (SPEC-NOTES.md §18.2).
enum ExecutionInputError {
    static func detail(_ error: JSONSyntaxError, in bytes: [UInt8]) -> String {
        switch error.kind {
        case .emptyInput:
            return "Invalid execution input."
        case .unexpectedCharacter(let byte, let expected):
            let offset = min(max(0, error.offset), bytes.count)
            let isIdentifier = isIdentifierPart(byte)
            if expected == "a value" || ["'null'", "'true'", "'false'"].contains(expected) {
                if isIdentifier { return unrecognizedToken(around: offset, in: bytes) }
                return unexpected(byte)
                    + " expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
            }
            if expected == "a string key" {
                return unexpected(byte) + " was expecting double-quote to start field name"
            }
            if expected == "',' or '}'" { return unexpected(byte) + " was expecting comma to separate Object entries" }
            if expected == "',' or ']'" { return unexpected(byte) + " was expecting comma to separate Array entries" }
            if expected.hasPrefix("':'") {
                return unexpected(byte) + " was expecting a colon to separate field name and value"
            }
            return "\(error.message) at offset \(error.offset)"
        default:
            return "\(error.message) at offset \(error.offset)"
        }
    }

    /// `Unexpected character ('x' (code 120)):` (ASCII; other bytes are shown by their code only).
    private static func unexpected(_ byte: UInt8) -> String {
        let shown = byte < 0x80 ? String(UnicodeScalar(byte)) : "?"
        return "Unexpected character ('\(shown)' (code \(byte))):"
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x5F || byte == 0x24
    }

    /// Jackson reads the whole word it could not match: `nul1` and `not` are both named whole.
    private static func unrecognizedToken(around offset: Int, in bytes: [UInt8]) -> String {
        var start = min(offset, bytes.count)
        while start > 0, isIdentifierPart(bytes[start - 1]) { start -= 1 }
        var end = start
        while end < bytes.count, isIdentifierPart(bytes[end]) { end += 1 }
        let token = String(decoding: bytes[start..<end], as: UTF8.self)
        return "Unrecognized token '\(token)': was expecting (JSON String, Number, Array, Object or token 'null', "
            + "'true' or 'false')"
    }
}
