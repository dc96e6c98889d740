import JSONCore

/// `States.Base64Encode`: Encodes a string (at most 10,000 characters) as Base64 of its UTF-8 bytes.
///
/// AWS's example: Input `{"input": "Data to encode"}`, call `States.Base64Encode($.input)`, result `"RGF0YSB0byBlbmNvZGU="`.
///
/// Observed on AWS (conformance suite): 10,000 characters pass and 10,001 fail (B64E-009/010);
/// numbers, objects and arrays fail; `"🚀"` encodes as `"8J+agA=="` (UTF-8).
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesBase64Encode {
    static let signature = IntrinsicSignature(.base64Encode, parameters: [.string])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .base64Encode)
        let text = try IntrinsicValue.string(arguments[0], .base64Encode)
        guard text.javaLength <= IntrinsicValue.maximumTextLength else { throw IntrinsicValue.invalid(.base64Encode) }
        return .string(Base64Codec.encode(Array(text.utf8)))
    }
}
