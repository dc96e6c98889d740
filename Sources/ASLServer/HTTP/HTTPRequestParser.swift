/// An incremental HTTP/1.1 request parser (RFC 9112): bytes go in as they arrive, in pieces of
/// any size; complete requests come out, pipelined ones one after the other.
///
///     var parser = HTTPRequestParser()
///     parser.append(Array("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}".utf8))
///     parser.next()   // .request(POST / with body "{}")
///     parser.next()   // .needMore
///
/// Framing: `Content-Length`, or `Transfer-Encoding: chunked` (chunk extensions and trailers
/// read and dropped), or no body. `Expect: 100-continue` yields ``Event/continueExpected`` once,
/// after the headers, when the body has not all arrived, so the connection can send
/// `100 Continue`. Header names are matched case-insensitively; lines may end in CRLF or a bare
/// LF (RFC 9112 §2.2); empty lines before a request line are skipped. Every error is final: the
/// connection answers ``HTTPParseError/status`` and closes.
///
/// Work is linear in the bytes received: the search for the end of the headers resumes where the
/// last one stopped.
public struct HTTPRequestParser: Sendable {
    public enum Event: Sendable, Hashable {
        case request(HTTPRequest)
        /// Nothing complete yet: append more bytes.
        case needMore
        /// The headers asked for `100 Continue` and the body is still to come.
        case continueExpected
        case failed(HTTPParseError)
    }

    /// What the parser knows of a request once its headers are read.
    private struct Head: Sendable {
        var method: String
        var target: String
        var minorVersion: Int
        var headers: HTTPHeaders
        var body: [UInt8] = []
    }

    private enum State: Sendable {
        /// Looking for the end of the headers; `scanned` bytes after `start` hold none.
        case head(scanned: Int)
        case fixedBody(Head, length: Int)
        case chunkSize(Head)
        case chunkData(Head, remaining: Int)
        case chunkDataEnd(Head)
        case trailers(Head, bytes: Int)
        case failed(HTTPParseError)
    }

