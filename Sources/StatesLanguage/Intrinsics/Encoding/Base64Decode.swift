/// `States.Base64Decode`: Decodes Base64 (at most 10,000 characters) to a UTF-8 string.
///
/// AWS's example: Input `{"base64": "RGF0YSB0byBlbmNvZGU="}`, call `States.Base64Decode($.base64)`, result `"Data to encode"`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesBase64Decode {
    static let signature = IntrinsicSignature(.base64Decode, parameters: [.string])
}
