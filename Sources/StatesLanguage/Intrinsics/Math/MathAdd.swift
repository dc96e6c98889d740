import JSONCore

/// `States.MathAdd`: Returns the sum of two numbers.
///
/// AWS's example: Input `{"value1": 111, "step": -1}`, call `States.MathAdd($.value1, $.step)`, result `110`.
///
/// Each operand is rounded half up first (Java `Math.round`: `2.5` → 3, `-2.5` → -2; AWS:
/// `MathAdd(1.6, 2.7)` is 5, conformance suite MADD-005, and LocalStack's AWS-validated
/// `test_math_add` ties). Operands and the sum must fit a 32-bit integer (AWS:
/// `MathAdd(2147483647, 1)` and `MathAdd(3000000000, 1)` fail, `MathAdd(2147483646, 1)` is
/// 2147483647). Strings, booleans, null and arrays fail; numeric strings are not converted.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesMathAdd {
    static let signature = IntrinsicSignature(.mathAdd, parameters: [.number, .number])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .mathAdd)
        let first = try IntrinsicValue.roundedInt32(arguments[0], .mathAdd)
        let second = try IntrinsicValue.roundedInt32(arguments[1], .mathAdd)
        let (sum, overflow) = first.addingReportingOverflow(second)
        guard !overflow else { throw IntrinsicValue.invalid(.mathAdd) }
        return .number(JSONNumber(Int(sum)))
    }
}
