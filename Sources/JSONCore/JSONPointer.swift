/// An RFC 6901 JSON Pointer: the address of a value inside a document.
///
///     JSONPointer(["States", "Load/Files", "Next"]).description   // "/States/Load~1Files/Next"
///     JSONPointer(parsing: "/a~0b/0")?.tokens                       // ["a~b", "0"]
///
/// The empty pointer (no tokens) designates the whole document and prints as `""`.
public struct JSONPointer: Sendable, Hashable, Comparable {
    public private(set) var tokens: [String]

    public static let root = JSONPointer()

    public init() { tokens = [] }

    public init(_ tokens: [String]) { self.tokens = tokens }

    /// Tokens compare by code units, as the keys they name do (``CodeUnitString``).
    public static func == (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.count == rhs.tokens.count && zip(lhs.tokens, rhs.tokens).allSatisfy { $0.hasSameCodeUnits(as: $1) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tokens.count)
        for token in tokens { hasher.combine(CodeUnitString(token)) }
    }

    /// Parses the string form; `nil` when it is neither empty nor starts with `/`, or holds a `~`
    /// not followed by `0` or `1`.
    public init?(parsing text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var parsed: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                if character == "~" {
                    switch iterator.next() {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: return nil
                    }
                } else {
                    token.append(character)
                }
            }
            parsed.append(token)
        }
        tokens = parsed
    }

    public var isRoot: Bool { tokens.isEmpty }
    public var lastToken: String? { tokens.last }

    /// The pointer to the containing value, or `nil` for the root.
    public var parent: JSONPointer? {
        guard !tokens.isEmpty else { return nil }
        return JSONPointer(Array(tokens.dropLast()))
    }

    public func appending(_ key: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(key)
        return copy
    }

    public func appending(index: Int) -> JSONPointer {
        appending(String(index))
    }

    public func appending(_ other: JSONPointer) -> JSONPointer {
        var copy = self
        copy.tokens.append(contentsOf: other.tokens)
        return copy
    }

    public static func / (lhs: JSONPointer, rhs: String) -> JSONPointer { lhs.appending(rhs) }
    public static func / (lhs: JSONPointer, rhs: Int) -> JSONPointer { lhs.appending(index: rhs) }

    /// Whether `self` is `other` or lies inside it.
    public func hasPrefix(_ other: JSONPointer) -> Bool {
        tokens.count >= other.tokens.count
            && zip(tokens, other.tokens).allSatisfy { $0.hasSameCodeUnits(as: $1) }
    }

    /// The array index a token designates per RFC 6901 (`0` or digits without a leading zero).
    public static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        if first == UInt8(ascii: "0") && token.utf8.count > 1 { return nil }
        return Int(token)
    }

    /// Token by token, each by its UTF-8 bytes (code point order), consistent with `==`.
    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.lexicographicallyPrecedes(rhs.tokens) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

extension JSONPointer: CustomStringConvertible {
    /// The RFC 6901 string form, with `~` written `~0` and `/` written `~1`.
    public var description: String {
        var text = ""
        for token in tokens {
            text.append("/")
            if token.contains("~") || token.contains("/") {
                text.append(token.replacingTildeAndSlash())
            } else {
                text.append(token)
            }
        }
        return text
    }
}

extension JSONPointer: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: String...) { self.init(elements) }
}

extension String {
    fileprivate func replacingTildeAndSlash() -> String {
        var escaped = ""
        for character in self {
            switch character {
            case "~": escaped.append("~0")
            case "/": escaped.append("~1")
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
