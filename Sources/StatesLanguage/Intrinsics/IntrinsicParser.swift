import JSONCore

/// Parser and checker for intrinsic calls; see ``IntrinsicCall`` and SPEC-NOTES.md §3.
///
///     call     := name '(' [argument (',' argument)*] ')'       blanks allowed between tokens
///     argument := 'string' | number | true | false | null | path | call
///
/// String literals use single quotes; `\'`, `\{`, `\}` and `\\` are AWS's escapes, and a
/// backslash before any other character stands for that character.
struct IntrinsicParser {
    /// Nested calls deeper than this are refused (AWS allows 10 calls per field).
    static let maximumDepth = 32

    let text: String
    let bytes: [UInt8]
    var position = 0
    var depth = 0
    /// Argument problems found so far (count, literal types, hash name); they do not stop the
    /// parse, because AWS accepts such calls at creation (see `check`).
    var problems: [IntrinsicSyntaxError] = []

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parseWholeCall() throws(IntrinsicSyntaxError) -> IntrinsicCall {
        skipWhitespace()
        let call = try parseCall()
        skipWhitespace()
        guard position == bytes.count else {
            throw error("unexpected text after the end of the call")
        }
        return call
    }

    // MARK: Calls

    mutating func parseCall() throws(IntrinsicSyntaxError) -> IntrinsicCall {
        guard depth < Self.maximumDepth else {
            throw error("intrinsic calls nested deeper than \(Self.maximumDepth)")
        }
        depth += 1
        defer { depth -= 1 }
        let start = position
        while let byte = peek(),
            PathByte.isASCIILetter(byte) || PathByte.isDigit(byte) || byte == PathByte.dot
                || byte == PathByte.underscore
        {
            position += 1
        }
        let name = string(start, position)
        guard !name.isEmpty else {
            throw error("expected an intrinsic function name such as States.Format")
        }
        skipWhitespace()
        guard peek() == PathByte.openParen else {
            throw error("expected '(' after \(DiagnosticText.quoted(name))")
        }
        guard let function = IntrinsicFunction(rawValue: name) else {
            let suggestion = IntrinsicFunction.suggestion(for: name)
            var message = "Unknown intrinsic function \(DiagnosticText.quoted(name))"
            if let suggestion { message += " (did you mean \(DiagnosticText.quoted(suggestion))?)" }
            throw IntrinsicSyntaxError(message: message, offset: start, suggestion: suggestion)
        }
        let open = position
        position += 1
        var arguments: [IntrinsicArgument] = []
        var offsets: [Int] = []
        var formatTemplate: FormatTemplate?
        skipWhitespace()
        if peek() == PathByte.closeParen {
            position += 1
        } else {
            while true {
                skipWhitespace()
                offsets.append(position)
                let (argument, template) = try parseArgument()
                if arguments.isEmpty { formatTemplate = template }
                arguments.append(argument)
                skipWhitespace()
                guard let byte = peek() else {
                    throw error("missing ')' to close the '(' at column \(open + 1)")
                }
                position += 1
                if byte == PathByte.closeParen { break }
                guard byte == PathByte.comma else {
                    position -= 1
                    throw error("expected ',' or ')' after an argument")
                }
            }
        }
        let close = position - 1
        check(function, arguments, offsets: offsets, close: close)
        return IntrinsicCall(
            function: function, arguments: arguments, source: string(start, position),
            formatTemplate: function == .format ? formatTemplate : nil)
    }

