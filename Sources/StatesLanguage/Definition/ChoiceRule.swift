public import JSONCore

/// A Choice rule: a comparison of one `Variable`, a boolean combination, or a JSONata
/// `Condition`.
///
/// Source: ASL specification, "Choice Rules"; AWS developer guide, "Choice workflow state".
public struct ChoiceRule: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// `{"Variable": "$.x", "<Operator>": operand}` (JSONPath).
        case comparison(ChoiceComparison)
        /// `{"And": [rule, …]}`.
        case and([ChoiceRule])
        /// `{"Or": [rule, …]}`.
        case or([ChoiceRule])
        /// `{"Not": rule}`.
        case not(ChoiceRule)
        /// `{"Condition": "{% … %}"}` (JSONata), or a literal `true`/`false`.
        case condition(ChoiceCondition)
    }

    public var kind: Kind
    /// Pointer to the rule's object.
    public var pointer: JSONPointer

    public init(_ kind: Kind, pointer: JSONPointer) {
        self.kind = kind
        self.pointer = pointer
    }
}

/// A JSONata Choice `Condition`: an expression, or a literal boolean.
public enum ChoiceCondition: Sendable, Hashable {
    case expression(JSONataExpression)
    case literal(Bool)
}

/// `Variable` compared by one operator against a literal or a path.
public struct ChoiceComparison: Sendable, Hashable {
    /// `Variable`: the value compared (a path; context and variable paths allowed).
    public var variable: Path
    public var comparisonOperator: ComparisonOperator
    public var operand: ComparisonOperand

    public init(variable: Path, comparisonOperator: ComparisonOperator, operand: ComparisonOperand) {
        self.variable = variable
        self.comparisonOperator = comparisonOperator
        self.operand = operand
    }
}

/// The right-hand side of a comparison.
public enum ComparisonOperand: Sendable, Hashable {
    /// The literal of a `String…` operator or of `StringMatches`.
    case string(String)
    /// The literal of a `Timestamp…` operator, parsed when the definition is parsed.
    case timestamp(TimestampLiteral)
    case number(JSONNumber)
    case bool(Bool)
    /// The value of a `…Path` operator.
    case path(Path)
}

/// Every comparison operator of the Choice state.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case booleanEquals = "BooleanEquals"
    case booleanEqualsPath = "BooleanEqualsPath"
    case isBoolean = "IsBoolean"
    case isNull = "IsNull"
    case isNumeric = "IsNumeric"
    case isPresent = "IsPresent"
    case isString = "IsString"
    case isTimestamp = "IsTimestamp"
    case numericEquals = "NumericEquals"
    case numericEqualsPath = "NumericEqualsPath"
    case numericGreaterThan = "NumericGreaterThan"
    case numericGreaterThanPath = "NumericGreaterThanPath"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case numericGreaterThanEqualsPath = "NumericGreaterThanEqualsPath"
    case numericLessThan = "NumericLessThan"
    case numericLessThanPath = "NumericLessThanPath"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericLessThanEqualsPath = "NumericLessThanEqualsPath"
    case stringEquals = "StringEquals"
    case stringEqualsPath = "StringEqualsPath"
    case stringGreaterThan = "StringGreaterThan"
    case stringGreaterThanPath = "StringGreaterThanPath"
    case stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringGreaterThanEqualsPath = "StringGreaterThanEqualsPath"
    case stringLessThan = "StringLessThan"
    case stringLessThanPath = "StringLessThanPath"
    case stringLessThanEquals = "StringLessThanEquals"
    case stringLessThanEqualsPath = "StringLessThanEqualsPath"
    case stringMatches = "StringMatches"
    case timestampEquals = "TimestampEquals"
    case timestampEqualsPath = "TimestampEqualsPath"
    case timestampGreaterThan = "TimestampGreaterThan"
    case timestampGreaterThanPath = "TimestampGreaterThanPath"
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case timestampGreaterThanEqualsPath = "TimestampGreaterThanEqualsPath"
    case timestampLessThan = "TimestampLessThan"
    case timestampLessThanPath = "TimestampLessThanPath"
    case timestampLessThanEquals = "TimestampLessThanEquals"
    case timestampLessThanEqualsPath = "TimestampLessThanEqualsPath"

    /// What the operand must be.
    public enum OperandKind: Sendable, Hashable {
        case string
        case number
        case boolean
        /// An RFC 3339 timestamp string.
        case timestamp
        /// A `StringMatches` pattern with `*` wildcards.
        case pattern
        /// A path (every `…Path` operator).
        case path
    }

    public var operandKind: OperandKind {
        if rawValue.hasSuffix("Path") { return .path }
        switch self {
        case .booleanEquals, .isBoolean, .isNull, .isNumeric, .isPresent, .isString, .isTimestamp: return .boolean
        case .stringMatches: return .pattern
        default: break
        }
        if rawValue.hasPrefix("Numeric") { return .number }
        if rawValue.hasPrefix("Timestamp") { return .timestamp }
        return .string
    }

    /// Whether the operator compares against the value of a path.
    public var isPathVariant: Bool { operandKind == .path }

    /// Whether it is one of the `Is…` type tests.
    public var isTypeTest: Bool { rawValue.hasPrefix("Is") }
}
