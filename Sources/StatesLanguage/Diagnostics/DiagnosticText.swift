/// Text from the definition (a state name, a field name, an error name, a resource, a path) as a
/// diagnostic message quotes it: whole when it has at most ``maximumNameLength`` Unicode scalars,
/// otherwise its first `maximumNameLength - 1` scalars followed by `…`, so a 5,000-character name
/// takes 80 characters of a message instead of all of it.
///
///     DiagnosticText.name("Load")                               // "Load"
///     DiagnosticText.name(String(repeating: "a", count: 5_000))  // 79 × "a" and "…"
///
/// Every validator and parser message passes the user's text through ``name(_:)`` (or
/// ``quoted(_:)``, which adds the double quotes). The cut counts scalars, not characters, so a
/// long run of combining marks cannot stretch a "character" without end. A diagnostic's
/// `pointer` is never shortened: it must still locate the value. Control characters are left for
/// the renderers (``TerminalText``) to escape; `asl run`'s progress lines cap names with the
/// same constant.
package enum DiagnosticText {
    /// Longest text quoted whole; AWS limits state names to 80 characters.
    package static let maximumNameLength = 80

    /// `text` as a message quotes it, cut to ``maximumNameLength`` Unicode scalars with `…`.
    package static func name(_ text: some StringProtocol) -> String {
        capped(String(text), to: maximumNameLength)
    }

    /// ``name(_:)`` inside double quotes: `"Load"`.
    package static func quoted(_ text: some StringProtocol) -> String {
        "\"" + name(text) + "\""
    }

    /// `text` cut to `limit` Unicode scalars, the last replaced by `…`, when it has more.
    package static func capped(_ text: String, to limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard limit > 0, scalars.count > limit else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars.prefix(limit - 1))
        result.append("…")
        return String(result)
    }
}
