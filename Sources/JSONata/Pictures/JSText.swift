// JavaScript string operations on UTF-16 code units.
//
// jsonata-js works on JavaScript strings, whose `length`, `charAt`, `indexOf`, `substring`, `slice`
// and `substr` count UTF-16 code units. The picture formatters reproduce its output to the byte, so
// they work on `[UInt16]` with the same index rules (clamping, swapping, negative offsets) instead
// of on `Character`s. Example: `jsSubstring([0x61, 0x62, 0x63], 2, 0)` is `"ab"`, as `"abc".substring(2, 0)`.

/// A JavaScript string: its UTF-16 code units.
typealias JSText = [UInt16]

extension Array where Element == UInt16 {
    /// The code units of `string`.
    init(js string: String) { self = Array(string.utf16) }

    /// The text back as a Swift string (a lone surrogate becomes U+FFFD).
    var string: String { String(decoding: self, as: UTF16.self) }

    /// `String.prototype.indexOf(search, from)`.
    func jsIndexOf(_ search: JSText, from: Int = 0) -> Int {
        let start = Swift.max(0, Swift.min(from, count))
        if search.isEmpty { return start }
        guard search.count <= count else { return -1 }
        var index = start
        while index + search.count <= count {
            if self[index] == search[0] && self[index..<(index + search.count)].elementsEqual(search) { return index }
            index += 1
        }
        return -1
    }

    /// `String.prototype.lastIndexOf(search)`.
    func jsLastIndexOf(_ search: JSText) -> Int {
        if search.isEmpty { return count }
        guard search.count <= count else { return -1 }
        var index = count - search.count
        while index >= 0 {
            if self[index..<(index + search.count)].elementsEqual(search) { return index }
            index -= 1
        }
        return -1
    }

    /// `String.prototype.includes(search)`, written as jsonata-js writes it (`indexOf(x) !== -1`).
    func jsContains(_ search: JSText) -> Bool { jsIndexOf(search) != -1 }

    /// `String.prototype.substring(start, end)`: clamps both to the length and swaps them when reversed.
    func jsSubstring(_ start: Int, _ end: Int? = nil) -> JSText {
        var lower = Swift.max(0, Swift.min(start, count))
        var upper = Swift.max(0, Swift.min(end ?? count, count))
        if lower > upper { swap(&lower, &upper) }
        return Array(self[lower..<upper])
    }

    /// `String.prototype.slice(start, end)`: a negative index counts from the end.
    func jsSlice(_ start: Int, _ end: Int? = nil) -> JSText {
        func resolve(_ index: Int) -> Int { index < 0 ? Swift.max(count + index, 0) : Swift.min(index, count) }
        let lower = resolve(start)
        let upper = resolve(end ?? count)
        return lower < upper ? Array(self[lower..<upper]) : []
    }

    /// `String.prototype.substr(start, length)`: a negative start counts from the end.
    func jsSubstr(_ start: Int, _ length: Int? = nil) -> JSText {
        let lower = start < 0 ? Swift.max(count + start, 0) : Swift.min(start, count)
        let size = Swift.min(Swift.max(length ?? count, 0), count - lower)
        return size > 0 ? Array(self[lower..<(lower + size)]) : []
    }

    /// `String.prototype.split(separator)` with a string separator.
    func jsSplit(_ separator: JSText) -> [JSText] {
        if separator.isEmpty { return map { [$0] } }
        var parts: [JSText] = []
        var start = 0
        var index = jsIndexOf(separator)
        while index != -1 {
            parts.append(Array(self[start..<index]))
            start = index + separator.count
            index = jsIndexOf(separator, from: start)
        }
        parts.append(Array(self[start...]))
        return parts
    }

    /// `split(separator).join(replacement)`: every occurrence replaced.
    func jsReplacingAll(_ separator: JSText, with replacement: JSText) -> JSText {
        Array(jsSplit(separator).joined(separator: replacement))
    }

    /// The code unit at `index` as a one-unit text, or empty past either end (`charAt`).
    func jsCharAt(_ index: Int) -> JSText { indices.contains(index) ? [self[index]] : [] }
}

/// JavaScript's `\s`: the white space and line terminators of ECMA-262.
func isJSWhitespace(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
    default: false
    }
}

/// JavaScript's `parseInt(text)` in base 10: leading white space, an optional sign, then the longest
/// run of ASCII digits; `nil` (JavaScript's `NaN`) when there is no digit.
func jsParseInt(_ text: JSText) -> Double? {
    var index = 0
    while index < text.count && isJSWhitespace(text[index]) { index += 1 }
    var negative = false
    if index < text.count && (text[index] == 0x2B || text[index] == 0x2D) {
        negative = text[index] == 0x2D
        index += 1
    }
    var digits = ""
    while index < text.count, (0x30...0x39).contains(text[index]) {
        digits.unicodeScalars.append(Unicode.Scalar(UInt8(text[index])))
        index += 1
    }
    guard let magnitude = Double(digits) else { return nil }
    return negative ? -magnitude : magnitude
}
