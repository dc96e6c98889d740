/// `States.Hash`: Returns the hex digest of the data (a string, at most 10,000 characters; other values are
/// serialized) with one of the algorithms MD5, SHA-1, SHA-256, SHA-384, SHA-512.
///
/// AWS's example: Input `{"Data": "input data", "Algorithm": "SHA-1"}`, call `States.Hash($.Data, $.Algorithm)`,
/// result `"aaff4a450a104cd177d28d18d74485e8cae074b7"`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesHash {
    static let signature = IntrinsicSignature(.hash, parameters: [.any, .string])

    /// The algorithm names AWS accepts, as written.
    static let algorithms = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"]
}
