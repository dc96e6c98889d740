/// `States.ArrayPartition`: Splits an array into chunks of the given (positive) size; the last chunk may be shorter.
///
/// AWS's example: Input `{"inputArray": [1,2,3,4,5,6,7,8,9]}`, call `States.ArrayPartition($.inputArray, 4)`,
/// result `[[1,2,3,4], [5,6,7,8], [9]]`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayPartition {
    static let signature = IntrinsicSignature(.arrayPartition, parameters: [.array, .integer])
}
