internal import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An access key and its secret: with some configured, requests must be signed with one of them.
public struct Credentials: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: String

    public init(accessKeyID: String, secretAccessKey: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }
}

/// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
struct SigV4Authorization: Sendable, Hashable {
    var scope: SigV4.Scope
    var signedHeaders: [String]
    var signature: String

    /// Reads the header; the error is AWS's `IncompleteSignatureException` naming what is missing.
    static func parse(_ header: String) -> Result<SigV4Authorization, ServiceError> {
        let trimmed = HTTPText.trimmed(header[...])
        let parts = trimmed.split(separator: " ", maxSplits: 1)
        guard let algorithm = parts.first, algorithm == SigV4.algorithm else {
            let name = parts.first.map(String.init) ?? ""
            return .failure(ProtocolErrors.unsupportedAlgorithm(name))
        }
        var fields: [String: String] = [:]
        for piece in (parts.count > 1 ? parts[1] : "").split(separator: ",") {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            fields[HTTPText.trimmed(pair[0])] = HTTPText.trimmed(pair[1])
        }
        let missing = ["Credential", "SignedHeaders", "Signature"].filter { (fields[$0] ?? "").isEmpty }
        guard missing.isEmpty, let credential = fields["Credential"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"]
        else { return .failure(ProtocolErrors.incompleteSignature(missing: missing, header: trimmed)) }
        let pieces = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == 5, !pieces[0].isEmpty else {
            return .failure(ProtocolErrors.malformedCredential(credential))
        }
        let scope = SigV4.Scope(
            accessKeyID: pieces[0], date: pieces[1], region: pieces[2], service: pieces[3], terminator: pieces[4])
        let names = signed.split(separator: ";").map { $0.lowercased() }
        return .success(SigV4Authorization(scope: scope, signedHeaders: names, signature: signature))
    }
}

/// Checks SigV4 signatures against the configured credentials, as AWS does: the scope (date,
/// service `states`, terminator), the request time within 15 minutes of the server's clock, the
/// access key, then the signature. Any region is accepted in the scope: SDK clients sign with
/// their configured region and the server answers for one.
struct SigV4Verifier: Sendable {
    var credentials: [String: String]
    var service = "states"
    /// AWS's allowed clock difference.
    var maxSkewSeconds = 15 * 60
    var now: @Sendable () -> Date

    init(credentials: [Credentials], now: @escaping @Sendable () -> Date = { Date() }) {
        var secrets: [String: String] = [:]
        for credential in credentials { secrets[credential.accessKeyID] = credential.secretAccessKey }
        self.credentials = secrets
        self.now = now
    }

    /// Who signed the request, when its signature holds.
    func verify(_ request: HTTPRequest) throws(ServiceError) -> RequestInfo {
        guard let header = request.headers["Authorization"] else { throw ProtocolErrors.missingAuthentication }
        let authorization: SigV4Authorization
        switch SigV4Authorization.parse(header) {
        case .success(let parsed): authorization = parsed
        case .failure(let error): throw error
        }
        guard let amzDate = request.headers["X-Amz-Date"] else { throw ProtocolErrors.missingDate(header) }
        guard let requestTime = Self.parseAmzDate(amzDate) else { throw ProtocolErrors.malformedDate(amzDate) }
        let scope = authorization.scope
        guard scope.date == String(amzDate.prefix(8)) else {
            throw ProtocolErrors.scopeDateMismatch(scope: scope.date, amzDate: amzDate)
        }
        guard scope.service == service else { throw ProtocolErrors.wrongService(service) }
        guard scope.terminator == SigV4.terminator else { throw ProtocolErrors.wrongTerminator(scope.terminator) }
        guard authorization.signedHeaders.contains("host") else { throw ProtocolErrors.hostNotSigned }
        let current = Int(now().timeIntervalSince1970)
        if requestTime < current - maxSkewSeconds {
            throw ProtocolErrors.signatureExpired(
                amzDate: amzDate, earliest: Self.formatAmzDate(current - maxSkewSeconds),
                now: Self.formatAmzDate(current))
        }
        if requestTime > current + maxSkewSeconds {
            throw ProtocolErrors.signatureNotYetCurrent(
                amzDate: amzDate, latest: Self.formatAmzDate(current + maxSkewSeconds),
                now: Self.formatAmzDate(current))
        }
        guard let secret = credentials[scope.accessKeyID] else { throw ProtocolErrors.unrecognizedClient }
        let canonical = SigV4.canonicalRequest(request, signedHeaders: authorization.signedHeaders)
        let toSign = SigV4.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonical)
        let expected = SigV4.signature(secret: secret, scope: scope, stringToSign: toSign)
        guard HMAC.constantTimeEqual(expected, authorization.signature.lowercased()) else {
            throw ProtocolErrors.signatureMismatch
        }
        return RequestInfo(accessKeyID: scope.accessKeyID, signedRegion: scope.region)
    }

    /// The signer as the request names it, unchecked (when no credentials are configured).
    static func unverifiedInfo(_ request: HTTPRequest) -> RequestInfo {
        guard let header = request.headers["Authorization"],
            case .success(let authorization) = SigV4Authorization.parse(header)
        else { return RequestInfo() }
        return RequestInfo(accessKeyID: authorization.scope.accessKeyID, signedRegion: authorization.scope.region)
    }

    /// Seconds since 1970 of `YYYYMMDDTHHMMSSZ` (ISO 8601 basic format, UTC).
    static func parseAmzDate(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == 0x54, bytes[15] == 0x5A else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Int(timegm(&parts))
    }

    static func formatAmzDate(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2) + "Z"
    }
}
