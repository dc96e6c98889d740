/// An error the Step Functions API returns: AWS's JSON 1.0 protocol writes it as
/// `{"__type": type, "message": message}` with `httpStatus`.
///
/// Source: AWS Step Functions API reference, "Common Errors" and each operation's "Errors"
/// section (most client errors are HTTP 400).
public struct ServiceError: Error, Sendable, Hashable {
    /// The error's name as AWS writes it in `__type` (`StateMachineDoesNotExist`).
    public var type: String
    public var message: String
    public var httpStatus: Int

    public init(_ type: String, _ message: String, httpStatus: Int = 400) {
        self.type = type
        self.message = message
        self.httpStatus = httpStatus
    }
}
