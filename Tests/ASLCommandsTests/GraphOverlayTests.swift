import ASLCommands
import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// `asl graph --history` and `--coverage`: the path of an execution and what tests covered,
/// drawn over the graph; bad files refused with their place.
@Suite struct GraphOverlayTests {
    /// Check 0, Each 1, Item 2, Both 3, Right 4, Handled 5, Done 6, Stop 7.
    static let definition = """
        {"StartAt": "Check", "States": {
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Each"}],
                    "Default": "Stop"},
          "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "Next": "Both",
                   "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}},
          "Both": {"Type": "Parallel", "Next": "Done",
                   "Branches": [{"StartAt": "Right", "States": {"Right": {"Type": "Fail", "Error": "Oops"}}}],
                   "Catch": [{"ErrorEquals": ["Oops"], "Next": "Handled"}]},
          "Handled": {"Type": "Pass", "End": true},
          "Done": {"Type": "Succeed"},
          "Stop": {"Type": "Fail", "Error": "TooSmall"}
        }}
        """

    static func resolved() throws -> ResolvedStateMachine {
        let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "m.json", bytes: Array(definition.utf8)))
        return try ResolvedStateMachine(try #require(analysis.machine))
    }

    static func execute(_ input: JSON, observer: (@Sendable (ExecutionObservation) -> Void)? = nil) async throws
        -> ExecutionResult
    {
        var options = ExecutionOptions()
        options.clock = VirtualClock(start: Date(timeIntervalSince1970: 1_704_067_200))
        options.executionName = "graph"
        options.observer = observer
        return await Executor(machine: try resolved(), options: options).run(input: input)
    }

    static func historyText(_ result: ExecutionResult) -> String {
        JSONWriter.pretty(["events": .array(result.history.map { $0.json() })])
    }

    static func lines(_ arguments: [String], files: [String: String]) async -> (ExitCode, Set<String>, FakeIO) {
        let io = FakeIO(files: files.merging(["m.json": definition]) { a, _ in a })
        let code = await ASLMain.main(arguments: ["asl", "graph", "m.json"] + arguments, io: io.io)
        return (code, Set(io.stdout.split(separator: "\n").map(String.init)), io)
    }

    static let blue = ##"color="#1f6feb", penwidth=2.5"##

    @Test func historyHighlightsThePathAndTheCatch() async throws {
        let result = try await Self.execute(["n": 2, "items": [1, 2]])
        #expect(result.status == .succeeded)
        let (code, lines, io) = await Self.lines(["--history", "h.json"], files: ["h.json": Self.historyText(result)])
        #expect(code == .success, "\(io.stderr)")
        for expected in [
            "  start_0 -> s0 [\(Self.blue)];",
            ##"  s0 -> s1 [label="$.n > 1", "## + Self.blue + "];",
            #"  s0 -> s7 [label="Default"];"#,
            "  s1 -> s3 [\(Self.blue)];",
            "  s2 -> stop_1 [\(Self.blue)];",
            ##"  s3 -> s5 [label="Oops", style=dashed, "## + Self.blue + "];",
            "  s3 -> s6;",
            "  s5 -> stop_0 [\(Self.blue)];",
            "  s1 -> start_1 [style=dotted, arrowhead=empty, \(Self.blue)];",
            "  s3 -> start_2 [style=dotted, arrowhead=empty, \(Self.blue)];",
            "  s6 -> stop_0;",
            ##"  s0 [label="Check\nChoice", fillcolor="#fff8dc", "## + Self.blue + "];",
            ##"    s4 [label="Right\nFail", fillcolor="#fce8e6", color="#d73a49", fillcolor="#f8d7da", penwidth=2.5];"##,
            ##"  s7 [label="Stop\nFail", fillcolor="#fce8e6"];"##,
        ] {
            #expect(lines.contains(expected), "missing \(expected)\n\(io.stdout)")
        }
        try GraphTools.expectGraphvizRenders(io.stdout)
    }

    @Test func historyOfAFailedExecutionMarksTheFailedStateRed() async throws {
        let result = try await Self.execute(["n": 0])
        #expect(result.status == .failed)
        let (code, lines, io) = await Self.lines(
            ["--history", "h.json", "--format", "mermaid"], files: ["h.json": Self.historyText(result)])
        #expect(code == .success, "\(io.stderr)")
        #expect(lines.contains("  class s0 taken"), "\(io.stdout)")
        #expect(lines.contains("  class s7 failed"), "\(io.stdout)")
        // Edges 0 (start → Check) and 4 (Default → Stop) are the path.
        #expect(lines.contains("  linkStyle 0,4 stroke:#1f6feb,stroke-width:3px"), "\(io.stdout)")
        _ = try MermaidCheck.check(io.stdout)
    }

    @Test func coverageMarksWhatWasNotReachedAndShowsCounts() async throws {
        let recorder = CoverageRecorder(model: CoverageModel(try Self.resolved()))
        _ = try await Self.execute(["n": 2, "items": [1, 2, 3]], observer: recorder.observer)
        let coverage = JSONWriter.pretty(recorder.report().json(definitionPath: "m.json"))
        let (code, lines, io) = await Self.lines(["--coverage", "c.json"], files: ["c.json": coverage])
        #expect(code == .success, "\(io.stderr)")
        let grey = ##"color="#9e9e9e", fontcolor="#9e9e9e", style=dashed"##
        for expected in [
            ##"  s0 [label="Check\nChoice\nentered 1", fillcolor="#fff8dc"];"##,
            ##"    s2 [label="Item\nPass\nentered 3", fillcolor="#f1f3f4"];"##,
            ##"  s7 [label="Stop\nFail\nentered 0", fillcolor="#fce8e6", color="#9e9e9e", fontcolor="#9e9e9e", style="rounded,dashed"];"##,
            #"  s0 -> s1 [label="$.n > 1 ×1"];"#,
            ##"  s0 -> s7 [label="Default ×0", "## + grey + "];",
            #"  s2 -> stop_1 [label="×3"];"#,
            ##"  s3 -> s6 [label="×0", "## + grey + "];",
            #"  s3 -> s5 [label="Oops ×1", style=dashed];"#,
            #"  start_0 -> s0 [label="×1"];"#,
            #"  s1 -> start_1 [label="×3", style=dotted, arrowhead=empty];"#,
        ] {
            #expect(lines.contains(expected), "missing \(expected)\n\(io.stdout)")
        }
        try GraphTools.expectGraphvizRenders(io.stdout)
        let (mermaidCode, mermaid, mermaidIO) = await Self.lines(
            ["--coverage", "c.json", "--format", "mermaid"], files: ["c.json": coverage])
        #expect(mermaidCode == .success)
        #expect(mermaid.contains("  class s6,s7 uncovered"), "\(mermaidIO.stdout)")
        _ = try MermaidCheck.check(mermaidIO.stdout)
    }

    @Test func outputFileIsWritten() async throws {
        let (code, _, io) = await Self.lines(["--output", "out/g.dot"], files: [:])
        #expect(code == .success)
        #expect(io.stdout.isEmpty)
        #expect(io.writtenFiles["out/g.dot"]?.hasPrefix("digraph \"state machine\" {\n") == true)
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var files: [String: String]
        var message: String
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        .init(
            name: "missing history", arguments: ["--history", "gone.json"], files: [:],
            message: "error: cannot read history file 'gone.json': No such file or directory\n"),
        .init(
            name: "malformed history", arguments: ["--history", "h.json"], files: ["h.json": "{\n  \"events\": [,]\n}"],
            message: "error: h.json:2:14: "),
        .init(
            name: "not a history", arguments: ["--history", "h.json"], files: ["h.json": "[1]"],
            message: "error: h.json: /events/0: an event needs a numeric \"id\" and a string \"type\"\n"),
        .init(
            name: "history of another definition", arguments: ["--history", "h.json"],
            files: [
                "h.json":
                    #"[{"id": 1, "type": "ExecutionStarted"}, {"id": 2, "previousEventId": 1, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "Elsewhere", "input": "{}"}}]"#
            ],
            message: "error: h.json: /events/1: the definition has no state \"Elsewhere\"; was the history recorded "),
        .init(
            name: "coverage of another definition", arguments: ["--coverage", "c.json"],
            files: [
                "c.json":
                    #"{"format": "asl-coverage", "version": 1, "states": [{"pointer": "/States/Gone", "entered": 1}]}"#
            ],
            message: "error: c.json: /states/0/pointer: the definition has no state at /States/Gone; "),
        .init(
            name: "unwritable output", arguments: ["--output", "locked/g.dot"], files: [:],
            message: "error: cannot write 'locked/g.dot': Permission denied\n"),
        .init(
            name: "bad format", arguments: ["--format", "svg"], files: [:],
            message: "error: "),
    ]

    @Test(arguments: failures) func badInputIsRefusedWithExitTwo(_ failure: Failure) async throws {
        let io = FakeIO(
            files: failure.files.merging(["m.json": Self.definition]) { a, _ in a }, unwritable: ["locked/g.dot"])
        let code = await ASLMain.main(arguments: ["asl", "graph", "m.json"] + failure.arguments, io: io.io)
        #expect(code == .usage)
        #expect(io.stderr.hasPrefix(failure.message), "\(io.stderr)")
        #expect(io.stdout.isEmpty)
    }

    @Test func definitionFromStandardInput() async throws {
        let io = FakeIO(stdin: Self.definition)
        let code = await ASLMain.main(arguments: ["asl", "graph", "-", "--format", "mermaid"], io: io.io)
        #expect(code == .success, "\(io.stderr)")
        #expect(try MermaidCheck.check(io.stdout).nodes == 8 + 3 + 2)
    }

    @Test func invalidDefinitionIsReportedLikeValidate() async throws {
        let io = FakeIO(files: ["bad.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#])
        let code = await ASLMain.main(arguments: ["asl", "graph", "bad.json"], io: io.io)
        #expect(code == .usage)
        #expect(io.stderr.contains("bad.json:1:"), "\(io.stderr)")
        #expect(io.stderr.hasSuffix("error: bad.json is not a valid state machine; nothing was drawn\n"))
    }
}
