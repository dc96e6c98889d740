import Foundation
import JSONCore
import Parquet
import StatesRuntime
import Testing

@testable import Clickstream
@testable import LocalAWS

/// `glueJobs.*.partitionKeys` is honoured: any list of output columns, in folder order, as
/// Spark's `partitionBy` writes them (SPEC-NOTES.md §12.1).
@Suite struct PartitionKeysTests {
    static func run(_ sandbox: ETLSandbox, keys: [String]) throws -> ETLReport {
        try ClickstreamETL.run(
            ETLJobSpec(inputDirectory: sandbox.input, outputDirectory: sandbox.output, partitionKeys: keys))
    }

    @Test func byUserIDTheFoldersAreUsersAndTheDateIsAColumn() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "a.json",
            [
                eventLine(user: "u-2", time: "2026-11-26T10:00:00"),
                eventLine(user: "u-1", time: "2026-11-27T10:00:00"),
                eventLine(user: "u/3", time: "2026-11-27T11:00:00"), eventLine(user: "", time: "2026-11-27T12:00:00"),
            ].joined(separator: "\n"))
        let report = try Self.run(sandbox, keys: ["user_id"])
        #expect(report.partitions == ["__HIVE_DEFAULT_PARTITION__": 1, "u-1": 1, "u-2": 1, "u%2F3": 1])
        #expect(report.partitionKeys == ["user_id"])
        let folders = report.outputFiles.map { String($0.prefix { $0 != "/" }) }
        #expect(folders == ["user_id=__HIVE_DEFAULT_PARTITION__", "user_id=u%2F3", "user_id=u-1", "user_id=u-2"])
        let file = try #require(report.outputFiles.first { $0.hasPrefix("user_id=u-1/") })
        let reader = try ParquetReader(path: sandbox.output.appendingPathComponent(file).path)
        #expect(
            reader.metadata.schema.columns.map(\.name) == [
                "session_id", "event_time", "event_type", "page_url", "referrer_url", "device_type", "browser", "ip",
                "country", "city", "event_date",
            ])
        #expect(reader.metadata.schema.columns.last?.type == .date)
        let rows = try reader.readRows()
        let day = Int32(utcMicros(2026, 11, 27, 0, 0, 0) / 86_400_000_000)
        #expect(rows.count == 1 && rows[0].last == .int32(day))
        #expect(rows[0][1] == .int64(utcMicros(2026, 11, 27, 10, 0, 0)))
    }

    @Test func twoKeysNestInTheirOrder() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "a.json",
            [
                eventLine(time: "2026-11-26T10:00:00", country: "US"),
                eventLine(time: "2026-11-26T11:00:00", country: "DE"),
                eventLine(time: "2026-11-25T11:00:00", country: "US"),
            ].joined(separator: "\n"))
        let report = try Self.run(sandbox, keys: ["event_date", "country"])
        #expect(report.partitions == ["2026-11-25/US": 1, "2026-11-26/DE": 1, "2026-11-26/US": 1])
        #expect(
            report.outputFiles.map { $0.split(separator: "/").dropLast().joined(separator: "/") } == [
                "event_date=2026-11-25/country=US", "event_date=2026-11-26/country=DE",
                "event_date=2026-11-26/country=US",
            ])
        let reader = try ParquetReader(
            path: sandbox.output.appendingPathComponent(try #require(report.outputFiles.first)).path)
        #expect(!reader.metadata.schema.columns.map(\.name).contains("country"))
        #expect(!reader.metadata.schema.columns.map(\.name).contains("event_date"))
    }

    /// The default keys give exactly what they gave before partitionKeys was read: same names,
    /// same bytes, and no `partitionKeys` in the report.
    @Test func theDefaultIsUnchanged() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("a.json", eventLine() + "\n")
        let implicit = try sandbox.run()
        let bytes = try Data(
            contentsOf: sandbox.output.appendingPathComponent(try #require(implicit.outputFiles.first)))
        let explicit = try Self.run(sandbox, keys: ["event_date"])
        #expect(explicit.outputFiles == implicit.outputFiles && explicit.partitionKeys == nil)
        #expect(try Data(contentsOf: sandbox.output.appendingPathComponent(explicit.outputFiles[0])) == bytes)
    }

    struct BadKeys: Sendable, CustomTestStringConvertible {
        let keys: String
        let pointer: String
        let message: String
        var testDescription: String { keys }
    }

    @Test(arguments: [
        BadKeys(
            keys: #"["event_date", "usr_id"]"#, pointer: "/glueJobs/clickstream-etl/partitionKeys/1",
            message: "'usr_id' is not a column of the clickstream output"),
        BadKeys(
            keys: #"["event_time"]"#, pointer: "/glueJobs/clickstream-etl/partitionKeys/0",
            message: "'event_time' is a timestamp and cannot be a partition column; use 'event_date'"),
        BadKeys(
            keys: #"["country", "country"]"#, pointer: "/glueJobs/clickstream-etl/partitionKeys/1",
            message: "'country' is listed twice"),
    ])
    func aKeyThatIsNotAColumnIsALocatedConfigError(_ c: BadKeys) {
        let text = """
            {"glueJobs": {"clickstream-etl": {"input": "s3://clickstream-raw/", "output": "s3://clickstream-processed/",
              "partitionKeys": \(c.keys)}}}
            """
        do {
            _ = try RunConfiguration.parse(
                Array(text.utf8), path: "asl.config.json", baseDirectory: URL(filePath: "/"), plugins: .clickstream)
            Issue.record("accepted \(c.keys)")
        } catch {
            #expect(error.message.hasPrefix(c.message), "\(error.message)")
            #expect(error.pointer.description == c.pointer)
            #expect(error.location?.line == 2)
        }
    }

    @Test func theSummaryNamesTheFolders() {
        let history = [
            HistoryEventFixture.glueSucceeded([
                "rowsWritten": 2, "partitions": ["2026-11-26/DE": 1, "2026-11-26/US": 1],
                "partitionKeys": ["event_date", "country"],
            ])
        ]
        let summary = RunSummary(before: LocalServicesSnapshot(), after: LocalServicesSnapshot(), history: history)
        #expect(summary.lines.contains("  event_date=2026-11-26/country=DE: 1 rows"))
        let plain = RunSummary(
            before: LocalServicesSnapshot(), after: LocalServicesSnapshot(),
            history: [HistoryEventFixture.glueSucceeded(["rowsWritten": 1, "partitions": ["2026-11-26": 1]])])
        #expect(plain.lines.contains("  event_date=2026-11-26: 1 rows"))
    }
}

/// History events for ``RunSummary``.
enum HistoryEventFixture {
    /// A succeeded `glue:startJobRun.sync` task whose `JobRun` carries `report` as `LocalReport`.
    static func glueSucceeded(_ report: JSON) -> HistoryEvent {
        HistoryEvent(
            id: 5, previousEventId: 4, timestamp: Date(timeIntervalSince1970: 0), type: .taskSucceeded,
            details: .taskOutput(
                .init(resourceType: "glue", resource: "startJobRun.sync", output: ["LocalReport": report])))
    }
}
