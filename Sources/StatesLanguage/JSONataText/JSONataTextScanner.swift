/// Checks JSONata text without parsing it: brackets `()`, `[]`, `{}` balance and nest properly,
/// string literals (`"…"`, `'…'`, with backslash escapes), backtick names and `/* */` comments
/// close. Regular-expression literals (`/…/flags`, where an operand may start) are skipped so
/// their brackets are not counted. The JSONata target parses the text properly later.
struct JSONataTextScanner {
    let bytes: [UInt8]
    let start: Int
    let end: Int

    func check() throws(JSONataSyntaxError) {
        var open: [(byte: UInt8, offset: Int)] = []
        var index = start
        /// The last byte that was not blank or part of a comment; decides whether `/` starts a regex.
        var previous: UInt8?
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append((byte, index))
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard let last = open.popLast() else {
                    throw JSONataSyntaxError(message: "unexpected '\(Character(Unicode.Scalar(byte)))'", offset: index)
                }
                guard Self.closer(of: last.byte) == byte else {
                    throw JSONataSyntaxError(
                        message:
                            "'\(Character(Unicode.Scalar(byte)))' does not match the '\(Character(Unicode.Scalar(last.byte)))' at column \(last.offset + 1)",
                        offset: index)
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                index = try skipQuoted(from: index, quote: byte, what: byte == UInt8(ascii: "`") ? "name" : "string")
                previous = byte
                continue
            case UInt8(ascii: "/"):
                if index + 1 < end, bytes[index + 1] == UInt8(ascii: "*") {
                    index = try skipComment(from: index)
                    continue
                }
                if Self.regexMayFollow(previous) {
                    index = try skipRegex(from: index)
                    previous = UInt8(ascii: "/")
                    continue
                }
            default:
                break
            }
            if !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) { previous = byte }
            index += 1
        }
        if let last = open.last {
            throw JSONataSyntaxError(
                message: "unclosed '\(Character(Unicode.Scalar(last.byte)))'", offset: last.offset)
        }
    }

    private static func closer(of byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "("): UInt8(ascii: ")")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        default: UInt8(ascii: "}")
        }
    }

    /// A `/` starts a regular expression where an operand is expected: at the start, or after an
    /// opening bracket, a separator or an operator character.
    private static func regexMayFollow(_ previous: UInt8?) -> Bool {
        guard let previous else { return true }
        return "([{,:;?&=<>+-*/%|!~^".utf8.contains(previous)
    }

    /// Returns the index just past the closing quote.
    private func skipQuoted(from open: Int, quote: UInt8, what: String) throws(JSONataSyntaxError) -> Int {
        var index = open + 1
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), quote != UInt8(ascii: "`") {
                index += 2
                continue
            }
            if byte == quote { return index + 1 }
            index += 1
        }
        throw JSONataSyntaxError(message: "unterminated \(what) literal", offset: open)
    }

    private func skipComment(from open: Int) throws(JSONataSyntaxError) -> Int {
        var index = open + 2
        while index + 1 < end {
            if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") { return index + 2 }
            index += 1
        }
        throw JSONataSyntaxError(message: "unterminated comment", offset: open)
    }

    private func skipRegex(from open: Int) throws(JSONataSyntaxError) -> Int {
        var index = open + 1
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "/") {
                index += 1
                while index < end, (bytes[index] | 0x20) >= UInt8(ascii: "a"),
                    (bytes[index] | 0x20) <= UInt8(ascii: "z")
                {
                    index += 1
                }
                return index
            }
            index += 1
        }
        throw JSONataSyntaxError(message: "unterminated regular expression", offset: open)
    }
}
