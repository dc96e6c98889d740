/// `States.ArrayRange`: Returns the integers from the first argument to the second (inclusive) in steps of the third;
/// at most 1000 elements.
///
/// AWS's example: Call `States.ArrayRange(1, 9, 2)`, result `[1, 3, 5, 7, 9]`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayRange {
    static let signature = IntrinsicSignature(.arrayRange, parameters: [.integer, .integer, .integer])

    /// The most elements the result may have.
    static let maximumCount = 1000
}
