/// A runtime failure as Step Functions reports it: an error name and an optional cause.
///
/// This is what intrinsic functions, path evaluation and task handlers throw, and the only thing
/// `Retry` and `Catch` match on (by ``name``). A Fail state ends the execution with one; a caught
/// error becomes the `{"Error": name, "Cause": cause}` object a Catcher's `ResultPath` places.
///
///     throw StatesError(.intrinsicFailure, "Invalid arguments in States.ArrayGetItem")
///     throw StatesError("CustomError", "the order was cancelled")
///
/// Source: ASL specification, "Errors"; AWS developer guide, "Handling errors in Step Functions
/// workflows".
public struct StatesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error name (`Error` field).
    public var name: StatesErrorName
    /// The human-readable cause (`Cause` field); `nil` when there is none.
    public var cause: String?

    public init(_ name: StatesErrorName, _ cause: String? = nil) {
        self.name = name
        self.cause = cause
    }

    public var description: String {
        guard let cause else { return name.rawValue }
        return "\(name.rawValue): \(cause)"
    }

    /// Whether a Retrier's or Catcher's `ErrorEquals` list matches this error.
    ///
    /// `States.ALL` matches every error except `States.Runtime` (AWS developer guide, "Error
    /// names": a runtime error always fails the execution). `States.TaskFailed` matches every
    /// error except `States.Timeout` and `States.Runtime` (ASL specification: "matches any known
    /// error name except States.Timeout"; observed on AWS: a Lambda function's `Exception` is caught
    /// by it). `States.DataLimitExceeded` from a task result is caught by `States.ALL` (observed on
    /// AWS, LocalStack snapshot `error_handling/test_states_errors`), though the guide calls it
    /// terminal; observed behaviour wins.
    public func isMatched(by errorEquals: [StatesErrorName]) -> Bool {
        for candidate in errorEquals {
            if candidate == name { return true }
            if candidate == .all && !name.isTerminal { return true }
            if candidate == .taskFailed && !name.isTerminal && name != .timeout { return true }
        }
        return false
    }
}

extension StatesErrorName {
    /// Errors no Retry or Catch handles: the execution fails however the state is written.
    public var isTerminal: Bool { self == .runtime }
}
