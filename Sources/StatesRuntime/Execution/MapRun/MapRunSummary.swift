public import Foundation
public import JSONCore
import Synchronization

/// One Distributed Map run as `DescribeMapRun` describes it (AWS API reference,
/// "DescribeMapRun", "MapRunItemCounts", "MapRunExecutionCounts"; SPEC-NOTES.md §17.4).
public struct MapRunSummary: Sendable, Hashable {
    /// `RUNNING` never appears here: a summary is made when the run ends.
    public enum Status: String, Sendable, Hashable {
        case succeeded = "SUCCEEDED"
        case failed = "FAILED"
        case aborted = "ABORTED"
    }

    /// Child executions (`executionCounts`) or items (`itemCounts`) by status. Without an
    /// `ItemBatcher` each child has one item and the two are equal; with one, an item counts
    /// under the status of the child whose batch held it (API reference "MapRunItemCounts":
    /// "the total number of items processed in child workflow executions that …";
    /// SPEC-NOTES.md §17.6).
    public struct Counts: Sendable, Hashable {
        public var pending = 0
        public var running = 0
        public var succeeded = 0
        public var failed = 0
        public var timedOut = 0
        public var aborted = 0
        public var total = 0
        /// Children (items) whose results were written: by a `ResultWriter`, or, without one,
        /// into the Map's output (AWS counts those too: SPEC-NOTES.md §17.6).
        public var resultsWritten = 0

        public init() {}

        /// The members in the API's order.
        public var json: JSON {
            [
                "aborted": .number(JSONNumber(aborted)), "failed": .number(JSONNumber(failed)),
                "pending": .number(JSONNumber(pending)), "resultsWritten": .number(JSONNumber(resultsWritten)),
                "running": .number(JSONNumber(running)), "succeeded": .number(JSONNumber(succeeded)),
                "timedOut": .number(JSONNumber(timedOut)), "total": .number(JSONNumber(total)),
            ]
        }
    }

    public var mapRunArn: String
    public var executionArn: String
    /// The name of the Map state that ran it.
    public var stateName: String
    public var status: Status
    public var startDate: Date
    public var stopDate: Date
    /// 0: no limit.
    public var maxConcurrency: Int
    public var toleratedFailurePercentage: Double
    public var toleratedFailureCount: Int
    public var itemCounts: Counts
    public var executionCounts: Counts
    /// The failure that ended a FAILED run.
    public var error: String?
    public var cause: String?

    /// The `DescribeMapRun` response body (dates as ISO 8601 text).
    public var json: JSON {
        var object = JSONObject()
        object["executionArn"] = .string(executionArn)
        object["executionCounts"] = executionCounts.json
        object["itemCounts"] = itemCounts.json
        object["mapRunArn"] = .string(mapRunArn)
        object["maxConcurrency"] = .number(JSONNumber(maxConcurrency))
        object["startDate"] = .string(Timestamp.format(startDate))
        object["status"] = .string(status.rawValue)
        object["stopDate"] = .string(Timestamp.format(stopDate))
        object["toleratedFailureCount"] = .number(JSONNumber(toleratedFailureCount))
        object["toleratedFailurePercentage"] = .number(JSONNumber(toleratedFailurePercentage))
        return .object(object)
    }
}

/// A child execution of a Distributed Map about to start, for ``ExecutionOptions/childHistory``.
public struct ChildExecutionStart: Sendable, Hashable {
    public var mapRunArn: String
    /// The last part of the map run ARN (the folder of the `ResultWriter`'s files).
    public var mapRunID: String
    public var executionArn: String
    /// The child's execution name (a UUID, as AWS names them).
    public var name: String
}

/// Where one child execution's events go: `record` in id order, then `finish` once.
public struct ChildHistorySink: Sendable {
    public var record: @Sendable (HistoryEvent) -> Void
    public var finish: @Sendable () -> Void

    public init(record: @escaping @Sendable (HistoryEvent) -> Void, finish: @escaping @Sendable () -> Void) {
        self.record = record
        self.finish = finish
    }
}

/// The map runs of one execution, in the order they ended.
final class MapRunLog: Sendable {
    private let storage = Mutex<[MapRunSummary]>([])

    func append(_ summary: MapRunSummary) { storage.withLock { $0.append(summary) } }

    var summaries: [MapRunSummary] { storage.withLock { $0 } }
}

/// How far a running map run has got, for ``ExecutionOptions/mapRunProgress``.
public struct MapRunProgress: Sendable, Hashable {
    public var mapRunArn: String
    /// The Distributed Map state's name.
    public var stateName: String
    /// Child executions by status so far (`total` is 0 until it is known).
    public var counts: MapRunSummary.Counts
    /// How many child executions the run has in all, once known: at once for items in the
    /// state input, when the reader's stream has ended for an `ItemReader`.
    public var total: Int?
    /// Items in the child executions that have ended (with an `ItemBatcher`, each child has a
    /// batch of items; without one, one item).
    public var items: Int
    /// Items in all, once known.
    public var itemTotal: Int?
    /// The run is over (the last report of a run).
    public var finished: Bool

    public init(
        mapRunArn: String, stateName: String, counts: MapRunSummary.Counts, total: Int?, items: Int,
        itemTotal: Int?, finished: Bool
    ) {
        self.mapRunArn = mapRunArn
        self.stateName = stateName
        self.counts = counts
        self.total = total
        self.items = items
        self.itemTotal = itemTotal
        self.finished = finished
    }

    /// Child executions that have ended, whatever their status.
    public var done: Int { counts.succeeded + counts.failed + counts.timedOut + counts.aborted }
    /// Child executions that did not succeed.
    public var failures: Int { counts.failed + counts.timedOut + counts.aborted }
}
