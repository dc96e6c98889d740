import JSONCore
import StatesLanguage

/// Evaluation of indefinite paths (and paths ending in a function), token by token as Jayway
/// does it: each segment maps a value to zero or more values, and the last one adds to the
/// results.
///
/// Jayway rules reproduced here (Jayway 2.x sources named in each method):
/// - a step that cannot apply (member of a non-object, index of a non-array, missing member that
///   is not last) throws only while everything before it is definite; once a wildcard, slice,
///   union, filter or `..` has been crossed, it silently selects nothing;
/// - `['a','b']` as the last step merges the members into one object per match;
/// - `..x` visits a value before its members, members in document order;
/// - a filter applied to an object tests the object itself, applied to an array tests each element;
/// - a path starting with `..` and ending in a function applies the function to all matches.
struct PathWalker {
    let segments: [PathSegment]
    /// What `$` designates inside filters and function arguments: the evaluated document.
    let document: JSON
    let input: JSON
    let context: JSON
    let mode: PathEvaluator.Mode
    /// Jayway's `REQUIRE_PROPERTIES` (existence tests in filters): every missing member fails.
    let requireProperties: Bool
    /// Index of the first segment that is not `.name`/`[index]`: steps up to and including it
    /// have a definite upstream.
    let firstIndefinite: Int
    /// Index of the last segment that is not definite, `nil` when there is none.
    let lastIndefinite: Int?
    var results: [JSON] = []

    init(
        segments: [PathSegment], document: JSON, input: JSON, context: JSON, mode: PathEvaluator.Mode,
        requireProperties: Bool
    ) {
        self.segments = segments
        self.document = document
        self.input = input
        self.context = context
        self.mode = mode
        self.requireProperties = requireProperties
        self.firstIndefinite = segments.firstIndex(where: { !Self.isDefinite($0) }) ?? segments.count
        self.lastIndefinite = segments.lastIndex(where: { !Self.isDefinite($0) })
    }

    /// Whether Jayway 2.0 considers the whole path definite.
    var isDefinite: Bool { segments.allSatisfy(Self.isDefinite) }

    /// Whether Jayway 2.0 counts one token as definite (a "function" is a member name to it).
    static func isDefinite(_ segment: PathSegment) -> Bool {
        if case .function = segment { return true }
        return segment.isDefiniteStep
    }

    mutating func run(variables: (String) -> JSON?) throws(PathEvaluationError) -> JSON {
        try walk(0, document, variables: variables)
        guard isDefinite else { return .array(results) }
        guard let first = results.first else { throw PathEvaluator.noResults(segments) }
        return first
    }

    /// Applies segments from `position` on to `model`.
    mutating func walk(_ position: Int, _ model: JSON, variables: (String) -> JSON?) throws(PathEvaluationError) {
        guard position < segments.count else {
            results.append(model)
            return
        }
        try apply(
            segments[position], at: position, upstreamDefinite: position <= firstIndefinite, to: model,
            variables: variables)
    }

