import JSONCore
import StatesLanguage

/// Evaluates a filter `[?( … )]` for one item, with Jayway's comparison semantics.
///
/// Operands become Jayway `ValueNode`s: strings, numbers (`BigDecimal`), booleans, `null`, JSON
/// arrays/objects, regular expressions, or *undefined* (a path that selects nothing). Then:
///
///     @.n == '5'      number vs string: the string is read as a number     5 == '5.0' is true
///     @.s == 5        string vs number: the number is written as text      '5.0' == 5 is false
///     @.x != 1        false for a missing member: Jayway 2.0 makes any comparison with it false
///     @.s < 'b'       strings by UTF-16 code units; numbers exactly; other pairs are false
///     @.s =~ /a.*/i   the whole string must match (Java `Matcher.matches`)
///     @.n in [1, 2]   nin, subsetof, anyof, noneof take arrays on both sides as needed
///     @.s size 3      string length or array length
///     @.a empty true  string or array/object emptiness
///     @.a             existence: a present member that is not null (Jayway 2.0)
///
/// Source: Jayway JsonPath 2.x `EvaluatorFactory`, `ValueNodes`, `RelationalExpressionNode`.
struct FilterEvaluator {
    let document: JSON
    let input: JSON
    let context: JSON

    init(walker: PathWalker) {
        document = walker.document
        input = walker.input
        context = walker.context
    }

    /// A Jayway `ValueNode`.
    enum Operand {
        case string(String)
        case number(JavaDecimal)
        case bool(Bool)
        case null
        /// An array or object.
        case json(JSON)
        case pattern(FilterRegex)
        case undefined
    }

    mutating func accepts(_ expression: FilterExpression, item: JSON, variables: (String) -> JSON?)
        throws(PathEvaluationError) -> Bool
    {
        switch expression {
        case .and(let left, let right):
            guard try accepts(left, item: item, variables: variables) else { return false }
            return try accepts(right, item: item, variables: variables)
        case .or(let left, let right):
            if try accepts(left, item: item, variables: variables) { return true }
            return try accepts(right, item: item, variables: variables)
        case .not(let operand):
            return try !accepts(operand, item: item, variables: variables)
        case .current(let segments):
            return try exists(segments, in: item, variables: variables)
        case .absolute(let path):
            guard let root = root(of: path, variables: variables) else { return false }
            return try exists(path.segments, in: root, variables: variables)
        case .literal(let value):
            if case .bool(let flag) = value { return flag }
            throw PathEvaluationError(kind: .invalidPath, message: "Expected a boolean expression in the filter")
        case .regex:
            return false
        case .word(let word):
            throw PathEvaluationError(
                kind: .invalidPath, message: "Expected a comparison in the filter, found the word '\(word)'")
        case .comparison(let leftExpression, let op, let rightExpression):
            let left = try operand(leftExpression, item: item, variables: variables)
            let right = try operand(rightExpression, item: item, variables: variables)
            // Jayway 2.0 `Criteria.eval`: a path operand that selects nothing throws
            // PathNotFoundException, which makes the criterion false, `!=` included.
            if Self.jayway20Operators.contains(op), Self.isUndefined(left) || Self.isUndefined(right) {
                return false
            }
            return try Self.compare(left, op, right)
        }
    }

    // MARK: Operands

    func root(of path: Path, variables: (String) -> JSON?) -> JSON? {
        switch path.root {
        case .input: document
        case .context: context
        case .variable(let name): variables(name)
        }
    }

    /// The operators Jayway 2.0's filter text knows (`Criteria.OPERATORS`).
    static let jayway20Operators: Set<FilterOperator> = [
        .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .matches,
    ]

    static func isUndefined(_ operand: Operand) -> Bool {
        if case .undefined = operand { return true }
        return false
    }

