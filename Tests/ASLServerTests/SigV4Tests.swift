import Foundation
import Testing

@testable import ASLServer

@Suite struct SigV4Tests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    @Test func hmacMatchesRFC4231TestCase2() {
        let mac = HMAC.sha256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(HMAC.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmacWithAKeyLongerThanABlock() {
        // RFC 4231 test case 6: a 131-byte key of 0xaa.
        let key = [UInt8](repeating: 0xAA, count: 131)
        let mac = HMAC.sha256(key: key, message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        #expect(HMAC.hex(mac) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    /// AWS IAM User Guide, "Examples of how to derive a signing key for Signature Version 4".
    @Test func signingKeyMatchesAWSExample() {
        let key = SigV4.signingKey(secret: Self.secret, date: "20120215", region: "us-east-1", service: "iam")
        #expect(HMAC.hex(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    struct Vector: CustomTestStringConvertible, Sendable {
        var name: String
        var method: String
        var target: String
        var signature: String
        var testDescription: String { name }
    }

    /// The SigV4 test suite (AWS General Reference, "Signature Version 4 test suite"): host
    /// example.amazonaws.com, 20150830T123600Z, us-east-1, service "service", key AKIDEXAMPLE.
    static let vectors: [Vector] = [
        Vector(
            name: "get-vanilla", method: "GET", target: "/",
            signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(
            name: "post-vanilla", method: "POST", target: "/",
            signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(
            name: "get-vanilla-query-order-key-case", method: "GET", target: "/?Param2=value2&Param1=value1",
            signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(
            name: "get-utf8", method: "GET", target: "/%E1%88%B4",
            signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
    ]

    static let scope = SigV4.Scope(
        accessKeyID: "AKIDEXAMPLE", date: "20150830", region: "us-east-1", service: "service",
        terminator: "aws4_request")

    static func request(_ vector: Vector) -> HTTPRequest {
        HTTPRequest(
            method: vector.method, target: vector.target,
            headers: HTTPHeaders([("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")]))
    }

    @Test(arguments: vectors)
    func testSuiteSignature(_ vector: Vector) {
        let authorization = SigV4.authorization(
            for: Self.request(vector), secret: Self.secret, scope: Self.scope, amzDate: "20150830T123600Z")
        #expect(
            authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=\(vector.signature)")
    }

    // MARK: - Verification

    static let signedAt = "20260101T120000Z"
    static let signedAtSeconds = 1_767_268_800

    static func signed(
        body: String = "{}", secret: String = secret, accessKey: String = "AKIDEXAMPLE", amzDate: String = signedAt,
        scopeDate: String? = nil, service: String = "states"
    ) -> HTTPRequest {
        var request = HTTPRequest(
            method: "POST", target: "/",
            headers: HTTPHeaders([
                ("Host", "localhost:8083"), ("X-Amz-Date", amzDate),
                ("X-Amz-Target", "AWSStepFunctions.ListStateMachines"),
                ("Content-Type", "application/x-amz-json-1.0"),
            ]), body: Array(body.utf8))
        let scope = SigV4.Scope(
            accessKeyID: accessKey, date: scopeDate ?? String(amzDate.prefix(8)), region: "eu-west-1",
            service: service, terminator: "aws4_request")
        request.headers.append(
            "Authorization", SigV4.authorization(for: request, secret: secret, scope: scope, amzDate: amzDate))
        return request
    }

    static func verifier(now: Int = signedAtSeconds) -> SigV4Verifier {
        SigV4Verifier(
            credentials: [Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret)],
            now: { Date(timeIntervalSince1970: TimeInterval(now)) })
    }

    @Test func acceptsAGoodSignature() throws {
        let info = try Self.verifier().verify(Self.signed())
        #expect(info.accessKeyID == "AKIDEXAMPLE")
        #expect(info.signedRegion == "eu-west-1")
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        var request: HTTPRequest
        var now: Int = SigV4Tests.signedAtSeconds
        var type: String
        var message: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = {
        var tampered = signed()
        tampered.body = Array(#"{"a":1}"#.utf8)
        var unsigned = signed()
        unsigned.headers = HTTPHeaders(
            unsigned.headers.fields.filter { $0.name != "Authorization" }.map { ($0.name, $0.value) })
        var noDate = signed()
        noDate.headers = HTTPHeaders(
            noDate.headers.fields.filter { $0.name != "X-Amz-Date" }.map { ($0.name, $0.value) })
        var noSignature = signed()
        noSignature.headers = HTTPHeaders(
            noSignature.headers.fields.map {
                $0.name == "Authorization"
                    ? ($0.name, String($0.value.split(separator: ",").dropLast().joined(separator: ",")))
                    : ($0.name, $0.value)
            })
        return [
            Refusal(
                name: "wrong secret", request: signed(secret: "not-the-secret"), type: "InvalidSignatureException",
                message:
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
            ),
            Refusal(
                name: "body changed after signing", request: tampered, type: "InvalidSignatureException",
                message:
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
            ),
            Refusal(
                name: "unknown access key", request: signed(accessKey: "AKIDOTHER"),
                type: "UnrecognizedClientException",
                message: "The security token included in the request is invalid."),
            Refusal(
                name: "no Authorization", request: unsigned, type: "MissingAuthenticationTokenException",
                message: "Request is missing Authentication Token"),
            Refusal(
                name: "expired", request: signed(), now: signedAtSeconds + 16 * 60, type: "InvalidSignatureException",
                message:
                    "Signature expired: 20260101T120000Z is now earlier than 20260101T120100Z (20260101T121600Z - 15 min.)"
            ),
            Refusal(
                name: "from the future", request: signed(), now: signedAtSeconds - 16 * 60,
                type: "InvalidSignatureException",
                message:
                    "Signature not yet current: 20260101T120000Z is still later than 20260101T115900Z (20260101T114400Z + 15 min.)"
            ),
            Refusal(
                name: "scope date differs", request: signed(scopeDate: "20251231"), type: "InvalidSignatureException",
                message:
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20251231' != '20260101', from '20260101T120000Z'."
            ),
            Refusal(
                name: "other service", request: signed(service: "lambda"), type: "InvalidSignatureException",
                message: "Credential should be scoped to correct service: 'states'. "),
            Refusal(
                name: "no X-Amz-Date", request: noDate, type: "IncompleteSignatureException",
                message:
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=\(signed().headers["Authorization"] ?? "")"
            ),
            Refusal(
                name: "no Signature=", request: noSignature, type: "IncompleteSignatureException",
                message:
                    "Authorization header requires 'Signature' parameter. Authorization=\(noSignature.headers["Authorization"] ?? "")"
            ),
        ]
    }()

    @Test(arguments: refusals)
    func refuses(_ refusal: Refusal) {
        #expect(throws: ServiceError(refusal.type, refusal.message, httpStatus: 400)) {
            try Self.verifier(now: refusal.now).verify(refusal.request)
        }
    }

    @Test func amzDateRoundTrips() {
        #expect(SigV4Verifier.parseAmzDate(Self.signedAt) == Self.signedAtSeconds)
        #expect(SigV4Verifier.formatAmzDate(Self.signedAtSeconds) == Self.signedAt)
        #expect(SigV4Verifier.parseAmzDate("2026-01-01T12:00:00Z") == nil)
        #expect(SigV4Verifier.parseAmzDate("20261301T120000Z") == nil)
    }

    @Test func unverifiedRequestsStillNameTheirSigner() {
        let info = SigV4Verifier.unverifiedInfo(Self.signed(secret: "anything"))
        #expect(info.accessKeyID == "AKIDEXAMPLE")
        #expect(
            SigV4Verifier.unverifiedInfo(HTTPRequest(method: "POST", target: "/", headers: HTTPHeaders())).accessKeyID
                == nil)
    }
}
