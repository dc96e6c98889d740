import JSONCore

/// `States.ArrayGetItem`: Returns the element at a zero-based index.
///
/// AWS's example: Input `{"inputArray": [1,2,3,4,5,6,7,8,9], "index": 5}`, call `States.ArrayGetItem($.inputArray, $.index)`,
/// result `6`.
///
/// Observed on AWS (conformance suite): an index equal to the length or negative fails
/// (AGI-009, AGI-010); a fractional index is truncated (`1.2` reads element 1, AGI-015); any
/// index into an empty array gives `null` (`[]` at 999, AGI-011).
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayGetItem {
    static let signature = IntrinsicSignature(.arrayGetItem, parameters: [.array, .integer])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .arrayGetItem)
        let elements = try IntrinsicValue.array(arguments[0], .arrayGetItem)
        let index = try IntrinsicValue.truncatedInt32(arguments[1], .arrayGetItem)
        if elements.isEmpty { return .null }
        guard index >= 0, Int(index) < elements.count else { throw IntrinsicValue.invalid(.arrayGetItem) }
        return elements[Int(index)]
    }
}
