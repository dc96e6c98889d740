public import Foundation

/// The Step Functions API on a socket: HTTP/1.1, AWS's JSON 1.0 protocol, optional SigV4
/// verification, and the services that perform the operations.
///
///     let socket = try ListeningSocket.bind(host: "127.0.0.1", port: 8083)
///     let server = try StepFunctionsServer(socket: socket, configuration: .init(), services: services)
///     server.start()                   // accepting from now on
///     Task { await server.run() }      // returns after…
///     server.shutdown()                // …this: stop accepting, finish what is under way, return
///
/// The server never reads arguments or the environment: the command binds the socket and builds
/// the configuration (ARCHITECTURE.md).
public final class StepFunctionsServer: Sendable {
    public struct Configuration: Sendable {
        /// Limits, timeouts, the connection cap and the shutdown grace.
        public var http = HTTPServerConfiguration()
        /// With any, every request must be signed (SigV4) by one of them; with none (the
        /// default, as Step Functions Local), signatures are read but not checked.
        public var credentials: [Credentials] = []
        /// Where the server says what it refused or cut (one line each, no newline).
        public var log: @Sendable (String) -> Void = { _ in }
        /// The time SigV4's 15-minute skew check compares with.
        public var now: @Sendable () -> Date = { Date() }

        public init() {}
    }

    private let http: HTTPServer
    private let services: [any APIService]
    /// The port the server listens on.
    public let port: UInt16
    public let host: String

    /// - Throws: ``SocketError`` when the shutdown pipe cannot be made (out of descriptors).
    package init(socket: ListeningSocket, configuration: Configuration, services: [any APIService])
        throws(SocketError)
    {
        let protocolLayer = AWSJSONProtocol(
            services: services, credentials: configuration.credentials, now: configuration.now,
            log: configuration.log)
        http = try HTTPServer(socket: socket, configuration: configuration.http, log: configuration.log) {
            request in await protocolLayer.respond(to: request)
        }
        port = socket.port
        host = socket.host
        self.services = services
    }

    /// A server over a ``ServiceSet`` (the public way in, for embedding and the load benchmark).
    public convenience init(socket: ListeningSocket, configuration: Configuration, services: ServiceSet)
        throws(SocketError)
    {
        try self.init(socket: socket, configuration: configuration, services: services.services)
    }

    /// Starts accepting connections now, on a thread of its own, and returns. ``run()`` calls it;
    /// call it first when the caller cannot be sure its `run()` task starts promptly (a busy
    /// cooperative pool, a blocked main actor). Idempotent.
    public func start() {
        http.start()
    }

    /// Serves (starting if need be) until ``shutdown()``; returns when every connection is closed
    /// (requests under way finish first, within ``HTTPServerConfiguration/shutdownGrace``) and
    /// each service has shut down (running executions are stopped, their histories written:
    /// SPEC-NOTES.md §18.2).
    public func run() async {
        await http.run()
        for service in services { await service.shutdown() }
    }

    /// Stops accepting and starts the drain. Returns at once; safe to call from any thread, and
    /// more than once.
    public func shutdown() {
        http.shutdown()
        for service in services { service.drain() }
    }
}
