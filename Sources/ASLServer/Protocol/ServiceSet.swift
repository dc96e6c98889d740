public import JSONCore

/// The services a ``StepFunctionsServer`` dispatches to, in order: the first that serves an
/// operation performs it. Opaque outside the package (``APIService`` is a package protocol);
/// ``operations(_:)`` builds one from closures.
public struct ServiceSet: Sendable {
    /// One operation's body: the request's JSON object in, the response's out.
    public typealias Operation = @Sendable (JSON) async throws(ServiceError) -> JSON

    package var services: [any APIService]

    package init(_ services: [any APIService]) {
        self.services = services
    }

    /// Operations answered by closures, keyed by operation name (`"ListStateMachines"`): for
    /// embedding, fakes in tests and the load benchmark's `--fake` mode.
    public static func operations(_ table: [String: Operation]) -> ServiceSet {
        ServiceSet([ClosureService(table: table)])
    }
}

/// An ``APIService`` over a table of closures.
struct ClosureService: APIService {
    var table: [String: ServiceSet.Operation]

    func serves(operation: String) -> Bool { table[operation] != nil }

    func perform(operation: String, input: JSON, request: RequestInfo) async throws(ServiceError) -> JSON {
        guard let body = table[operation] else { throw ProtocolErrors.unknownOperation }
        return try await body(input)
    }
}
