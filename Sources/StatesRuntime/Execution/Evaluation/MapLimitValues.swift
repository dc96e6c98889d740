public import JSONCore
public import StatesLanguage

/// Reads the values of a Map state's `MaxConcurrencyPath`, `ToleratedFailureCountPath` and
/// `ToleratedFailurePercentagePath`, failing with AWS's causes.
///
///     MapLimitValues.maxConcurrency(2, path: $.c)              2
///     MapLimitValues.maxConcurrency("2", path: $.c)            2 (an integer's text is read as the integer)
///     MapLimitValues.maxConcurrency("NoNumber", path: $.c)     The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.c
///     MapLimitValues.maxConcurrency({}, path: $.c)             … refers to value "{}" which is not a valid integer: $.c
///     MapLimitValues.maxConcurrency(-1, path: $.c)             Expected non-negative integer for MaxConcurrency, got '-1' instead.
///     MapLimitValues.toleratedFailureCount(-1, path: $.n)      ToleratedFailureCount cannot be negative.
///     MapLimitValues.toleratedFailurePercentage(1.1, path: $.p)     1.1
///     MapLimitValues.toleratedFailurePercentage(100.1, path: $.p)   ToleratedFailurePercentage must be between 0 and 100.
///
/// An integer is a JSON number written without fraction or exponent, or a string holding one
/// (LocalStack converts strings, and AWS's "not a valid integer" names a parse of the value's
/// text), within Java's `int` range, which the "integer" of AWS's texts suggests. The
/// percentage is any JSON number or a string holding one. Sources in SPEC-NOTES.md §5.5.
public enum MapLimitValues {
    /// `MaxConcurrency` from the value `MaxConcurrencyPath` selected: 0 (no limit) or more.
    public static func maxConcurrency(_ value: JSON, path: Path) throws(StatesError) -> Int {
        guard let count = integer(value) else {
            throw EvaluationFailure.mapLimitNotInteger(field: "MaxConcurrencyPath", path: path, value: value)
        }
        guard count >= 0 else { throw EvaluationFailure.maxConcurrencyNegative(Int64(count)) }
        return Int(count)
    }

    /// `ToleratedFailureCount` from the value `ToleratedFailureCountPath` selected: 0 or more.
    public static func toleratedFailureCount(_ value: JSON, path: Path) throws(StatesError) -> Int {
        guard let count = integer(value) else {
            throw EvaluationFailure.mapLimitNotInteger(field: "ToleratedFailureCountPath", path: path, value: value)
        }
        guard count >= 0 else { throw EvaluationFailure.toleratedFailureCountNegative }
        return Int(count)
    }

    /// `ToleratedFailurePercentage` from the value `ToleratedFailurePercentagePath` selected: 0…100.
    public static func toleratedFailurePercentage(_ value: JSON, path: Path) throws(StatesError) -> Double {
        let number: JSONNumber?
        switch value {
        case .number(let written): number = written
        case .string(let text): number = JSONNumber(text: text)
        default: number = nil
        }
        guard let percentage = number?.doubleValue else {
            throw EvaluationFailure.mapPercentageNotNumber(path: path, value: value)
        }
        guard percentage >= 0, percentage <= 100 else { throw EvaluationFailure.toleratedFailurePercentageOutOfRange }
        return percentage
    }

    /// How many of `itemCount` iterations may fail under `percentage` percent: rounded down, and
    /// a percentage outside 0…100 (a literal the validator let through) read as its nearest end.
    public static func toleratedFailures(percentage: Double, itemCount: Int) -> Int {
        guard percentage > 0 else { return 0 }
        let fraction = min(percentage, 100) / 100
        return min(itemCount, Int((fraction * Double(max(0, itemCount))).rounded(.down)))
    }

    /// An integer in Java's `int` range written as a JSON integer or as a string holding one.
    static func integer(_ value: JSON) -> Int32? {
        switch value {
        case .number(let number): number.isInteger ? Int32(number.text) : nil
        case .string(let text): Int32(text)
        default: nil
        }
    }
}
