public import JSONCore
public import StatesLanguage

/// Decides whether a Choice rule matches, as AWS does.
///
///     {"Variable": "$.n", "NumericGreaterThan": 10}          {"n": 11} → true;  {"n": "11"} → false
///     {"Variable": "$.s", "StringEquals": "a"}               {"s": 1}  → false (a type mismatch is no match)
///     {"Variable": "$.s", "StringMatches": "log-*.txt"}      {"s": "log-2024.txt"} → true
///     {"Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00Z"}
///     {"Variable": "$.x", "IsPresent": false}                {} → true (never an error)
///     {"Variable": "$.x", "IsNull": true}                    {} → States.Runtime:
///         Invalid path '$.x': The choice state's condition path references an invalid value.
///     {"Not": {…}}, {"And": […]}, {"Or": […]}                 short-circuit, left to right
///
/// Rules (sources in SPEC-NOTES.md §5.3, "Choice"):
/// - `Variable` must select a value (a present `null` counts) unless the operator is
///   `IsPresent`; likewise the operand path of a `…Path` operator. An index past the end of an
///   array selects nothing here.
/// - Every comparison is false when either side has the wrong type (observed on AWS for every
///   operator family).
/// - Numbers compare exactly as decimals; strings by UTF-16 code units (Java `String.compareTo`);
///   timestamps as instants (see ``Timestamp``); `StringMatches` with `*` for any run of
///   characters, `\*` for a star and `\\` for a backslash.
public enum ChoiceEvaluator {
    /// Whether `rule` matches.
    ///
    /// - Throws: `States.Runtime` when a `Variable` or operand path selects nothing, and for a
    ///   JSONata `Condition` expression (not supported yet).
    public static func matches(
        _ rule: ChoiceRule, input: JSON, context: JSON, variables: (String) -> JSON?
    ) throws(StatesError) -> Bool {
        switch rule.kind {
        case .comparison(let comparison):
            return try matches(comparison, input: input, context: context, variables: variables)
        case .and(let rules):
            for inner in rules where !(try matches(inner, input: input, context: context, variables: variables)) {
                return false
            }
            return true
        case .or(let rules):
            for inner in rules where try matches(inner, input: input, context: context, variables: variables) {
                return true
            }
            return false
        case .not(let inner):
            return !(try matches(inner, input: input, context: context, variables: variables))
        case .condition(.literal(let flag)):
            return flag
        case .condition(.expression(let expression)):
            throw StatesError(
                .runtime,
                "JSONata Choice conditions are not supported by this runtime yet: {% \(expression.source) %}")
        }
    }

    /// Whether one `Variable`-operator-operand comparison holds.
    public static func matches(
        _ comparison: ChoiceComparison, input: JSON, context: JSON, variables: (String) -> JSON?
    ) throws(StatesError) -> Bool {
        let op = comparison.comparisonOperator
        if op == .isPresent {
            let present = PathEvaluator.isPresent(
                comparison.variable, input: input, context: context, variables: variables)
            return present == (comparison.operand.boolValue ?? true)
        }
        let value = try select(comparison.variable, input: input, context: context, variables: variables)
        let operand: JSON
        switch comparison.operand {
        case .timestamp(let literal):
            // Compiled at parse time: only the variable's value is read here.
            return test(op, value, literal: literal)
        case .string(let text): operand = .string(text)
        case .number(let number): operand = .number(number)
        case .bool(let flag): operand = .bool(flag)
        case .path(let path): operand = try select(path, input: input, context: context, variables: variables)
        }
        return test(op, value, operand)
    }

    /// The value of a Choice path, or the Choice error.
    static func select(
        _ path: Path, input: JSON, context: JSON, variables: (String) -> JSON?
    ) throws(StatesError) -> JSON {
        do {
            return try PathEvaluator.evaluate(path, input: input, context: context, variables: variables, mode: .strict)
        } catch {
            throw EvaluationFailure.choiceInvalidPath(path)
        }
    }

