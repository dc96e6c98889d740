import ASLCommands
import Foundation
import JSONCore
import Testing

/// `asl run --history` with a Distributed Map: each child's history beside the parent's
/// (SPEC-NOTES.md §17.4).
@Suite struct DistributedMapRunCommandTests {
    static let definition = #"""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "Run",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
        """#

    @Test func childHistoriesAreWrittenBesideTheParents() async throws {
        let fake = FakeIO(files: ["m.json": Self.definition], stdin: nil)
        let code = await ASLMain.main(
            arguments: ["asl", "run", "m.json", "--history", "h.json", "--format", "json", "--input", "[1, 2]"],
            io: fake.io)
        #expect(code == .success)
        let files = fake.writtenFiles
        let parent = try JSONReader.read(try #require(files["h.json"])).value
        let types = parent["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
        #expect(
            types == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
                "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
            ])
        let arn = try #require(
            parent["events"]?[3]?["mapRunStartedEventDetails"]?["mapRunArn"]?.stringValue)
        let runID = String(arn.split(separator: ":").last ?? "")
        let children = files.keys.filter { $0.hasPrefix("h.json.children/\(runID)/") }.sorted()
        #expect(children.count == 2)
        for path in children {
            let child = try JSONReader.read(try #require(files[path])).value
            let events = try #require(child["events"]?.arrayValue)
            #expect(
                events.compactMap { $0["type"]?.stringValue } == [
                    "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
                ])
            #expect(path.hasSuffix(".json"))
        }
    }

    /// On a terminal, `asl run` shows the map run's live line (SPEC-NOTES.md §17.5); it is
    /// erased before the run's own lines, so the first draw is all a test can pin.
    @Test func aTerminalShowsTheMapRunsLiveLine() async throws {
        let fake = FakeIO(files: ["m.json": Self.definition], stdin: nil, terminal: true)
        let code = await ASLMain.main(
            arguments: ["asl", "run", "m.json", "--format", "json", "--input", "[1, 2, 3]"], io: fake.io)
        #expect(code == .success)
        #expect(fake.stderr.contains("\rMap 'M': 0 of 3 items · 0 failed"))
        #expect(fake.stdout.hasPrefix(#"{"status":"SUCCEEDED""#))
    }
}
