public import JSONCore
public import StatesLanguage

/// Evaluates compiled JSONPaths the way AWS Step Functions does: Jayway JsonPath over Jackson.
///
/// A path starts at one of three roots: `$` the state's input, `$$` the context object,
/// `$name` a workflow variable. What it returns depends on the path's shape, as in Jayway:
///
/// - a *definite* path (only `.name`, `['name']`, `[3]`, `[(@.length-1)]`) gives
///   the one value it designates, or throws ``PathEvaluationError`` when there is none;
/// - an *indefinite* path (wildcard, slice, union, filter, `..`) gives a JSON array of every
///   match, possibly empty, and throws only when it cannot be applied at all.
///
/// Worked examples, with input `{"a": {"b": [1, 2, 3]}, "s": "x"}`:
///
///     $.a.b[0]          1
///     $.a.b[-1]         null               AWS (Jayway 2.0 over Jackson) does not count from the end
///     $.a.b[(@.length-1)] 3               Jayway 2.0's index from the end
///     $.a.b[7]          null               out of range: Jackson gives null (see `Mode`)
///     $.a.b[1:]         [2, 3]
///     $.a.b[*]          [1, 2, 3]
///     $.a.b[?(@ > 1)]   [2, 3]
///     $..b              [[1, 2, 3]]
///     $.a.b.length()    throws .notFound  "Property ['length()'] not found in path $['a']['b']" (no functions)
///     $.x               throws .notFound  "No results for path: $['x']"
///     $.x.y             throws .notFound  "Missing property in path $['x']"
///     $.s.y             throws .notFound  "Property ['y'] not found in path $['s']"
///     $.a.x[*]          throws .notFound  "Missing property in path $['a']['x']"
///     $.a.b[*].x        []                 indefinite: misses are skipped
///
/// Performance: a path of `.name`/`[index]` steps is walked in a loop without allocating; other
/// paths allocate only the result array. Nothing is parsed at run time; filter regexes were
/// compiled with the path.
///
/// Source: AWS developer guide, "Paths in Amazon States Language" (Jayway syntax); Jayway JsonPath
/// 2.x `PathToken`, `PropertyPathToken`, `ArrayIndexToken`, `ArraySliceToken`, `ScanPathToken`,
/// `PredicatePathToken` for the semantics; SPEC-NOTES.md §5.3 for each decision.
public enum PathEvaluator {
    /// How a reference to a missing array element is treated.
    public enum Mode: Sendable, Hashable {
        /// As AWS evaluates `InputPath`, `OutputPath`, `"x.$"` payload fields: an index past the
        /// end of an array selects `null` (Jackson's `ArrayNode.get` returns null). Observed on AWS:
        /// `"v.$": "$.items[5]"` with two items gives `{"v": null}`.
        case jayway
        /// As AWS evaluates intrinsic-function arguments and Choice variables: an index past the
        /// end selects nothing. Observed on AWS: `States.Format('{}', $.items[5])` fails with
        /// "The JsonPath argument for the field '$.items[5]' could not be found in the input".
        case strict
    }

    /// Evaluates `path` against the roots.
    ///
    /// - Parameters:
    ///   - path: The compiled path.
    ///   - input: The value `$` designates.
    ///   - context: The context object (`$$`).
    ///   - variables: The value of a workflow variable by name (without `$`), or `nil` if unset.
    ///   - mode: How an out-of-range index is treated; see ``Mode``.
    /// - Returns: The selected value (definite path) or the array of matches (indefinite path).
    /// - Throws: ``PathEvaluationError`` when a definite path selects nothing, a path cannot be
    ///   applied, a function fails, or a variable is unset.
    /// - Complexity: O(depth) for a definite path; O(size of the visited values) otherwise.
    public static func evaluate(
        _ path: Path, input: JSON, context: JSON, variables: (String) -> JSON?, mode: Mode = .jayway
    ) throws(PathEvaluationError) -> JSON {
        let document = try root(of: path, input: input, context: context, variables: variables)
        return try evaluate(
            path.segments, on: document, source: path.source, input: input, context: context,
            variables: variables, mode: mode)
    }

    /// Whether a definite `path` designates a value (a present `null` counts), as the Choice
    /// state's `IsPresent` asks. An indefinite path is present when it can be applied.
    public static func isPresent(
        _ path: Path, input: JSON, context: JSON, variables: (String) -> JSON?
    ) -> Bool {
        if isDefinite(path.segments) {
            let document: JSON
            switch path.root {
            case .input: document = input
            case .context: document = context
            case .variable(let name):
                guard let value = variables(name) else { return false }
                document = value
            }
            return lookup(path.segments, on: document, mode: .strict) != nil
        }
        do {
            _ = try evaluate(path, input: input, context: context, variables: variables, mode: .strict)
            return true
        } catch {
            return false
        }
    }

    /// The value the root of `path` designates.
    static func root(
        of path: Path, input: JSON, context: JSON, variables: (String) -> JSON?
    ) throws(PathEvaluationError) -> JSON {
        switch path.root {
        case .input: return input
        case .context: return context
        case .variable(let name):
            guard let value = variables(name) else {
                throw PathEvaluationError(kind: .undefinedVariable(name), message: "No variable named '$\(name)'")
            }
            return value
        }
    }

