public import JSONCore

// The details shapes of state and execution events. Members and their order follow the API model
// (botocore `stepfunctions/2016-11-23/service-2.json`); the values shown in the comments were
// observed on AWS (LocalStack snapshots, `tests/aws/services/stepfunctions/v2/`).

extension HistoryEvent {
    /// `stateEnteredEventDetails`: `name`, `input` (JSON text), `inputDetails`.
    ///
    ///     {"name":"State_1","input":"{}","inputDetails":{"truncated":false}}
    public struct StateEntered: Sendable, Hashable {
        public var name: String
        /// The state's raw input (before `InputPath`).
        public var input: JSON

        public init(name: String, input: JSON) {
            self.name = name
            self.input = input
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("name", .string(name))
            members.addPayload("input", input)
            return members.json
        }
    }

    /// `stateExitedEventDetails`: `name`, `output`, `outputDetails`, and, when the state has an
    /// `Assign` field, `assignedVariables` (each value as JSON text) and `assignedVariablesDetails`.
    ///
    ///     {"name":"State0","output":"{\"a\":1}","outputDetails":{"truncated":false},
    ///      "assignedVariables":{"x":"0","s":"\"text\""},"assignedVariablesDetails":{"truncated":false}}
    ///
    /// Observed on AWS: `assignedVariables` is absent for a state without `Assign`
    /// (`test_assign_base.snapshot.json`, `BASE_EMPTY`).
    public struct StateExited: Sendable, Hashable {
        public var name: String
        /// The state's output (after `OutputPath`).
        public var output: JSON
        /// The variables the state assigned, in `Assign` order; `nil` when it has no `Assign`.
        public var assignedVariables: JSONObject?

        public init(name: String, output: JSON, assignedVariables: JSONObject? = nil) {
            self.name = name
            self.output = output
            self.assignedVariables = assignedVariables
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("name", .string(name))
            members.addPayload("output", output)
            if let assignedVariables {
                var texts = JSONObject()
                for (variable, value) in assignedVariables {
                    texts.appendUnchecked(key: variable, value: DetailsMembers.text(value))
                }
                members.add("assignedVariables", .object(texts))
                members.add("assignedVariablesDetails", DetailsMembers.notTruncated)
            }
            return members.json
        }
    }

    /// `executionStartedEventDetails`: `input`, `inputDetails`, `roleArn`, and the alias or version
    /// ARN when the execution was started through one.
    public struct ExecutionStarted: Sendable, Hashable {
        public var input: JSON
        public var roleArn: String?
        public var stateMachineAliasArn: String?
        public var stateMachineVersionArn: String?

        public init(
            input: JSON,
            roleArn: String? = nil,
            stateMachineAliasArn: String? = nil,
            stateMachineVersionArn: String? = nil
        ) {
            self.input = input
            self.roleArn = roleArn
            self.stateMachineAliasArn = stateMachineAliasArn
            self.stateMachineVersionArn = stateMachineVersionArn
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.addPayload("input", input)
            members.add("roleArn", roleArn.map(JSON.string))
            members.add("stateMachineAliasArn", stateMachineAliasArn.map(JSON.string))
            members.add("stateMachineVersionArn", stateMachineVersionArn.map(JSON.string))
            return members.json
        }
    }

    /// `output` + `outputDetails` (`ExecutionSucceeded`, `LambdaFunctionSucceeded`,
    /// `ActivitySucceeded`).
    public struct Output: Sendable, Hashable {
        public var output: JSON

        public init(output: JSON) {
            self.output = output
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.addPayload("output", output)
            return members.json
        }
    }

    /// `error` + `cause`, each written only when present: a Fail state without `Error` and
    /// `Cause` ends the execution with `"executionFailedEventDetails": {}`, and a task timeout
    /// writes only `"error": "States.Timeout"` (observed on AWS: `test_base.snapshot.json`
    /// `test_state_fail_empty`, `test_timeouts.snapshot.json`).
    public struct Failure: Sendable, Hashable {
        public var error: String?
        public var cause: String?

        public init(error: String? = nil, cause: String? = nil) {
            self.error = error
            self.cause = cause
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("error", error.map(JSON.string))
            members.add("cause", cause.map(JSON.string))
            return members.json
        }
    }

    /// `executionRedrivenEventDetails`: `redriveCount`.
    public struct ExecutionRedriven: Sendable, Hashable {
        public var redriveCount: Int

        public init(redriveCount: Int) {
            self.redriveCount = redriveCount
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("redriveCount", redriveCount)
            return members.json
        }
    }

    /// `evaluationFailedEventDetails` (JSONata states): `error`, `cause`, `location`, `state`.
    ///
    /// The member order is inferred (the API reference lists the members alphabetically and the
    /// sources read mark `state` as the only required one).
    public struct EvaluationFailed: Sendable, Hashable {
        public var error: String?
        public var cause: String?
        /// Where in the state the expression failed (a field name such as `Arguments`).
        public var location: String?
        /// The state's name.
        public var state: String

        public init(error: String? = nil, cause: String? = nil, location: String? = nil, state: String) {
            self.error = error
            self.cause = cause
            self.location = location
            self.state = state
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("error", error.map(JSON.string))
            members.add("cause", cause.map(JSON.string))
            members.add("location", location.map(JSON.string))
            members.add("state", .string(state))
            return members.json
        }
    }
}

/// Builds a details object member by member, skipping absent ones.
struct DetailsMembers {
    private var object = JSONObject()

    /// `{"truncated": false}`: the `inputDetails`/`outputDetails` AWS writes ("Always `false` for
    /// API calls", API model `HistoryEventExecutionDataDetails`).
    static let notTruncated: JSON = ["truncated": false]

    /// A payload as AWS writes it in history: compact JSON text.
    static func text(_ value: JSON) -> JSON {
        .string(JSONWriter.compact(value))
    }

    var json: JSON { .object(object) }

    mutating func add(_ key: String, _ value: JSON?) {
        guard let value else { return }
        object.appendUnchecked(key: key, value: value)
    }

    mutating func add(_ key: String, _ value: Int?) {
        guard let value else { return }
        object.appendUnchecked(key: key, value: .number(JSONNumber(value)))
    }

    /// `key` as JSON text and `keyDetails` as `{"truncated": false}`.
    mutating func addPayload(_ key: String, _ value: JSON) {
        object.appendUnchecked(key: key, value: Self.text(value))
        object.appendUnchecked(key: key + "Details", value: Self.notTruncated)
    }
}
