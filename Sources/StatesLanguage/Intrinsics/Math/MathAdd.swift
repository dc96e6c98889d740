/// `States.MathAdd`: Returns the sum of two numbers.
///
/// AWS's example: Input `{"value1": 111, "step": -1}`, call `States.MathAdd($.value1, $.step)`, result `110`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesMathAdd {
    static let signature = IntrinsicSignature(.mathAdd, parameters: [.number, .number])
}
