/// Why a request could not be read. The connection answers with ``status`` and closes: after a
/// framing error nothing that follows on the connection can be trusted (RFC 9112 §2.2, §6.3).
public struct HTTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Not `METHOD SP target SP HTTP/1.x`.
        case malformedRequestLine
        /// `HTTP/2.0`, `HTTP/3.1`…: a version this server does not speak.
        case unsupportedVersion(String)
        /// A header line without a colon, with white space before the colon, a folded line, a
        /// control character in a value.
        case malformedHeader
        /// The request line and headers together exceed the limit.
        case headersTooLarge(limit: Int)
        case tooManyHeaders(limit: Int)
        /// Not digits, too large, or several different values.
        case invalidContentLength
        /// Both `Content-Length` and `Transfer-Encoding` (a request-smuggling vector), or
        /// `Transfer-Encoding` on HTTP/1.0, or a transfer coding that does not end in `chunked`.
        case ambiguousFraming
        /// A transfer coding other than `chunked` (`gzip, chunked`).
        case unsupportedTransferEncoding(String)
        /// A chunk-size line that is not hex, or a chunk not followed by CRLF.
        case malformedChunk
        case bodyTooLarge(limit: Int)
        /// `Expect` with anything but `100-continue`.
        case unsupportedExpectation(String)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// The status the server answers with.
    public var status: Int {
        switch kind {
        case .headersTooLarge, .tooManyHeaders: 431
        case .bodyTooLarge: 413
        case .unsupportedVersion: 505
        case .unsupportedTransferEncoding: 501
        case .unsupportedExpectation: 417
        case .malformedRequestLine, .malformedHeader, .invalidContentLength, .ambiguousFraming, .malformedChunk: 400
        }
    }

    public var description: String {
        switch kind {
        case .malformedRequestLine: "malformed request line (expected 'METHOD /path HTTP/1.1')"
        case .unsupportedVersion(let version): "unsupported HTTP version '\(version)' (this server speaks HTTP/1.1)"
        case .malformedHeader: "malformed header line"
        case .headersTooLarge(let limit): "the request line and headers exceed \(limit) bytes"
        case .tooManyHeaders(let limit): "more than \(limit) header fields"
        case .invalidContentLength: "invalid Content-Length"
        case .ambiguousFraming:
            "ambiguous message framing (Content-Length with Transfer-Encoding, or Transfer-Encoding not ending in chunked)"
        case .unsupportedTransferEncoding(let coding):
            "unsupported transfer coding '\(coding)' (only chunked is accepted)"
        case .malformedChunk: "malformed chunked body"
        case .bodyTooLarge(let limit): "the request body exceeds \(limit) bytes"
        case .unsupportedExpectation(let value): "unsupported expectation '\(value)' (only 100-continue is accepted)"
        }
    }
}

/// The sizes a request may reach before it is refused.
public struct HTTPLimits: Sendable, Hashable {
    /// The request line, the header lines and (for chunked bodies) the trailer lines, in bytes.
    public var maxHeaderBytes: Int = 16 * 1024
    public var maxHeaderCount: Int = 100
    /// The body after de-chunking.
    public var maxBodyBytes: Int = 8 * 1024 * 1024

    public init(maxHeaderBytes: Int = 16 * 1024, maxHeaderCount: Int = 100, maxBodyBytes: Int = 8 * 1024 * 1024) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}
