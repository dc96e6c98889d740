internal import Foundation
internal import JSONCore

/// A problem with a file of the durable store: which file, what is wrong, what to do.
package struct CoreStoreError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var problem: String

    package var description: String {
        "\(path): \(problem); move the file (or its execution folder) out of the data directory, or restore it "
            + "from a backup, and start again"
    }
}

/// One state machine as `sfn/state-machines/<id>.json` holds it.
struct MachineRecord: Sendable {
    var fileID: Int
    var name: String
    var arn: String
    var definition: String
    var roleArn: String
    var type: String
    var loggingConfiguration: JSON
    var tracingConfiguration: JSON
    var creationDate: Date
    var updateDate: Date?
    var revisionId: String?
    /// `ACTIVE`, or `DELETING` while executions it started still run.
    var status: String

    func json() -> JSON {
        var object = JSONObject()
        object["fileID"] = .number(JSONNumber(fileID))
        object["name"] = .string(name)
        object["stateMachineArn"] = .string(arn)
        object["definition"] = .string(definition)
        object["roleArn"] = .string(roleArn)
        object["type"] = .string(type)
        object["loggingConfiguration"] = loggingConfiguration
        object["tracingConfiguration"] = tracingConfiguration
        object["creationDate"] = .number(JSONNumber(CoreTime.milliseconds(creationDate)))
        if let updateDate { object["updateDate"] = .number(JSONNumber(CoreTime.milliseconds(updateDate))) }
        if let revisionId { object["revisionId"] = .string(revisionId) }
        object["status"] = .string(status)
        return .object(object)
    }

    init(
        fileID: Int, name: String, arn: String, definition: String, roleArn: String, type: String,
        loggingConfiguration: JSON, tracingConfiguration: JSON, creationDate: Date, updateDate: Date? = nil,
        revisionId: String? = nil, status: String = "ACTIVE"
    ) {
        self.fileID = fileID
        self.name = name
        self.arn = arn
        self.definition = definition
        self.roleArn = roleArn
        self.type = type
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
        self.creationDate = creationDate
        self.updateDate = updateDate
        self.revisionId = revisionId
        self.status = status
    }

    init(_ value: JSON, path: String) throws(CoreStoreError) {
        let reader = RecordReader(value: value, path: path, what: "a state machine record")
        fileID = try reader.integer("fileID")
        name = try reader.string("name")
        arn = try reader.string("stateMachineArn")
        definition = try reader.string("definition")
        roleArn = try reader.string("roleArn")
        type = try reader.string("type")
        loggingConfiguration = value["loggingConfiguration"] ?? .object(JSONObject())
        tracingConfiguration = value["tracingConfiguration"] ?? .object(JSONObject())
        creationDate = CoreTime.date(milliseconds: Int64(try reader.integer("creationDate")))
        updateDate = try reader.optionalInteger("updateDate").map { CoreTime.date(milliseconds: Int64($0)) }
        revisionId = try reader.optionalString("revisionId")
        status = try reader.string("status")
    }
}

/// One execution as `sfn/executions/<id>/execution.json` holds it: written when it starts
/// (status RUNNING) and replaced when it ends.
struct ExecutionRecord: Sendable {
    var id: Int
    var arn: String
    var name: String
    var stateMachineArn: String
    var status: String
    var startDate: Date
    var stopDate: Date?
    /// The input text as the caller gave it.
    var input: String
    var output: String?
    var error: String?
    var cause: String?
    /// The machine as it was when the execution started (DescribeStateMachineForExecution).
    var machine: MachineRecord
    /// Why the history journal is incomplete, when writing it failed.
    var journalError: String?

    func json() -> JSON {
        var object = JSONObject()
        object["id"] = .number(JSONNumber(id))
        object["executionArn"] = .string(arn)
        object["name"] = .string(name)
        object["stateMachineArn"] = .string(stateMachineArn)
        object["status"] = .string(status)
        object["startDate"] = .number(JSONNumber(CoreTime.milliseconds(startDate)))
        if let stopDate { object["stopDate"] = .number(JSONNumber(CoreTime.milliseconds(stopDate))) }
        object["input"] = .string(input)
        if let output { object["output"] = .string(output) }
        if let error { object["error"] = .string(error) }
        if let cause { object["cause"] = .string(cause) }
        object["machine"] = machine.json()
        if let journalError { object["journalError"] = .string(journalError) }
        return .object(object)
    }

    init(
        id: Int, arn: String, name: String, stateMachineArn: String, status: String, startDate: Date,
        input: String, machine: MachineRecord
    ) {
        self.id = id
        self.arn = arn
        self.name = name
        self.stateMachineArn = stateMachineArn
        self.status = status
        self.startDate = startDate
        self.input = input
        self.machine = machine
    }

    init(_ value: JSON, path: String) throws(CoreStoreError) {
        let reader = RecordReader(value: value, path: path, what: "an execution record")
        id = try reader.integer("id")
        arn = try reader.string("executionArn")
        name = try reader.string("name")
        stateMachineArn = try reader.string("stateMachineArn")
        status = try reader.string("status")
        startDate = CoreTime.date(milliseconds: Int64(try reader.integer("startDate")))
        stopDate = try reader.optionalInteger("stopDate").map { CoreTime.date(milliseconds: Int64($0)) }
        input = try reader.string("input")
        output = try reader.optionalString("output")
        error = try reader.optionalString("error")
        cause = try reader.optionalString("cause")
        guard let machineValue = value["machine"] else {
            throw CoreStoreError(path: path, problem: "an execution record needs \"machine\"")
        }
        machine = try MachineRecord(machineValue, path: path)
        journalError = try reader.optionalString("journalError")
    }

    var summary: ExecutionSummary {
        ExecutionSummary(
            id: id, arn: arn, name: name, stateMachineArn: stateMachineArn, status: status, startDate: startDate,
            stopDate: stopDate)
    }
}

/// What ListExecutions needs of an execution, kept in memory for every Standard execution.
struct ExecutionSummary: Sendable {
    var id: Int
    var arn: String
    var name: String
    var stateMachineArn: String
    var status: String
    var startDate: Date
    var stopDate: Date?
}

/// Reads the members of a record, naming the file and the member in every problem.
private struct RecordReader {
    let value: JSON
    let path: String
    let what: String

    func string(_ key: String) throws(CoreStoreError) -> String {
        guard let text = value[key]?.stringValue else {
            throw CoreStoreError(path: path, problem: "\(what) needs the string \"\(key)\"")
        }
        return text
    }

    func optionalString(_ key: String) throws(CoreStoreError) -> String? {
        guard let member = value[key] else { return nil }
        guard let text = member.stringValue else {
            throw CoreStoreError(path: path, problem: "\"\(key)\" of \(what) must be a string")
        }
        return text
    }

    func integer(_ key: String) throws(CoreStoreError) -> Int {
        guard let number = value[key]?.numberValue?.integralValue, let integer = Int(exactly: number) else {
            throw CoreStoreError(path: path, problem: "\(what) needs the integer \"\(key)\"")
        }
        return integer
    }

    func optionalInteger(_ key: String) throws(CoreStoreError) -> Int? {
        guard value[key] != nil else { return nil }
        return try integer(key)
    }
}
