/// The root a path starts from.
public enum PathRoot: Sendable, Hashable {
    /// `$`: the state's (effective) input.
    case input
    /// `$$`: the context object (`$$.Execution.Id`, `$$.Map.Item.Value`, …).
    case context
    /// `$name`: a workflow variable set by `Assign` (name without the `$`).
    case variable(String)
}

/// One step of a JSONPath after its root.
///
/// A path is a root followed by segments, applied left to right, each mapping the current
/// set of values to a new set:
///
///     $.store.book[0]['title']     → [.name("store"), .name("book"), .index(0), .name("title")]
///     $..author                    → [.recursiveDescent(.name("author"))]
///     $.a[1:3]                     → [.name("a"), .slice(start: 1, end: 3, step: nil)]
///     $.a[?(@.price < 10)]         → [.name("a"), .filter(.comparison(…))]
public indirect enum PathSegment: Sendable, Hashable {
    /// `.name`, `['name']` or `["name"]`: the member with this key of an object.
    case name(String)
    /// `[3]`: the element at this index of an array. A negative index (`[-1]`) parses, but AWS's
    /// JSONPath (Jayway 2.0 over Jackson) does not count it from the end: like an index past the
    /// end it designates `null` (SPEC-NOTES §3).
    case index(Int)
    /// `[(@.length-1)]` (also `[(@.size()-1)]`, blanks allowed): the element `minus` places
    /// before the end of an array, Jayway 2.0's "context size" index. `minus` is at least 0.
    case fromEnd(minus: Int)
    /// `.*` or `[*]`: every member value of an object or every element of an array.
    case wildcard
    /// `[start:end:step]` with any part omitted: a Python-style slice of an array.
    case slice(start: Int?, end: Int?, step: Int?)
    /// `[0,1]` or `['a','b']`: the concatenation of several selectors (names, indexes, slices).
    case union([PathSegment])
    /// `..name`, `..*` or `..[…]`: the inner selector applied to the current value and all its
    /// descendants, in document order.
    case recursiveDescent(PathSegment)
    /// `[?(…)]`: the elements (or member values) for which the expression holds.
    case filter(FilterExpression)
    /// `.length()`, `.sum()`, `.concat('x')`, …: text written like a Jayway path function.
    /// `arguments` is the text between the parentheses, trimmed.
    ///
    /// Jayway 2.0, which AWS runs, has no path functions: its `PathCompiler` reads `length()` as
    /// a member name, and AWS fails `$.list.length()` with "Property ['length()'] not found in path
    /// $['list']" and `$.Jobs.sum()` with "could not be found" (SPEC-NOTES §3). The evaluator does
    /// the same with ``functionMemberName``; the validator warns (ASL-W300). Not a reference path.
    case function(name: String, arguments: String)
}

extension PathSegment {
    /// The member name Jayway 2.0 reads for `.name(arguments)`: `length()`, `concat('x')`.
    public static func functionMemberName(_ name: String, _ arguments: String) -> String {
        name + "(" + arguments + ")"
    }
}

extension PathSegment {
    /// Whether this segment selects at most one value from one value (`.name` or `.index`): the
    /// steps a Reference Path may contain.
    public var isSingular: Bool {
        switch self {
        case .name, .index: true
        default: false
        }
    }

    /// Whether Jayway counts this step as definite: `.name`, `[index]` and `[(@.length-N)]`.
    public var isDefiniteStep: Bool {
        switch self {
        case .name, .index, .fromEnd: true
        default: false
        }
    }
}
