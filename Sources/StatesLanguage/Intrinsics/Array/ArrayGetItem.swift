/// `States.ArrayGetItem`: Returns the element at a zero-based index.
///
/// AWS's example: Input `{"inputArray": [1,2,3,4,5,6,7,8,9], "index": 5}`, call `States.ArrayGetItem($.inputArray, $.index)`,
/// result `6`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayGetItem {
    static let signature = IntrinsicSignature(.arrayGetItem, parameters: [.array, .integer])
}