    public let limits: HTTPLimits
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` before this index are consumed.
    private var start = 0
    private var state = State.head(scanned: 0)
    private var continuePending = false

    /// The longest chunk-size line accepted (size, extensions): larger is an attack, not a chunk.
    static let maxChunkLine = 4096

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Whether bytes of a request not yet complete are held (a request has begun).
    public var isMidRequest: Bool {
        switch state {
        case .head: buffer[start...].contains { $0 != 0x0D && $0 != 0x0A }
        case .failed: false
        default: true
        }
    }

    /// Whether a request has begun and its headers are not all read yet.
    public var isReadingHead: Bool {
        if case .head = state { return isMidRequest }
        return false
    }

    /// The next event: a request, a need for more bytes, a `100 Continue` cue, or an error.
    public mutating func next() -> Event {
        while true {
            switch state {
            case .failed(let error):
                return .failed(error)
            case .head(let scanned):
                switch readHead(scanned: scanned) {
                case .success(nil): return .needMore
                case .success(let head?):
                    if continuePending {
                        continuePending = false
                        if !bodyComplete { return .continueExpected }
                    }
                    _ = head
                case .failure(let error): return fail(error)
                }
            case .fixedBody(var head, let length):
                guard buffer.count - start >= length else { return .needMore }
                head.body = Array(buffer[start..<(start + length)])
                start += length
                return finish(head)
            case .chunkSize(let head):
                guard let lineEnd = findLF(from: start) else {
                    if buffer.count - start > Self.maxChunkLine { return fail(.init(.malformedChunk)) }
                    return .needMore
                }
                guard lineEnd - start <= Self.maxChunkLine, let size = chunkSize(buffer[start..<lineEnd]) else {
                    return fail(.init(.malformedChunk))
                }
                start = lineEnd + 1
                if size == 0 {
                    state = .trailers(head, bytes: 0)
                } else if head.body.count > limits.maxBodyBytes - size {
                    return fail(.init(.bodyTooLarge(limit: limits.maxBodyBytes)))
                } else {
                    state = .chunkData(head, remaining: size)
                }
            case .chunkData(var head, let remaining):
                let available = min(remaining, buffer.count - start)
                guard available > 0 else { return .needMore }
                head.body.append(contentsOf: buffer[start..<(start + available)])
                start += available
                state =
                    available == remaining ? .chunkDataEnd(head) : .chunkData(head, remaining: remaining - available)
            case .chunkDataEnd(let head):
                guard start < buffer.count else { return .needMore }
                if buffer[start] == 0x0A {
                    start += 1
                } else if buffer[start] == 0x0D {
                    guard start + 1 < buffer.count else { return .needMore }
                    guard buffer[start + 1] == 0x0A else { return fail(.init(.malformedChunk)) }
                    start += 2
                } else {
                    return fail(.init(.malformedChunk))
                }
                state = .chunkSize(head)
            case .trailers(let head, let bytes):
                guard let lineEnd = findLF(from: start) else {
                    if bytes + buffer.count - start > limits.maxHeaderBytes {
                        return fail(.init(.headersTooLarge(limit: limits.maxHeaderBytes)))
                    }
                    return .needMore
                }
                let length = lineEnd + 1 - start
                guard bytes + length <= limits.maxHeaderBytes else {
                    return fail(.init(.headersTooLarge(limit: limits.maxHeaderBytes)))
                }
                var line = buffer[start..<lineEnd]
                if line.last == 0x0D { line = line.dropLast() }
                start = lineEnd + 1
                if line.isEmpty { return finish(head) }
                // A trailer field is read and dropped; it must still be a field.
                guard Self.parseField(line) != nil else { return fail(.init(.malformedHeader)) }
                state = .trailers(head, bytes: bytes + length)
            }
        }
    }

    // MARK: - Steps

    private mutating func fail(_ error: HTTPParseError) -> Event {
        state = .failed(error)
        return .failed(error)
    }

    private mutating func finish(_ head: Head) -> Event {
        state = .head(scanned: 0)
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        let request = HTTPRequest(
            method: head.method, target: head.target, minorVersion: head.minorVersion, headers: head.headers,
            body: head.body)
        return .request(request)
    }

    /// Whether the body of the request whose head was just read is all buffered.
    private var bodyComplete: Bool {
        switch state {
        case .fixedBody(_, let length): buffer.count - start >= length
        default: false
        }
    }

    /// Reads the request line and headers when they are all buffered and moves to the body.
    private mutating func readHead(scanned: Int) -> Result<Head?, HTTPParseError> {
        // Empty lines before a request line are skipped (RFC 9112 §2.2).
        while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A { start += 1 }
        guard let end = findHeadEnd(scannedBefore: scanned) else {
            if buffer.count - start > limits.maxHeaderBytes {
                return .failure(.init(.headersTooLarge(limit: limits.maxHeaderBytes)))
            }
            state = .head(scanned: max(0, buffer.count - start - 3))
            return .success(nil)
        }
        guard end.headEnd - start <= limits.maxHeaderBytes else {
            return .failure(.init(.headersTooLarge(limit: limits.maxHeaderBytes)))
        }
        let headBytes = buffer[start..<end.headEnd]
        start = end.next
        var head: Head
        switch Self.parseHead(headBytes, limits: limits) {
        case .success(let parsed): head = parsed
        case .failure(let error): return .failure(error)
        }
        switch Self.framing(of: head, limits: limits) {
        case .failure(let error):
            return .failure(error)
        case .success(let framing):
            if let expectation = head.headers["Expect"] {
                guard expectation.lowercased() == "100-continue" else {
                    return .failure(.init(.unsupportedExpectation(expectation)))
                }
                continuePending = head.minorVersion >= 1 && framing != .length(0)
            }
            switch framing {
            case .length(let length):
                if length == 0 {
                    head.body = []
                    state = .fixedBody(head, length: 0)
                } else {
                    state = .fixedBody(head, length: length)
                }
            case .chunked:
                state = .chunkSize(head)
            }
            return .success(head)
        }
    }

    /// The end of the header section: the index of the line feed ending the empty line (`headEnd`
    /// is where the empty line begins, `next` the byte after it).
    private func findHeadEnd(scannedBefore scanned: Int) -> (headEnd: Int, next: Int)? {
        var index = start + scanned
        while index < buffer.count {
            if buffer[index] == 0x0A {
                // LF LF, or LF CR LF.
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index + 1, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A {
                    return (index + 1, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    private func findLF(from index: Int) -> Int? {
        buffer[index...].firstIndex(of: 0x0A)
    }

    // MARK: - Head

    private enum Framing: Equatable {
        case length(Int)
        case chunked
    }

    private static func parseHead(_ bytes: ArraySlice<UInt8>, limits: HTTPLimits) -> Result<Head, HTTPParseError> {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        // The slice ends with the empty line's LF excluded, so the last element may be empty.
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return .failure(.init(.malformedRequestLine)) }
        let method: String
        let target: String
        let minor: Int
        switch parseRequestLine(requestLine) {
        case .success(let parsed): (method, target, minor) = parsed
        case .failure(let error): return .failure(error)
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard headers.fields.count < limits.maxHeaderCount else {
                return .failure(.init(.tooManyHeaders(limit: limits.maxHeaderCount)))
            }
            guard let (name, value) = parseField(line) else { return .failure(.init(.malformedHeader)) }
            headers.append(name, value)
        }
        return .success(Head(method: method, target: target, minorVersion: minor, headers: headers))
    }

    private static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) -> Result<(String, String, Int), HTTPParseError> {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte), !parts[1].isEmpty,
            parts[1].allSatisfy({ (0x21...0x7E).contains($0) })
        else { return .failure(.init(.malformedRequestLine)) }
        let version = parts[2]
        let text = String(decoding: version, as: UTF8.self)
        // HTTP-version = "HTTP/" DIGIT "." DIGIT
        guard version.count == 8, text.hasPrefix("HTTP/"),
            let major = version.dropFirst(5).first.flatMap(digit), version.dropFirst(6).first == 0x2E,
            let minor = version.last.flatMap(digit)
        else { return .failure(.init(.malformedRequestLine)) }
        guard major == 1 else { return .failure(.init(.unsupportedVersion(text))) }
        return .success((String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), minor))
    }

    /// `name: value` with the value's surrounding spaces and tabs trimmed; `nil` when the line
    /// is not a field (no colon, an empty name or one with white space, a folded line, a control
    /// character in the value).
    static func parseField(_ line: ArraySlice<UInt8>) -> (String, String)? {
        guard let colon = line.firstIndex(of: 0x3A) else { return nil }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { return nil }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else { return nil }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    private static func framing(of head: Head, limits: HTTPLimits) -> Result<Framing, HTTPParseError> {
        let encodings = head.headers.values("Transfer-Encoding")
        let lengths = head.headers.values("Content-Length")
        if !encodings.isEmpty {
            guard lengths.isEmpty, head.minorVersion >= 1 else { return .failure(.init(.ambiguousFraming)) }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { HTTPText.trimmed($0).lowercased() }
            guard codings.last == "chunked" else { return .failure(.init(.ambiguousFraming)) }
            if let other = codings.first(where: { $0 != "chunked" }) {
                return .failure(.init(.unsupportedTransferEncoding(other)))
            }
            guard codings.count == 1 else { return .failure(.init(.ambiguousFraming)) }
            return .success(.chunked)
        }
        guard !lengths.isEmpty else { return .success(.length(0)) }
        // Several values (or a list) must all be the same number (RFC 9110 §8.6).
        let values = lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map {
            HTTPText.trimmed($0)
        }
        guard let first = values.first, values.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18,
            first.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let length = Int(first)
        else { return .failure(.init(.invalidContentLength)) }
        guard length <= limits.maxBodyBytes else { return .failure(.init(.bodyTooLarge(limit: limits.maxBodyBytes))) }
        return .success(.length(length))
    }

    /// The chunk size of a chunk-size line (extensions after `;` ignored), `nil` when it is not
    /// 1 to 15 hex digits.
    private func chunkSize(_ line: ArraySlice<UInt8>) -> Int? {
        var text = line
        if text.last == 0x0D { text = text.dropLast() }
        if let semicolon = text.firstIndex(of: 0x3B) { text = text[text.startIndex..<semicolon] }
        while let last = text.last, last == 0x20 || last == 0x09 { text = text.dropLast() }
        guard !text.isEmpty, text.count <= 15 else { return nil }
        var size = 0
        for byte in text {
            guard let value = Self.hexValue(byte) else { return nil }
            size = size * 16 + value
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil
    }

    /// tchar (RFC 9110 §5.6.2).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }
}
