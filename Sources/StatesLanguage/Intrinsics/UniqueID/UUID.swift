import JSONCore

/// `States.UUID`: Returns a version 4 UUID (from the injected random source at run time).
///
/// AWS's example: Call `States.UUID()`, result e.g. `"ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8"`.
///
/// RFC 9562 version 4: 122 random bits, version nibble 4, variant bits `10`, written in
/// lowercase hex as 8-4-4-4-12 (as AWS's example and Java's `UUID.toString`).
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesUUID {
    static let signature = IntrinsicSignature(.uuid, parameters: [])

    static func call<R: RandomNumberGenerator>(_ arguments: [JSON], random: inout R) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .uuid)
        return .string(UUIDText.random(using: &random))
    }
}
