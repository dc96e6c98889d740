public import JSONCore

// The details shapes of Task, Lambda and activity events. Members and their order follow the API
// model (botocore `stepfunctions/2016-11-23/service-2.json`); the values in the comments were
// observed on AWS (LocalStack snapshots `test_task_service_lambda`, `test_task_lambda`,
// `test_timeouts`, `test_heartbeats`).

extension HistoryEvent {
    /// `taskScheduledEventDetails`: `resourceType`, `resource`, `region`, `parameters` (JSON text),
    /// and `timeoutInSeconds`, `heartbeatInSeconds`, `taskCredentials` when the state sets them.
    ///
    ///     arn:aws:states:::lambda:invoke  →  {"resourceType":"lambda","resource":"invoke",
    ///         "region":"us-east-1","parameters":"{\"FunctionName\":\"f\",\"Payload\":null}"}
    ///     arn:aws:states:::sqs:sendMessage.waitForTaskToken → "resourceType":"sqs",
    ///         "resource":"sendMessage.waitForTaskToken", …, "timeoutInSeconds":600,"heartbeatInSeconds":5
    public struct TaskScheduled: Sendable, Hashable {
        /// The integrated service (`lambda`, `sqs`, `glue`, …).
        public var resourceType: String
        /// The action with its pattern suffix (`invoke`, `startJobRun.sync`, …).
        public var resource: String
        public var region: String
        /// The effective parameters sent to the service.
        public var parameters: JSON
        public var timeoutInSeconds: Int?
        public var heartbeatInSeconds: Int?
        public var taskCredentials: TaskCredentials?

        public init(
            resourceType: String,
            resource: String,
            region: String,
            parameters: JSON,
            timeoutInSeconds: Int? = nil,
            heartbeatInSeconds: Int? = nil,
            taskCredentials: TaskCredentials? = nil
        ) {
            self.resourceType = resourceType
            self.resource = resource
            self.region = region
            self.parameters = parameters
            self.timeoutInSeconds = timeoutInSeconds
            self.heartbeatInSeconds = heartbeatInSeconds
            self.taskCredentials = taskCredentials
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("resourceType", .string(resourceType))
            members.add("resource", .string(resource))
            members.add("region", .string(region))
            members.add("parameters", DetailsMembers.text(parameters))
            members.add("timeoutInSeconds", timeoutInSeconds)
            members.add("heartbeatInSeconds", heartbeatInSeconds)
            members.add("taskCredentials", taskCredentials?.json())
            return members.json
        }
    }

    /// `taskCredentials`: the role a task assumed (`Credentials` field).
    public struct TaskCredentials: Sendable, Hashable {
        public var roleArn: String?

        public init(roleArn: String?) {
            self.roleArn = roleArn
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("roleArn", roleArn.map(JSON.string))
            return members.json
        }
    }

    /// `taskStartedEventDetails`: `resourceType`, `resource`.
    public struct TaskStarted: Sendable, Hashable {
        public var resourceType: String
        public var resource: String

        public init(resourceType: String, resource: String) {
            self.resourceType = resourceType
            self.resource = resource
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("resourceType", .string(resourceType))
            members.add("resource", .string(resource))
            return members.json
        }
    }

    /// `resourceType`, `resource`, `output`, `outputDetails` (`TaskSucceeded`; `TaskSubmitted`,
    /// which `.sync` and `.waitForTaskToken` integrations write with the response of the call that
    /// started the work).
    public struct TaskOutput: Sendable, Hashable {
        public var resourceType: String
        public var resource: String
        public var output: JSON

        public init(resourceType: String, resource: String, output: JSON) {
            self.resourceType = resourceType
            self.resource = resource
            self.output = output
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("resourceType", .string(resourceType))
            members.add("resource", .string(resource))
            members.addPayload("output", output)
            return members.json
        }
    }

    /// `resourceType`, `resource`, `error`, `cause` (`TaskFailed`, `TaskStartFailed`,
    /// `TaskSubmitFailed`, `TaskTimedOut`).
    ///
    ///     TaskTimedOut (observed): {"resourceType":"lambda","resource":"invoke","error":"States.Timeout"}
    public struct TaskFailure: Sendable, Hashable {
        public var resourceType: String
        public var resource: String
        public var error: String?
        public var cause: String?

        public init(resourceType: String, resource: String, error: String? = nil, cause: String? = nil) {
            self.resourceType = resourceType
            self.resource = resource
            self.error = error
            self.cause = cause
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("resourceType", .string(resourceType))
            members.add("resource", .string(resource))
            members.add("error", error.map(JSON.string))
            members.add("cause", cause.map(JSON.string))
            return members.json
        }
    }

    /// `lambdaFunctionScheduledEventDetails` (a Task whose `Resource` is a function ARN):
    /// `resource`, `input`, `inputDetails`, and `timeoutInSeconds`, `taskCredentials` when set.
    ///
    ///     {"resource":"arn:aws:lambda:us-east-1:111111111111:function:f","input":"{}",
    ///      "inputDetails":{"truncated":false},"timeoutInSeconds":5}
    public struct LambdaFunctionScheduled: Sendable, Hashable {
        /// The function ARN as written in `Resource`.
        public var resource: String
        /// The effective input (after `InputPath` and `Parameters`).
        public var input: JSON
        public var timeoutInSeconds: Int?
        public var taskCredentials: TaskCredentials?

        public init(
            resource: String, input: JSON, timeoutInSeconds: Int? = nil, taskCredentials: TaskCredentials? = nil
        ) {
            self.resource = resource
            self.input = input
            self.timeoutInSeconds = timeoutInSeconds
            self.taskCredentials = taskCredentials
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("resource", .string(resource))
            members.addPayload("input", input)
            members.add("timeoutInSeconds", timeoutInSeconds)
            members.add("taskCredentials", taskCredentials?.json())
            return members.json
        }
    }

    /// `activityScheduledEventDetails`: `resource`, `input`, `inputDetails`, `timeoutInSeconds`,
    /// `heartbeatInSeconds`.
    public struct ActivityScheduled: Sendable, Hashable {
        public var resource: String
        public var input: JSON
        public var timeoutInSeconds: Int?
        public var heartbeatInSeconds: Int?

        public init(resource: String, input: JSON, timeoutInSeconds: Int? = nil, heartbeatInSeconds: Int? = nil) {
            self.resource = resource
            self.input = input
            self.timeoutInSeconds = timeoutInSeconds
            self.heartbeatInSeconds = heartbeatInSeconds
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("resource", .string(resource))
            members.addPayload("input", input)
            members.add("timeoutInSeconds", timeoutInSeconds)
            members.add("heartbeatInSeconds", heartbeatInSeconds)
            return members.json
        }
    }

    /// `activityStartedEventDetails`: `workerName` (given to `GetActivityTask`).
    public struct ActivityStarted: Sendable, Hashable {
        public var workerName: String?

        public init(workerName: String?) {
            self.workerName = workerName
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("workerName", workerName.map(JSON.string))
            return members.json
        }
    }
}
