/// Recursive-descent parser for the JSONPath dialect; see ``Path`` and SPEC-NOTES.md §3.
///
/// Works on UTF-8 bytes; every error carries the byte offset where it was found. Recursion
/// (filters, parentheses) is capped at ``maximumDepth`` so hostile input cannot overflow the stack.
struct PathParser {
    static let maximumDepth = 64

    let text: String
    let bytes: [UInt8]
    var position = 0
    var end: Int
    var depth = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.end = bytes.count
    }

    /// Parses the whole string as one path; surrounding whitespace is allowed (Jayway trims it).
    mutating func parseWholePath() throws(PathSyntaxError) -> Path {
        while position < end, PathByte.isPathWhitespace(bytes[position]) { position += 1 }
        while end > position, PathByte.isPathWhitespace(bytes[end - 1]) { end -= 1 }
        if position == end {
            throw PathSyntaxError(message: "expected a path starting with '$'", offset: position)
        }
        let root = try parseRoot()
        let segments = try parseSegments(inFilter: false)
        if position < end {
            throw unexpected()
        }
        return Path(source: text, root: root, segments: segments)
    }

    // MARK: Roots and segments

    mutating func parseRoot() throws(PathSyntaxError) -> PathRoot {
        guard peek() == PathByte.dollar else {
            throw error("expected '$' at the start of a path")
        }
        position += 1
        if peek() == PathByte.dollar {
            position += 1
            return .context
        }
        guard let byte = peek(), PathByte.isVariableByte(byte) else { return .input }
        let start = position
        while let next = peek(), PathByte.isVariableByte(next) { position += 1 }
        let name = string(start, position)
        var scalars = name.unicodeScalars.makeIterator()
        var scalarOffset = start
        if let first = scalars.next() {
            guard first == "_" || first.properties.isIDStart else {
                throw PathSyntaxError(
                    message: "a variable name must start with a letter or '_'", offset: scalarOffset)
            }
            scalarOffset += first.utf8.count
        }
        while let scalar = scalars.next() {
            guard scalar.properties.isIDContinue else {
                throw PathSyntaxError(
                    message: "unexpected character '\(scalar)' in variable name", offset: scalarOffset)
            }
            scalarOffset += scalar.utf8.count
        }
        return .variable(name)
    }

    /// Segments until a byte that cannot continue a path (the caller decides whether that is an error).
    mutating func parseSegments(inFilter: Bool) throws(PathSyntaxError) -> [PathSegment] {
        var segments: [PathSegment] = []
        // Every segment starts with '.' or '['; reserving for as many avoids regrowing the array
        // (a segment-free path, the common `$`, reserves nothing).
        var starts = 0
        for index in position..<end where bytes[index] == PathByte.dot || bytes[index] == PathByte.openBracket {
            starts += 1
        }
        segments.reserveCapacity(starts)
        while let byte = peek() {
            if byte == PathByte.dot {
                if peek(1) == PathByte.dot {
                    position += 2
                    segments.append(.recursiveDescent(try parseDescentTarget(inFilter: inFilter)))
                } else {
                    position += 1
                    segments.append(try parseDotMember(inFilter: inFilter))
                }
            } else if byte == PathByte.openBracket {
                segments.append(try parseBracket())
            } else {
                break
            }
        }
        return segments
    }

    /// After `.`: `name`, `*`, or (as AWS's own example `$.abc.['def ghi']` writes) a bracket.
    mutating func parseDotMember(inFilter: Bool) throws(PathSyntaxError) -> PathSegment {
        guard let byte = peek() else {
            throw error("expected a name after '.'")
        }
        if byte == PathByte.openBracket { return try parseBracket() }
        if byte == PathByte.star, isNameEnd(peek(1), inFilter: inFilter) {
            position += 1
            return .wildcard
        }
        let nameStart = position
        let name = try parseDotName(inFilter: inFilter, after: "'.'", allowsFunction: true)
        if peek() == PathByte.openParen {
            return try parseFunction(name, at: nameStart)
        }
        return .name(name)
    }

    /// `.length()`, `.concat('x')`, `.anything(…)`: written like a function call, but Jayway 2.0
    /// (AWS) has no path functions and reads the text as a member name (see
    /// ``PathSegment/function(name:arguments:)``), so any name is accepted, anywhere a name is.
    mutating func parseFunction(_ name: String, at start: Int) throws(PathSyntaxError) -> PathSegment {
        position += 1
        let argumentsStart = position
        var depth = 1
        var quote: UInt8?
        while let byte = peek() {
            if let open = quote {
                if byte == PathByte.backslash {
                    position += 1
                } else if byte == open {
                    quote = nil
                }
            } else if byte == PathByte.quote || byte == PathByte.doubleQuote {
                quote = byte
            } else if byte == PathByte.openParen {
                depth += 1
            } else if byte == PathByte.closeParen {
                depth -= 1
                if depth == 0 { break }
            }
            position += 1
        }
        guard peek() == PathByte.closeParen else {
            throw PathSyntaxError(message: "expected ')' to close \(DiagnosticText.name(name))(", offset: start)
        }
        var argumentsEnd = position
        var trimmedStart = argumentsStart
        while trimmedStart < argumentsEnd, PathByte.isPathWhitespace(bytes[trimmedStart]) { trimmedStart += 1 }
        while argumentsEnd > trimmedStart, PathByte.isPathWhitespace(bytes[argumentsEnd - 1]) { argumentsEnd -= 1 }
        let arguments = string(trimmedStart, argumentsEnd)
        position += 1
        return .function(name: name, arguments: arguments)
    }

    /// After `..`: `name`, `*` or a bracket.
    mutating func parseDescentTarget(inFilter: Bool) throws(PathSyntaxError) -> PathSegment {
        guard let byte = peek() else {
            throw error("expected a name, '*' or '[' after '..'")
        }
        if byte == PathByte.openBracket { return try parseBracket() }
        if byte == PathByte.dot { throw error("expected a name, '*' or '[' after '..'") }
        if byte == PathByte.star, isNameEnd(peek(1), inFilter: inFilter) {
            position += 1
            return .wildcard
        }
        let nameStart = position
        let name = try parseDotName(inFilter: inFilter, after: "'..'", allowsFunction: true)
        if peek() == PathByte.openParen {
            return try parseFunction(name, at: nameStart)
        }
        return .name(name)
    }

    mutating func parseDotName(inFilter: Bool, after: String, allowsFunction: Bool = false) throws(PathSyntaxError)
        -> String
    {
        let start = position
        while !isNameEnd(peek(), inFilter: inFilter) { position += 1 }
        guard position > start else {
            if let byte = peek(), byte == PathByte.quote || byte == PathByte.doubleQuote {
                throw error("quoted names go in brackets, as ['name']")
            }
            if let byte = peek(), PathByte.isPathWhitespace(byte) {
                throw error("use bracket notation ['my name'] for a name containing spaces")
            }
            throw error("expected a name after \(after)")
        }
        if peek() == PathByte.openParen, !allowsFunction {
            throw PathSyntaxError(
                message:
                    "a path function such as \(DiagnosticText.name(string(start, position)))() can only end a path, outside filters",
                offset: start)
        }
        return string(start, position)
    }

    /// Whether a dot-notation name stops before this byte. Outside filters names follow Jayway
    /// (anything but `.`, `[`, `(` and blanks) minus `]`, `)` and quotes, which can only be typos;
    /// inside filters operator characters end a name too.
    func isNameEnd(_ byte: UInt8?, inFilter: Bool) -> Bool {
        guard let byte else { return true }
        switch byte {
        case PathByte.dot, PathByte.openBracket, PathByte.closeBracket, PathByte.openParen, PathByte.closeParen,
            PathByte.quote, PathByte.doubleQuote:
            return true
        case _ where PathByte.isPathWhitespace(byte): return true
        case PathByte.equals, PathByte.bang, PathByte.less, PathByte.greater, PathByte.ampersand, PathByte.pipe,
            PathByte.comma, PathByte.tilde:
            return inFilter
        default: return false
        }
    }

    // MARK: Brackets

    /// `[…]`: quoted names, indexes, slices, `*`, or a filter `?(…)`.
    mutating func parseBracket() throws(PathSyntaxError) -> PathSegment {
        let open = position
        position += 1
        skipWhitespace()
        guard let byte = peek() else {
            throw error("expected ']'")
        }
        let segment: PathSegment
        switch byte {
        case PathByte.question:
            position += 1
            segment = .filter(
                try nested { (parser: inout PathParser) throws(PathSyntaxError) in
                    try parser.parseOr()
                })
        case PathByte.star:
            position += 1
            segment = .wildcard
        case PathByte.quote, PathByte.doubleQuote:
            var names: [PathSegment] = [.name(try parseQuotedName())]
            skipWhitespace()
            while peek() == PathByte.comma {
                position += 1
                skipWhitespace()
                guard let next = peek(), next == PathByte.quote || next == PathByte.doubleQuote else {
                    throw error("expected a quoted name after ','")
                }
                names.append(.name(try parseQuotedName()))
                skipWhitespace()
            }
            segment = names.count == 1 ? names[0] : .union(names)
        case PathByte.openParen, PathByte.at:
            segment = try parseFromEnd()
        case PathByte.minus, PathByte.colon,
            _ where PathByte.isDigit(byte):
            var selectors: [PathSegment] = [try parseIndexOrSlice()]
            skipWhitespace()
            while peek() == PathByte.comma {
                position += 1
                skipWhitespace()
                selectors.append(try parseIndexOrSlice())
                skipWhitespace()
            }
            segment = selectors.count == 1 ? selectors[0] : .union(selectors)
        case PathByte.closeBracket:
            throw error("empty brackets: expected a quoted name, index, slice, '*' or filter")
        default:
            throw error("expected a quoted name, index, slice, '*' or filter after '['")
        }
        skipWhitespace()
        guard peek() == PathByte.closeBracket else {
            if position >= end {
                throw PathSyntaxError(message: "expected ']' to close the '[' at column \(open + 1)", offset: position)
            }
            throw error("expected ']'")
        }
        position += 1
        return segment
    }

    /// `3`, `-1`, `1:3`, `:2`, `-2:`, `::2`, `0:10:2`.
    mutating func parseIndexOrSlice() throws(PathSyntaxError) -> PathSegment {
        let first = try parseOptionalInteger()
        skipWhitespace()
        guard peek() == PathByte.colon else {
            guard let first else { throw error("expected an index") }
            return .index(first)
        }
        position += 1
        skipWhitespace()
        let second = try parseOptionalInteger()
        skipWhitespace()
        var step: Int?
        if peek() == PathByte.colon {
            position += 1
            skipWhitespace()
            step = try parseOptionalInteger()
            if step == 0 {
                throw error("a slice step cannot be 0")
            }
        }
        return .slice(start: first, end: second, step: step)
    }

    mutating func parseOptionalInteger() throws(PathSyntaxError) -> Int? {
        let start = position
        var negative = false
        if peek() == PathByte.minus {
            negative = true
            position += 1
        }
        guard let byte = peek(), PathByte.isDigit(byte) else {
            if negative { throw error("expected a digit after '-'") }
            return nil
        }
        var value = 0
        while let digit = peek(), PathByte.isDigit(digit) {
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else {
                throw PathSyntaxError(message: "index is too large", offset: start)
            }
            value = sum
            position += 1
        }
        return negative ? -value : value
    }

    /// `(@.length-N)` or `(@.size()-N)`, parentheses optional, blanks anywhere between the parts:
    /// Jayway 2.0's index counted from the end (`PathCompiler.analyzeArraySequence`, "contextSize").
    mutating func parseFromEnd() throws(PathSyntaxError) -> PathSegment {
        let start = position
        let parenthesized = peek() == PathByte.openParen
        if parenthesized {
            position += 1
            skipWhitespace()
        }
        let expected = "expected (@.length-N) to select from the end of the array"
        guard peek() == PathByte.at else { throw PathSyntaxError(message: expected, offset: start) }
        position += 1
        skipWhitespace()
        guard peek() == PathByte.dot else { throw PathSyntaxError(message: expected, offset: start) }
        position += 1
        skipWhitespace()
        if !matchWord("length") {
            guard matchWord("size") else { throw PathSyntaxError(message: expected, offset: start) }
            skipWhitespace()
            guard peek() == PathByte.openParen, peek(1) == PathByte.closeParen else {
                throw PathSyntaxError(message: expected, offset: start)
            }
            position += 2
        }
        skipWhitespace()
        guard peek() == PathByte.minus else {
            throw PathSyntaxError(message: "Jayway's (@.length-N) index takes '-' and a number", offset: position)
        }
        position += 1
        skipWhitespace()
        guard let minus = try parseOptionalInteger(), minus >= 0 else {
            throw PathSyntaxError(message: "expected a number after '@.length-'", offset: position)
        }
        skipWhitespace()
        if parenthesized {
            guard peek() == PathByte.closeParen else {
                throw PathSyntaxError(message: "expected ')' to close the '(' at column \(start + 1)", offset: position)
            }
            position += 1
        }
        return .fromEnd(minus: minus)
    }

    /// A name in brackets, `['…']` or `["…"]`. As in Jayway 2.0 (`PathComponentAnalyzer.analyzeProperty`),
    /// a backslash is an ordinary character: `$['Test\""Name"']` names the key `Test\""Name"`
    /// (recorded on AWS, SPEC-NOTES §3). Two exceptions keep every name writable: a backslash
    /// before the closing quote character stands for that quote, and `\\` stands for itself
    /// (both characters) so that `['a\\']` ends where it appears to.
    mutating func parseQuotedName() throws(PathSyntaxError) -> String {
        let open = position
        guard let quote = peek() else { throw error("expected a quoted string") }
        position += 1
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw PathSyntaxError(message: "unterminated string", offset: open)
            }
            position += 1
            if byte == quote { break }
            if byte == PathByte.backslash, let next = peek() {
                if next == quote {
                    position += 1
                    result.append(quote)
                    continue
                }
                if next == PathByte.backslash {
                    position += 1
                    result.append(byte)
                    result.append(next)
                    continue
                }
            }
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A string in single or double quotes (a filter's string literal). Escapes: `\'`, `\"`, `\\`, `\/`, `\b`, `\f`, `\n`,
    /// `\r`, `\t`, `\uXXXX`; any other escaped character stands for itself.
    mutating func parseQuoted() throws(PathSyntaxError) -> String {
        let open = position
        guard let quote = peek() else { throw error("expected a quoted string") }
        position += 1
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw PathSyntaxError(message: "unterminated string", offset: open)
            }
            position += 1
            if byte == quote { break }
            guard byte == PathByte.backslash else {
                result.append(byte)
                continue
            }
            guard let escaped = peek() else {
                throw PathSyntaxError(message: "unterminated string", offset: open)
            }
            position += 1
            switch escaped {
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "u"):
                guard let scalar = parseHexScalar() else {
                    throw PathSyntaxError(message: "invalid \\u escape", offset: position - 2)
                }
                result.append(contentsOf: Array(String(scalar).utf8))
            default: result.append(escaped)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private mutating func parseHexScalar() -> Unicode.Scalar? {
        guard position + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = PathByte.hexValue(bytes[position + offset]) else { return nil }
            value = value * 16 + UInt32(digit)
        }
        position += 4
        return Unicode.Scalar(value)
    }

    // MARK: Helpers

    /// Runs `body` one level deeper, failing past ``maximumDepth``.
    mutating func nested<T>(_ body: (inout PathParser) throws(PathSyntaxError) -> T) throws(PathSyntaxError) -> T {
        guard depth < Self.maximumDepth else {
            throw error("nesting deeper than \(Self.maximumDepth)")
        }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < end ? bytes[position + ahead] : nil
    }

    mutating func skipWhitespace() {
        while let byte = peek(), PathByte.isPathWhitespace(byte) { position += 1 }
    }

    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self)
    }

    func error(_ message: String) -> PathSyntaxError {
        PathSyntaxError(message: message, offset: position)
    }

    /// "unexpected character 'x'" at the current position (the whole character, even if multi-byte).
    func unexpected() -> PathSyntaxError {
        var length = 1
        while position + length < end, bytes[position + length] & 0xC0 == 0x80 { length += 1 }
        return error("unexpected character '\(string(position, min(position + length, end)))'")
    }
}

/// The ASCII bytes and byte classes the path, filter and intrinsic parsers look at.
enum PathByte {

    static let dollar = UInt8(ascii: "$")
    static let dot = UInt8(ascii: ".")
    static let star = UInt8(ascii: "*")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openParen = UInt8(ascii: "(")
    static let closeParen = UInt8(ascii: ")")
    static let quote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let question = UInt8(ascii: "?")
    static let at = UInt8(ascii: "@")
    static let equals = UInt8(ascii: "=")
    static let bang = UInt8(ascii: "!")
    static let less = UInt8(ascii: "<")
    static let greater = UInt8(ascii: ">")
    static let ampersand = UInt8(ascii: "&")
    static let pipe = UInt8(ascii: "|")
    static let tilde = UInt8(ascii: "~")
    static let slash = UInt8(ascii: "/")
    static let underscore = UInt8(ascii: "_")

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
    static func isPathWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    /// A byte that can be part of a variable name (validated per scalar afterwards).
    static func isVariableByte(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || isDigit(byte) || byte == underscore || byte >= 0x80
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
