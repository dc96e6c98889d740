import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

/// `Tests/Fixtures/asl/runs/*` (executions recorded on AWS, see its README) are well formed: the
/// definition is valid, and `expected.json` is a history the recorder could have produced. The
/// executor's own run of these fixtures belongs to the executor's tests.
@Suite struct GoldenRunFixtureTests {
    static let folder = Fixtures.url("asl/runs")

    static let runs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }()

    /// The `details` members the README allows.
    static let detailMembers: Set<String> = [
        "name", "input", "output", "error", "cause", "resourceType", "resource", "parameters",
        "timeoutInSeconds", "heartbeatInSeconds", "length", "index", "assignedVariables",
    ]

    static func read(_ run: String, _ file: String) throws -> JSON {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(run).appendingPathComponent(file)))
        return try JSONReader.read(bytes).value
    }

    @Test func thereAreAtLeastFifteenRuns() {
        #expect(Self.runs.count >= 15)
    }

    @Test(arguments: runs)
    func definitionIsValid(_ run: String) throws {
        let (machine, diagnostics) = DefinitionParser.parse(try Self.read(run, "definition.asl.json"))
        let parsed = try #require(machine)
        let errors = (diagnostics + Validator.validate(parsed)).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        _ = try Self.read(run, "input.json")
    }

    @Test(arguments: runs)
    func expectedHistoryIsWellFormed(_ run: String) throws {
        let expected = try Self.read(run, "expected.json")
        let status = try #require(expected["status"]?.stringValue)
        #expect(["SUCCEEDED", "FAILED"].contains(status))
        #expect((expected["output"] != nil) == (status == "SUCCEEDED"))
        let events = try #require(expected["events"]?.arrayValue)
        try #require(!events.isEmpty)

        for (position, event) in events.enumerated() {
            let type = try #require(event["type"]?.stringValue.flatMap(HistoryEventType.init(rawValue:)), "\(event)")
            // Masked ids (Parallel branches) are null; every other id is its position.
            if let id = event["id"]?.numberValue?.int64Value {
                #expect(id == Int64(position + 1), "\(run) event \(position + 1)")
                let previous = try #require(event["previousEventId"]?.numberValue?.int64Value)
                #expect(previous >= 0 && previous < id)
            } else {
                #expect(event["id"] == .null && event["previousEventId"] == .null)
            }
            if let details = event["details"]?.objectValue {
                #expect(type.detailsKey != nil, "\(type) has no details in AWS's history")
                #expect(Set(details.keys).isSubset(of: Self.detailMembers), "\(details.keys)")
            }
        }

        let last = try #require(events.last)
        let lastType = last["type"]?.stringValue
        #expect(lastType == (status == "SUCCEEDED" ? "ExecutionSucceeded" : "ExecutionFailed"))
        #expect(events.first?["type"]?.stringValue == "ExecutionStarted")
        if status == "SUCCEEDED" {
            #expect(last["details"]?["output"] == expected["output"])
        } else {
            #expect(last["details"]?["error"] == expected["error"])
            #expect(last["details"]?["cause"] == expected["cause"])
        }
    }
}
