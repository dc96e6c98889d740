import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

/// A Distributed Map's ResultWriter writing into the local S3 (SPEC-NOTES.md §17.3).
@Suite struct S3ResultWriterTests {
    static let definition = #"""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "Run",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
          "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "results", "Prefix": "jobs"}}, "End": true}}}
        """#

    static func execute(in directory: TemporaryDirectory) async throws -> ExecutionResult {
        let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "m.asl.json", bytes: Array(definition.utf8)))
        let machine = try #require(analysis.machine)
        var handlers = HandlerRegistry()
        handlers.resultWriter = S3ResultWriter(store: ObjectStore(dataDirectory: directory.url))
        var options = ExecutionOptions(seed: 3)
        options.clock = VirtualClock(start: Date(timeIntervalSince1970: 1_704_067_200))
        let executor = try Executor(machine: machine, handlers: handlers, options: options)
        return await executor.run(input: [1, 2])
    }

    /// The files land in the bucket, the manifest names them with their sizes, and no temporary
    /// file is left behind.
    @Test func writesFilesAndManifest() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try FileManager.default.createDirectory(
                atPath: store.rootPath + "/results", withIntermediateDirectories: true)
            let result = try await Self.execute(in: directory)
            #expect(result.status == .succeeded)
            let key = try #require(result.output?["ResultWriterDetails"]?["Key"]?.stringValue)
            let manifest = try JSONReader.read(try store.read(S3Location(bucket: "results", key: key))).value
            let files = try #require(manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue)
            #expect(files.count == 1)
            let fileKey = try #require(files.first?["Key"]?.stringValue)
            let body = try store.read(S3Location(bucket: "results", key: fileKey))
            #expect(files.first?["Size"] == .number(JSONNumber(body.count)))
            let listed = try store.list(under: S3Location(parsing: "s3://results/"))
            #expect(listed.map(\.location.key).sorted() == [fileKey, key].sorted())
        }
    }

    /// A bucket that does not exist fails the run with States.ResultWriterFailed.
    @Test func missingBucket() async throws {
        try await TemporaryDirectory.with { directory in
            let result = try await Self.execute(in: directory)
            #expect(result.error == "States.ResultWriterFailed")
            #expect(result.cause?.hasPrefix("The specified bucket does not exist: results") == true)
        }
    }
}