    /// Jayway 2.0 `Criteria.eval` for `EXISTS`: evaluated with `REQUIRE_PROPERTIES`, not-found is
    /// false, and so is a present `null` (`value != null` after Jackson's `NullNode` unwraps to null).
    func exists(_ segments: [PathSegment], in root: JSON, variables: (String) -> JSON?) throws(PathEvaluationError)
        -> Bool
    {
        if PathEvaluator.isDefinite(segments) {
            guard let value = PathEvaluator.lookup(segments, on: root, mode: .jayway) else { return false }
            return !value.isNull
        }
        do {
            _ = try PathEvaluator.evaluate(
                segments, on: root, source: "", input: input, context: context, variables: variables, mode: .jayway,
                requireProperties: true)
            return true
        } catch {
            if error.isNotFound { return false }
            throw error
        }
    }

    mutating func operand(_ expression: FilterExpression, item: JSON, variables: (String) -> JSON?)
        throws(PathEvaluationError) -> Operand
    {
        switch expression {
        case .current(let segments):
            return try value(segments, in: item, variables: variables)
        case .absolute(let path):
            guard let root = root(of: path, variables: variables) else { return .undefined }
            return try value(path.segments, in: root, variables: variables)
        case .literal(let value):
            switch value {
            case .number(let number): return .number(JavaDecimal(javaText: number.text) ?? .zero)
            default: return Self.operand(value)
            }
        case .regex(let regex):
            return .pattern(regex)
        case .word(let word):
            // Jayway 2.0 `Criteria.create`: an operand that is not a path, quoted string or regex
            // stays as its text.
            return .string(word)
        case .and, .or, .not, .comparison:
            return .bool(try accepts(expression, item: item, variables: variables))
        }
    }

    /// The value a path selects, or undefined when Jayway reports it not found.
    func value(_ segments: [PathSegment], in root: JSON, variables: (String) -> JSON?) throws(PathEvaluationError)
        -> Operand
    {
        if PathEvaluator.isDefinite(segments) {
            return PathEvaluator.lookup(segments, on: root, mode: .jayway).map(Self.operand) ?? .undefined
        }
        do {
            let selected = try PathEvaluator.evaluate(
                segments, on: root, source: "", input: input, context: context, variables: variables, mode: .jayway)
            return Self.operand(selected)
        } catch {
            if error.isNotFound { return .undefined }
            throw error
        }
    }

