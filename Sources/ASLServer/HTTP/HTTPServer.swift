import Dispatch
internal import Foundation
internal import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// HTTP/1.1 over POSIX sockets: one thread accepts, one thread per connection reads with
/// `poll(2)` deadlines and writes, and each request is handed to an async handler (a `Task`)
/// while the connection's thread waits for its response.
///
/// Shutdown (``shutdown()``): a byte written to a pipe every `poll` watches wakes the accept
/// thread and every idle connection at once; the listening socket closes, idle connections close,
/// requests under way finish (partly received ones may complete) within the grace period, and
/// ``run()`` returns when every connection is closed. A connection still busy after the grace
/// is cut (`shutdown(2)`), so `run()` always returns.
///
/// Rationale for threads rather than the cooperative pool: reads block, and a blocked read must
/// never hold one of the pool's few threads (two cores here).
final class HTTPServer: Sendable {
    typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    private let socket: ListeningSocket
    private let configuration: HTTPServerConfiguration
    private let log: @Sendable (String) -> Void
    private let handler: Handler
    /// `wake[0]` is polled by every thread; a byte written to `wake[1]` (never read) wakes them all.
    private let wake: (Int32, Int32)
    private let stopping = Atomic<Bool>(false)
    private let stopStarted = Mutex<ContinuousClock.Instant?>(nil)
    private let open = Mutex<Set<Int32>>([])
    private let group = DispatchGroup()
    private let started = Atomic<Bool>(false)
    private let finished = Mutex<(done: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    init(
        socket: ListeningSocket, configuration: HTTPServerConfiguration, log: @escaping @Sendable (String) -> Void,
        handler: @escaping Handler
    ) throws(SocketError) {
        self.socket = socket
        self.configuration = configuration
        self.log = log
        self.handler = handler
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SocketError.errno("cannot create the shutdown pipe") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        wake = (fds[0], fds[1])
    }

    deinit {
        Glibc.close(wake.0)
        Glibc.close(wake.1)
    }

    var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Starts accepting on a thread of its own, at once (not when a busy cooperative pool gets
    /// round to a task). Idempotent.
    func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = Thread { [self] in
            acceptLoop()
            drain()
            let waiting = finished.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.done = true
                defer { state.waiting.removeAll() }
                return state.waiting
            }
            for continuation in waiting { continuation.resume() }
        }
        thread.name = "asl-serve-accept"
        thread.start()
    }

    /// Starts (if not yet started) and returns once the server has stopped and every connection
    /// is closed.
    func run() async {
        start()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = finished.withLock { state -> Bool in
                if !state.done { state.waiting.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }

    /// Stops accepting and begins the drain; returns at once (``run()`` returns when done).
    func shutdown() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        stopStarted.withLock { $0 = ContinuousClock.now }
        var byte: UInt8 = 1
        _ = Glibc.write(wake.1, &byte, 1)
    }

    // MARK: - Accepting

    private func acceptLoop() {
        var fds = [
            pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.0, events: Int16(POLLIN), revents: 0),
        ]
        while !isStopping {
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                log("accept loop: poll failed: \(String(cString: strerror(errno)))")
                break
            }
            if fds[1].revents != 0 { break }
            guard fds[0].revents != 0 else { continue }
            let client = accept(socket.descriptor, nil, nil)
            if client < 0 {
                if errno == EMFILE || errno == ENFILE {
                    log("accept: out of file descriptors; waiting")
                    usleep(10_000)
                }
                continue
            }
            configure(client)
            let admitted = open.withLock { connections -> Bool in
                guard connections.count < configuration.maxConnections else { return false }
                connections.insert(client)
                return true
            }
            guard admitted else {
                let refusal = HTTPResponse(
                    status: 503,
                    headers: HTTPHeaders([
                        ("Content-Type", "text/plain"), ("x-amzn-RequestId", UUID().uuidString.lowercased()),
                    ]),
                    body: Array("too many connections (at most \(configuration.maxConnections))\n".utf8))
                _ = Self.send(client, refusal.serialized(date: Self.now(), closes: true))
                Glibc.close(client)
                continue
            }
            group.enter()
            let thread = Thread { [self] in
                Connection(server: self, descriptor: client).serve()
                open.withLock { _ = $0.remove(client) }
                Glibc.close(client)
                group.leave()
            }
            thread.name = "asl-serve-connection"
            thread.start()
        }
        socket.close()
    }

    private func drain() {
        if group.wait(timeout: .now() + Self.dispatchInterval(configuration.shutdownGrace)) == .timedOut {
            let stuck = open.withLock { $0 }
            log("shutdown: cutting \(stuck.count) connection(s) still busy after the grace period")
            for descriptor in stuck { Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
            _ = group.wait(timeout: .now() + .seconds(2))
        }
    }

    private func configure(_ client: Int32) {
        var one: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        // A client that stops reading cannot pin a connection's thread forever.
        var timeout = Self.timeval(configuration.idleTimeout)
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
    }

    // MARK: - Shared with connections

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let result = Mutex<HTTPResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        let handler = self.handler
        Task {
            let response = await handler(request)
            result.withLock { $0 = response }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 } ?? HTTPResponse(status: 500)
    }

    var wakeDescriptor: Int32 { wake.0 }
    var settings: HTTPServerConfiguration { configuration }
    var graceDeadline: ContinuousClock.Instant? {
        stopStarted.withLock { $0 }.map { $0 + configuration.shutdownGrace }
    }

    func note(_ message: String) { log(message) }

    /// Writes all of `bytes`; `false` when the peer is gone or the write timed out.
    static func send(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.send(descriptor, base + written, buffer.count - written, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return false }
            written += count
        }
        return true
    }

    static func now() -> String {
        HTTPResponse.httpDate(secondsSince1970: Int(Date().timeIntervalSince1970))
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        .milliseconds(milliseconds(duration))
    }

    private static func timeval(_ duration: Duration) -> timeval {
        let milliseconds = milliseconds(duration)
        return Glibc.timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
    }
}
