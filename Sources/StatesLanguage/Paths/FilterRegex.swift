/// The regular expression of a filter's `=~ /pattern/flags`, compiled once when the path is parsed.
///
/// Java's `Pattern` semantics are approximated with Swift `Regex` matching Unicode scalars (Java
/// matches UTF-16 units; they differ only outside the BMP). Flags `i`, `m`, `s`, `x` become inline
/// options; Jayway's other flags have no Swift counterpart and are ignored.
///
/// A pattern Swift cannot compile is not a syntax error (Java's regex dialect differs and a false
/// rejection is worse than a failure at run time): ``isCompiled`` is false and matching it fails
/// at run time, as an invalid pattern would on AWS.
///
///     FilterRegex(pattern: "a.*", flags: "i").matches("ABC")      true
///     FilterRegex(pattern: "b", flags: "").matches("abc")         false (whole match, Java `matches`)
public struct FilterRegex: Sendable, Hashable, CustomStringConvertible {
    /// The pattern between the slashes, `\/` already turned into `/`.
    public let pattern: String
    /// The letters after the closing slash.
    public let flags: String
    private let compiled: Compiled?

    /// Compiles `pattern` with `flags`.
    public init(pattern: String, flags: String) {
        self.pattern = pattern
        self.flags = flags
        let inline = Set(flags.filter { "imsx".contains($0) }).sorted()
        let source = inline.isEmpty ? pattern : "(?" + String(inline) + ")" + pattern
        if let regex = try? Regex(source) {
            compiled = Compiled(regex: regex.matchingSemantics(.unicodeScalar))
        } else {
            compiled = nil
        }
    }

    /// Whether Swift could compile the pattern.
    public var isCompiled: Bool { compiled != nil }

    /// Whether the whole of `text` matches, or `nil` when the pattern did not compile.
    public func matches(_ text: String) -> Bool? {
        guard let compiled else { return nil }
        return (try? compiled.regex.wholeMatch(in: text)) != nil
    }

    public var description: String { "/" + pattern + "/" + flags }

    public static func == (lhs: FilterRegex, rhs: FilterRegex) -> Bool {
        lhs.pattern == rhs.pattern && lhs.flags == rhs.flags
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(flags)
    }

    /// A compiled `Regex`. Rationale for `@unchecked Sendable`: a `Regex` is immutable once built
    /// and matching does not mutate it.
    private struct Compiled: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
    }
}
