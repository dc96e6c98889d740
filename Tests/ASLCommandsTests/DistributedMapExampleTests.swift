import Foundation
import JSONCore
import StatesTestSupport
import Synchronization
import Testing

@testable import ASLCommands

/// `Examples/distributed-map/` run as its README says, in-process, on a temporary data directory:
/// the clickstream pipeline fills `clickstream-processed`, `generate-orders.sh` writes the
/// 100,000-row CSV, then `asl run` lists the Parquet objects, reads the CSV in batches of 1,000 and
/// writes one summary per batch with the ResultWriter (SPEC-NOTES.md §17).
@Suite struct DistributedMapExampleTests {
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static let example = root + "/Examples/distributed-map"

    /// Runs `asl` on real files from the repository's root, capturing standard output and error.
    static func asl(_ arguments: [String]) async -> (code: ExitCode, stdout: String, stderr: String) {
        let out = Mutex("")
        let err = Mutex("")
        var io = CommandIO.standard
        io.writeOutput = { text in out.withLock { $0 += text } }
        io.writeError = { text in err.withLock { $0 += text } }
        io.stderrIsTerminal = false
        io.currentDirectory = root
        let code = await ASLMain.main(arguments: ["asl"] + arguments, io: io)
        return (code, out.withLock { $0 }, err.withLock { $0 })
    }

