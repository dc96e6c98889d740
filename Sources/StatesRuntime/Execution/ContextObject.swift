import Foundation
import JSONCore

/// The context object (`$$`), kept as typed fields and turned into JSON only when a `$$` path
/// is evaluated, so states that never read it cost nothing.
///
/// Shape and member order as AWS returns `$$` (observed on AWS: LocalStack snapshots
/// `context_object/test_context_object`, `base/test_base`):
///
///     {"Execution": {"Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"},
///      "StateMachine": {"Id", "Name"},
///      "State": {"Name", "EnteredTime", "RetryCount"},   (RetryCount: Task, Parallel, Map only)
///      "Task": {"Token"},                          (tasks with a token only)
///      "Map": {"Item": {"Index", "Value"}}}        (inside an ItemSelector / iteration only)
struct ContextObject: Sendable {
    /// Facts fixed for the whole execution, shared by reference so copying the context object
    /// (every path evaluation takes one) copies one pointer for them.
    final class Execution: Sendable {
        let id: String
        let input: JSON
        let name: String
        let roleArn: String
        let startTime: String
        let stateMachineID: String
        let stateMachineName: String

        init(
            id: String, input: JSON, name: String, roleArn: String, startTime: String, stateMachineID: String,
            stateMachineName: String
        ) {
            self.id = id
            self.input = input
            self.name = name
            self.roleArn = roleArn
            self.startTime = startTime
            self.stateMachineID = stateMachineID
            self.stateMachineName = stateMachineName
        }
    }

    var execution: Execution
    var stateName: String = ""
    /// When the current state was entered; formatted only when `$$` is read.
    var enteredTime: Date = Date(timeIntervalSince1970: 0)
    /// `$$.State.RetryCount`, present for Task, Parallel and Map states only.
    var retryCount: Int?
    var taskToken: String?
    /// `$$.Map.Item` while an ItemSelector or an iteration runs.
    var mapItem: (index: Int, value: JSON)?

    /// The whole context object when `asl test-state` gives one (`--context`, or TestState's own
    /// shape); `nil` in ordinary runs (SPEC-NOTES.md §15.6).
    var replacement: JSON?

    /// The context object as JSON.
    var json: JSON {
        if let replacement {
            // A test-state context still gets the task token the state generates (unless it gives
            // one) and, while an ItemSelector is evaluated, `$$.Map.Item` (SPEC-NOTES.md §15.6).
            guard taskToken != nil || mapItem != nil, case .object(var root) = replacement else { return replacement }
            if let taskToken, root["Task"] == nil { root["Task"] = ["Token": .string(taskToken)] }
            if let mapItem { root["Map"] = Self.mapJSON(mapItem) }
            return .object(root)
        }
        var executionObject = JSONObject()
        executionObject.appendUnchecked(key: "Id", value: .string(execution.id))
        executionObject.appendUnchecked(key: "Input", value: execution.input)
        executionObject.appendUnchecked(key: "StartTime", value: .string(execution.startTime))
        executionObject.appendUnchecked(key: "Name", value: .string(execution.name))
        executionObject.appendUnchecked(key: "RoleArn", value: .string(execution.roleArn))
        executionObject.appendUnchecked(key: "RedriveCount", value: 0)
        var state = JSONObject()
        state.appendUnchecked(key: "Name", value: .string(stateName))
        state.appendUnchecked(key: "EnteredTime", value: .string(Evaluate.formatTimestamp(enteredTime)))
        if let retryCount { state.appendUnchecked(key: "RetryCount", value: .number(JSONNumber(retryCount))) }
        var machine = JSONObject()
        machine.appendUnchecked(key: "Id", value: .string(execution.stateMachineID))
        machine.appendUnchecked(key: "Name", value: .string(execution.stateMachineName))
        var root = JSONObject()
        root.appendUnchecked(key: "Execution", value: .object(executionObject))
        root.appendUnchecked(key: "StateMachine", value: .object(machine))
        root.appendUnchecked(key: "State", value: .object(state))
        if let taskToken {
            root.appendUnchecked(key: "Task", value: ["Token": .string(taskToken)])
        }
        if let mapItem { root.appendUnchecked(key: "Map", value: Self.mapJSON(mapItem)) }
        return .object(root)
    }

    private static func mapJSON(_ item: (index: Int, value: JSON)) -> JSON {
        ["Item": ["Index": .number(JSONNumber(item.index)), "Value": item.value]]
    }
}
