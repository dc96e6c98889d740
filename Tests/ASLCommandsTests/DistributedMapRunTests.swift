import ASLCommands
import Foundation
import Testing

/// `asl run` of a Distributed Map whose `ItemReader` reads a CSV from the data directory's local
/// S3 and whose `ItemBatcher` groups the rows (SPEC-NOTES.md §17.1, §17.2).
@Suite struct DistributedMapRunTests {
    static let definition = #"""
        {"StartAt": "Rows", "States": {"Rows": {
          "Type": "Map",
          "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 3},
            "Parameters": {"Bucket": "data", "Key.$": "$.key"}},
          "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"source.$": "$.key"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Count", "States": {"Count": {"Type": "Pass",
              "Parameters": {"source.$": "$.BatchInput.source", "ids.$": "$.Items[*].id"}, "End": true}}},
          "End": true}}}
        """#

    @Test func aMapReadsACSVPutIntoTheLocalBucket() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "asl-dmap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appending(path: "s3/data/in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("id,name\n1,\"Ada, Countess\"\n2,Bo\n3,Cy\n4,Di\n".utf8).write(to: folder.appending(path: "rows.csv"))
        let fake = FakeIO(files: ["dir/m.json": Self.definition, "dir/asl.config.json": #"{"seed": 1}"#])
        let code = await ASLMain.main(
            arguments: [
                "asl", "run", "dir/m.json", "--data-dir", directory.path(percentEncoded: false), "--format", "json",
                "--input", #"{"key": "in/rows.csv"}"#,
            ],
            io: fake.io)
        #expect(code == .success, "\(fake.stderr)")
        #expect(
            fake.stdout
                == #"{"status":"SUCCEEDED","output":[{"source":"in/rows.csv","ids":["1","2"]},"#
                + #"{"source":"in/rows.csv","ids":["3"]}]}"# + "\n")
    }

    @Test func aMissingObjectFailsTheRunWithItemReaderFailed() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "asl-dmap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appending(path: "s3/data"), withIntermediateDirectories: true)
        let fake = FakeIO(files: ["dir/m.json": Self.definition, "dir/asl.config.json": #"{"seed": 1}"#])
        let code = await ASLMain.main(
            arguments: [
                "asl", "run", "dir/m.json", "--data-dir", directory.path(percentEncoded: false), "--format", "json",
                "--input", #"{"key": "in/none.csv"}"#,
            ],
            io: fake.io)
        #expect(code == .failure)
        #expect(
            fake.stdout.hasPrefix(
                #"{"status":"FAILED","error":"States.ItemReaderFailed","cause":"The specified key does not exist. (Service: S3, Status Code: 404"#
            ))
    }

    @Test func withoutARunConfigurationTheReaderIsReportedBeforeTheRun() async {
        let fake = FakeIO(files: ["m.json": Self.definition])
        let code = await ASLMain.main(arguments: ["asl", "run", "m.json"], io: fake.io)
        #expect(code == .usage)
        #expect(
            fake.stderr.contains(
                #"state "Rows": no handler for the ItemReader arn:aws:states:::s3:getObject; run with a run "#
                    + "configuration (asl.config.json)"), "\(fake.stderr)")
    }
}