    /// One argument; for a string literal also its `States.Format` reading.
    mutating func parseArgument() throws(IntrinsicSyntaxError) -> (IntrinsicArgument, FormatTemplate?) {
        guard let byte = peek() else {
            throw error("expected an argument")
        }
        switch byte {
        case PathByte.quote:
            let (value, template) = try parseString()
            return (.string(value), template)
        case PathByte.doubleQuote:
            throw error("string literals in intrinsic functions use single quotes")
        case PathByte.dollar:
            return (.path(try parsePath()), nil)
        case PathByte.minus,
            _ where PathByte.isDigit(byte):
            return (.number(try parseNumber()), nil)
        case PathByte.comma, PathByte.closeParen:
            throw error("expected an argument")
        case _ where PathByte.isASCIILetter(byte):
            for (word, value) in [("true", IntrinsicArgument.bool(true)), ("false", .bool(false)), ("null", .null)]
            where matchWord(word) {
                return (value, nil)
            }
            return (.call(try parseCall()), nil)
        default:
            throw error("expected an argument: a 'string', number, true, false, null, path or intrinsic call")
        }
    }

    /// A path argument runs to the first `,`, `)` or blank outside brackets and quotes.
    mutating func parsePath() throws(IntrinsicSyntaxError) -> Path {
        let start = position
        var nesting = 0
        var quote: UInt8?
        scan: while let byte = peek() {
            if let open = quote {
                if byte == PathByte.backslash {
                    position += 1
                } else if byte == open {
                    quote = nil
                }
            } else {
                switch byte {
                case PathByte.quote, PathByte.doubleQuote: quote = byte
                case PathByte.openBracket, PathByte.openParen: nesting += 1
                case PathByte.closeBracket, PathByte.closeParen:
                    if nesting == 0 { break scan }
                    nesting -= 1
                case PathByte.comma where nesting == 0: break scan
                case _ where nesting == 0 && PathByte.isPathWhitespace(byte): break scan
                default: break
                }
            }
            position += 1
        }
        position = min(position, bytes.count)
        do {
            return try Path.parse(string(start, position))
        } catch {
            throw IntrinsicSyntaxError(message: "invalid path: \(error.message)", offset: start + error.offset)
        }
    }

    mutating func parseNumber() throws(IntrinsicSyntaxError) -> JSONNumber {
        let start = position
        if peek() == PathByte.minus { position += 1 }
        while let byte = peek(),
            PathByte.isDigit(byte) || byte == PathByte.dot || byte | 0x20 == UInt8(ascii: "e")
                || ((byte == PathByte.plus || byte == PathByte.minus)
                    && bytes[position - 1] | 0x20 == UInt8(ascii: "e"))
        {
            position += 1
        }
        guard let number = JSONNumber(text: string(start, position)) else {
            throw IntrinsicSyntaxError(
                message: "invalid number '\(DiagnosticText.name(string(start, position)))'", offset: start)
        }
        return number
    }

    /// `'…'`: the decoded value, and the same text read as a `States.Format` template.
    mutating func parseString() throws(IntrinsicSyntaxError) -> (String, FormatTemplate) {
        let open = position
        position += 1
        var builder = FormatTemplate.Builder()
        while true {
            guard let byte = peek() else {
                throw IntrinsicSyntaxError(message: "unterminated string literal", offset: open)
            }
            position += 1
            if byte == PathByte.quote { break }
            if byte == PathByte.backslash {
                guard let escaped = peek() else {
                    throw IntrinsicSyntaxError(message: "unterminated string literal", offset: open)
                }
                position += 1
                builder.append(escaped, escaped: true)
            } else {
                builder.append(byte, escaped: false)
            }
        }
        return (builder.decoded, builder.template)
    }

    // MARK: Helpers

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let byte = peek(), PathByte.isPathWhitespace(byte) { position += 1 }
    }

    mutating func matchWord(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard position + utf8.count <= bytes.count, Array(bytes[position..<(position + utf8.count)]) == utf8 else {
            return false
        }
        let after = position + utf8.count < bytes.count ? bytes[position + utf8.count] : nil
        if let after, PathByte.isASCIILetter(after) || PathByte.isDigit(after) || after == PathByte.dot {
            return false
        }
        position += utf8.count
        return true
    }

    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self)
    }

    func error(_ message: String) -> IntrinsicSyntaxError {
        IntrinsicSyntaxError(message: message, offset: position)
    }
}
