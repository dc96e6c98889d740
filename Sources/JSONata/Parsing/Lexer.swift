/// A token of the expression (jsonata-js's tokenizer).
struct Token {
    enum Kind { case name, variable, op, string, number, value, regex }
    var kind: Kind
    var text: String
    var literal: Value?
    var regex: RegexProgram?
    /// UTF-8 offset just past the token, as jsonata-js reports token positions.
    var position: Int
}

/// jsonata-js's tokenizer over the expression's UTF-8 bytes.
struct Lexer {
    let bytes: [UInt8]
    var position = 0

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    private static let operatorBytes: Set<UInt8> = Set(".[]{}(),@#;:?+-*/%|=<>^&!~".utf8)

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B
    }

    private func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The next token, `nil` at the end. `infix` is jsonata-js's `prefix` flag: after an operand a
    /// `/` divides rather than opening a regex.
    mutating func next(infix: Bool) throws -> Token? {
        while true {
            while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
            guard position < bytes.count else { return nil }
            // comments
            if bytes[position] == UInt8(ascii: "/"), byte(at: position + 1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                while !(byte(at: position) == UInt8(ascii: "*") && byte(at: position + 1) == UInt8(ascii: "/")) {
                    position += 1
                    if position >= bytes.count { throw EvalError(code: "S0106", position: start) }
                }
                position += 2
                continue
            }
            break
        }
        let current = bytes[position]
        if !infix && current == UInt8(ascii: "/") {
            position += 1
            return try scanRegex()
        }
        let next = byte(at: position + 1)
        let pairs: [(UInt8, UInt8, String)] = [
            (UInt8(ascii: "."), UInt8(ascii: "."), ".."), (UInt8(ascii: ":"), UInt8(ascii: "="), ":="),
            (UInt8(ascii: "!"), UInt8(ascii: "="), "!="), (UInt8(ascii: ">"), UInt8(ascii: "="), ">="),
            (UInt8(ascii: "<"), UInt8(ascii: "="), "<="), (UInt8(ascii: "*"), UInt8(ascii: "*"), "**"),
            (UInt8(ascii: "~"), UInt8(ascii: ">"), "~>"),
        ]
        for (first, second, op) in pairs where current == first && next == second {
            position += 2
            return Token(kind: .op, text: op, position: position)
        }
        if Self.operatorBytes.contains(current) {
            position += 1
            return Token(kind: .op, text: String(UnicodeScalar(current)), position: position)
        }
        if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
            return try scanString(quote: current)
        }
        if current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9") {
            return try scanNumber()
        }
        if current == UInt8(ascii: "`") {
            position += 1
            guard let end = bytes[position...].firstIndex(of: UInt8(ascii: "`")) else {
                position = bytes.count
                throw EvalError(code: "S0105", position: position)
            }
            let name = text(position..<end)
            position = end + 1
            return Token(kind: .name, text: name, position: position)
        }
        var end = position
        while end < bytes.count, !Self.isSpace(bytes[end]), !Self.operatorBytes.contains(bytes[end]) { end += 1 }
        if current == UInt8(ascii: "$") {
            let name = text(position + 1..<end)
            position = end
            return Token(kind: .variable, text: name, position: position)
        }
        let name = text(position..<end)
        position = end
        switch name {
        case "or", "in", "and": return Token(kind: .op, text: name, position: position)
        case "true": return Token(kind: .value, text: name, literal: .bool(true), position: position)
        case "false": return Token(kind: .value, text: name, literal: .bool(false), position: position)
        case "null": return Token(kind: .value, text: name, literal: .null, position: position)
        default: return Token(kind: .name, text: name, position: position)
        }
    }

    private mutating func scanString(quote: UInt8) throws -> Token {
        position += 1
        var out: [UInt8] = []
        var pendingHigh: UInt32?
        func flushHigh(_ out: inout [UInt8]) {
            if pendingHigh != nil {
                out.append(contentsOf: Array("\u{FFFD}".utf8))
                pendingHigh = nil
            }
        }
        while position < bytes.count {
            let current = bytes[position]
            if current == UInt8(ascii: "\\") {
                position += 1
                guard let escaped = byte(at: position) else { break }
                var simple: UInt8?
                switch escaped {
                case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
                case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
                case UInt8(ascii: "b"): simple = 0x08
                case UInt8(ascii: "f"): simple = 0x0C
                case UInt8(ascii: "n"): simple = 0x0A
                case UInt8(ascii: "r"): simple = 0x0D
                case UInt8(ascii: "t"): simple = 0x09
                default: simple = nil
                }
                if let simple {
                    flushHigh(&out)
                    out.append(simple)
                } else if escaped == UInt8(ascii: "u") {
                    let hexRange = (position + 1)..<min(position + 5, bytes.count)
                    let hex = text(hexRange)
                    guard hex.utf8.count == 4, let code = UInt32(hex, radix: 16), hex.allSatisfy(\.isHexDigit) else {
                        throw EvalError(code: "S0104", position: position)
                    }
                    if (0xD800..<0xDC00).contains(code) {
                        flushHigh(&out)
                        pendingHigh = code
                    } else if (0xDC00..<0xE000).contains(code) {
                        if let high = pendingHigh {
                            let scalar = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                            if let unicode = Unicode.Scalar(scalar) {
                                out.append(contentsOf: Array(String(unicode).utf8))
                            }
                            pendingHigh = nil
                        } else {
                            out.append(contentsOf: Array("\u{FFFD}".utf8))
                        }
                    } else {
                        flushHigh(&out)
                        if let unicode = Unicode.Scalar(code) { out.append(contentsOf: Array(String(unicode).utf8)) }
                    }
                    position += 4
                } else {
                    var end = position + 1
                    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                    throw EvalError(code: "S0103", position: position, token: text(position..<end))
                }
            } else if current == quote {
                flushHigh(&out)
                position += 1
                let string = String(decoding: out, as: UTF8.self)
                return Token(kind: .string, text: string, literal: .string(string), position: position)
            } else {
                flushHigh(&out)
                out.append(current)
            }
            position += 1
        }
        throw EvalError(code: "S0101", position: position)
    }

    private mutating func scanNumber() throws -> Token {
        let start = position
        var end = position
        func digits(_ end: inout Int) {
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
        }
        if bytes[end] == UInt8(ascii: "0") { end += 1 } else { digits(&end) }
        if byte(at: end) == UInt8(ascii: "."), let after = byte(at: end + 1), after >= 0x30, after <= 0x39 {
            end += 1
            digits(&end)
        }
        if let e = byte(at: end), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var probe = end + 1
            if let sign = byte(at: probe), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { probe += 1 }
            if let digit = byte(at: probe), digit >= 0x30, digit <= 0x39 {
                end = probe
                digits(&end)
            }
        }
        let literal = text(start..<end)
        guard let number = Double(literal), number.isFinite else {
            throw EvalError(code: "S0102", position: position, token: literal)
        }
        position = end
        return Token(kind: .number, text: literal, literal: .number(number), position: position)
    }

    private mutating func scanRegex() throws -> Token {
        let start = position
        var depth = 0
        func isClosingSlash(_ index: Int) -> Bool {
            guard bytes[index] == UInt8(ascii: "/"), depth == 0 else { return false }
            var backslashes = 0
            while index - (backslashes + 1) >= 0, bytes[index - (backslashes + 1)] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            return backslashes % 2 == 0
        }
        while position < bytes.count {
            let current = bytes[position]
            if isClosingSlash(position) {
                let pattern = text(start..<position)
                if pattern.isEmpty { throw EvalError(code: "S0301", position: position) }
                position += 1
                let flagStart = position
                while let flag = byte(at: position), flag == UInt8(ascii: "i") || flag == UInt8(ascii: "m") {
                    position += 1
                }
                let flags = text(flagStart..<position)
                let program = try RegexProgram(pattern: pattern, flags: flags, position: position)
                return Token(kind: .regex, text: pattern, regex: program, position: position)
            }
            let previous = position > 0 ? bytes[position - 1] : 0
            if (current == UInt8(ascii: "(") || current == UInt8(ascii: "[") || current == UInt8(ascii: "{"))
                && previous != UInt8(ascii: "\\")
            {
                depth += 1
            }
            if (current == UInt8(ascii: ")") || current == UInt8(ascii: "]") || current == UInt8(ascii: "}"))
                && previous != UInt8(ascii: "\\")
            {
                depth -= 1
            }
            position += 1
        }
        throw EvalError(code: "S0302", position: position)
    }
}
