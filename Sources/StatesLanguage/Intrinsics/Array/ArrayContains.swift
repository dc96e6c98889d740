/// `States.ArrayContains`: Whether the array contains the value (JSON equality).
///
/// AWS's example: Input `{"inputArray": [1,2,3,4,5,6,7,8,9], "lookingFor": 5}`,
/// call `States.ArrayContains($.inputArray, $.lookingFor)`, result `true`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayContains {
    static let signature = IntrinsicSignature(.arrayContains, parameters: [.array, .any])
}
