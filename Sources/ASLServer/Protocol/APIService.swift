package import JSONCore

/// Who sent a request, as the protocol layer saw it (for logs and for operations that record
/// the caller).
public struct RequestInfo: Sendable {
    /// The access key id of a SigV4-signed request (verified or not), if it was signed.
    public var accessKeyID: String?
    /// The region named in the request's signature scope, if it was signed.
    public var signedRegion: String?

    public init(accessKeyID: String? = nil, signedRegion: String? = nil) {
        self.accessKeyID = accessKeyID
        self.signedRegion = signedRegion
    }
}

/// A set of API operations served over AWS's JSON 1.0 protocol: the protocol layer parses the
/// body as JSON and calls ``perform(operation:input:request:)`` with the operation named by
/// `X-Amz-Target: AWSStepFunctions.<operation>`.
package protocol APIService: Sendable {
    /// Whether this service serves `operation` (composite services ask each part in turn).
    func serves(operation: String) -> Bool
    /// Runs one operation. `input` is the request body (an object); the result is the response body.
    func perform(operation: String, input: JSON, request: RequestInfo) async throws(ServiceError) -> JSON
    /// Called once the server has stopped taking requests: stop what is running and write what
    /// must survive. The default does nothing.
    func shutdown() async
    /// Called as soon as the server starts shutting down, before it waits for the requests under
    /// way: end long waits now (GetActivityTask polls) so those requests finish within the grace.
    /// Must return at once; may be called from any thread. The default does nothing.
    func drain()
}

extension APIService {
    package func shutdown() async {}
    package func drain() {}
}
