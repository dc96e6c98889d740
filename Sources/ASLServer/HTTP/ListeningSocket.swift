#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a socket could not be bound.
public struct SocketError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func errno(_ action: String) -> SocketError {
        SocketError("\(action): \(String(cString: strerror(Glibc.errno)))")
    }
}

/// A bound, listening TCP socket. The command binds it (so it can report the port and refuse
/// before anything starts); ``StepFunctionsServer`` takes it and accepts on it.
///
///     let socket = try ListeningSocket.bind(host: "127.0.0.1", port: 0)
///     socket.port   // the ephemeral port the system chose
public final class ListeningSocket: Sendable {
    /// The descriptor; closed by ``close()`` (the server closes it when it stops accepting).
    let descriptor: Int32
    /// The host as given (`127.0.0.1`, `::1`, `localhost`).
    public let host: String
    /// The bound port (the system's choice when 0 was asked for).
    public let port: UInt16
    /// Whether the bound address is a loopback address (127.0.0.0/8 or ::1).
    public let isLoopback: Bool

    private init(descriptor: Int32, host: String, port: UInt16, isLoopback: Bool) {
        self.descriptor = descriptor
        self.host = host
        self.port = port
        self.isLoopback = isLoopback
    }

    /// Binds `host:port` and listens. `host` is an address or a name that resolves locally
    /// (`localhost`); port 0 asks the system for a free port.
    /// - Throws: ``SocketError`` naming what failed (the address in use, a name that does not
    ///   resolve).
    public static func bind(host: String, port: UInt16, backlog: Int32 = 128) throws(SocketError) -> ListeningSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw SocketError("cannot resolve '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = SocketError("cannot bind \(host):\(port)")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard descriptor >= 0 else {
                lastError = .errno("cannot create a socket")
                continue
            }
            var one: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            guard Glibc.bind(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                let inUse = Glibc.errno == EADDRINUSE
                lastError = .errno("cannot bind \(host):\(port)")
                if inUse {
                    lastError.message +=
                        " (another program, perhaps another asl serve, listens there: stop it, or choose another "
                        + "port; port 0 picks a free one)"
                }
                Glibc.close(descriptor)
                continue
            }
            guard listen(descriptor, backlog) == 0 else {
                lastError = .errno("cannot listen on \(host):\(port)")
                Glibc.close(descriptor)
                continue
            }
            let (boundPort, loopback) = boundAddress(descriptor)
            return ListeningSocket(descriptor: descriptor, host: host, port: boundPort, isLoopback: loopback)
        }
        throw lastError
    }

    /// Whether every address `host` resolves to is a loopback address (the command refuses other
    /// hosts unless told to allow remote clients). A name that does not resolve is not loopback.
    public static func isLoopback(host: String) -> Bool {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            guard isLoopback(info.pointee.ai_addr) else { return false }
        }
        return true
    }

    /// Stops listening. Safe to call more than once only through the server, which calls it once.
    func close() {
        Glibc.close(descriptor)
    }

    private static func boundAddress(_ descriptor: Int32) -> (UInt16, Bool) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { return (0, false) }
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                let port: UInt16
                if Int32(address.pointee.sa_family) == AF_INET6 {
                    port = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        UInt16(bigEndian: $0.pointee.sin6_port)
                    }
                } else {
                    port = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        UInt16(bigEndian: $0.pointee.sin_port)
                    }
                }
                return (port, isLoopback(address))
            }
        }
    }

    private static func isLoopback(_ address: UnsafePointer<sockaddr>) -> Bool {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                UInt32(bigEndian: $0.pointee.sin_addr.s_addr) >> 24 == 127
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin6_addr) { bytes in
                    bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1
                }
            }
        default:
            return false
        }
    }
}
