public import JSONCore

/// A Task state: one unit of work done by a resource.
///
/// Source: ASL specification, "Task State"; AWS developer guide, "Task workflow state".
public struct TaskState: Sendable {
    public var common: StateCommon
    /// `Resource`: the ARN of the work (a Lambda function, an activity, or an
    /// `arn:aws:states:::service:action[.pattern]` integration), taken apart at parse time.
    /// `nil` when the field is missing or not a string (the parser reported it). May be a JSONata
    /// expression in neither language: AWS requires a literal string.
    public var resource: TaskResource?
    public var resourcePointer: JSONPointer
    public var io: InputOutput
    /// `TimeoutSeconds` / `TimeoutSecondsPath` (default 99999999 on AWS).
    public var timeoutSeconds: DynamicInteger?
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
    public var heartbeatSeconds: DynamicInteger?
    /// `Credentials`: a role to assume for the task.
    public var credentials: DynamicTemplate?
    public var errorHandling: ErrorHandling
    public var transition: Transition?

    public init(
        common: StateCommon,
        resource: TaskResource?,
        resourcePointer: JSONPointer,
        io: InputOutput = InputOutput(),
        timeoutSeconds: DynamicInteger? = nil,
        heartbeatSeconds: DynamicInteger? = nil,
        credentials: DynamicTemplate? = nil,
        errorHandling: ErrorHandling = ErrorHandling(),
        transition: Transition?
    ) {
        self.common = common
        self.resource = resource
        self.resourcePointer = resourcePointer
        self.io = io
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.credentials = credentials
        self.errorHandling = errorHandling
        self.transition = transition
    }
}
