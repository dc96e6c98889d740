/// The first argument of `States.Format` split into text and `{}` placeholders, compiled once.
///
///     'Hello, {}! \{\} is literal'  → [.text("Hello, "), .placeholder, .text("! {} is literal")]
///
/// A `{}` whose brace is escaped (`\{}` or `{\}`) is text. A lone `{` or `}` is kept as text and
/// its offset recorded in ``loneBraceOffset``: AWS accepts such a definition but fails the call at
/// run time (conformance suite: `'Hello {'`, `'Hello {{}}'` and `'}'` end in `States.Runtime`).
public struct FormatTemplate: Sendable, Hashable {
    public enum Piece: Sendable, Hashable {
        case text(String)
        case placeholder
    }

    public let pieces: [Piece]
    /// The UTF-8 offset, in the decoded template, of the first `{` or `}` that is neither escaped
    /// nor part of a `{}` placeholder; `nil` when there is none.
    public let loneBraceOffset: Int?

    public init(pieces: [Piece], loneBraceOffset: Int? = nil) {
        self.pieces = pieces
        self.loneBraceOffset = loneBraceOffset
    }

    /// Reads a template that has no escapes (a string that came from a path at run time):
    /// every `{}` is a placeholder.
    public init(unescaped text: String) {
        var builder = Builder()
        for byte in text.utf8 { builder.append(byte, escaped: false) }
        self = builder.template
    }

    public var placeholderCount: Int {
        pieces.reduce(0) { count, piece in piece == .placeholder ? count + 1 : count }
    }

    /// Accumulates a string literal byte by byte, remembering which bytes were escaped.
    struct Builder {
        private var bytes: [UInt8] = []
        private var escaped: [Bool] = []

        mutating func append(_ byte: UInt8, escaped isEscaped: Bool) {
            bytes.append(byte)
            escaped.append(isEscaped)
        }

        var decoded: String { String(decoding: bytes, as: UTF8.self) }

        var template: FormatTemplate {
            var pieces: [Piece] = []
            var text: [UInt8] = []
            var loneBrace: Int?
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "{"), !escaped[index], index + 1 < bytes.count,
                    bytes[index + 1] == UInt8(ascii: "}"), !escaped[index + 1]
                {
                    if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
                    text = []
                    pieces.append(.placeholder)
                    index += 2
                } else {
                    let byte = bytes[index]
                    if loneBrace == nil, !escaped[index], byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") {
                        loneBrace = index
                    }
                    text.append(byte)
                    index += 1
                }
            }
            if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
            return FormatTemplate(pieces: pieces, loneBraceOffset: loneBrace)
        }
    }
}