    /// Applies one selector standing at `position` (its continuation is `position + 1`).
    mutating func apply(
        _ selector: PathSegment, at position: Int, upstreamDefinite: Bool, to model: JSON,
        variables: (String) -> JSON?
    ) throws(PathEvaluationError) {
        switch selector {
        case .name(let key):
            try property([key], at: position, upstreamDefinite: upstreamDefinite, to: model, variables: variables)
        case .index(let index):
            try indexes([index], at: position, upstreamDefinite: upstreamDefinite, to: model, variables: variables)
        case .fromEnd(let minus):
            guard let elements = try arrayElements(model, at: position, upstreamDefinite: upstreamDefinite) else {
                return
            }
            try element(elements.count - minus, of: elements, at: position, variables: variables)
        case .union(let members):
            let names = members.compactMap { member -> String? in
                if case .name(let name) = member { return name }
                return nil
            }
            let numbers = members.compactMap { member -> Int? in
                if case .index(let index) = member { return index }
                return nil
            }
            if names.count == members.count {
                try property(names, at: position, upstreamDefinite: upstreamDefinite, to: model, variables: variables)
            } else if numbers.count == members.count {
                try indexes(numbers, at: position, upstreamDefinite: upstreamDefinite, to: model, variables: variables)
            } else {
                // Jayway has no mixed unions; each member selects in turn.
                for member in members {
                    try apply(member, at: position, upstreamDefinite: false, to: model, variables: variables)
                }
            }
        case .wildcard:
            try wildcard(at: position, to: model, variables: variables)
        case .slice(let start, let end, let step):
            try slice(
                start: start, end: end, step: step, at: position, upstreamDefinite: upstreamDefinite, to: model,
                variables: variables)
        case .recursiveDescent(let target):
            try scan(target, at: position, model: model, variables: variables)
        case .filter(let expression):
            try filter(expression, at: position, upstreamDefinite: upstreamDefinite, to: model, variables: variables)
        case .function(let name, let arguments):
            // Jayway 2.0 has no functions: `length()` is a member name (SPEC-NOTES §3).
            try property(
                [PathSegment.functionMemberName(name, arguments)], at: position, upstreamDefinite: upstreamDefinite,
                to: model, variables: variables)
        }
    }

    var lastPosition: Int { segments.count - 1 }

    // MARK: Members (Jayway PropertyPathToken, PathToken.handleObjectProperty)

    mutating func property(
        _ names: [String], at position: Int, upstreamDefinite: Bool, to model: JSON, variables: (String) -> JSON?
    ) throws(PathEvaluationError) {
        guard case .object(let object) = model else {
            guard upstreamDefinite else { return }
            throw PathEvaluator.notAnObject(segments, at: position, model: model)
        }
        let isLeaf = position == lastPosition
        if names.count > 1 && isLeaf {
            var merged = JSONObject()
            for name in names {
                if let value = object[name] {
                    merged[name] = value
                } else if requireProperties {
                    let listed = names.map { "'" + $0 + "'" }.joined(separator: ", ")
                    throw PathEvaluationError(
                        kind: .notFound,
                        message: "Missing property in path " + JavaText.path(segments[..<position]) + "[" + listed + "]"
                    )
                }
            }
            results.append(.object(merged))
            return
        }
        if names.count > 1 {
            // Jayway 2.0 `PathToken.handleObjectProperty`; AWS fails `$['a', 'b'].v` with this text
            // (gist deric4/733eb129a10b13530cebaa3b70031c77).
            throw PathEvaluationError(
                kind: .invalidPath,
                message: "Multi properties can only be used as path leafs: " + JavaText.path(segments[...position]))
        }
        let tokenDefinite = names.count == 1
        for name in names {
            guard let value = object[name] else {
                if isLeaf {
                    if requireProperties {
                        throw PathEvaluationError(
                            kind: .notFound,
                            message: "No results for path: " + JavaText.path(segments[..<position]) + "['\(name)']")
                    }
                    continue
                }
                // Jayway 2.0 `PathToken.isUpstreamDefinite` asks whether the path from the previous
                // token to the end is definite: a missing member followed by a wildcard, slice or
                // filter selects nothing (`$.items[*]` on `{}` is `[]`, recorded on AWS).
                let restDefinite = lastIndefinite.map { $0 < position } ?? true
                if (upstreamDefinite && tokenDefinite && restDefinite) || requireProperties {
                    throw PathEvaluationError(
                        kind: .notFound,
                        message: "Missing property in path " + JavaText.path(segments[..<position]) + "['\(name)']")
                }
                continue
            }
            try walk(position + 1, value, variables: variables)
        }
    }

    // MARK: Arrays (Jayway ArrayIndexToken, ArraySliceToken, PathToken.handleArrayIndex)

