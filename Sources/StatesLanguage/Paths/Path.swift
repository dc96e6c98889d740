/// A compiled JSONPath, the `$`-expressions of the Amazon States Language.
///
/// Parsed once when the definition is read; the executor walks ``segments`` and never sees
/// the string again. Worked examples:
///
///     Path.parse("$")                     root .input,        segments []                       reference path
///     Path.parse("$.detail-type")         root .input,        [.name("detail-type")]            reference path
///     Path.parse("$['a b'].c[0]")         root .input,        [.name("a b"), .name("c"), .index(0)]
///     Path.parse("$$.Map.Item.Value")     root .context,      [.name("Map"), .name("Item"), .name("Value")]
///     Path.parse("$order.items[0]")       root .variable("order"), [.name("items"), .index(0)]
///     Path.parse("$.a[*].b")              [.name("a"), .wildcard, .name("b")]       not a reference path, indefinite
///     Path.parse("$..price")              [.recursiveDescent(.name("price"))]
///     Path.parse("$.a[?(@.n > 1)]")       [.name("a"), .filter(.comparison(.current([.name("n")]), .greater, .literal(1)))]
///     Path.parse("$[?(@.lang==es)]")      [.filter(.comparison(.current([.name("lang")]), .equal, .word("es")))]
///     Path.parse("$.a[(@.length-1)]")     [.name("a"), .fromEnd(minus: 1)]                  definite, not a reference path
///     Path.parse("$.a.length()")          [.name("a"), .function(name: "length", arguments: "")]   a member name on AWS
///     Path.parse("$.a[")                  throws PathSyntaxError(message: "expected ']'", offset: 4)
///
/// The dialect is Jayway JsonPath 2.0.0, the version AWS runs (SPEC-NOTES.md §3 has the table of
/// every construct, what 2.0 does, what AWS was observed to do, and what we do).
public struct Path: Sendable, Hashable, CustomStringConvertible {
    /// The path as written.
    public let source: String
    /// Where evaluation starts: `$`, `$$` or `$name`.
    public let root: PathRoot
    /// The selectors applied in order after the root.
    public let segments: [PathSegment]

    /// Builds a path from parts; ``source`` should be text that parses to the same parts.
    public init(source: String, root: PathRoot, segments: [PathSegment]) {
        self.source = source
        self.root = root
        self.segments = segments
    }

    /// Whether this is an AWS "Reference Path": only `.name`/`['name']` and `[index]` steps, no
    /// wildcards, filters, slices, unions or recursive descent. `InputPath`, `ResultPath` and
    /// `OutputPath` positions that must designate one node use this test.
    public var isReferencePath: Bool { segments.allSatisfy(\.isSingular) }

    /// Whether the path selects at most one value: a reference path, or one that also uses
    /// `[(@.length-N)]`, which Jayway 2.0 counts as definite.
    public var isDefinite: Bool { segments.allSatisfy(\.isDefiniteStep) }

    public var description: String { source }

    /// Parses a path written `$…`, `$$…` or `$name…`.
    ///
    /// - Parameter text: The whole path string, with no surrounding whitespace.
    /// - Returns: The compiled path.
    /// - Throws: ``PathSyntaxError`` with the UTF-8 offset of the first problem.
    /// - Complexity: O(n) in the length of `text`.
    public static func parse(_ text: String) throws(PathSyntaxError) -> Path {
        var parser = PathParser(text)
        return try parser.parseWholePath()
    }
}
