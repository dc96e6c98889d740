import JSONCore

/// `States.Hash`: Returns the hex digest of the data (a string, at most 10,000 characters; other values are
/// serialized) with one of the algorithms MD5, SHA-1, SHA-256, SHA-384, SHA-512.
///
/// AWS's example: Input `{"Data": "input data", "Algorithm": "SHA-1"}`, call `States.Hash($.Data, $.Algorithm)`,
/// result `"aaff4a450a104cd177d28d18d74485e8cae074b7"`.
///
/// Observed on AWS (conformance suite): the algorithm name must be written exactly (`sha-256`,
/// `SHA256`, `MD-5`, `''` fail at run time); 10,000 characters pass and 10,001 fail; a number or
/// an object is hashed rather than refused (HASH-014, HASH-017: "hashes numeric input by
/// stringifying it"). We stringify with ``JavaValue/text``, as `States.Format` does (chosen: the
/// exact stringification is not observed). The digest is lowercase hex of the UTF-8 bytes.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesHash {
    static let signature = IntrinsicSignature(.hash, parameters: [.any, .string])

    /// The algorithm names AWS accepts, as written.
    static let algorithms = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"]

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .hash)
        let data: String
        if case .string(let text) = arguments[0] {
            data = text
        } else {
            data = JavaValue(arguments[0]).text
        }
        let algorithm = try IntrinsicValue.string(arguments[1], .hash)
        guard data.javaLength <= IntrinsicValue.maximumTextLength else { throw IntrinsicValue.invalid(.hash) }
        guard let digest = hexDigest(of: Array(data.utf8), algorithm: algorithm) else {
            throw IntrinsicValue.invalid(.hash)
        }
        return .string(digest)
    }

    /// The lowercase hex digest of `bytes` by the algorithm AWS names `MD5`, `SHA-1`, `SHA-256`,
    /// `SHA-384` or `SHA-512` (`States.Hash` and JSONata's `$hash` take the same names); `nil` for
    /// any other name.
    static func hexDigest(of bytes: [UInt8], algorithm: String) -> String? {
        let digest: [UInt8]
        switch algorithm {
        case "MD5": digest = MD5.digest(bytes)
        case "SHA-1": digest = SHA1.digest(bytes)
        case "SHA-256": digest = SHA2.sha256(bytes)
        case "SHA-384": digest = SHA2.sha384(bytes)
        case "SHA-512": digest = SHA2.sha512(bytes)
        default: return nil
        }
        return HashPadding.hex(digest)
    }
}
