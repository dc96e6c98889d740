/// `States.JsonToString`: Serializes the value (usually from a path) to compact JSON text.
///
/// AWS's example: Input `{"unescapedJson": {"foo": "bar"}}`, call `States.JsonToString($.unescapedJson)`,
/// result `"{\"foo\":\"bar\"}"`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesJsonToString {
    static let signature = IntrinsicSignature(.jsonToString, parameters: [.any])
}
