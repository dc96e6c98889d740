/// `States.Base64Encode`: Encodes a string (at most 10,000 characters) as Base64 of its UTF-8 bytes.
///
/// AWS's example: Input `{"input": "Data to encode"}`, call `States.Base64Encode($.input)`, result `"RGF0YSB0byBlbmNvZGU="`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesBase64Encode {
    static let signature = IntrinsicSignature(.base64Encode, parameters: [.string])
}
