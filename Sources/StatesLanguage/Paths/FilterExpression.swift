public import JSONCore

/// The expression inside a filter selector `[?( … )]` (Jayway JSONPath dialect).
///
///     [?(@.price < 10)]                  → .comparison(.current([.name("price")]), .less, .literal(10))
///     [?(@.isbn)]                        → .current([.name("isbn")])          (existence test)
///     [?(@.a == 'x' && !(@.b > $.max))]  → .and(.comparison(…), .not(.comparison(…)))
public indirect enum FilterExpression: Sendable, Hashable {
    /// `@`, `@.a.b`, `@['a'][0]`: a path from the element under test. Alone, it is an existence test.
    case current([PathSegment])
    /// `$.max`, `$$.Execution.Input.x`: a path from one of the roots, evaluated once per filter.
    case absolute(Path)
    /// A string (single or double quoted), number, `true`, `false`, `null`, or array of literals.
    case literal(JSON)
    /// An unquoted word (`@.lang == es`): Jayway 2.0 keeps any operand that is not a path, a
    /// quoted string or a regex as its text, so it compares as the string `es`. Kept apart from
    /// ``literal(_:)`` so the validator can suggest quotes.
    case word(String)
    /// A regular expression literal `/…/flags`, the right-hand side of `=~`, compiled when the
    /// path is parsed.
    case regex(FilterRegex)
    /// `lhs op rhs`.
    case comparison(FilterExpression, FilterOperator, FilterExpression)
    /// `lhs && rhs`.
    case and(FilterExpression, FilterExpression)
    /// `lhs || rhs`.
    case or(FilterExpression, FilterExpression)
    /// `!operand`.
    case not(FilterExpression)
}

/// A binary filter operator; Jayway's relational operators are all accepted.
public enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case matches = "=~"
    case `in` = "in"
    case notIn = "nin"
    case subsetOf = "subsetof"
    case anyOf = "anyof"
    case noneOf = "noneof"
    case size = "size"
    case empty = "empty"
}
