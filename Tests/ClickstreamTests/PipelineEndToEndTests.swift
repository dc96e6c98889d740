import Foundation
import JSONCore
import Parquet
import StatesLanguage
import StatesRuntime
import Testing

@testable import Clickstream
@testable import LocalAWS

/// The example pipeline, run as `asl run` runs it (the example definition and configuration, a
/// virtual clock, a temporary data directory), checked end to end through the Parquet reader, the
/// catalog and the SNS outbox.
@Suite struct PipelineEndToEndTests {
    static let example = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Examples/clickstream")

    /// One data directory, removed at the end.
    final class Pipeline {
        let dataDirectory = FileManager.default.temporaryDirectory.appending(path: "pipeline-\(UUID().uuidString)")
        let machine: StateMachine
        var config: RunConfiguration

        init(definition file: String = "state_machine_definition.json") throws {
            let definition = try [UInt8](Data(contentsOf: example.appending(path: file)))
            let analysis = DefinitionAnalyzer.analyze(
                SourceFile(path: "state_machine_definition.json", bytes: definition))
            machine = try #require(analysis.machine)
            config = try RunConfiguration.load(from: example.appending(path: "asl.config.json"), plugins: .clickstream)
        }

        deinit { try? FileManager.default.removeItem(at: dataDirectory) }

        /// Runs the definition once, starting at `start` on a virtual clock.
        func run(start: Date, seed: UInt64 = 42) async throws -> (ExecutionResult, LocalServices) {
            let environment = try LocalServices(
                config: config, dataDirectory: dataDirectory, seed: seed, plugins: .clickstream)
            try environment.setUp()
            var handlers = HandlerRegistry()
            try environment.register(into: &handlers)
            let options = ExecutionOptions(
                clock: VirtualClock(start: start, observers: environment.clockObservers), seed: seed,
                executionName: "run-\(Int(start.timeIntervalSince1970))", stateMachineName: "clickstream")
            let executor = try Executor(machine: machine, handlers: handlers, options: options)
            #expect(executor.unresolvedResources().isEmpty)
            return (await executor.run(input: [:]), environment)
        }

        /// Every raw event object (the ingest function's output), as JSON.
        func rawEvents() throws -> [JSON] {
            let store = ObjectStore(dataDirectory: dataDirectory)
            let objects = try store.list(under: try S3Location(bucket: "clickstream-raw", key: ""))
            return try objects.map { try JSONReader.read(try store.read($0.location)).value }
        }