    /// The operator applied to the variable's value and the operand's value.
    static func test(_ op: ComparisonOperator, _ value: JSON, _ operand: JSON) -> Bool {
        switch op {
        case .isPresent:
            return true
        case .isNull:
            return value.isNull == (operand.boolValue ?? true)
        case .isBoolean:
            return (value.boolValue != nil) == (operand.boolValue ?? true)
        case .isNumeric:
            return (value.numberValue != nil) == (operand.boolValue ?? true)
        case .isString:
            return (value.stringValue != nil) == (operand.boolValue ?? true)
        case .isTimestamp:
            let isTimestamp = value.stringValue.flatMap(Timestamp.parse) != nil
            return isTimestamp == (operand.boolValue ?? true)
        case .booleanEquals, .booleanEqualsPath:
            guard let left = value.boolValue, let right = operand.boolValue else { return false }
            return left == right
        case .numericEquals, .numericEqualsPath:
            return numericOrder(value, operand).map { $0 == 0 } ?? false
        case .numericLessThan, .numericLessThanPath:
            return numericOrder(value, operand).map { $0 < 0 } ?? false
        case .numericLessThanEquals, .numericLessThanEqualsPath:
            return numericOrder(value, operand).map { $0 <= 0 } ?? false
        case .numericGreaterThan, .numericGreaterThanPath:
            return numericOrder(value, operand).map { $0 > 0 } ?? false
        case .numericGreaterThanEquals, .numericGreaterThanEqualsPath:
            return numericOrder(value, operand).map { $0 >= 0 } ?? false
        case .stringEquals, .stringEqualsPath:
            guard let left = value.stringValue, let right = operand.stringValue else { return false }
            return left.utf8.elementsEqual(right.utf8)
        case .stringLessThan, .stringLessThanPath:
            return stringOrder(value, operand).map { $0 < 0 } ?? false
        case .stringLessThanEquals, .stringLessThanEqualsPath:
            return stringOrder(value, operand).map { $0 <= 0 } ?? false
        case .stringGreaterThan, .stringGreaterThanPath:
            return stringOrder(value, operand).map { $0 > 0 } ?? false
        case .stringGreaterThanEquals, .stringGreaterThanEqualsPath:
            return stringOrder(value, operand).map { $0 >= 0 } ?? false
        case .stringMatches:
            guard let text = value.stringValue, let pattern = operand.stringValue else { return false }
            return StringPattern.matches(text, pattern: pattern)
        case .timestampEquals, .timestampEqualsPath:
            return timestampOrder(value, operand).map { $0 == 0 } ?? false
        case .timestampLessThan, .timestampLessThanPath:
            return timestampOrder(value, operand).map { $0 < 0 } ?? false
        case .timestampLessThanEquals, .timestampLessThanEqualsPath:
            return timestampOrder(value, operand).map { $0 <= 0 } ?? false
        case .timestampGreaterThan, .timestampGreaterThanPath:
            return timestampOrder(value, operand).map { $0 > 0 } ?? false
        case .timestampGreaterThanEquals, .timestampGreaterThanEqualsPath:
            return timestampOrder(value, operand).map { $0 >= 0 } ?? false
        }
    }

    /// -1, 0, 1 for two numbers, compared exactly as decimals; nil if either is not a number.
    static func numericOrder(_ left: JSON, _ right: JSON) -> Int? {
        guard case .number(let a) = left, case .number(let b) = right else { return nil }
        return DecimalOrder.compare(a, b)
    }

    /// -1, 0, 1 for two strings in UTF-16 order; nil if either is not a string.
    static func stringOrder(_ left: JSON, _ right: JSON) -> Int? {
        guard case .string(let a) = left, case .string(let b) = right else { return nil }
        return JavaString.compare(a, b)
    }

    /// A `Timestamp…` operator against a literal compiled at parse time: false when either side
    /// is not a timestamp, as for two strings.
    static func test(_ op: ComparisonOperator, _ value: JSON, literal: TimestampLiteral) -> Bool {
        guard case .string(let text) = value, let left = Timestamp.parse(text), let right = literal.instant else {
            return false
        }
        switch op {
        case .timestampEquals: return left == right
        case .timestampLessThan: return left < right
        case .timestampLessThanEquals: return left <= right
        case .timestampGreaterThan: return left > right
        case .timestampGreaterThanEquals: return left >= right
        // The parser gives a timestamp literal only to the five operators above.
        default: return test(op, value, .string(literal.text))
        }
    }

    /// -1, 0, 1 for two timestamp strings by instant; nil if either is not a timestamp.
    static func timestampOrder(_ left: JSON, _ right: JSON) -> Int? {
        guard case .string(let a) = left, case .string(let b) = right,
            let x = Timestamp.parse(a), let y = Timestamp.parse(b)
        else { return nil }
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}

extension ComparisonOperand {
    /// The literal boolean operand of `Is…` and `BooleanEquals`.
    var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}

/// `StringMatches` patterns: `*` matches any run of characters (none included); `\*` is a
/// literal star, `\\` a literal backslash, and a backslash before any other character stands for
/// that character. The whole string must match.
///
///     matches("log-2024.txt", pattern: "log-*.txt")   true
///     matches("a*b", pattern: "a\\*b")                 true   (JSON "a\\*b" is the text a\*b)
///     matches("axb", pattern: "a\\*b")                 false
///
/// Matching works on UTF-8 bytes without allocating: a literal character's bytes begin with a
/// lead byte, so they can only match at character boundaries.
/// Source: AWS developer guide, "Choice workflow state" (`StringMatches`).
enum StringPattern {
    static func matches(_ text: String, pattern: String) -> Bool {
        var text = text
        var pattern = pattern
        return text.withUTF8 { subject in
            pattern.withUTF8 { pattern in matches(subject, pattern) }
        }
    }

    /// One pattern element at `position`: a star, or a literal byte and the element's length.
    private enum Token {
        case star
        case literal(UInt8, length: Int)
    }

    private static func token(_ pattern: UnsafeBufferPointer<UInt8>, _ position: Int) -> Token {
        let byte = pattern[position]
        if byte == UInt8(ascii: "*") { return .star }
        if byte == UInt8(ascii: "\\"), position + 1 < pattern.count {
            return .literal(pattern[position + 1], length: 2)
        }
        return .literal(byte, length: 1)
    }

    static func matches(_ subject: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = 0
        var p = 0
        var starPattern = -1
        var starSubject = 0
        while s < subject.count {
            if p < pattern.count {
                switch token(pattern, p) {
                case .star:
                    starPattern = p
                    starSubject = s
                    p += 1
                    continue
                case .literal(let byte, let length):
                    if byte == subject[s] {
                        s += 1
                        p += length
                        continue
                    }
                }
            }
            guard starPattern >= 0 else { return false }
            starSubject += 1
            s = starSubject
            p = starPattern + 1
        }
        while p < pattern.count, case .star = token(pattern, p) { p += 1 }
        return p == pattern.count
    }
}
