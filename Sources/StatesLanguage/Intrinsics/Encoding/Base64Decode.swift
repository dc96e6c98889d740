import JSONCore

/// `States.Base64Decode`: Decodes Base64 (at most 10,000 characters) to a UTF-8 string.
///
/// AWS's example: Input `{"base64": "RGF0YSB0byBlbmNvZGU="}`, call `States.Base64Decode($.base64)`, result `"Data to encode"`.
///
/// Decoding is lenient as on AWS (see ``Base64Codec``): malformed text such as `"abc"` or
/// `" YWJjZA== "` decodes instead of failing. Bytes that are not UTF-8 become U+FFFD, as Java's
/// `new String(bytes, UTF_8)` makes them. 10,001 characters fail (B64D-008); non-strings fail.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesBase64Decode {
    static let signature = IntrinsicSignature(.base64Decode, parameters: [.string])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .base64Decode)
        let text = try IntrinsicValue.string(arguments[0], .base64Decode)
        guard text.javaLength <= IntrinsicValue.maximumTextLength else { throw IntrinsicValue.invalid(.base64Decode) }
        return .string(String(decoding: Base64Codec.decode(text), as: UTF8.self))
    }
}
