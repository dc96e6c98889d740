internal import Foundation
package import JSONCore
internal import LocalAWS
internal import StatesLanguage
internal import StatesRuntime
internal import Synchronization

/// The Step Functions operations on state machines and executions, over a durable store in
/// `<data-dir>/sfn/` (SPEC-NOTES.md §18.2).
///
///     let service = try ExecutionService.open(CoreConfiguration(dataDirectory: folder))
///     let created = try await service.perform(
///         operation: "CreateStateMachine",
///         input: ["name": "Orders", "definition": "{…}", "roleArn": "arn:aws:iam::123456789012:role/R"],
///         request: RequestInfo())
///
/// Standard executions run in the background, each in its own task, and stream their history
/// to a journal on disk; the only lock is the registry's, held for table updates, never while an
/// execution runs or a file is read.
package final class ExecutionService: APIService {
    /// The operations this service answers.
    package static let operations: Set<String> = [
        "CreateStateMachine", "DescribeStateMachine", "UpdateStateMachine", "DeleteStateMachine",
        "ListStateMachines", "ValidateStateMachineDefinition", "DescribeStateMachineForExecution",
        "TagResource", "UntagResource", "ListTagsForResource",
        "StartExecution", "StartSyncExecution", "DescribeExecution", "StopExecution", "ListExecutions",
        "GetExecutionHistory",
    ]

    let configuration: CoreConfiguration
    let store: CoreStore
    let registry: Mutex<Registry>

    /// The error name an execution gets when the server stopped while it ran.
    static let restartError = "ServerRestarted"

    private init(configuration: CoreConfiguration, store: CoreStore, registry: Registry) {
        self.configuration = configuration
        self.store = store
        self.registry = Mutex(registry)
    }

    /// Opens the store in `configuration.dataDirectory`, recovering what is on disk: machines,
    /// tags, and every Standard execution's summary (histories stay on disk). An execution found
    /// RUNNING was cut off by a crash or a restart: it is failed with ``restartError``, its
    /// journal repaired and closed with an `ExecutionFailed` event (SPEC-NOTES.md §18.2).
    /// - Throws: ``CoreStoreError`` naming a file that cannot be read or is not a record.
    package static func open(_ configuration: CoreConfiguration) throws -> ExecutionService {
        let store = CoreStore(
            data: DataDirectory(configuration.dataDirectory), syncWrites: configuration.syncWrites,
            syncExecutions: configuration.syncExecutions)
        var registry = Registry()
        for machine in try store.loadMachines() {
            let check = DefinitionCheck(definition: machine.definition, express: machine.type == "EXPRESS")
            registry.machines[machine.arn] = MachineEntry(record: machine, resolved: check.machine)
            registry.nextMachineID = max(registry.nextMachineID, machine.fileID + 1)
        }
        for id in try store.executionIDs() {
            registry.nextExecutionID = max(registry.nextExecutionID, id + 1)
            // A folder without its record was never acknowledged (the record is written before
            // StartExecution answers): debris of a crash during the start.
            guard var record = try store.loadRecord(id) else { continue }
            if record.status == "RUNNING" {
                record = try recover(record, store: store, now: configuration.wallClock())
            }
            registry.executions[record.arn] = record.summary
            registry.executionsByMachine[record.stateMachineArn, default: []].append(record.arn)
        }
        if let tags = try store.loadTags()?.objectValue {
            for (arn, value) in tags {
                registry.tags[arn] = (value.objectValue ?? JSONObject()).map { key, value in
                    TagPair(key: key, value: value.stringValue ?? "")
                }
            }
        }
        // Machines being deleted when the server stopped: their executions have ended now.
        for (arn, entry) in registry.machines where entry.record.status == "DELETING" {
            do {
                try store.removeMachine(entry.record.fileID)
            } catch {
                throw CoreStoreError(
                    path: store.data.absolutePath(CoreStore.machinePath(entry.record.fileID)), problem: error.message)
            }
            registry.machines[arn] = nil
        }
        return ExecutionService(configuration: configuration, store: store, registry: registry)
    }

    /// Fails an execution found RUNNING on disk: the journal's cut-off last line is dropped, an
    /// `ExecutionFailed` event appended, and the record rewritten.
    private static func recover(_ record: ExecutionRecord, store: CoreStore, now: Date) throws -> ExecutionRecord {
        let (lines, length) = try store.readJournal(record.id)
        try store.truncateJournal(record.id, to: length)
        var lastID = 0
        if let last = lines.last {
            lastID = Int(try store.event(last, execution: record.id)["id"]?.numberValue?.integralValue ?? 0)
        }
        let cause =
            "The server stopped while this execution was running (a restart or a crash); asl serve does not resume "
            + "executions, so it failed the execution when it reopened its data directory."
        let event = HistoryEvent(
            id: lastID + 1, previousEventId: lastID, timestamp: now, type: .executionFailed,
            details: .failure(.init(error: restartError, cause: cause)))
        do {
            try store.appendEvent(JSONWriter.compactBytes(event.json()) + [0x0A], execution: record.id)
            try store.syncJournal(record.id)
        } catch {
            throw CoreStoreError(path: store.data.absolutePath(CoreStore.journalPath(record.id)), problem: "\(error)")
        }
        var failed = record
        failed.status = "FAILED"
        failed.stopDate = now
        failed.error = restartError
        failed.cause = cause
        do {
            try store.write(failed)
        } catch {
            throw CoreStoreError(path: store.data.absolutePath(CoreStore.recordPath(record.id)), problem: error.message)
        }
        return failed
    }

    package func serves(operation: String) -> Bool { Self.operations.contains(operation) }

    package func perform(operation: String, input: JSON, request: RequestInfo) async throws(ServiceError) -> JSON {
        let fields = RequestFields(input)
        switch operation {
        case "CreateStateMachine": return try createStateMachine(fields)
        case "DescribeStateMachine": return try describeStateMachine(fields)
        case "UpdateStateMachine": return try updateStateMachine(fields)
        case "DeleteStateMachine": return try deleteStateMachine(fields)
        case "ListStateMachines": return try listStateMachines(fields)
        case "ValidateStateMachineDefinition": return try validateDefinition(fields)
        case "DescribeStateMachineForExecution": return try describeStateMachineForExecution(fields)
        case "TagResource": return try tagResource(fields)
        case "UntagResource": return try untagResource(fields)
        case "ListTagsForResource": return try listTags(fields)
        case "StartExecution": return try startExecution(fields)
        case "StartSyncExecution": return try await startSyncExecution(fields)
        case "DescribeExecution": return try describeExecution(fields)
        case "StopExecution": return try await stopExecution(fields)
        case "ListExecutions": return try listExecutions(fields)
        case "GetExecutionHistory": return try executionHistory(fields)
        default:
            throw ServiceError("UnknownOperationException", "The operation \(operation) is not served here")
        }
    }

    /// Returns once the execution `executionArn` is no longer running (at once when it is not).
    package func waitUntilFinished(_ executionArn: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = registry.withLock { registry -> Bool in
                guard registry.live[executionArn] != nil else { return false }
                registry.waiters[executionArn, default: []].append(continuation)
                return true
            }
            if !waiting { continuation.resume() }
        }
    }

    /// How many executions are running (Standard and Express).
    package var runningCount: Int { registry.withLock { $0.live.count } }

    /// The server has begun to shut down: stop every running execution now (ABORTED, cause "The
    /// server shut down"), so a StartSyncExecution under way answers within the grace period.
    package func drain() {
        let running = registry.withLock { Array($0.live.values) }
        for execution in running { execution.control.abort(error: nil, cause: "The server shut down") }
    }

    /// Stops every running execution (ABORTED) and waits for them: what a server does before
    /// it exits cleanly.
    package func shutdown() async {
        let running = registry.withLock { Array($0.live.values) }
        for execution in running { execution.control.abort(error: nil, cause: "The server shut down") }
        for execution in running { await waitUntilFinished(execution.arn) }
    }
}

