/// Limits and timeouts of the HTTP layer. The defaults suit a local endpoint for SDK test suites.
public struct HTTPServerConfiguration: Sendable, Hashable {
    /// Request line, header and body size limits.
    public var limits = HTTPLimits()
    /// A request's line and headers must all arrive within this time of its first byte
    /// (slowloris): otherwise `408` and the connection closes.
    public var headerTimeout: Duration = .seconds(10)
    /// The whole request, body included, must arrive within this time of its first byte.
    public var requestTimeout: Duration = .seconds(60)
    /// A keep-alive connection with no request under way is closed after this time.
    public var idleTimeout: Duration = .seconds(60)
    /// On shutdown, requests under way get this long to finish before their connections are cut.
    public var shutdownGrace: Duration = .seconds(10)
    /// Connections open at once; one more is answered `503` and closed.
    public var maxConnections = 512

    public init() {}
}
