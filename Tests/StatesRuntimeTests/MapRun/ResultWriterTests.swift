import Foundation
import JSONCore
import StatesLanguage
import Testing

@testable import StatesRuntime

/// A Distributed Map's `ResultWriter` (SPEC-NOTES.md §17.3).
@Suite struct ResultWriterTests {
    static func definition(
        writer: String, processor: String = #"{"P": {"Type": "Pass", "End": true}}"#, extra: String = ""
    )
        -> String
    {
        #"""
        {"StartAt": "MapState", "States": {"MapState": {"Type": "Map", "Label": "TestMap", \#(extra)
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P", "States": \#(processor)},
          "ResultWriter": \#(writer), "End": true}}}
        """#
    }

    static let s3 =
        #""Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "result-bucket", "Prefix": "mapJobs"}"#

    static func runWriting(
        _ writer: String, input: String = #"[[1, 2], [3]]"#,
        processor: String = #"{"P": {"Type": "Pass", "End": true}}"#,
        extra: String = "", store: MemoryResultWriter = MemoryResultWriter(), fileLimit: Int? = nil
    ) async throws -> (ExecutionResult, MemoryResultWriter) {
        var handlers = HandlerRegistry()
        handlers.resultWriter = store
        var options = ExecutionOptions()
        if let fileLimit { options.maximumResultFileBytes = fileLimit }
        let result = try await run(
            definition(writer: writer, processor: processor, extra: extra), input: input, handlers: handlers,
            options: options)
        return (result, store)
    }

    /// The last part of the map run's ARN.
    static func runID(_ result: ExecutionResult) throws -> String {
        let arn = try #require(result.mapRuns.first?.mapRunArn)
        return String(arn.split(separator: ":").last ?? "")
    }

    static func file(_ store: MemoryResultWriter, _ key: String) throws -> JSON {
        let text = try #require(store.text(key), "no object \(key) in \(store.keys)")
        return try json(text)
    }

    /// The Map's output and the event chain as AWS records them (LocalStack snapshot
    /// `test_map_state_result_writer`); the manifest written last.
    @Test func outputEventsAndManifest() async throws {
        let (result, store) = try await Self.runWriting("{\(Self.s3)}")
        #expect(result.status == .succeeded)
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
                "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
            ])
        let output = try #require(result.output)
        let arn = try #require(output["MapRunArn"]?.stringValue)
        let id = try Self.runID(result)
        #expect(
            output["ResultWriterDetails"] == ["Bucket": "result-bucket", "Key": .string("mapJobs/\(id)/manifest.json")])
        #expect(
            store.keys == ["result-bucket/mapJobs/\(id)/SUCCEEDED_0.json", "result-bucket/mapJobs/\(id)/manifest.json"])
        let manifest = try Self.file(store, "result-bucket/mapJobs/\(id)/manifest.json")
        let size = store.text("result-bucket/mapJobs/\(id)/SUCCEEDED_0.json")?.utf8.count ?? -1
        #expect(
            manifest == [
                "DestinationBucket": "result-bucket", "MapRunArn": .string(arn),
                "ResultFiles": [
                    "FAILED": [], "PENDING": [],
                    "SUCCEEDED": [
                        ["Key": .string("mapJobs/\(id)/SUCCEEDED_0.json"), "Size": .number(JSONNumber(size))]
                    ],
                ],
            ])
        #expect(result.mapRuns.first?.itemCounts.resultsWritten == 2)
    }

    /// NONE (the default with a Resource): each child's metadata, members in alphabetical order.
    @Test func noneEntriesCarryExecutionMetadata() async throws {
        let (result, store) = try await Self.runWriting("{\(Self.s3)}")
        let id = try Self.runID(result)
        let entries = try #require(try Self.file(store, "result-bucket/mapJobs/\(id)/SUCCEEDED_0.json").arrayValue)
        #expect(entries.count == 2)
        let first = try #require(entries.first?.objectValue)
        #expect(
            first.keys == [
                "ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "RedriveCount",
                "RedriveStatus", "RedriveStatusReason", "StartDate", "StateMachineArn", "Status", "StopDate",
            ])
        #expect(first["Input"] == "[1,2]")
        #expect(first["Output"] == "[1,2]")
        #expect(first["Status"] == "SUCCEEDED")
        #expect(first["InputDetails"] == ["Included": true])
        #expect(first["StateMachineArn"] == "arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine/TestMap")
        let name = try #require(first["Name"]?.stringValue)
        // An express execution's ARN ends in its name and an id of its own (§17.6).
        let arn = try #require(first["ExecutionArn"]?.stringValue)
        let prefix = "arn:aws:states:us-east-1:123456789012:express:StateMachine/TestMap:\(name):"
        #expect(arn.hasPrefix(prefix))
        let expressID = arn.dropFirst(prefix.count)
        #expect(expressID.count == 36 && expressID != name[...])
        #expect(first["StartDate"] == "2024-01-01T00:00:00.000Z")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var transformation: String
        var outputType: String
        var expected: String
        var testDescription: String { "\(transformation) \(outputType)" }
    }

    static let cases: [Case] = [
        Case(transformation: "COMPACT", outputType: "JSON", expected: "[[1,2],[3]]"),
        Case(transformation: "COMPACT", outputType: "JSONL", expected: "[1,2]\n[3]\n"),
        Case(transformation: "FLATTEN", outputType: "JSON", expected: "[1,2,3]"),
        Case(transformation: "FLATTEN", outputType: "JSONL", expected: "1\n2\n3\n"),
    ]

    /// Each WriterConfig combination shapes SUCCEEDED_0.json (AWS developer guide, "ResultWriter (Map)").
    @Test(arguments: cases) func writerConfig(_ c: Case) async throws {
        let writer =
            "{\(Self.s3), \"WriterConfig\": {\"Transformation\": \"\(c.transformation)\", \"OutputType\": \"\(c.outputType)\"}}"
        let (result, store) = try await Self.runWriting(writer)
        let id = try Self.runID(result)
        #expect(store.text("result-bucket/mapJobs/\(id)/SUCCEEDED_0.json") == c.expected)
    }

    /// NONE with JSONL: one metadata object per line.
    @Test func noneJSONL() async throws {
        let writer = "{\(Self.s3), \"WriterConfig\": {\"Transformation\": \"NONE\", \"OutputType\": \"JSONL\"}}"
        let (result, store) = try await Self.runWriting(writer)
        let id = try Self.runID(result)
        let text = store.text("result-bucket/mapJobs/\(id)/SUCCEEDED_0.json") ?? ""
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2 && text.hasSuffix("\n"))
        #expect(try json(String(lines[0]))["Output"] == "[1,2]")
    }

    /// Only a WriterConfig: nothing is exported; the transformation shapes the state's output.
    @Test func writerConfigOnlyShapesTheOutput() async throws {
        let store = MemoryResultWriter()
        let (result, _) = try await Self.runWriting(
            #"{"WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSON"}}"#, store: store)
        #expect(result.output == [1, 2, 3])
        #expect(store.keys.isEmpty)
    }

    /// Results are split into files no bigger than the limit (AWS: 5 GB), numbered from 0.
    @Test func filesAreSplitAtTheSizeLimit() async throws {
        let writer = "{\(Self.s3), \"WriterConfig\": {\"Transformation\": \"COMPACT\", \"OutputType\": \"JSON\"}}"
        let (result, store) = try await Self.runWriting(writer, input: #"["aaaa", "bbbb", "cccc"]"#, fileLimit: 15)
        let id = try Self.runID(result)
        #expect(store.text("result-bucket/mapJobs/\(id)/SUCCEEDED_0.json") == #"["aaaa","bbbb"]"#)
        #expect(store.text("result-bucket/mapJobs/\(id)/SUCCEEDED_1.json") == #"["cccc"]"#)
        #expect(store.keys.last == "result-bucket/mapJobs/\(id)/manifest.json")
        let manifest = try Self.file(store, "result-bucket/mapJobs/\(id)/manifest.json")
        #expect(manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue?.count == 2)
    }

    /// Failed children go to FAILED_n.json (metadata with Error and Cause, whatever the
    /// transformation); items never started to PENDING_n.json.
    @Test func failedAndPendingFiles() async throws {
        let processor = #"{"P": {"Type": "Fail", "Error": "Bad", "Cause": "no"}}"#
        let writer = "{\(Self.s3), \"WriterConfig\": {\"Transformation\": \"COMPACT\", \"OutputType\": \"JSON\"}}"
        let (result, store) = try await Self.runWriting(
            writer, input: #"[1, 2, 3]"#, processor: processor, extra: #""MaxConcurrency": 1,"#)
        #expect(result.error == "States.ExceedToleratedFailureThreshold")
        let id = try Self.runID(result)
        let failed = try Self.file(store, "result-bucket/mapJobs/\(id)/FAILED_0.json")
        #expect(failed[0]?["Error"] == "Bad")
        #expect(failed[0]?["Cause"] == "no")
        #expect(failed[0]?["Status"] == "FAILED")
        #expect(failed[0]?["Output"] == nil)
        let pending = try Self.file(store, "result-bucket/mapJobs/\(id)/PENDING_0.json")
        #expect(pending.arrayValue?.count == 2)
        #expect(store.keys.last == "result-bucket/mapJobs/\(id)/manifest.json")
    }

    /// A writer that cannot write fails the run with States.ResultWriterFailed and no manifest.
    @Test func writerFailure() async throws {
        let store = MemoryResultWriter(failure: "The specified bucket does not exist")
        let (result, _) = try await Self.runWriting("{\(Self.s3)}", store: store)
        #expect(result.status == .failed)
        #expect(result.error == "States.ResultWriterFailed")
        #expect(result.cause == "The specified bucket does not exist")
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed",
                "MapStateFailed", "ExecutionFailed",
            ])
    }

    /// Without a registered writer the run fails with a cause telling what to do.
    @Test func noWriterRegistered() async throws {
        let result = try await run(Self.definition(writer: "{\(Self.s3)}"), input: "[1]")
        #expect(result.error == "States.ResultWriterFailed")
        #expect(result.cause?.contains("asl.config.json") == true)
    }

    /// JSONata `Arguments` give the bucket and prefix.
    @Test func jsonataArguments() async throws {
        let definition = #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                "Arguments": {"Bucket": "{% $states.input.bucket %}", "Prefix": "out"}},
              "Items": "{% $states.input.items %}", "End": true}}}
            """#
        var handlers = HandlerRegistry()
        let store = MemoryResultWriter()
        handlers.resultWriter = store
        let result = try await run(definition, input: #"{"bucket": "b1", "items": [1]}"#, handlers: handlers)
        #expect(result.status == .succeeded)
        #expect(result.output?["ResultWriterDetails"]?["Bucket"] == "b1")
        #expect(store.keys.allSatisfy { $0.hasPrefix("b1/out/") })
    }

    /// A writer that fails part way leaves no manifest: it is written only after every file.
    @Test func noManifestAfterAFailedFile() async throws {
        let store = MemoryResultWriter(failure: "disk full", failAfter: 1)
        let processor = #"{"P": {"Type": "Fail", "Error": "Bad"}}"#
        let (result, _) = try await Self.runWriting(
            "{\(Self.s3)}", input: "[1]", processor: processor, extra: #""ToleratedFailureCount": 1,"#, store: store)
        #expect(result.error == "States.ResultWriterFailed")
        #expect(result.cause == "disk full")
        #expect(store.keys.count == 1)
        #expect(store.keys.allSatisfy { !$0.hasSuffix("manifest.json") })
    }
}