    /// Jayway `checkArrayModel`: whether `model` is an array; throws when the upstream is definite.
    func arrayElements(_ model: JSON, at position: Int, upstreamDefinite: Bool) throws(PathEvaluationError) -> [JSON]? {
        if case .array(let elements) = model { return elements }
        guard upstreamDefinite else { return nil }
        throw PathEvaluator.notAnArray(segments, at: position, model: model)
    }

    /// Jayway 2.0 `handleArrayIndex` for `[i]` and `[(@.length-N)]` over Jackson's `ArrayNode.get`:
    /// a negative index is not counted from the end; like an index past the end it is `null` in
    /// ``PathEvaluator/Mode/jayway`` and nothing in ``PathEvaluator/Mode/strict`` (AWS:
    /// `$.array[-1].name` "could not be found", the member of that `null`).
    mutating func element(
        _ index: Int, of elements: [JSON], at position: Int, variables: (String) -> JSON?
    ) throws(PathEvaluationError) {
        if let value = PathEvaluator.lookupElement(index, of: elements, mode: mode) {
            try walk(position + 1, value, variables: variables)
        }
    }

    mutating func indexes(
        _ indexes: [Int], at position: Int, upstreamDefinite: Bool, to model: JSON, variables: (String) -> JSON?
    ) throws(PathEvaluationError) {
        guard let elements = try arrayElements(model, at: position, upstreamDefinite: upstreamDefinite) else { return }
        for index in indexes {
            try element(index, of: elements, at: position, variables: variables)
        }
    }

    mutating func slice(
        start: Int?, end: Int?, step: Int?, at position: Int, upstreamDefinite: Bool, to model: JSON,
        variables: (String) -> JSON?
    ) throws(PathEvaluationError) {
        guard let elements = try arrayElements(model, at: position, upstreamDefinite: upstreamDefinite) else { return }
        for index in Self.sliceIndexes(count: elements.count, start: start, end: end, step: step) {
            try element(index, of: elements, at: position, variables: variables)
        }
    }

    /// The indexes a slice visits, in order.
    ///
    /// Without a step, Jayway's `ArraySliceToken`: `[from:]` adds the length to a negative
    /// `from` and clamps at 0; `[:to]` adds the length to a negative `to`; `[from:to]` clamps `to`
    /// at the length but adjusts neither bound for negatives, so `[-2:2]` visits -2, -1, 0, 1
    /// (the negative ones `null`, as `[-1]` is) and `[1:-1]` visits nothing. A step (not Jayway
    /// syntax, accepted by our parser) follows Python's slicing.
    static func sliceIndexes(count: Int, start: Int?, end: Int?, step: Int?) -> [Int] {
        if let step, step != 1 {
            return pythonSlice(count: count, start: start, end: end, step: step)
        }
        switch (start, end) {
        case (let from?, nil):
            var first = from < 0 ? count + from : from
            first = max(0, first)
            guard count > 0, first < count else { return [] }
            return Array(first..<count)
        case (nil, let to):
            var last = to ?? count
            if last < 0 { last = count + last }
            last = min(count, last)
            guard count > 0, last > 0 else { return [] }
            return Array(0..<last)
        case (let from?, let to?):
            let last = min(count, to)
            guard from < last, count > 0 else { return [] }
            return Array(from..<last)
        }
    }

    static func pythonSlice(count: Int, start: Int?, end: Int?, step: Int) -> [Int] {
        func clamp(_ value: Int, low: Int, high: Int) -> Int { min(max(value, low), high) }
        var indexes: [Int] = []
        if step > 0 {
            var index =
                start.map { $0 < 0 ? clamp(count + $0, low: 0, high: count) : clamp($0, low: 0, high: count) } ?? 0
            let stop =
                end.map { $0 < 0 ? clamp(count + $0, low: 0, high: count) : clamp($0, low: 0, high: count) } ?? count
            while index < stop {
                indexes.append(index)
                index += step
            }
        } else {
            var index =
                start.map { $0 < 0 ? clamp(count + $0, low: -1, high: count - 1) : clamp($0, low: -1, high: count - 1) }
                ?? count - 1
            let stop =
                end.map { $0 < 0 ? clamp(count + $0, low: -1, high: count - 1) : clamp($0, low: -1, high: count - 1) }
                ?? -1
            while index > stop {
                indexes.append(index)
                index += step
            }
        }
        return indexes
    }

