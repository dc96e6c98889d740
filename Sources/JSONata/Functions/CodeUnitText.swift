/// A string's UTF-8 bytes, searched literally: JavaScript's `indexOf`, `includes` and `split` with a
/// string compare code units, while Swift's `range(of:)`, `contains` and `components(separatedBy:)`
/// find canonically equivalent text (`"cafe\u{301}"` "contains" `"\u{E9}"` but not `"e"`). Matching
/// whole UTF-8 sequences of a valid needle finds exactly the UTF-16 matches (SPEC-NOTES §1 "String equality").
struct CodeUnitText {
    let bytes: [UInt8]

    init(_ string: String) { bytes = Array(string.utf8) }

    /// The byte offset of the first occurrence of `needle` at or after `start`.
    func firstOffset(of needle: [UInt8], from start: Int = 0) -> Int? {
        guard !needle.isEmpty else { return start <= bytes.count ? start : nil }
        guard needle.count <= bytes.count else { return nil }
        let first = needle[0]
        let last = bytes.count - needle.count
        var position = start
        while position <= last {
            if bytes[position] == first {
                var matched = 1
                while matched < needle.count, bytes[position + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return position }
            }
            position += 1
        }
        return nil
    }

    /// The text between two byte offsets that lie on scalar boundaries.
    func text(_ lower: Int, _ upper: Int) -> String {
        String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// The pieces between the occurrences of a non-empty `separator`, left to right.
    func pieces(separatedBy separator: [UInt8]) -> [String] {
        var pieces: [String] = []
        var start = 0
        while let found = firstOffset(of: separator, from: start) {
            pieces.append(text(start, found))
            start = found + separator.count
        }
        pieces.append(text(start, bytes.count))
        return pieces
    }
}
