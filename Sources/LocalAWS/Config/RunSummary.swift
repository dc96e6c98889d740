import Foundation
import JSONCore
public import StatesRuntime

/// What the local services hold at one moment: compared before and after a run, it tells what
/// the run did.
public struct LocalServicesSnapshot: Sendable, Hashable {
    /// Records in every stream, all shards.
    public var streamRecords = 0
    /// Objects in the raw buckets of the ingest functions.
    public var rawObjects = 0
    /// Every table's partitions (`db.table` → `["event_date=2024-01-05", …]`).
    public var partitions: [String: [String]] = [:]
    /// Messages in each topic's outbox, by topic name.
    public var notifications: [String: Int] = [:]
}

extension LocalServices {
    /// The current counts (failures to read count as empty: a summary never fails a run).
    public func snapshot() -> LocalServicesSnapshot {
        var snapshot = LocalServicesSnapshot()
        for stream in streams.values {
            for shard in 0..<stream.shardCount { snapshot.streamRecords += stream.recordCount(inShard: shard) }
        }
        for case .ingest(let function) in config.functions {
            if let bucket = try? S3Location(bucket: function.rawBucket, key: ""),
                let objects = try? store.list(under: bucket)
            {
                snapshot.rawObjects += objects.count
            }
        }
        if let catalog = try? athena.catalog() {
            for database in catalog.databases.values {
                for table in database.tables.values {
                    snapshot.partitions["\(database.name).\(table.name)"] = table.partitions.map(table.partitionName)
                }
            }
        }
        for topic in config.topics {
            // Read by the data directory's rule: never through a link, never a FIFO.
            let bytes = (try? DataDirectory(dataDirectory).contents(of: "sns/\(topic.name).jsonl")) ?? nil
            let lines = bytes?.split(separator: 0x0A).count ?? 0
            snapshot.notifications[topic.name] = lines
        }
        return snapshot
    }
}

/// The end-of-run summary `asl run` prints for a configuration with local services.
public struct RunSummary: Sendable {
    public var lines: [String]

    /// What changed between `before` and `after`, with the rows per partition the Glue jobs of
    /// `history` reported.
    public init(before: LocalServicesSnapshot, after: LocalServicesSnapshot, history: [HistoryEvent]) {
        var lines: [String] = []
        lines.append("events simulated:      \(after.streamRecords - before.streamRecords)")
        lines.append(
            "raw objects:           \(after.rawObjects - before.rawObjects) new, \(after.rawObjects) in the raw bucket")
        for report in Self.glueReports(history) {
            let partitions = report["partitions"]?.objectValue ?? JSONObject()
            let rows = report["rowsWritten"]?.numberValue?.text ?? "0"
            lines.append("rows written:          \(rows) in \(partitions.count) partition(s)")
            // A report without `partitionKeys` is partitioned by `event_date` alone (the native
            // transform's default, which its report leaves unsaid).
            let keys = report["partitionKeys"]?.arrayValue?.compactMap(\.stringValue) ?? ["event_date"]
            for (name, count) in partitions {
                let folder = zip(keys, name.split(separator: "/", omittingEmptySubsequences: false))
                    .map { "\($0)=\($1)" }.joined(separator: "/")
                lines.append("  \(folder): \(count.numberValue?.text ?? "0") rows")
            }
            let malformed = report["malformedRecords"]?.numberValue?.int64Value ?? 0
            let dropped = report["droppedRows"]?.numberValue?.int64Value ?? 0
            if malformed > 0 || dropped > 0 {
                lines.append("  skipped: \(malformed) malformed record(s), \(dropped) without a valid event_time")
            }
        }
        for table in after.partitions.keys.sorted() {
            let now = after.partitions[table] ?? []
            let added = now.filter { !(before.partitions[table] ?? []).contains($0) }
            lines.append("partitions registered: \(table): \(now.count) (\(added.count) new)")
        }
        for topic in after.notifications.keys.sorted() {
            let sent = (after.notifications[topic] ?? 0) - (before.notifications[topic] ?? 0)
            if sent > 0 { lines.append("notification sent:     \(topic) (\(sent))") }
        }
        self.lines = lines
    }

    /// The `LocalReport` of every Glue job run that succeeded.
    static func glueReports(_ history: [HistoryEvent]) -> [JSON] {
        history.compactMap { event in
            guard event.type == .taskSucceeded, case .taskOutput(let details) = event.details,
                details.resourceType == "glue"
            else { return nil }
            return details.output["LocalReport"]
        }
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }
}
