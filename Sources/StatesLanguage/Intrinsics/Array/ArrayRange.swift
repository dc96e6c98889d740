import JSONCore

/// `States.ArrayRange`: Returns the integers from the first argument to the second (inclusive) in steps of the third;
/// at most 1000 elements.
///
/// AWS's example: Call `States.ArrayRange(1, 9, 2)`, result `[1, 3, 5, 7, 9]`.
///
/// Observed on AWS (conformance suite): arguments are truncated (`ArrayRange(1.6, 1.4, 1)` is
/// `[1]`, `ArrayRange(5.4, -0.6, -2.4)` is `[5, 3, 1]`); a negative step counts down; a step
/// pointing away from the end gives `[]`; a step of 0 (or `0.49`) fails; 1000 elements pass and
/// 1001 fail, either direction.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayRange {
    static let signature = IntrinsicSignature(.arrayRange, parameters: [.integer, .integer, .integer])

    /// The most elements the result may have.
    static let maximumCount = 1000

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .arrayRange)
        let start = Int64(try IntrinsicValue.truncatedInt32(arguments[0], .arrayRange))
        let end = Int64(try IntrinsicValue.truncatedInt32(arguments[1], .arrayRange))
        let step = Int64(try IntrinsicValue.truncatedInt32(arguments[2], .arrayRange))
        guard step != 0 else { throw IntrinsicValue.invalid(.arrayRange) }
        let span = step > 0 ? end - start : start - end
        let count = span < 0 ? 0 : span / abs(step) + 1
        guard count <= Int64(maximumCount) else { throw IntrinsicValue.invalid(.arrayRange) }
        return .array((0..<count).map { .number(JSONNumber(start + $0 * step)) })
    }
}
