import JSONCore

/// `States.ArrayLength`: Returns the number of elements of an array.
///
/// AWS's example: Input `{"inputArray": [1,2,3,4,5,6,7,8,9]}`, call `States.ArrayLength($.inputArray)`, result `9`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayLength {
    static let signature = IntrinsicSignature(.arrayLength, parameters: [.array])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .arrayLength)
        let elements = try IntrinsicValue.array(arguments[0], .arrayLength)
        return .number(JSONNumber(elements.count))
    }
}
