/// A value in a `"key.$"` field: a path (input `$…`, context `$$…`, variable `$name…`) or an intrinsic call.
///
///     DynamicValue.parse("$.order.id")                        → .path(…)
///     DynamicValue.parse("$$.Execution.Id")                   → .path(…)   root .context
///     DynamicValue.parse("$customer.name")                    → .path(…)   root .variable("customer")
///     DynamicValue.parse("States.Format('id-{}', $.id)")      → .intrinsic(…)
///     DynamicValue.parse("order.id")                          → throws .notPathOrIntrinsic
public enum DynamicValue: Sendable, Hashable {
    case path(Path)
    case intrinsic(IntrinsicCall)

    /// Parses the string value of a `"key.$"` field.
    ///
    /// A string starting with `$` is a path; anything else is parsed as an intrinsic call
    /// (so `States.Formatt(…)` gets the intrinsic parser's did-you-mean).
    /// - Throws: ``DynamicValueError`` wrapping the path or intrinsic error.
    public static func parse(_ text: String) throws(DynamicValueError) -> DynamicValue {
        // Jayway trims blanks around a path, so a value like " $.a" is still a path.
        if text.utf8.first(where: { !PathByte.isPathWhitespace($0) }) == PathByte.dollar {
            do {
                return .path(try Path.parse(text))
            } catch {
                throw DynamicValueError(kind: .invalidPath(error))
            }
        }
        if looksLikeCall(text) {
            do {
                return .intrinsic(try IntrinsicCall.parse(text))
            } catch {
                throw DynamicValueError(kind: .invalidIntrinsic(error))
            }
        }
        throw DynamicValueError(kind: .notPathOrIntrinsic)
    }

    /// Whether the text has the shape `Name.Name(…`, i.e. is meant as a function call.
    static func looksLikeCall(_ text: String) -> Bool {
        var utf8 = text.utf8[...]
        utf8 = utf8.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        guard let first = utf8.first, first.isCallNameStart else {
            // Non-ASCII first characters: decide with Unicode letter properties.
            return utf8.first.map { $0 >= 0x80 } == true && looksLikeCallSlow(text)
        }
        let head = utf8.prefix(while: { $0.isCallNameByte })
        if head.count < utf8.count, utf8[head.endIndex] >= 0x80 { return looksLikeCallSlow(text) }
        let rest = utf8[head.endIndex...].drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        return rest.first == UInt8(ascii: "(")
    }

    private static func looksLikeCallSlow(_ text: String) -> Bool {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        guard let first = trimmed.first, first.isLetter || first == "_" else { return false }
        let head = trimmed.prefix(while: { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" })
        let rest = trimmed.dropFirst(head.count).drop(while: { $0 == " " || $0 == "\t" })
        return rest.first == "("
    }
}

/// Why a `"key.$"` value is neither a valid path nor a valid intrinsic call.
public struct DynamicValueError: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Starts with `$` but is not a valid path.
        case invalidPath(PathSyntaxError)
        /// Looks like a function call but is not a valid intrinsic call.
        case invalidIntrinsic(IntrinsicSyntaxError)
        /// Neither a path (`$…`) nor a call (`States.Name(…)`).
        case notPathOrIntrinsic
    }

    public let kind: Kind

    public init(kind: Kind) { self.kind = kind }

    /// The problem, without position.
    public var message: String {
        switch kind {
        case .invalidPath(let error): error.message
        case .invalidIntrinsic(let error): error.message
        case .notPathOrIntrinsic: "expected a path starting with '$' or an intrinsic function call"
        }
    }

    /// UTF-8 offset of the problem in the value string.
    public var offset: Int {
        switch kind {
        case .invalidPath(let error): error.offset
        case .invalidIntrinsic(let error): error.offset
        case .notPathOrIntrinsic: 0
        }
    }
}

extension UInt8 {
    /// An ASCII letter or `_`.
    fileprivate var isCallNameStart: Bool {
        (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") || self == UInt8(ascii: "_")
    }

    /// An ASCII letter, digit, `.` or `_`.
    fileprivate var isCallNameByte: Bool {
        isCallNameStart || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || self == UInt8(ascii: ".")
    }
}
