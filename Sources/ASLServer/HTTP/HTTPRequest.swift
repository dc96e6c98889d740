/// One complete HTTP/1.1 request as ``HTTPRequestParser`` produced it: the body is whole
/// (de-chunked when it came with `Transfer-Encoding: chunked`).
public struct HTTPRequest: Sendable, Hashable {
    /// `POST`, `GET`, … exactly as sent (methods are case-sensitive, RFC 9110 §9.1).
    public var method: String
    /// The request target as sent (`/`, `/?a=b`).
    public var target: String
    /// `1` for HTTP/1.1, `0` for HTTP/1.0.
    public var minorVersion: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders, body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    /// Whether the connection stays open after the response (RFC 9112 §9.3): HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepsAlive: Bool {
        let tokens = headers.values("Connection").flatMap { $0.split(separator: ",") }.map {
            HTTPText.trimmed($0).lowercased()
        }
        if tokens.contains("close") { return false }
        return minorVersion >= 1 || tokens.contains("keep-alive")
    }

    /// The path part of the target (before `?`).
    public var path: Substring {
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }

    /// The query part of the target (after `?`), empty when there is none.
    public var query: Substring {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? parts[1] : ""
    }
}

/// Small text helpers of the HTTP layer (Foundation-free).
enum HTTPText {
    /// `text` without leading and trailing spaces and tabs (HTTP's optional white space, OWS).
    static func trimmed(_ text: Substring) -> String {
        var slice = text[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