        /// Every row of the processed Parquet files, as `column → value`, with its partition date.
        func rows() throws -> [(date: String, values: [String: ParquetValue])] {
            let processed = dataDirectory.appending(path: "s3/clickstream-processed")
            var result: [(String, [String: ParquetValue])] = []
            let folders = try FileManager.default.contentsOfDirectory(atPath: processed.path(percentEncoded: false))
            for folder in folders.sorted() where folder.hasPrefix("event_date=") {
                let directory = processed.appending(path: folder)
                for file in try FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))
                where file.hasSuffix(".parquet") {
                    let reader = try ParquetReader(path: directory.appending(path: file).path(percentEncoded: false))
                    let names = reader.metadata.schema.columns.map(\.name)
                    for row in try reader.readRows() {
                        result.append(
                            (
                                String(folder.dropFirst("event_date=".count)),
                                Dictionary(uniqueKeysWithValues: zip(names, row))
                            ))
                    }
                }
            }
            return result
        }
    }

    static let start = Date(timeIntervalSince1970: 1_767_225_590)  // 2025-12-31T23:59:50Z: events span two dates

    /// The JSONata version of the example (`jsonata/state_machine_definition.json`: `Arguments`
    /// for `Parameters`) runs the same services to the same output and the same events.
    @Test func theJSONataVersionRunsLikeTheJSONPathOne() async throws {
        let jsonPath = try Pipeline()
        let jsonata = try Pipeline(definition: "jsonata/state_machine_definition.json")
        let (expected, _) = try await jsonPath.run(start: Self.start)
        let (actual, _) = try await jsonata.run(start: Self.start)
        #expect(expected.status == .succeeded)
        #expect(actual.status == expected.status)
        // The SNS MessageId/RequestId are drawn per request (salted with the context object, whose
        // EnteredTime may differ by the clock observers' timing): compare the shape and status.
        #expect(actual.output?.objectValue?.keys == expected.output?.objectValue?.keys)
        #expect(
            actual.output?["SdkHttpMetadata"]?["HttpStatusCode"]
                == expected.output?["SdkHttpMetadata"]?["HttpStatusCode"])
        #expect(actual.history.map(\.type) == expected.history.map(\.type))
        #expect(try jsonata.rows().count == (try jsonPath.rows().count))
        // Its success message is a JSONata expression: the same text reaches the topic.
        let outbox = try String(
            contentsOf: jsonata.dataDirectory.appending(path: "sns/clickstream-success.jsonl"), encoding: .utf8)
        #expect(outbox.contains("Clickstream pipeline executed successfully."))
    }

    @Test func everySimulatedEventBecomesOneRowInItsPartition() async throws {
        let pipeline = try Pipeline()
        let (result, environment) = try await pipeline.run(start: Self.start)
        #expect(result.status == .succeeded, "\(result.error ?? "") \(result.cause ?? "")")
        #expect(
            result.history.contains { $0.type == .taskStateExited && $0.details.json()?["name"] == "NotifySuccess" })

        let events = try pipeline.rawEvents()
        #expect(events.count == 20)
        let rows = try pipeline.rows()
        #expect(rows.count == events.count)
        for event in events {
            let sessionID = try #require(event["session_id"]?.stringValue)
            let time = try #require(event["event_time"]?.stringValue)
            let match = rows.filter { $0.values["session_id"] == .string(sessionID) && Self.time($0.values) == time }
            try #require(match.count == 1, "event \(sessionID) at \(time) has \(match.count) rows")
            let row = match[0]
            for column in ["user_id", "event_type", "page_url", "referrer_url", "device_type", "browser"] {
                #expect(row.values[column] == event[column]?.stringValue.map(ParquetValue.string), "\(column)")
            }
            for column in ["ip", "country", "city"] {
                #expect(row.values[column] == event["geo"]?[column]?.stringValue.map(ParquetValue.string), "\(column)")
            }
            #expect(row.date == String(time.prefix(10)))
        }
        let dates = Set(rows.map(\.date)).sorted()
        #expect(dates == ["2025-12-31", "2026-01-01"])

        let catalog = try environment.athena.catalog()
        let table = try #require(catalog.table("clickstream_events", in: "clickstream_db"))
        #expect(table.partitions.map(table.partitionName) == dates.map { "event_date=\($0)" })

        let outbox = try String(
            contentsOf: pipeline.dataDirectory.appending(path: "sns/clickstream-success.jsonl"), encoding: .utf8)
        #expect(outbox.contains("Clickstream pipeline executed successfully."))
        #expect(
            !FileManager.default.fileExists(
                atPath: pipeline.dataDirectory.appending(path: "sns/clickstream-failure.jsonl").path(
                    percentEncoded: false)))
    }

    @Test func aSecondRunOverwritesTheOutputWithoutDuplicates() async throws {
        let pipeline = try Pipeline()
        _ = try await pipeline.run(start: Self.start)
        let (second, _) = try await pipeline.run(start: Self.start.addingTimeInterval(3600))
        #expect(second.status == .succeeded)
        let events = try pipeline.rawEvents()
        #expect(events.count == 40)
        let rows = try pipeline.rows()
        #expect(rows.count == 40)
        let keys = rows.map { "\($0.values["session_id"].map { "\($0)" } ?? "")|\(Self.time($0.values) ?? "")" }
        #expect(Set(keys).count == 40)
    }

    @Test func aBrokenGlueInputEndsInNotifyFailureAndKeepsEverything() async throws {
        let pipeline = try Pipeline()
        _ = try await pipeline.run(start: Self.start)
        let before = try pipeline.rows().count
        pipeline.config.glueJobs[0].input = try S3Location(parsing: "s3://clickstream-raw-missing/")
        let (result, _) = try await pipeline.run(start: Self.start.addingTimeInterval(7200))
        #expect(result.status == .succeeded)
        let names = result.history.compactMap { $0.type == .taskStateEntered ? $0.details.json()?["name"] : nil }
        #expect(names == ["StartSimulatorLambda", "StartGlueJob", "NotifyFailure"])
        let failed = try #require(result.history.first { $0.type == .taskFailed })
        #expect(failed.details.json()?["error"] == "States.TaskFailed")
        #expect(try pipeline.rawEvents().count == 40)
        #expect(try pipeline.rows().count == before)
        let outbox = try String(
            contentsOf: pipeline.dataDirectory.appending(path: "sns/clickstream-failure.jsonl"), encoding: .utf8)
        #expect(outbox.contains("Clickstream pipeline failed."))
    }

    /// A row's `event_time` (micros since the epoch) written back as the simulator writes it.
    static func time(_ values: [String: ParquetValue]) -> String? {
        guard case .int64(let micros) = values["event_time"] else { return nil }
        let seconds = Double(micros / 1_000_000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let fraction = String(format: "%06d", Int(micros % 1_000_000))
        return formatter.string(from: Date(timeIntervalSince1970: seconds)) + "." + fraction
    }
}
