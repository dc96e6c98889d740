/// Every error the protocol layer answers with, worded as AWS words it where AWS's text is known
/// (SPEC-NOTES §18.1 lists the source of each and marks the ones that are ours).
enum ProtocolErrors {
    // MARK: - Operation and body

    /// AWS's JSON services answer an unknown or missing `X-Amz-Target` with this type and no
    /// message (`{"__type":"UnknownOperationException"}`, HTTP 400).
    static let unknownOperation = ServiceError("UnknownOperationException", "", httpStatus: 400)

    static func serialization(_ detail: String) -> ServiceError {
        ServiceError("SerializationException", detail, httpStatus: 400)
    }

    static func unsupportedContentType(_ value: String) -> ServiceError {
        ServiceError(
            "SerializationException",
            "Content-Type '\(value)' is not supported; send application/x-amz-json-1.0", httpStatus: 400)
    }

    static func internalFailure(_ detail: String) -> ServiceError {
        ServiceError("InternalFailure", detail, httpStatus: 500)
    }

    // MARK: - Signature Version 4

    static let missingAuthentication = ServiceError(
        "MissingAuthenticationTokenException", "Request is missing Authentication Token", httpStatus: 400)

    static func unsupportedAlgorithm(_ name: String) -> ServiceError {
        ServiceError(
            "IncompleteSignatureException",
            "Unsupported AWS 'algorithm': '\(name)' (expected '\(SigV4.algorithm)')", httpStatus: 400)
    }

    static func incompleteSignature(missing: [String], header: String) -> ServiceError {
        let sentences = missing.map { "Authorization header requires '\($0)' parameter." }
        return ServiceError(
            "IncompleteSignatureException", (sentences + ["Authorization=\(header)"]).joined(separator: " "),
            httpStatus: 400)
    }

    static func malformedCredential(_ credential: String) -> ServiceError {
        ServiceError(
            "IncompleteSignatureException",
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                + "got '\(credential)'", httpStatus: 400)
    }

    static func missingDate(_ header: String) -> ServiceError {
        ServiceError(
            "IncompleteSignatureException",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                + "Authorization=\(header)", httpStatus: 400)
    }

    static func malformedDate(_ value: String) -> ServiceError {
        ServiceError(
            "IncompleteSignatureException",
            "Date must be in ISO-8601 'basic format'. Got '\(value)'. See http://en.wikipedia.org/wiki/ISO_8601",
            httpStatus: 400)
    }

    static func scopeDateMismatch(scope: String, amzDate: String) -> ServiceError {
        ServiceError(
            "InvalidSignatureException",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'\(scope)' != '\(amzDate.prefix(8))', from '\(amzDate)'.", httpStatus: 400)
    }

    static func wrongService(_ service: String) -> ServiceError {
        ServiceError(
            "InvalidSignatureException", "Credential should be scoped to correct service: '\(service)'. ",
            httpStatus: 400)
    }

    static func wrongTerminator(_ terminator: String) -> ServiceError {
        ServiceError(
            "InvalidSignatureException",
            "Credential should be scoped with a valid terminator: 'aws4_request', not '\(terminator)'. ",
            httpStatus: 400)
    }

    static let hostNotSigned = ServiceError(
        "InvalidSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        httpStatus: 400)

    static func signatureExpired(amzDate: String, earliest: String, now: String) -> ServiceError {
        ServiceError(
            "InvalidSignatureException",
            "Signature expired: \(amzDate) is now earlier than \(earliest) (\(now) - 15 min.)", httpStatus: 400)
    }

    static func signatureNotYetCurrent(amzDate: String, latest: String, now: String) -> ServiceError {
        ServiceError(
            "InvalidSignatureException",
            "Signature not yet current: \(amzDate) is still later than \(latest) (\(now) + 15 min.)", httpStatus: 400)
    }

    static let unrecognizedClient = ServiceError(
        "UnrecognizedClientException", "The security token included in the request is invalid.", httpStatus: 400)

    static let signatureMismatch = ServiceError(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
            + "Access Key and signing method. Consult the service documentation for details.", httpStatus: 400)
}
