package import Foundation
internal import JSONCore

/// AWS's JSON 1.0 protocol for Step Functions: `POST /` with
/// `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON object body; the answer is the
/// operation's JSON with `Content-Type: application/x-amz-json-1.0`, or an error
/// `{"__type": "<Name>", "message": "…"}` with its HTTP status. Every response carries a fresh
/// `x-amzn-RequestId`.
///
/// Order of checks: the signature (when credentials are configured), the content type, the
/// target, the body, then the first service that serves the operation. `GET /` (and `HEAD /`)
/// answer a health check.
package struct AWSJSONProtocol: Sendable {
    package static let targetPrefix = "AWSStepFunctions."
    package static let contentType = "application/x-amz-json-1.0"
    /// Content types accepted on requests: JSON 1.0 (what SDKs send), 1.1 and plain JSON.
    static let acceptedContentTypes: Set<String> = [
        "application/x-amz-json-1.0", "application/x-amz-json-1.1", "application/json",
    ]

    package var services: [any APIService]
    var verifier: SigV4Verifier?
    var log: @Sendable (String) -> Void
    var requestID: @Sendable () -> String

    package init(
        services: [any APIService], credentials: [Credentials] = [], now: @escaping @Sendable () -> Date = { Date() },
        log: @escaping @Sendable (String) -> Void = { _ in },
        requestID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.services = services
        self.verifier = credentials.isEmpty ? nil : SigV4Verifier(credentials: credentials, now: now)
        self.log = log
        self.requestID = requestID
    }

    /// The response to one request. Never throws: every failure is an AWS error response.
    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        let id = requestID()
        var response: HTTPResponse
        switch request.method {
        case "POST":
            do {
                let result = try await perform(request)
                response = HTTPResponse(status: 200, body: JSONWriter.compactBytes(result))
            } catch {
                response = Self.errorResponse(error)
            }
        case "GET" where request.path == "/", "HEAD" where request.path == "/":
            // Rationale: load balancers and `curl` probes of a local endpoint expect an answer;
            // AWS's real endpoint is not probed this way.
            response = HTTPResponse(status: 200, body: Array(#"{"service":"states","status":"running"}"#.utf8))
        default:
            response = Self.errorResponse(ProtocolErrors.unknownOperation)
            response.headers.append("Allow", "POST, GET")
        }
        response.headers.append("Content-Type", Self.contentType)
        response.headers.append("x-amzn-RequestId", id)
        return response
    }

    /// Signature, content type, target, body, dispatch.
    private func perform(_ request: HTTPRequest) async throws(ServiceError) -> JSON {
        let info = try verifier?.verify(request) ?? SigV4Verifier.unverifiedInfo(request)
        if let type = request.headers["Content-Type"] {
            let media = HTTPText.trimmed(type.split(separator: ";", maxSplits: 1).first ?? "").lowercased()
            guard Self.acceptedContentTypes.contains(media) else { throw ProtocolErrors.unsupportedContentType(type) }
        }
        guard let target = request.headers["X-Amz-Target"], target.hasPrefix(Self.targetPrefix) else {
            log("unknown operation: X-Amz-Target \(request.headers["X-Amz-Target"].map { "'\($0)'" } ?? "missing")")
            throw ProtocolErrors.unknownOperation
        }
        let operation = String(target.dropFirst(Self.targetPrefix.count))
        guard let service = services.first(where: { $0.serves(operation: operation) }) else {
            log("unknown operation: \(operation)")
            throw ProtocolErrors.unknownOperation
        }
        let input = try Self.body(request.body)
        let output = try await service.perform(operation: operation, input: input, request: info)
        guard case .object = output else {
            log("\(operation) answered with a JSON value that is not an object")
            throw ProtocolErrors.internalFailure("The service returned a response that is not a JSON object.")
        }
        return output
    }

    /// The body as a JSON object: an empty body reads as `{}` (what AWS's JSON services do).
    static func body(_ bytes: [UInt8]) throws(ServiceError) -> JSON {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return .object(JSONObject())
        }
        let value: JSON
        do {
            value = try JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value
        } catch {
            throw ProtocolErrors.serialization(
                "The request body is not valid JSON: \(error.message) at byte \(error.offset)")
        }
        guard case .object = value else {
            throw ProtocolErrors.serialization("The request body must be a JSON object")
        }
        return value
    }

    /// `{"__type", "message"}` with the error's status; a status outside 400–599 is a bug in
    /// the service and answers `InternalFailure` instead. An empty message is left out, as AWS
    /// leaves it out of `UnknownOperationException`.
    static func errorResponse(_ error: ServiceError) -> HTTPResponse {
        var error = error
        if !(400...599).contains(error.httpStatus) {
            error = ProtocolErrors.internalFailure("The service failed with an invalid status \(error.httpStatus).")
        }
        var object = JSONObject()
        object["__type"] = .string(error.type)
        if !error.message.isEmpty { object["message"] = .string(error.message) }
        return HTTPResponse(status: error.httpStatus, body: JSONWriter.compactBytes(.object(object)))
    }
}
