import Synchronization

/// Compiled filter regular expressions (`=~ /…/flags`), kept so a filter evaluated for every
/// element compiles its pattern once.
///
/// Java's `Pattern` semantics are approximated with Swift `Regex` matching Unicode scalars (Java
/// matches UTF-16 units; they differ only on characters outside the BMP). Flags: `i`, `m`, `s`,
/// `x` as inline options; Jayway's `u`, `d`, `U` have no Swift counterpart and are ignored.
final class RegexCache: Sendable {
    static let shared = RegexCache()

    /// A compiled pattern.
    struct Compiled: @unchecked Sendable {
        // Rationale: `Regex` is immutable once built; matching does not mutate it.
        let regex: Regex<AnyRegexOutput>

        func wholeMatches(_ text: String) -> Bool {
            (try? regex.wholeMatch(in: text)) != nil
        }
    }

    private let entries = Mutex<[String: Compiled]>([:])
    private static let limit = 256

    func regex(pattern: String, flags: String) throws(PathEvaluationError) -> Compiled {
        let key = flags + "/" + pattern
        if let found = entries.withLock({ $0[key] }) { return found }
        let inline = flags.filter { "imsx".contains($0) }
        let source = inline.isEmpty ? pattern : "(?" + String(Set(inline).sorted()) + ")" + pattern
        let compiled: Compiled
        do {
            compiled = Compiled(regex: try Regex(source).matchingSemantics(.unicodeScalar))
        } catch {
            throw PathEvaluationError(kind: .invalidPath, message: "Invalid regular expression /\(pattern)/\(flags)")
        }
        entries.withLock { cache in
            if cache.count >= Self.limit { cache.removeAll() }
            cache[key] = compiled
        }
        return compiled
    }
}
