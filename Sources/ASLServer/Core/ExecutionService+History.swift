internal import Foundation
internal import JSONCore
internal import StatesRuntime
internal import Synchronization

/// Streams one execution's events to `sfn/executions/<id>/events.jsonl` as they are recorded
/// (the executor's history sink): nothing of the history stays in memory.
final class EventJournal: Sendable {
    let store: CoreStore
    let id: Int
    private let firstFailure = Mutex<String?>(nil)
    private let latest = Mutex<Date?>(nil)

    init(store: CoreStore, id: Int) {
        self.store = store
        self.id = id
    }

    func append(_ event: HistoryEvent) {
        latest.withLock { $0 = event.timestamp }
        guard firstFailure.withLock({ $0 == nil }) else { return }
        do {
            try store.appendEvent(JSONWriter.compactBytes(event.json()) + [0x0A], execution: id)
        } catch {
            firstFailure.withLock { $0 = "event \(event.id) could not be written: \(error)" }
        }
    }

    /// The timestamp of the last event recorded (at the end, the terminal event's: the
    /// execution's `stopDate`, as on AWS).
    var lastTimestamp: Date? { latest.withLock { $0 } }

    /// Why the journal is incomplete, if a write failed (later events were not written).
    var failure: String? { firstFailure.withLock { $0 } }
}

/// ListExecutions and GetExecutionHistory.
extension ExecutionService {
    static let statuses = ["SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING"]

    /// Newest first, as AWS lists them. The token names the last execution returned, so it
    /// stays valid while new executions start (they come before it). `mapRunArn` is not
    /// supported (no Distributed Map run is an API resource here).
    func listExecutions(_ fields: RequestFields) throws(ServiceError) -> JSON {
        guard let arn = try fields.string("stateMachineArn") else {
            if try fields.string("mapRunArn") != nil {
                throw ServiceError(
                    "ValidationException", "Listing the executions of a map run is not supported by asl serve")
            }
            throw .missingMember("stateMachineArn")
        }
        let statusFilter = try fields.string("statusFilter")
        if let statusFilter, !Self.statuses.contains(statusFilter) {
            throw .validation(
                value: statusFilter, field: "statusFilter",
                constraint: "Member must satisfy enum value set: [\(Self.statuses.joined(separator: ", "))]")
        }
        let maxResults = try fields.maxResults()
        let token = try fields.nextToken(maximumLength: 3096)
        let entry = try machine(arn)
        guard entry.record.type == "STANDARD" else { throw .typeNotSupported }
        var before = Int.max
        if let token {
            guard let decoded = PageToken.decode(token, kind: "executions"), decoded["machine"]?.stringValue == arn,
                let id = decoded["before"]?.numberValue?.integralValue, let position = Int(exactly: id)
            else { throw .invalidToken(token) }
            before = position
        }
        let (page, more) = registry.withLock { registry -> ([ExecutionSummary], Bool) in
            var page: [ExecutionSummary] = []
            for executionArn in (registry.executionsByMachine[arn] ?? []).reversed() {
                guard let summary = registry.executions[executionArn], summary.id < before else { continue }
                if let statusFilter, summary.status != statusFilter { continue }
                if page.count == maxResults { return (page, true) }
                page.append(summary)
            }
            return (page, false)
        }
        var response = JSONObject()
        response["executions"] = .array(
            page.map { summary in
                var item = JSONObject()
                item["executionArn"] = .string(summary.arn)
                item["stateMachineArn"] = .string(summary.stateMachineArn)
                item["name"] = .string(summary.name)
                item["status"] = .string(summary.status)
                item["startDate"] = CoreTime.wire(summary.startDate)
                if let stopDate = summary.stopDate { item["stopDate"] = CoreTime.wire(stopDate) }
                item["redriveCount"] = 0
                return .object(item)
            })
        if more, let last = page.last {
            response["nextToken"] = .string(
                PageToken.encode(
                    kind: "executions", ["machine": .string(arn), "before": .number(JSONNumber(last.id))]))
        }
        return .object(response)
    }

    /// Read from the execution's journal on disk, running or not. `includeExecutionData: false`
    /// drops `input`, `output` and their `…Details` from every event's details.
    func executionHistory(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("executionArn")
        let maxResults = try fields.maxResults()
        let reverse = try fields.bool("reverseOrder") ?? false
        let includeData = try fields.bool("includeExecutionData") ?? true
        let token = try fields.nextToken(maximumLength: 3096)
        let record = try executionRecord(arn)
        if let problem = record.journalError {
            throw .internalFailure("The history of \(arn) is incomplete: \(problem)")
        }
        let lines: [ArraySlice<UInt8>]
        do {
            lines = try store.readJournal(record.id).lines
        } catch {
            throw .internalFailure(error.description)
        }
        // `start` counts events already returned in the requested order.
        var start = 0
        if let token {
            guard let decoded = PageToken.decode(token, kind: "history"), decoded["execution"]?.stringValue == arn,
                decoded["reverse"]?.boolValue == reverse, let offset = decoded["offset"]?.numberValue?.integralValue,
                let position = Int(exactly: offset), position >= 0, position <= lines.count
            else { throw .invalidToken(token) }
            start = position
        }
        let end = min(lines.count, start + maxResults)
        var events: [JSON] = []
        for position in start..<end {
            let line = reverse ? lines[lines.count - 1 - position] : lines[position]
            var event: JSON
            do {
                event = try store.event(line, execution: record.id)
            } catch {
                throw .internalFailure(error.description)
            }
            if !includeData { Self.dropExecutionData(&event) }
            events.append(event)
        }
        var response = JSONObject()
        response["events"] = .array(events)
        if end < lines.count {
            response["nextToken"] = .string(
                PageToken.encode(
                    kind: "history",
                    ["execution": .string(arn), "reverse": .bool(reverse), "offset": .number(JSONNumber(end))]))
        }
        return .object(response)
    }

    /// Execution data, dropped by `includeExecutionData: false` (assigned variables too, SPEC-NOTES.md §13).
    private static let dataMembers = [
        "input", "inputDetails", "output", "outputDetails", "assignedVariables", "assignedVariablesDetails",
    ]

    static func dropExecutionData(_ event: inout JSON) {
        guard var object = event.objectValue else { return }
        for (key, value) in object where key.hasSuffix("EventDetails") {
            guard var details = value.objectValue else { continue }
            for member in dataMembers { details[member] = nil }
            object[key] = .object(details)
        }
        event = .object(object)
    }
}
