import Foundation
import Parquet
import Testing

@testable import Clickstream
@testable import LocalAWS

@Suite struct ETLOverwriteTests {
    @Test func secondRunReplacesTheOutputWholeAndLeavesNoStaging() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("a.json", eventLine(time: "2026-11-25T10:00:00") + "\n" + eventLine())
        let first = try sandbox.run()
        #expect(first.outputFiles.count == 2)
        #expect(FileManager.default.fileExists(atPath: sandbox.output.appendingPathComponent("_SUCCESS").path))

        try FileManager.default.removeItem(at: sandbox.input.appendingPathComponent("a.json"))
        try sandbox.write("b.json", eventLine(time: "2026-11-27T10:00:00"))
        let second = try sandbox.run()
        #expect(second.partitions == ["2026-11-27": 1])
        let present = try FileManager.default.subpathsOfDirectory(atPath: sandbox.output.path).sorted()
        #expect(present == ["_SUCCESS", "event_date=2026-11-27"] + second.outputFiles)
        #expect(try sandbox.outputSiblings() == ["processed"])
    }

    @Test func sameInputGivesTheSameFiles() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("2026/11/26/x.json", (0..<50).map { eventLine(user: "u\($0)") }.joined(separator: "\n"))
        let first = try sandbox.run()
        let firstBytes = try first.outputFiles.map { try Data(contentsOf: sandbox.output.appendingPathComponent($0)) }
        let second = try sandbox.run()
        let secondBytes = try second.outputFiles.map { try Data(contentsOf: sandbox.output.appendingPathComponent($0)) }
        #expect(first == second)
        #expect(firstBytes == secondBytes)
        let id = try #require(first.outputFiles.first?.split(separator: "/").last)
        #expect(id.count == "part-00000-".count + 36 + ".snappy.parquet".count)
    }

    @Test func missingInputFailsWithItsPathAndKeepsTheOutput() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("a.json", eventLine())
        _ = try sandbox.run()
        let before = try FileManager.default.subpathsOfDirectory(atPath: sandbox.output.path).sorted()
        let missing = sandbox.root.appendingPathComponent("nowhere")
        let spec = ETLJobSpec(inputDirectory: missing, outputDirectory: sandbox.output)
        #expect(
            throws: ETLError(.inputMissing, path: missing.path, "input directory '\(missing.path)' does not exist")
        ) {
            try ClickstreamETL.run(spec)
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: sandbox.output.path).sorted() == before)
        #expect(try sandbox.outputSiblings() == ["processed"])
    }

    @Test func inputThatIsAFileIsMissing() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("a.json", eventLine())
        let spec = ETLJobSpec(
            inputDirectory: sandbox.input.appendingPathComponent("a.json"), outputDirectory: sandbox.output)
        let error = try #require(throws: ETLError.self) { try ClickstreamETL.run(spec) }
        #expect(error.kind == .inputMissing && error.message.contains("is not a directory"))
    }

    @Test func unwritableOutputFailsCleanly() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("a.json", eventLine())
        let blocker = sandbox.root.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let spec = ETLJobSpec(inputDirectory: sandbox.input, outputDirectory: blocker.appendingPathComponent("out"))
        let error = try #require(throws: ETLError.self) { try ClickstreamETL.run(spec) }
        #expect(error.kind == .outputUnwritable)
        #expect(error.path.hasPrefix(blocker.path))
    }

    @Test func outputInsideInputIsRejected() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        for output in [sandbox.input.appendingPathComponent("processed"), sandbox.input, sandbox.root] {
            let error = try #require(throws: ETLError.self) {
                try ClickstreamETL.run(ETLJobSpec(inputDirectory: sandbox.input, outputDirectory: output))
            }
            #expect(error.kind == .invalidSpec)
        }
    }

    @Test func unreadableInputFileStopsTheProducerWithItsPath() throws {
        // Running as root, no file in a sandbox is unreadable, so the producer is given a file
        // that vanished after listing.
        let name = "gone-\(UUID().uuidString).json"
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        let queue = BatchQueue<ProducerMessage>(capacity: 4)
        let root = try InputRoot.open(FileManager.default.temporaryDirectory, within: nil)
        var producer = EventProducer(
            files: [InputFile(relativePath: name, path: missing.path, size: 1)], root: root, queue: queue,
            batchRows: 16)
        producer.run()
        guard case .failed(let error)? = queue.pop() else {
            Issue.record("expected the producer to fail")
            return
        }
        #expect(error.kind == .inputUnreadable)
        #expect(error.path == missing.path && error.message.contains(missing.path))
    }

    @Test func cancelledQueueDrainsToTheFinalMessage() {
        let queue = BatchQueue<Int>(capacity: 2)
        queue.push(1)
        queue.push(2)
        queue.cancel()
        queue.push(3)
        #expect(queue.isCancelled)
        queue.finish(99)
        #expect(queue.pop() == 99)
    }

    @Test func emptyInputWritesAnEmptyOutput() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        let report = try sandbox.run()
        #expect(report == ETLReport())
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.output.path) == ["_SUCCESS"])
    }
}
