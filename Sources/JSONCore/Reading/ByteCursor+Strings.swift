extension ByteCursor {
    /// Reads a string whose opening quote is at the index; leaves the index after the closing quote.
    ///
    /// Escape-free strings (the common case) are decoded straight from the input bytes; strings with
    /// escapes are assembled in ``scratch``. UTF-8 is validated as it is scanned: ASCII eight bytes at
    /// a time, other sequences by RFC 3629's table of well-formed byte sequences.
    mutating func readString() throws(JSONSyntaxError) -> String {
        let start = index + 1
        if let decoded = try readStringDeferringPlain() { return decoded }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
    }

    /// Reads a string like ``readString()``, but returns `nil` for an escape-free string without
    /// building it: its content is then the bytes between the quotes, `openingQuote + 1 ..< index - 1`.
    mutating func readStringDeferringPlain() throws(JSONSyntaxError) -> String? {
        let start = index + 1
        var position = start
        while true {
            position = scanPlain(from: position)
            guard position < bytes.count else {
                throw JSONSyntaxError(.unexpectedEndOfInput(expected: "'\"' to close the string"), at: bytes.count)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return nil
            }
            if byte == UInt8(ascii: "\\") {
                return try readEscapedString(start: start, firstEscape: position)
            }
            if byte < 0x20 {
                throw JSONSyntaxError(.controlCharacterInString(byte), at: position)
            }
            position = try skipUTF8Sequence(at: position)
        }
    }

    private mutating func readEscapedString(start: Int, firstEscape: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<firstEscape]))
        var runStart = firstEscape
        var position = firstEscape
        while true {
            position = scanPlain(from: position)
            guard position < bytes.count else {
                throw JSONSyntaxError(.unexpectedEndOfInput(expected: "'\"' to close the string"), at: bytes.count)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                index = position + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position = try decodeEscape(at: position)
                runStart = position
            } else if byte < 0x20 {
                throw JSONSyntaxError(.controlCharacterInString(byte), at: position)
            } else {
                position = try skipUTF8Sequence(at: position)
            }
        }
    }

    /// The position of the first `"`, `\`, control or non-ASCII byte at or after `position`, or the end.
    @inline(__always)
    private func scanPlain(from start: Int) -> Int {
        var position = start
        let end = bytes.count
        if let base = bytes.baseAddress {
            // Eight bytes at a time: stop at a word holding any byte < 0x20, '"', '\' or ≥ 0x80.
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while position + 8 <= end {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let control = (word &- ones &* 0x20) & ~word
                let quoteFound = (quote &- ones) & ~quote
                let backslashFound = (backslash &- ones) & ~backslash
                let found = (control | quoteFound | backslashFound | word) & highs
                if found != 0 {
                    // The lowest flagged byte is always a true match (borrows only flag bytes above
                    // a match), so on little-endian machines it is the exact stop.
                    #if _endian(little)
                        return position + found.trailingZeroBitCount >> 3
                    #else
                        break
                    #endif
                }
                position += 8
            }
        }
        while position < end, classes[Int(bytes[position])] & Self.stringSpecial == 0 {
            position += 1
        }
        return position
    }

    /// Decodes the escape whose backslash is at `backslash` into ``scratch``; returns the position after it.
    private mutating func decodeEscape(at backslash: Int) throws(JSONSyntaxError) -> Int {
        guard backslash + 1 < bytes.count else {
            throw JSONSyntaxError(.unexpectedEndOfInput(expected: "an escape sequence"), at: bytes.count)
        }
        let escaped = bytes[backslash + 1]
        let simple: UInt8
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = escaped
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): return try decodeUnicodeEscape(at: backslash)
        default: throw JSONSyntaxError(.invalidEscape, at: backslash)
        }
        scratch.append(simple)
        return backslash + 2
    }

    private mutating func decodeUnicodeEscape(at backslash: Int) throws(JSONSyntaxError) -> Int {
        let unit = try hexQuad(at: backslash + 2, escapeAt: backslash)
        var next = backslash + 6
        var scalar = unit
        if unit >= 0xD800 && unit <= 0xDBFF {
            guard next + 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u")
            else { throw JSONSyntaxError(.loneSurrogate, at: backslash) }
            let low = try hexQuad(at: next + 2, escapeAt: next)
            guard low >= 0xDC00 && low <= 0xDFFF else { throw JSONSyntaxError(.loneSurrogate, at: backslash) }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        } else if unit >= 0xDC00 && unit <= 0xDFFF {
            throw JSONSyntaxError(.loneSurrogate, at: backslash)
        }
        appendUTF8(scalar)
        return next
    }

    /// The value of the four hex digits at `position` of a `\u` escape whose backslash is at `escapeAt`.
    private func hexQuad(at position: Int, escapeAt: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for at in position..<position + 4 {
            guard at < bytes.count else {
                throw JSONSyntaxError(.unexpectedEndOfInput(expected: "four hex digits after '\\u'"), at: bytes.count)
            }
            let byte = bytes[at]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONSyntaxError(.invalidEscape, at: escapeAt)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence starting at `position` (RFC 3629 §4); returns the position after it.
    private func skipUTF8Sequence(at position: Int) throws(JSONSyntaxError) -> Int {
        let lead = bytes[position]
        let (length, secondLow, secondHigh): (Int, UInt8, UInt8)
        switch lead {
        case 0xC2...0xDF: (length, secondLow, secondHigh) = (2, 0x80, 0xBF)
        case 0xE0: (length, secondLow, secondHigh) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, secondLow, secondHigh) = (3, 0x80, 0xBF)
        case 0xED: (length, secondLow, secondHigh) = (3, 0x80, 0x9F)
        case 0xF0: (length, secondLow, secondHigh) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, secondLow, secondHigh) = (4, 0x80, 0xBF)
        case 0xF4: (length, secondLow, secondHigh) = (4, 0x80, 0x8F)
        default: throw JSONSyntaxError(.invalidUTF8, at: position)
        }
        guard position + length <= bytes.count else { throw JSONSyntaxError(.invalidUTF8, at: position) }
        let second = bytes[position + 1]
        guard second >= secondLow && second <= secondHigh else { throw JSONSyntaxError(.invalidUTF8, at: position) }
        for at in position + 2..<position + length where bytes[at] & 0xC0 != 0x80 {
            throw JSONSyntaxError(.invalidUTF8, at: position)
        }
        return position + length
    }
}
