import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

/// Runs every execution recorded on AWS under `Tests/Fixtures/asl/runs/` (see its README) and
/// compares the status, output, error, cause and history with AWS's.
@Suite struct GoldenRunTests {
    static let runs = GoldenRunFixtureTests.runs

    /// A Lambda function as `expected.json` describes it.
    struct RecordedFunction: TaskHandler {
        var spec: JSON

        func handle(_ request: TaskRequest) async throws -> JSON {
            if let delay = spec["delaySeconds"]?.numberValue?.doubleValue {
                try await request.clock.sleep(seconds: delay)
            }
            if let failure = spec["throws"] {
                throw StatesError(StatesErrorName(failure["error"]?.stringValue ?? ""), failure["cause"]?.stringValue)
            }
            return spec["returns"] ?? .null
        }
    }

    @Test(arguments: runs)
    func matchesAWS(_ run: String) async throws {
        let expected = try GoldenRunFixtureTests.read(run, "expected.json")
        let definition = try GoldenRunFixtureTests.read(run, "definition.asl.json")
        let input = try GoldenRunFixtureTests.read(run, "input.json")
        let (parsed, _) = DefinitionParser.parse(definition)
        let machine = try #require(parsed)
        var handlers = HandlerRegistry()
        for (name, spec) in expected["lambdas"]?.objectValue ?? JSONObject() {
            handlers.register(RecordedFunction(spec: spec), lambdaFunction: name)
        }
        let options = ExecutionOptions(
            clock: VirtualClock(start: testEpoch), seed: 1, executionName: run, region: "us-east-1",
            account: "111111111111")
        let result = try await Executor(machine: machine, handlers: handlers, options: options).run(input: input)

        #expect(
            result.status.rawValue == expected["status"]?.stringValue,
            "\(run): \(result.error ?? "") \(result.cause ?? "")")
        #expect(result.output == expected["output"], "\(run)")
        #expect(result.error == expected["error"]?.stringValue, "\(run)")
        #expect(result.cause == expected["cause"]?.stringValue, "\(run)")

        let actual = result.history.map(Self.comparable)
        let wanted = expected["events"]?.arrayValue ?? []
        // Masked (concurrent) events have null ids: compare those as a multiset by type and details.
        let hasMasked = wanted.contains { $0["id"] == .null }
        if hasMasked {
            #expect(actual.count == wanted.count, "\(run): \(actual.count) events, AWS wrote \(wanted.count)")
            let strip: (JSON) -> String = { event in
                var object = event.objectValue ?? JSONObject()
                _ = object.removeValue(forKey: "id")
                _ = object.removeValue(forKey: "previousEventId")
                return JSONWriter.compact(.object(object))
            }
            #expect(actual.map(strip).sorted() == wanted.map(strip).sorted(), "\(run)")
            return
        }
        for (index, event) in wanted.enumerated() {
            guard index < actual.count else {
                Issue.record("\(run): missing event \(index + 1): \(JSONWriter.compact(event))")
                break
            }
            #expect(
                Self.project(actual[index], like: event) == event,
                "\(run) event \(index + 1):\n  got  \(JSONWriter.compact(Self.project(actual[index], like: event)))\n  want \(JSONWriter.compact(event))"
            )
        }
        #expect(actual.count == wanted.count, "\(run): \(actual.map { $0["type"]?.stringValue ?? "" })")
    }

    /// An event as the fixtures write it: `type`, `id`, `previousEventId`, `details` with payload
    /// strings parsed back into JSON.
    static func comparable(_ event: HistoryEvent) -> JSON {
        let full = event.json()
        var object = JSONObject()
        object["type"] = full["type"]
        object["id"] = full["id"]
        object["previousEventId"] = full["previousEventId"]
        if let key = event.type.detailsKey, case .object(let details) = full[key] {
            var parsed = JSONObject()
            for (name, value) in details where GoldenRunFixtureTests.detailMembers.contains(name) {
                switch name {
                case "input", "output", "parameters":
                    parsed[name] = value.stringValue.flatMap { try? JSONReader.read($0).value } ?? value
                case "assignedVariables":
                    var variables = JSONObject()
                    for (variable, text) in value.objectValue ?? JSONObject() {
                        variables[variable] = text.stringValue.flatMap { try? JSONReader.read($0).value } ?? text
                    }
                    parsed[name] = .object(variables)
                default:
                    parsed[name] = value
                }
            }
            object["details"] = .object(parsed)
        }
        return .object(object)
    }

    /// `actual` with only the members `wanted` has (details included).
    static func project(_ actual: JSON, like wanted: JSON) -> JSON {
        guard case .object(let actualObject) = actual, case .object(let wantedObject) = wanted else { return actual }
        var result = JSONObject()
        for (key, value) in wantedObject {
            guard let member = actualObject[key] else { continue }
            result[key] = key == "details" ? project(member, like: value) : member
        }
        return .object(result)
    }
}
