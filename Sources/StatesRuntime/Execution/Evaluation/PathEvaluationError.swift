/// Why a path selected nothing, or could not be evaluated.
///
/// ``message`` is the text Jayway JsonPath (the library AWS evaluates paths with) puts in its
/// exception, because AWS quotes it in some causes: an `InputPath` of `$.a` on `{}` fails with
/// `Invalid path '$.a' : No results for path: $['a']`, where everything after `' : ` is Jayway's
/// `PathNotFoundException` message. ``EvaluationFailure`` turns this into the cause AWS writes
/// for each field.
///
///     PathEvaluationError(kind: .notFound, message: "No results for path: $['a']")
///     PathEvaluationError(kind: .notFound, message: "Missing property in path $['a']")
///     PathEvaluationError(kind: .invalidPath, message: "Filter: [?] can not be applied to primitives. …")
public struct PathEvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Jayway `PathNotFoundException`: the path selects nothing (a missing member, a member of a
        /// non-object, an index of a non-array).
        case notFound
        /// Jayway `InvalidPathException`: the path cannot be applied (a filter on a scalar, an
        /// operator given a value it cannot take).
        case invalidPath
        /// Jayway `JsonPathException` from a path function (`sum()` of an empty array, …).
        case functionFailed
        /// `$name…` names a variable that is not set.
        case undefinedVariable(String)
    }

    public var kind: Kind
    /// Jayway's exception message (see the type's documentation).
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether the failure means "nothing there" (as opposed to a path that cannot be applied).
    public var isNotFound: Bool {
        switch kind {
        case .notFound, .undefinedVariable: true
        case .invalidPath, .functionFailed: false
        }
    }

    public var description: String { message }
}