    /// Runs the example's generator into `dataDirectory`.
    static func generateOrders(into dataDirectory: String, rows: Int) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = [example + "/generate-orders.sh", dataDirectory, String(rows)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What the generator writes for order `i` (1-based): the amount in cents and whether it is refunded.
    static func order(_ i: Int) -> (cents: Int, refunded: Bool) { ((i * 37) % 10_000, i % 50 == 0) }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(filePath: path))) }

    @Test func theExampleListsParquetReadsTheCSVInBatchesAndWritesItsResults() async throws {
        try await TemporaryDirectory.with { directory in
            let data = directory.path
            let pipeline = await Self.asl([
                "run", Self.root + "/Examples/clickstream/state_machine_definition.json", "--data-dir", data,
                "--format", "json",
            ])
            try #require(pipeline.code == .success, "\(pipeline.stdout)\(pipeline.stderr)")
            try #require(try Self.generateOrders(into: data, rows: 100_000) == 0)

            let history = data + "/history.json"
            let run = await Self.asl([
                "run", Self.example + "/state_machine_definition.json", "--data-dir", data, "--format", "json",
                "--history", history,
            ])
            try #require(run.code == .success, "\(run.stdout)\(run.stderr)")
            let result = try JSONReader.read(Array(run.stdout.utf8)).value
            #expect(result["status"] == "SUCCEEDED")
            let output = try #require(result["output"])

            // (a) listObjectsV2 over the processed Parquet objects, one child per object.
            let files = try #require(output["parquetFiles"]?.arrayValue)
            #expect(!files.isEmpty)
            for file in files {
                let key = try #require(file["key"]?.stringValue)
                #expect(key.hasPrefix("event_date=") && key.hasSuffix(".parquet"), "\(key)")
                #expect(file["partition"]?.stringValue == key.split(separator: "/").first.map(String.init))
                let size = try Self.bytes(data + "/s3/clickstream-processed/" + key).count
                #expect(file["bytes"]?.numberValue?.int64Value == Int64(size))
            }

            // (c) the ResultWriter's output, manifest and result file.
            let batches = try #require(output["orderBatches"])
            let mapRunArn = try #require(batches["MapRunArn"]?.stringValue)
            #expect(mapRunArn.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:distributed-map/orders:"))
            let runID = try #require(mapRunArn.split(separator: ":").last.map(String.init))
            #expect(batches["ResultWriterDetails"]?["Bucket"] == "distributed-map-results")
            let manifestKey = "order-batches/\(runID)/manifest.json"
            #expect(batches["ResultWriterDetails"]?["Key"]?.stringValue == manifestKey)
            let results = data + "/s3/distributed-map-results/"
            let manifest = try JSONReader.read(try Self.bytes(results + manifestKey)).value
            #expect(manifest["DestinationBucket"] == "distributed-map-results")
            #expect(manifest["MapRunArn"]?.stringValue == mapRunArn)
            #expect(manifest["ResultFiles"]?["FAILED"] == .array([]))
            #expect(manifest["ResultFiles"]?["PENDING"] == .array([]))
            let succeeded = try #require(manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue)
            try #require(succeeded.count == 1)
            let resultKey = try #require(succeeded[0]["Key"]?.stringValue)
            #expect(resultKey == "order-batches/\(runID)/SUCCEEDED_0.json")
            let resultBytes = try Self.bytes(results + resultKey)
            #expect(succeeded[0]["Size"]?.numberValue?.int64Value == Int64(resultBytes.count))

            // (b) 100,000 rows in 100 batches of 1,000, in order: JSONL, one COMPACT output per line.
            let lines = String(decoding: resultBytes, as: UTF8.self).split(separator: "\n")
            try #require(lines.count == 100)
            for (batch, line) in lines.enumerated() {
                let summary = try JSONReader.read(Array(line.utf8)).value
                let first = batch * 1000 + 1
                let orders = (first..<first + 1000).map(Self.order)
                #expect(summary["source"] == "s3://distributed-map-orders/orders.csv")
                #expect(summary["firstOrder"]?.stringValue == String(first))
                #expect(summary["orders"]?.numberValue?.int64Value == 1000)
                #expect(
                    summary["amountCents"]?.numberValue?.int64Value == Int64(orders.reduce(0) { $0 + $1.cents }),
                    "batch \(batch)")
                #expect(summary["refunded"]?.numberValue?.int64Value == Int64(orders.count { $0.refunded }))
            }

            // The parent's history: two map runs, no child event.
            let events = try #require(JSONReader.read(try Self.bytes(history)).value["events"]?.arrayValue)
            #expect(
                events.compactMap { $0["type"]?.stringValue } == [
                    "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
                    "MapStateSucceeded", "MapStateExited", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                    "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
                ])
            let children = try FileManager.default.contentsOfDirectory(atPath: history + ".children/" + runID)
            #expect(children.count == 100)
        }
    }

    /// Without step 2 of the README the CSV's bucket is missing: the map run fails with
    /// `States.ItemReaderFailed`, recorded as AWS records a reader failure (SPEC-NOTES.md §17.4).
    @Test func withoutTheGeneratedCSVTheSecondMapRunFails() async throws {
        try await TemporaryDirectory.with { directory in
            let folder = directory.url.appending(path: "s3/clickstream-processed/event_date=2026-01-01")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("PAR1".utf8).write(to: folder.appending(path: "part-00000.snappy.parquet"))
            let history = directory.path + "/history.json"
            let run = await Self.asl([
                "run", Self.example + "/state_machine_definition.json", "--data-dir", directory.path,
                "--format", "json", "--history", history,
            ])
            #expect(run.code == .failure)
            #expect(
                run.stdout.hasPrefix(
                    #"{"status":"FAILED","error":"States.ItemReaderFailed","cause":"The specified bucket does not exist"#
                ),
                "\(run.stdout)")
            let events = try #require(JSONReader.read(try Self.bytes(history)).value["events"]?.arrayValue)
            #expect(
                events.compactMap { $0["type"]?.stringValue }.suffix(6) == [
                    "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed", "MapStateFailed",
                    "ExecutionFailed",
                ])
        }
    }

    @Test func theGeneratorRefusesARowCountThatIsNoNumber() async throws {
        try await TemporaryDirectory.with { directory in
            let process = Process()
            process.executableURL = URL(filePath: "/bin/sh")
            process.arguments = [Self.example + "/generate-orders.sh", directory.path, "ten"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 2)
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/s3/distributed-map-orders/orders.csv"))
        }
    }

    /// `asl validate` accepts the example with no diagnostic at all: nothing says that `ItemReader`,
    /// `ItemBatcher` or `ResultWriter` is unsupported locally.
    @Test func theExampleValidatesWithoutADiagnostic() async {
        let validation = await Self.asl(["validate", Self.example + "/state_machine_definition.json"])
        #expect(validation.code == .success)
        #expect(validation.stdout.isEmpty)
        #expect(validation.stderr.hasPrefix("✓ "), "\(validation.stderr)")
        #expect(validation.stderr.split(separator: "\n").count == 1, "\(validation.stderr)")
    }
}
