/// An index over immutable input bytes with the scanning primitives the reader needs: whitespace
/// by lookup table, literals by byte compare, numbers validated and sliced, strings sliced
/// straight from the buffer when they hold no escape.
///
/// Rationale: the cursor holds an `UnsafeBufferPointer` rather than a `Span` because a struct
/// storing a `Span` must itself be `~Escapable`, which needs lifetime annotations that are not
/// yet stable; the reader creates the cursor inside `withUnsafeBufferPointer` and never lets it
/// escape. Every read is guarded by an explicit `index < count` check.
struct ByteCursor {
    /// Byte classes, one entry per byte value (see ``ByteCursor/classTable``).
    static let whitespace: UInt8 = 1
    /// Bytes that end the fast path of string scanning: `"`, `\`, controls, and non-ASCII.
    static let stringSpecial: UInt8 = 2

    /// `whitespace` for space, `\t`, `\n`, `\r`; `stringSpecial` for `"`, `\`, bytes < 0x20 and ≥ 0x80.
    static let classTable: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        var flags: UInt8 = 0
        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { flags |= whitespace }
        if byte < 0x20 || byte >= 0x80 || byte == 0x22 || byte == 0x5C { flags |= stringSpecial }
        return flags
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let classes: UnsafeBufferPointer<UInt8>
    var index: Int
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.classes = classes
        self.index = 0
    }

    var count: Int { bytes.count }
    var isAtEnd: Bool { index >= bytes.count }

    /// The byte at the index; the caller has checked `!isAtEnd`.
    @inline(__always)
    func peek() -> UInt8 { bytes[index] }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count, classes[Int(bytes[index])] & Self.whitespace != 0 {
            index += 1
        }
    }

    /// Reads `literal` (`true`, `false`, `null`) at the index.
    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let length = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for position in 0..<length {
            let at = index + position
            guard at < bytes.count else {
                throw JSONSyntaxError(.unexpectedEndOfInput(expected: "'\(literal)'"), at: bytes.count)
            }
            guard bytes[at] == expected[position] else {
                throw JSONSyntaxError(.unexpectedCharacter(bytes[at], expected: "'\(literal)'"), at: at)
            }
        }
        index += length
    }

    // MARK: Numbers

    /// Reads a number at the index (a `-` or a digit), checking RFC 8259's grammar.
    mutating func readNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = index
        var position = index
        let end = bytes.count
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end else {
            throw JSONSyntaxError(.invalidNumber(expected: "a digit after '-'"), at: position)
        }
        let first = bytes[position]
        if first == UInt8(ascii: "0") {
            position += 1
            if position < end, Self.isDigit(bytes[position]) {
                throw JSONSyntaxError(.leadingZero, at: position - 1)
            }
        } else if Self.isDigit(first) {
            position += 1
            while position < end, Self.isDigit(bytes[position]) { position += 1 }
        } else {
            throw JSONSyntaxError(.invalidNumber(expected: "a digit after '-'"), at: position)
        }
        var isInteger = true
        if position < end, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < end, Self.isDigit(bytes[position]) else {
                throw JSONSyntaxError(.invalidNumber(expected: "a digit after '.'"), at: position)
            }
            position += 1
            while position < end, Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < end, Self.isDigit(bytes[position]) else {
                throw JSONSyntaxError(.invalidNumber(expected: "a digit in the exponent"), at: position)
            }
            position += 1
            while position < end, Self.isDigit(bytes[position]) { position += 1 }
        }
        index = position
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNumber(uncheckedText: text, isInteger: isInteger)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
