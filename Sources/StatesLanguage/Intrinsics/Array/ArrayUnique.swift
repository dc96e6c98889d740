/// `States.ArrayUnique`: Returns the array without duplicate values, keeping first occurrences in order.
///
/// AWS's example: Input `{"inputArray": [1,2,3,3,3,3,3,3,4]}`, call `States.ArrayUnique($.inputArray)`, result `[1, 2, 3, 4]`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayUnique {
    static let signature = IntrinsicSignature(.arrayUnique, parameters: [.array])
}
