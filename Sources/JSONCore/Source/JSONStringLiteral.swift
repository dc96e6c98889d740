/// Maps positions inside a string's decoded value back to its literal in the source.
///
/// In `"a\"b"` the decoded `b` is at UTF-8 offset 2, but it is written at byte 4 of the literal
/// (counting the opening quote as 0): each escape is longer in the source than in the value.
///
///     JSONStringLiteral.sourceOffset(ofDecoded: 2, literalAt: 0, in: Array(#""a\"b""#.utf8))  // 4
public enum JSONStringLiteral {
    /// The byte offset in `source` where the decoded value's UTF-8 offset `decoded` is written,
    /// for the string literal whose opening quote is at `literalAt`. An offset equal to the
    /// value's length maps to the closing quote. `nil` when `literalAt` is not a well-formed
    /// string literal or `decoded` lies outside it (or inside one escape's bytes).
    public static func sourceOffset(ofDecoded decoded: Int, literalAt start: Int, in source: [UInt8]) -> Int? {
        guard decoded >= 0, source.indices.contains(start), source[start] == UInt8(ascii: "\"") else { return nil }
        var position = start + 1
        var consumed = 0
        while position < source.count {
            if consumed == decoded { return position }
            if consumed > decoded { return nil }
            let byte = source[position]
            if byte == UInt8(ascii: "\"") { return nil }
            guard byte == UInt8(ascii: "\\") else {
                position += 1
                consumed += 1
                continue
            }
            guard position + 1 < source.count else { return nil }
            guard source[position + 1] == UInt8(ascii: "u") else {
                position += 2
                consumed += 1
                continue
            }
            guard let unit = hexUnit(at: position + 2, in: source) else { return nil }
            if (0xD800..<0xDC00).contains(unit), position + 11 < source.count,
                source[position + 6] == UInt8(ascii: "\\"),
                source[position + 7] == UInt8(ascii: "u"), let low = hexUnit(at: position + 8, in: source),
                (0xDC00..<0xE000).contains(low)
            {
                position += 12
                consumed += 4
            } else {
                position += 6
                consumed += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3
            }
        }
        return nil
    }

    private static func hexUnit(at index: Int, in source: [UInt8]) -> UInt32? {
        guard index + 4 <= source.count else { return nil }
        var value: UInt32 = 0
        for byte in source[index..<(index + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