    // MARK: Wildcard (Jayway WildcardPathToken)

    mutating func wildcard(at position: Int, to model: JSON, variables: (String) -> JSON?) throws(PathEvaluationError) {
        switch model {
        case .object(let object):
            for value in object.values {
                try walk(position + 1, value, variables: variables)
            }
        case .array(let elements):
            for value in elements {
                do {
                    try walk(position + 1, value, variables: variables)
                } catch {
                    // Jayway swallows PathNotFoundException per element unless properties are required.
                    guard error.kind == .notFound && !requireProperties else { throw error }
                }
            }
        default:
            return
        }
    }

    // MARK: Recursive descent (Jayway ScanPathToken)

    /// `..target`: visits `model` and every value below it, pre-order, members in document order.
    mutating func scan(
        _ target: PathSegment, at position: Int, model: JSON, variables: (String) -> JSON?
    ) throws(PathEvaluationError) {
        switch model {
        case .object(let object):
            if try scanMatches(target, model, variables: variables) {
                try apply(target, at: position, upstreamDefinite: false, to: model, variables: variables)
            }
            for value in object.values {
                try scan(target, at: position, model: value, variables: variables)
            }
        case .array(let elements):
            if try scanMatches(target, model, variables: variables) {
                if position == lastPosition {
                    try apply(target, at: position, upstreamDefinite: false, to: model, variables: variables)
                } else {
                    // Jayway `walkArray`: a non-final target on an array applies the *rest* of
                    // the path to every element, skipping the target itself.
                    for value in elements {
                        try walk(position + 1, value, variables: variables)
                    }
                }
            }
            for value in elements {
                try scan(target, at: position, model: value, variables: variables)
            }
        default:
            return
        }
    }

    /// Jayway `ScanPathToken.createScanPredicate`.
    func scanMatches(_ target: PathSegment, _ model: JSON, variables: (String) -> JSON?) throws(PathEvaluationError)
        -> Bool
    {
        switch target {
        case .name(let key):
            guard case .object(let object) = model else { return false }
            return requireProperties || object.contains(key)
        case .union(let members):
            if members.allSatisfy({ if case .name = $0 { true } else { false } }) {
                if case .object = model { return true }
                return false
            }
            if case .array = model { return true }
            return false
        case .index, .slice, .fromEnd:
            if case .array = model { return true }
            return false
        case .wildcard:
            return true
        case .filter(let expression):
            var evaluator = FilterEvaluator(walker: self)
            return try evaluator.accepts(expression, item: model, variables: variables)
        case .function(let name, let arguments):
            guard case .object(let object) = model else { return false }
            return requireProperties || object.contains(PathSegment.functionMemberName(name, arguments))
        case .recursiveDescent:
            return false
        }
    }

    // MARK: Filters (Jayway PredicatePathToken)

    mutating func filter(
        _ expression: FilterExpression, at position: Int, upstreamDefinite: Bool, to model: JSON,
        variables: (String) -> JSON?
    ) throws(PathEvaluationError) {
        var evaluator = FilterEvaluator(walker: self)
        switch model {
        case .object:
            if try evaluator.accepts(expression, item: model, variables: variables) {
                try walk(position + 1, model, variables: variables)
            }
        case .array(let elements):
            for value in elements {
                if try evaluator.accepts(expression, item: value, variables: variables) {
                    try walk(position + 1, value, variables: variables)
                }
            }
        default:
            guard upstreamDefinite else { return }
            let rest = segments[position...].map(JavaText.fragment).joined()
            throw PathEvaluationError(
                kind: .invalidPath,
                message: "Filter: \(rest) can not be applied to primitives. Current context is: "
                    + JavaText.modelText(model))
        }
    }
}