    /// Jayway `ValueNode.toValueNode` for a document value.
    static func operand(_ value: JSON) -> Operand {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .string(let text): .string(text)
        case .number(let number): .number(JavaDecimal(json: number))
        case .array, .object: .json(value)
        }
    }

    // MARK: Operators (Jayway EvaluatorFactory)

    static func compare(_ left: Operand, _ op: FilterOperator, _ right: Operand) throws(PathEvaluationError) -> Bool {
        switch op {
        case .equal: return equals(left, right)
        case .notEqual: return !equals(left, right)
        case .less: return order(left, right).map { $0 < 0 } ?? false
        case .lessOrEqual: return order(left, right).map { $0 <= 0 } ?? false
        case .greater: return order(left, right).map { $0 > 0 } ?? false
        case .greaterOrEqual: return order(left, right).map { $0 >= 0 } ?? false
        case .matches: return try regexMatches(left, right)
        case .in: return try contains(list(right), left)
        case .notIn: return try !contains(list(right), left)
        case .subsetOf:
            guard let rightList = try optionalList(right), let leftList = try optionalList(left) else { return false }
            return leftList.allSatisfy { contains(rightList, $0) }
        case .anyOf:
            guard let rightList = try optionalList(right), let leftList = try optionalList(left) else { return false }
            return leftList.contains { contains(rightList, $0) }
        case .noneOf:
            guard let rightList = try optionalList(right), let leftList = try optionalList(left) else { return false }
            return !leftList.contains { contains(rightList, $0) }
        case .size:
            guard case .number(let expected) = right else { return false }
            // Saturating, as Java narrows; `Int(_:)` would trap on 1e300 (SPEC-NOTES.md §5.5).
            let size = JavaNarrowing.int(Double(expected.text) ?? 0)
            switch left {
            case .string(let text): return text.utf16.count == size
            case .json(.array(let elements)): return elements.count == size
            case .json: return size == -1
            default: return false
            }
        case .empty:
            guard case .bool(let expected) = right else {
                throw PathEvaluationError(kind: .invalidPath, message: "Expected boolean node")
            }
            switch left {
            case .string(let text): return text.isEmpty == expected
            case .json(.array(let elements)): return elements.isEmpty == expected
            case .json(.object(let object)): return object.isEmpty == expected
            default: return false
            }
        }
    }

    /// Jayway `ValueNode.equals`: the left operand's class decides how the right one is read.
    static func equals(_ left: Operand, _ right: Operand) -> Bool {
        switch (left, right) {
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.string(let a), .number(let b)): return a.utf8.elementsEqual(b.text.utf8)
        case (.number(let a), .number(let b)): return a.compare(b) == 0
        case (.number(let a), .string(let b)):
            guard let b = JavaDecimal(javaText: b) else { return false }
            return a.compare(b) == 0
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.json(let a), .json(let b)): return javaEquals(a, b)
        case (.pattern(let a), .pattern(let b)): return a == b
        default: return false
        }
    }

    /// `List.equals`/`Map.equals` over Jackson-unwrapped values: numbers are equal only when of
    /// the same Java class (`Integer` 1 is not `Double` 1.0).
    static func javaEquals(_ a: JSON, _ b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.number(let x), .number(let y)):
            return JavaText.className(of: a) == JavaText.className(of: b)
                && JavaText.javaNumber(x) == JavaText.javaNumber(y)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { javaEquals($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key], javaEquals(value, other) else { return false }
            }
            return true
        default: return false
        }
    }

    /// -1, 0, 1 for two numbers or two strings (UTF-16 order, Java `String.compareTo`); nil otherwise.
    static func order(_ left: Operand, _ right: Operand) -> Int? {
        switch (left, right) {
        case (.number(let a), .number(let b)): return a.compare(b)
        case (.string(let a), .string(let b)): return JavaString.compare(a, b)
        default: return nil
        }
    }

    /// The elements of an array operand; Jayway throws for an operand that is not a list.
    static func list(_ operand: Operand) throws(PathEvaluationError) -> [Operand] {
        guard let elements = try optionalList(operand) else { return [] }
        return elements
    }

    /// Jayway `asValueListNode`: a JSON array's elements, nil for a JSON object (undefined), and
    /// an error for anything else.
    static func optionalList(_ operand: Operand) throws(PathEvaluationError) -> [Operand]? {
        switch operand {
        case .json(.array(let elements)): return elements.map(operand(_:))
        case .json: return nil
        default: throw PathEvaluationError(kind: .invalidPath, message: "Expected value list node")
        }
    }

    static func contains(_ list: [Operand], _ value: Operand) -> Bool {
        list.contains { equals(value, $0) }
    }

    // MARK: Regular expressions

    static func regexMatches(_ left: Operand, _ right: Operand) throws(PathEvaluationError) -> Bool {
        let regex: FilterRegex
        let subject: Operand
        switch (left, right) {
        case (.pattern(let compiled), let other) where !isPattern(other):
            regex = compiled
            subject = other
        case (let other, .pattern(let compiled)) where !isPattern(other):
            regex = compiled
            subject = other
        default:
            return false
        }
        guard regex.isCompiled else {
            throw PathEvaluationError(kind: .invalidPath, message: "Invalid regular expression \(regex)")
        }
        if case .json(.array(let elements)) = subject {
            return elements.contains { element in regex.matches(regexInput(operand(element))) == true }
        }
        return regex.matches(regexInput(subject)) == true
    }

    static func isPattern(_ operand: Operand) -> Bool {
        if case .pattern = operand { return true }
        return false
    }

    /// Jayway `RegexMatchEvaluator.getInput`: strings and numbers as text, booleans as
    /// `true`/`false`, anything else as the empty string.
    static func regexInput(_ operand: Operand) -> String {
        switch operand {
        case .string(let text): text
        case .number(let number): number.text
        case .bool(let flag): flag ? "true" : "false"
        default: ""
        }
    }
}

/// Java `String` comparison: by UTF-16 code units.
enum JavaString {
    /// `a.compareTo(b)` reduced to -1, 0, 1.
    static func compare(_ a: String, _ b: String) -> Int {
        var left = a.utf16.makeIterator()
        var right = b.utf16.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?):
                if x != y { return x < y ? -1 : 1 }
            }
        }
    }
}
