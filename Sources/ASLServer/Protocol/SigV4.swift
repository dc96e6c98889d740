internal import StatesLanguage

/// AWS Signature Version 4 (AWS IAM User Guide, "Create a signed AWS API request"): the
/// canonical request, the string to sign, the signing key and the signature, for requests signed
/// in the `Authorization` header.
///
///     canonical request = METHOD \n canonical URI \n canonical query \n canonical headers \n
///                         signed headers \n hex(SHA256(payload))
///     string to sign    = AWS4-HMAC-SHA256 \n X-Amz-Date \n date/region/service/aws4_request \n
///                         hex(SHA256(canonical request))
///     signing key       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")
///     signature         = hex(HMAC(signing key, string to sign))
///
/// Tested against AWS's published vectors: the signing-key example (secret
/// `wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY`, 20120215, us-east-1, iam) and the SigV4 test
/// suite's `get-vanilla` and `post-vanilla` requests.
enum SigV4 {
    static let algorithm = "AWS4-HMAC-SHA256"
    static let terminator = "aws4_request"

    /// What the `Credential=` part of an `Authorization` header names.
    struct Scope: Sendable, Hashable {
        var accessKeyID: String
        /// `YYYYMMDD`.
        var date: String
        var region: String
        var service: String
        var terminator: String

        var text: String { "\(date)/\(region)/\(service)/\(terminator)" }
    }

    static func signingKey(secret: String, date: String, region: String, service: String) -> [UInt8] {
        let dateKey = HMAC.sha256(key: Array("AWS4\(secret)".utf8), message: Array(date.utf8))
        let regionKey = HMAC.sha256(key: dateKey, message: Array(region.utf8))
        let serviceKey = HMAC.sha256(key: regionKey, message: Array(service.utf8))
        return HMAC.sha256(key: serviceKey, message: Array(terminator.utf8))
    }

    /// The canonical request of `request` over `signedHeaders` (lowercase names, as listed in
    /// the `Authorization` header).
    static func canonicalRequest(_ request: HTTPRequest, signedHeaders: [String]) -> String {
        let headerLines = signedHeaders.map { name in
            let values = request.headers.values(name).map(canonicalValue)
            return "\(name):\(values.joined(separator: ","))\n"
        }.joined()
        return [
            request.method,
            canonicalURI(request.path),
            canonicalQuery(request.query),
            headerLines,
            signedHeaders.joined(separator: ";"),
            HMAC.hex(SHA2.sha256(request.body)),
        ].joined(separator: "\n")
    }

    static func stringToSign(amzDate: String, scope: Scope, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope.text, HMAC.hex(SHA2.sha256(Array(canonicalRequest.utf8)))].joined(separator: "\n")
    }

    static func signature(secret: String, scope: Scope, stringToSign: String) -> String {
        let key = signingKey(secret: secret, date: scope.date, region: scope.region, service: scope.service)
        return HMAC.hex(HMAC.sha256(key: key, message: Array(stringToSign.utf8)))
    }

    /// Signs `request` (which must carry `Host` and `X-Amz-Date`) and returns the `Authorization`
    /// header value, signing every header it has except `Authorization` itself. Clients in tests
    /// and the load benchmark use it.
    static func authorization(for request: HTTPRequest, secret: String, scope: Scope, amzDate: String) -> String {
        var names = Set<String>()
        for field in request.headers where !HTTPHeaders.equalNames(field.name, "Authorization") {
            names.insert(field.name.lowercased())
        }
        let signedHeaders = names.sorted()
        let canonical = canonicalRequest(request, signedHeaders: signedHeaders)
        let toSign = stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonical)
        let signature = signature(secret: secret, scope: scope, stringToSign: toSign)
        return "\(algorithm) Credential=\(scope.accessKeyID)/\(scope.text), "
            + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
    }

    // MARK: - Canonical forms

    /// A header value trimmed, with runs of spaces inside collapsed to one.
    static func canonicalValue(_ value: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in value {
            if character == " " || character == "\t" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }

    /// The path as the client meant it (the wire form percent-decoded), each byte outside the
    /// unreserved set and `/` percent-encoded; an empty path is `/`. The test suite's `get-utf8`
    /// request arrives as `/%E1%88%B4` and is signed over `/%E1%88%B4`.
    static func canonicalURI(_ path: Substring) -> String {
        path.isEmpty ? "/" : uriEncode(Substring(percentDecoded(path)), keepingSlash: true)
    }

    /// `name=value` pairs decoded, re-encoded, sorted by name then value, joined by `&`.
    static func canonicalQuery(_ query: Substring) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&").map { part -> (String, String) in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = uriEncode(Substring(percentDecoded(pieces[0])), keepingSlash: false)
            let value =
                pieces.count > 1 ? uriEncode(Substring(percentDecoded(pieces[1])), keepingSlash: false) : ""
            return (name, value)
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(
            separator: "&")
    }

    static func uriEncode(_ text: Substring, keepingSlash: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E:
                out.append(byte)
            case 0x2F where keepingSlash:
                out.append(byte)
            default:
                out += [0x25, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x25, let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex),
                high < utf8.endIndex, let low = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex),
                low < utf8.endIndex,
                let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index = utf8.index(index, offsetBy: 3)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