/// A machine with its definition parsed once (`nil` when a stored definition no longer
/// validates: StartExecution then refuses it).
struct MachineEntry: Sendable {
    var record: MachineRecord
    var resolved: ResolvedStateMachine?
}

struct TagPair: Sendable, Hashable {
    var key: String
    var value: String
}

/// A running execution: how to stop it and what DescribeExecution shows meanwhile.
final class LiveExecution: Sendable {
    let arn: String
    let control: ExecutionControl
    /// The record written when it started (input, machine), for DescribeExecution.
    let record: ExecutionRecord
    let isExpress: Bool

    init(arn: String, control: ExecutionControl, record: ExecutionRecord, isExpress: Bool) {
        self.arn = arn
        self.control = control
        self.record = record
        self.isExpress = isExpress
    }
}

/// Everything the service keeps in memory, behind one lock held only for table updates.
struct Registry {
    var machines: [String: MachineEntry] = [:]
    /// Every Standard execution's summary, by ARN.
    var executions: [String: ExecutionSummary] = [:]
    /// Execution ARNs per machine ARN, in start order.
    var executionsByMachine: [String: [String]] = [:]
    var live: [String: LiveExecution] = [:]
    var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// Final records whose write failed: DescribeExecution reads them here.
    var unsaved: [String: ExecutionRecord] = [:]
    var tags: [String: [TagPair]] = [:]
    var nextMachineID = 1
    var nextExecutionID = 1
    /// Counts generated execution names (with the clock, it makes each one different).
    var generatedNames = 0
}
