/// `States.JsonMerge`: Shallow-merges two objects; keys of the second win. The third argument is the deep-merge flag,
/// and Step Functions supports only shallow merging, so it must be `false`.
///
/// AWS's example: Input `{"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}`,
/// call `States.JsonMerge($.json1, $.json2, false)`, result `{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesJsonMerge {
    static let signature = IntrinsicSignature(.jsonMerge, parameters: [.object, .object, .falseBoolean])
}
