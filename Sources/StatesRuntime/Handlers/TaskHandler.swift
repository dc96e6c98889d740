public import JSONCore
public import StatesLanguage

/// Does the work of a Task state locally.
///
/// Return the task's result, or throw a ``StatesLanguage/StatesError`` whose name `Retry` and
/// `Catch` will see (`"Glue.AWSGlueException"`, `"States.TaskFailed"`, a Lambda's own error
/// type, …). Anything else thrown becomes `States.TaskFailed` with the error's description as
/// the cause. Cancellation (a timeout, an abort, a failing sibling branch) arrives as task
/// cancellation.
public protocol TaskHandler: Sendable {
    func handle(_ request: TaskRequest) async throws -> JSON

    /// Whether the handler reports when its work really starts through
    /// ``TaskRequest/started`` (an activity task taken by a worker: AWS writes `ActivityStarted`,
    /// with the worker's name, only then). `false` (the default): the executor writes the
    /// started event as it calls the handler.
    var reportsStart: Bool { get }
}

extension TaskHandler {
    public var reportsStart: Bool { false }
}

/// Replaces or wraps what a ``HandlerRegistry`` resolves (``HandlerRegistry/decorator``).
public protocol TaskHandlerDecorator: Sendable {
    /// The handler for `resource`, given what the registry's own registrations resolved
    /// (`nil`: nothing is registered for it).
    func handler(for resource: TaskResource, resolved: (any TaskHandler)?) -> (any TaskHandler)?
}

/// A handler made from a closure.
///
///     registry.register(ClosureTaskHandler { request in
///         ["greeting": .string("Hello, \(request.parameters["name"]?.stringValue ?? "world")")]
///     }, lambdaFunction: "greeter")
public struct ClosureTaskHandler: TaskHandler {
    private let body: @Sendable (TaskRequest) async throws -> JSON

    public init(_ body: @escaping @Sendable (TaskRequest) async throws -> JSON) {
        self.body = body
    }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        try await body(request)
    }
}
