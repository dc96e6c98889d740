import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 client for SNS `http` subscriptions on this machine: one `POST` per
/// connection (`Connection: close`) to `http://127.0.0.1:<port>/<path>` or `http://localhost:…`,
/// over a POSIX socket with 5-second send and receive timeouts. Only loopback endpoints are
/// allowed, so a local run never sends data off the machine.
enum HTTPPoster {
    struct Endpoint: Sendable, Hashable {
        var port: UInt16
        /// Path and query, starting with `/`.
        var target: String
        /// The `Host` header value.
        var host: String
    }

    /// Parses a loopback `http://` URL, or returns why it cannot be used.
    static func endpoint(_ url: String) -> Result<Endpoint, EndpointProblem> {
        guard url.hasPrefix("http://") else {
            return .failure(EndpointProblem("only http:// endpoints on this machine are supported ('\(url)')"))
        }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let target = rest.dropFirst(authority.count)
        let hostPart: Substring
        var port: UInt16 = 80
        if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            guard let parsed = UInt16(authority[authority.index(after: colon)...]), parsed > 0 else {
                return .failure(EndpointProblem("invalid port in '\(url)'"))
            }
            port = parsed
        } else {
            hostPart = authority
        }
        guard hostPart == "127.0.0.1" || hostPart == "localhost" else {
            return .failure(
                EndpointProblem(
                    "'\(url)' is not on this machine: use http://127.0.0.1:<port>/… or http://localhost:<port>/…"))
        }
        return .success(
            Endpoint(
                port: port, target: target.isEmpty ? "/" : (target.hasPrefix("/") ? String(target) : "/" + target),
                host: String(authority)))
    }

    struct EndpointProblem: Error, Sendable, Hashable, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Sends the request off the cooperative thread pool; returns the response's status code.
    static func post(
        _ body: [UInt8], to endpoint: Endpoint, headers: [(String, String)]
    ) async throws(HTTPPostError) -> Int {
        let result: Result<Int, HTTPPostError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Result { () throws(HTTPPostError) in
                        try postBlocking(body, to: endpoint, headers: headers)
                    })
            }
        }
        return try result.get()
    }

    static func postBlocking(
        _ body: [UInt8], to endpoint: Endpoint, headers: [(String, String)]
    ) throws(HTTPPostError) -> Int {
        #if canImport(Glibc) || canImport(Musl)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else {
            throw HTTPPostError("cannot create a socket: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
            var one: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = endpoint.port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            throw HTTPPostError("cannot connect to 127.0.0.1:\(endpoint.port): \(String(cString: strerror(errno)))")
        }
        var head = "POST \(endpoint.target) HTTP/1.1\r\nHost: \(endpoint.host)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let request = Array(head.utf8) + body
        var sent = 0
        while sent < request.count {
            #if canImport(Glibc) || canImport(Musl)
                let flags = Int32(MSG_NOSIGNAL)
            #else
                let flags: Int32 = 0
            #endif
            let count = request.withUnsafeBytes {
                send(descriptor, $0.baseAddress.map { $0 + sent }, request.count - sent, flags)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw HTTPPostError("cannot send to 127.0.0.1:\(endpoint.port): \(String(cString: strerror(errno)))")
            }
            sent += count
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !response.contains(0x0A) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        let statusLine = String(decoding: response.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw HTTPPostError("no HTTP response from 127.0.0.1:\(endpoint.port)")
        }
        return status
    }
}

struct HTTPPostError: Error, Sendable, Hashable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
