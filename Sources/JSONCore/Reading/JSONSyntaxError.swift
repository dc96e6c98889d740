/// A document that is not RFC 8259 JSON: which rule it broke and the byte offset where it did.
///
/// The offset is a byte offset into the input; ``location(in:)`` turns it into line:column when a
/// diagnostic is rendered. Every message text lives in ``message``, one case per rule.
///
///     do {
///         _ = try JSONReader.read("[1,]")
///     } catch {
///         error.kind      // .trailingComma(closing: UInt8(ascii: "]"))
///         error.offset    // 2, the comma
///         error.message   // "trailing comma before ']'"
///     }
public struct JSONSyntaxError: Error, Sendable, Hashable {
    /// The RFC 8259 rule the input broke.
    public enum Kind: Sendable, Hashable {
        /// The input ends inside a value; `expected` names what should have followed.
        case unexpectedEndOfInput(expected: String)
        /// A byte that cannot start or continue what is being read.
        case unexpectedCharacter(UInt8, expected: String)
        /// A `,` directly before the closing `]` or `}` (the payload is that closing byte).
        case trailingComma(closing: UInt8)
        /// A number whose integer part starts with `0` followed by more digits.
        case leadingZero
        /// A number that breaks the grammar (`1.`, `-`, `1e+`); `expected` names what was missing.
        case invalidNumber(expected: String)
        /// A byte below U+0020 inside a string.
        case controlCharacterInString(UInt8)
        /// A `\` followed by anything but `" \ / b f n r t u`, or `\u` without four hex digits.
        case invalidEscape
        /// A `\uD800`–`\uDBFF` escape not followed by a low-surrogate escape, or a lone `\uDC00`–`\uDFFF`.
        case loneSurrogate
        /// Bytes that are not well-formed UTF-8 (overlong, encoded surrogate, beyond U+10FFFF, truncated).
        case invalidUTF8
        /// An object repeats a key and the policy is ``JSONReader/DuplicateKeyPolicy/reject``.
        case duplicateKey(String)
        /// More nested arrays and objects than ``JSONReader/Options/maximumDepth`` allows.
        case tooDeep(limit: Int)
        /// Something other than whitespace after the top-level value.
        case trailingContent
        /// The input starts with a UTF-8 byte order mark, which RFC 8259 §8.1 forbids adding.
        case byteOrderMark
        /// The input holds no value at all (nothing, or only whitespace).
        case emptyInput
    }

    /// Which rule was broken.
    public let kind: Kind
    /// The byte offset of the offending byte (for a trailing comma, the comma; for a duplicate
    /// key, its opening quote; for a depth overflow, the bracket that crossed the limit).
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The 1-based line and column of ``offset`` in `source`.
    public func location(in source: SourceFile) -> SourceLocation {
        source.location(ofOffset: offset)
    }

    /// A one-line, human-readable description of the broken rule; the catalog of every reader
    /// message.
    public var message: String {
        switch kind {
        case .unexpectedEndOfInput(let expected):
            "unexpected end of input; expected \(expected)"
        case .unexpectedCharacter(let byte, let expected):
            "unexpected \(Self.describe(byte)); expected \(expected)"
        case .trailingComma(let closing):
            "trailing comma before '\(Character(Unicode.Scalar(closing)))'"
        case .leadingZero:
            "leading zero in a number"
        case .invalidNumber(let expected):
            "invalid number; expected \(expected)"
        case .controlCharacterInString(let byte):
            "control character \(Self.codePoint(byte)) must be escaped in a string"
        case .invalidEscape:
            "invalid escape sequence in a string; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
        case .loneSurrogate:
            "lone surrogate in a \\u escape; a high surrogate \\uD800-\\uDBFF must be followed by a low one"
                + " \\uDC00-\\uDFFF"
        case .invalidUTF8:
            "invalid UTF-8 byte sequence"
        case .duplicateKey(let name):
            "duplicate key \"\(name)\" in object"
        case .tooDeep(let limit):
            "nesting deeper than \(limit) levels"
        case .trailingContent:
            "unexpected content after the JSON value"
        case .byteOrderMark:
            "byte order mark at the start of the input; JSON text must not begin with U+FEFF"
        case .emptyInput:
            "empty input; expected a JSON value"
        }
    }

    /// `'x'` for printable ASCII, `U+00XX` for control bytes, `byte 0xXX` for the rest.
    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return "character \(codePoint(byte))" }
        return "byte 0x\(hex(byte))"
    }

    private static func codePoint(_ byte: UInt8) -> String { "U+00\(hex(byte))" }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension JSONSyntaxError: CustomStringConvertible {
    /// `offset N: message`.
    public var description: String { "offset \(offset): \(message)" }
}
