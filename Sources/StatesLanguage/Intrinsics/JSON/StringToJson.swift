/// `States.StringToJson`: Parses a string holding escaped JSON text and returns the value.
///
/// AWS's example: Input `{"escapedJsonString": "{\"foo\": \"bar\"}"}`, call `States.StringToJson($.escapedJsonString)`,
/// result `{"foo": "bar"}`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesStringToJson {
    static let signature = IntrinsicSignature(.stringToJson, parameters: [.string])
}
