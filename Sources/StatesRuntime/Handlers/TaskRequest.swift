public import Foundation
public import JSONCore
public import StatesLanguage

/// Everything a ``TaskHandler`` is given for one attempt of a Task state.
public struct TaskRequest: Sendable {
    /// The state's `Resource`, parsed.
    public var resource: TaskResource
    /// The Task state's name.
    public var stateName: String
    /// The effective parameters: the state input after `InputPath` and `Parameters`.
    public var parameters: JSON
    /// The context object (`$$`) as the state sees it.
    public var context: JSON
    /// `$$.Task.Token` for `.waitForTaskToken` integrations and activities, else `nil`.
    public var taskToken: String?
    /// When the state's `TimeoutSeconds` runs out, if it has one.
    public var deadline: Date?
    /// `HeartbeatSeconds`, if the state has one.
    public var heartbeatSeconds: Int64?
    /// The evaluated `Credentials` field, if any.
    public var credentials: JSON?
    /// The execution's timeline: handlers read the time from it and wait on it, so virtual time
    /// also covers work a handler simulates.
    public var clock: any ExecutionClock
    /// Called by long-running handlers to report progress (`SendTaskHeartbeat`).
    public var heartbeat: @Sendable () -> Void
    /// Called by `.sync` handlers with the response of the call that started the job (Glue's
    /// `StartJobRun`, Athena's `StartQueryExecution`); the executor records it as `TaskSubmitted`.
    public var submitted: @Sendable (JSON) -> Void
    /// Called by a handler whose ``TaskHandler/reportsStart`` is `true` when its work starts,
    /// with the name of the worker that took it (`GetActivityTask`'s `workerName`); the executor
    /// writes `ActivityStarted` then. Later calls are ignored.
    public var started: @Sendable (_ workerName: String?) -> Void = { _ in }
    /// The region and account of the execution, for ARNs a handler builds.
    public var region: String
    public var account: String

    public init(
        resource: TaskResource,
        stateName: String,
        parameters: JSON,
        context: JSON = .object(JSONObject()),
        taskToken: String? = nil,
        deadline: Date? = nil,
        heartbeatSeconds: Int64? = nil,
        credentials: JSON? = nil,
        clock: any ExecutionClock = SystemClock(),
        heartbeat: @escaping @Sendable () -> Void = {},
        submitted: @escaping @Sendable (JSON) -> Void = { _ in },
        region: String = "us-east-1",
        account: String = "123456789012"
    ) {
        self.resource = resource
        self.stateName = stateName
        self.parameters = parameters
        self.context = context
        self.taskToken = taskToken
        self.deadline = deadline
        self.heartbeatSeconds = heartbeatSeconds
        self.credentials = credentials
        self.clock = clock
        self.heartbeat = heartbeat
        self.submitted = submitted
        self.region = region
        self.account = account
    }
}