    /// Evaluates segments against `document` (which is also what a filter's `$` designates).
    static func evaluate(
        _ segments: [PathSegment], on document: JSON, source: String, input: JSON, context: JSON,
        variables: (String) -> JSON?, mode: Mode, requireProperties: Bool = false
    ) throws(PathEvaluationError) -> JSON {
        if isDefinite(segments) {
            return try definite(segments, on: document, mode: mode)
        }
        var walker = PathWalker(
            segments: segments, document: document, input: input, context: context, mode: mode,
            requireProperties: requireProperties)
        return try walker.run(variables: variables)
    }

    // MARK: Definite paths

    /// Whether every segment is `.name` or `.index` (a plain loop: key-path predicates are slow).
    static func isDefinite(_ segments: [PathSegment]) -> Bool {
        for segment in segments {
            switch segment {
            case .name, .index, .fromEnd: continue
            default: return false
            }
        }
        return true
    }

    /// The value a path of `.name`/`[index]` steps designates: the hot path, a loop without
    /// allocation.
    static func definite(
        _ segments: [PathSegment], on document: JSON, mode: Mode
    ) throws(PathEvaluationError) -> JSON {
        var current = document
        for position in segments.indices {
            switch segments[position] {
            case .name(let key):
                guard case .object(let object) = current else {
                    throw notAnObject(segments, at: position, model: current)
                }
                guard let next = object[key] else {
                    if position == segments.count - 1 {
                        throw noResults(segments)
                    }
                    throw missingProperty(segments, through: position)
                }
                current = next
            case .index(let index):
                guard case .array(let elements) = current else {
                    throw notAnArray(segments, at: position, model: current)
                }
                current = try element(index, of: elements, segments, at: position, mode: mode)
            case .fromEnd(let minus):
                guard case .array(let elements) = current else {
                    throw notAnArray(segments, at: position, model: current)
                }
                current = try element(elements.count - minus, of: elements, segments, at: position, mode: mode)
            default:
                throw PathEvaluationError(kind: .invalidPath, message: "Not a definite path")
            }
        }
        return current
    }

    /// Jayway 2.0 `handleArrayIndex` over Jackson's `ArrayNode.get` on a definite path: a negative
    /// index is not counted from the end (AWS); it and an index past the end are `null` in
    /// ``Mode/jayway`` and nothing in ``Mode/strict``.
    static func element(
        _ index: Int, of elements: [JSON], _ segments: [PathSegment], at position: Int, mode: Mode
    ) throws(PathEvaluationError) -> JSON {
        guard let value = lookupElement(index, of: elements, mode: mode) else { throw noResults(segments) }
        return value
    }

    /// ``definite(_:on:mode:)`` without building error messages: `nil` when nothing is there.
    static func lookup(_ segments: [PathSegment], on document: JSON, mode: Mode) -> JSON? {
        var current = document
        for segment in segments {
            switch (segment, current) {
            case (.name(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                current = next
            case (.index(let index), .array(let elements)):
                guard let next = lookupElement(index, of: elements, mode: mode) else { return nil }
                current = next
            case (.fromEnd(let minus), .array(let elements)):
                guard let next = lookupElement(elements.count - minus, of: elements, mode: mode) else { return nil }
                current = next
            default:
                return nil
            }
        }
        return current
    }

    /// ``element(_:of:_:at:mode:)`` without the error: `nil` when nothing is there.
    static func lookupElement(_ index: Int, of elements: [JSON], mode: Mode) -> JSON? {
        if index >= 0 && index < elements.count { return elements[index] }
        return mode == .strict ? nil : .null
    }

    // MARK: Jayway's messages

    /// "No results for path: $['a']['b']" (Jayway `EvaluationContextImpl.getValue`).
    static func noResults(_ segments: some Collection<PathSegment>) -> PathEvaluationError {
        PathEvaluationError(kind: .notFound, message: "No results for path: " + JavaText.path(segments))
    }

    /// "Missing property in path $['a']" for a missing member that is not the last step.
    static func missingProperty(_ segments: [PathSegment], through position: Int) -> PathEvaluationError {
        PathEvaluationError(
            kind: .notFound, message: "Missing property in path " + JavaText.path(segments[...position]))
    }

    /// A member step applied to a value that is not an object (Jayway 2.0 `PropertyPathToken`):
    /// "Property ['length()'] not found in path $['list']", the text AWS gave for `$.list.length()`
    /// on an array (awsdocs/aws-step-functions-developer-guide pull request 5, 2018).
    static func notAnObject(_ segments: [PathSegment], at position: Int, model: JSON) -> PathEvaluationError {
        PathEvaluationError(
            kind: .notFound,
            message: "Property \(JavaText.fragment(segments[position])) not found in path "
                + JavaText.path(segments[..<position]))
    }

    /// An array step applied to `null` or a non-array (Jayway `ArrayPathToken.checkArrayModel`).
    static func notAnArray(_ segments: [PathSegment], at position: Int, model: JSON) -> PathEvaluationError {
        if model.isNull {
            return PathEvaluationError(
                kind: .notFound, message: "The path " + JavaText.path(segments[..<position]) + " is null")
        }
        let rest = segments[position...].map(JavaText.fragment).joined()
        return PathEvaluationError(
            kind: .notFound,
            message: "Filter: \(rest) can only be applied to arrays. Current context is: \(JavaText.modelText(model))")
    }
}
