import ASLCommands
import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// `asl graph`: DOT that Graphviz renders, Mermaid that is a well-formed flowchart, labels
/// escaped for both, and the history and coverage overlays.
@Suite struct GraphCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let clickstreamPath = "Examples/clickstream/state_machine_definition.json"
    static let dotPath = GraphTools.find("dot")

    static func clickstream() throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(clickstreamPath)), as: UTF8.self)
    }

    static func graph(_ arguments: [String], files: [String: String]) async -> (ExitCode, FakeIO) {
        let io = FakeIO(files: files)
        let code = await ASLMain.main(arguments: ["asl", "graph"] + arguments, io: io.io)
        return (code, io)
    }

    @Test func clickstreamDOTIsExact() async throws {
        let (code, io) = await Self.graph(["m.json"], files: ["m.json": try Self.clickstream()])
        #expect(code == .success, "\(io.stderr)")
        let marker =
            ##"[label="start", shape=circle, fontsize=9, style=filled, fillcolor="#222222", fontcolor="#ffffff"];"##
        let end =
            ##"[label="end", shape=doublecircle, fontsize=9, style=filled, fillcolor="#222222", fontcolor="#ffffff"];"##
        #expect(
            io.stdout == """
                digraph "state machine" {
                  graph [rankdir=TB, fontname="Helvetica", fontsize=11];
                  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];
                  edge [fontname="Helvetica", fontsize=10];
                  start_0 \(marker)
                  s0 [label="StartSimulatorLambda\\nTask", fillcolor="#e8f0fe"];
                  s1 [label="WaitForIngestion\\nWait", fillcolor="#f3e8fd"];
                  s2 [label="StartGlueJob\\nTask", fillcolor="#e8f0fe"];
                  s3 [label="RepairAthenaPartitions\\nTask", fillcolor="#e8f0fe"];
                  s4 [label="NotifySuccess\\nTask", fillcolor="#e8f0fe"];
                  s5 [label="NotifyFailure\\nTask", fillcolor="#e8f0fe"];
                  stop_0 \(end)
                  start_0 -> s0;
                  s0 -> s1;
                  s1 -> s2;
                  s2 -> s3;
                  s2 -> s5 [label="States.ALL", style=dashed];
                  s3 -> s4;
                  s3 -> s5 [label="States.ALL", style=dashed];
                  s4 -> stop_0;
                  s5 -> stop_0;
                }

                """)
        try GraphTools.expectGraphvizRenders(io.stdout)
    }

    @Test func committedClickstreamSVGShowsEveryState() throws {
        let svg = String(
            decoding: try Data(contentsOf: Self.root.appendingPathComponent("Examples/clickstream/graph.svg")),
            as: UTF8.self)
        #expect(svg.contains("<svg"))
        for name in [
            "StartSimulatorLambda", "WaitForIngestion", "StartGlueJob", "RepairAthenaPartitions", "NotifySuccess",
            "NotifyFailure",
        ] {
            #expect(svg.contains(">\(name)</text>"), "\(name)")
        }
    }

    @Test func clickstreamMermaidIsAWellFormedFlowchart() async throws {
        let (code, io) = await Self.graph(
            ["m.json", "--format", "mermaid"], files: ["m.json": try Self.clickstream()])
        #expect(code == .success, "\(io.stderr)")
        let summary = try MermaidCheck.check(io.stdout)
        #expect(summary.nodes == 8)
        #expect(summary.edges == 9)
        #expect(io.stdout.contains(##"  s2 -.->|"States.ALL"| s5"##))
    }

    /// State names, conditions and error names with quotes, backslashes, brackets, `<>`, `#`,
    /// `&`, backticks, `|`, a line break, unicode, and names that are Mermaid keywords.
    static let nasty = #"""
        {"StartAt": "Say \"hi\" <b>", "States": {
          "Say \"hi\" <b>": {"Type": "Choice", "Choices": [
              {"Variable": "$.a[0]", "StringEquals": "x\"y|z", "Next": "Back\\slash [x] {y}"},
              {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 10}, {"Not": {"Variable": "$.s", "IsPresent": true}}],
               "Next": "Überprüfung ✓ 日本"},
              {"Variable": "$.long", "StringEquals": "a very long literal that goes on and on", "Next": "end"}
            ], "Default": "line\nbreak #1 & `tick`"},
          "Back\\slash [x] {y}": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
             "Retry": [{"ErrorEquals": ["States.Timeout", "Custom<Error>"], "MaxAttempts": 5}],
             "Catch": [{"ErrorEquals": ["Err \"quoted\"", "My<Error>"], "Next": "end"}], "End": true},
          "Überprüfung ✓ 日本": {"Type": "Parallel", "Branches": [
             {"StartAt": "subgraph", "States": {"subgraph": {"Type": "Pass", "End": true}}},
             {"StartAt": "click", "States": {"click": {"Type": "Succeed"}}}], "Next": "end"},
          "line\nbreak #1 & `tick`": {"Type": "Map",
             "ItemProcessor": {"StartAt": "a--b", "States": {"a--b": {"Type": "Pass", "End": true}}}, "Next": "end"},
          "end": {"Type": "Succeed"}
        }}
        """#

    @Test func nastyLabelsAreEscapedForDOT() async throws {
        let (code, io) = await Self.graph(["m.json"], files: ["m.json": Self.nasty])
        #expect(code == .success, "\(io.stderr)")
        let lines = Set(io.stdout.split(separator: "\n").map(String.init))
        for expected in [
            ##"  s0 [label="Say \"hi\" <b>\nChoice", fillcolor="#fff8dc"];"##,
            ##"  s1 [label="Back\\slash [x] {y}\nTask\n↻ States.Timeout, Custom<Error> ×5", fillcolor="#e8f0fe"];"##,
            ##"  s2 [label="Überprüfung ✓ 日本\nParallel", fillcolor="#fef7e0"];"##,
            ##"  s5 [label="line\nbreak #1 & `tick`\nMap", fillcolor="#fef7e0"];"##,
            ##"  s0 -> s1 [label="$.a[0] == \"x\\\"y|z\""];"##,
            ##"  s0 -> s2 [label="$.n >= 10 && !($.s is present)"];"##,
            ##"  s0 -> s7 [label="$.long == \"a very long literal that goe…"];"##,
            ##"  s0 -> s5 [label="Default"];"##,
            ##"  s1 -> s7 [label="Err \"quoted\", My<Error>", style=dashed];"##,
            ##"    label="Überprüfung ✓ 日本 · branch 1";"##,
            ##"    label="line\nbreak #1 & `tick` · items";"##,
            ##"  s2 -> start_1 [style=dotted, arrowhead=empty];"##,
        ] {
            #expect(lines.contains(expected), "missing \(expected)\n\(io.stdout)")
        }
        try GraphTools.expectGraphvizRenders(io.stdout)
    }

    @Test func nastyLabelsAreEscapedForMermaid() async throws {
        let (code, io) = await Self.graph(["m.json", "--format", "mermaid"], files: ["m.json": Self.nasty])
        #expect(code == .success, "\(io.stderr)")
        let summary = try MermaidCheck.check(io.stdout)
        #expect(summary.subgraphs == 3)
        let lines = Set(io.stdout.split(separator: "\n").map(String.init))
        for expected in [
            ##"  s0{"Say #quot;hi#quot; #lt;b#gt;<br>Choice"}"##,
            ##"  s1["Back\slash [x] {y}<br>Task<br>↻ States.Timeout, Custom#lt;Error#gt; ×5"]"##,
            ##"  s5["line<br>break #35;1 #amp; #96;tick#96;<br>Map"]"##,
            ##"  subgraph c1["Überprüfung ✓ 日本 · branch 1"]"##,
            ##"    s3["subgraph<br>Pass"]"##,
            ##"  s0 -->|"$.a[0] == #quot;x\#quot;y#124;z#quot;"| s1"##,
            ##"  s0 -->|"$.n #gt;= 10 #amp;#amp; !($.s is present)"| s2"##,
            ##"  s1 -.->|"Err #quot;quoted#quot;, My#lt;Error#gt;"| s7"##,
        ] {
            #expect(lines.contains(expected), "missing \(expected)\n\(io.stdout)")
        }
    }
}

/// The tools the graph tests call.
enum GraphTools {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)")
        {
            return "\(folder)/\(name)"
        }
        return nil
    }

    /// Has Graphviz's `dot` render `source` to SVG; records nothing (the test says so) where `dot`
    /// is not installed (`.ci/run` installs the distribution's graphviz package).
    static func expectGraphvizRenders(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
    {
        guard let dot = find("dot") else {
            print("note: Graphviz 'dot' is not installed; the DOT output was not rendered (install graphviz)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(source.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "dot failed: \(messages)", sourceLocation: sourceLocation)
        #expect(messages.isEmpty, "dot warned: \(messages)", sourceLocation: sourceLocation)
        #expect(String(decoding: svg, as: UTF8.self).contains("</svg>"), sourceLocation: sourceLocation)
    }
}

/// A structural check of a Mermaid flowchart as `asl graph --format mermaid` writes it: the
/// header, node definitions with safe ids and quoted labels free of raw `"`, `<`, `>` (but
/// `<br>`), balanced subgraphs, edges between defined nodes, class and linkStyle lines that name
/// existing nodes and edges.
enum MermaidCheck {
    struct Summary {
        var nodes = 0
        var edges = 0
        var subgraphs = 0
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let reserved: Set<String> = [
        "end", "subgraph", "graph", "flowchart", "click", "style", "class", "classDef", "linkStyle", "direction",
    ]

    static func check(_ text: String) throws -> Summary {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "flowchart TD", lines.last == "" else { throw Failure(description: "header or end") }
        lines = Array(lines.dropFirst().dropLast())
        let id = #"[A-Za-z][A-Za-z0-9_]*"#
        let label = #""[^"<>]*(?:<br>[^"<>]*)*""#
        let node = try Regex(#"^(\#(id))(?:\(\(\#(label)\)\)|\(\(\(\#(label)\)\)\)|\[\#(label)\]|\{\#(label)\})$"#)
        let edge = try Regex(#"^(\#(id)) (?:-->|-\.->|-\.-)(?:\|\#(label)\|)? (\#(id))$"#)
        let subgraph = try Regex(#"^subgraph (\#(id))\[\#(label)\]$"#)
        let classLine = try Regex(#"^class ([A-Za-z0-9_,]+) ([a-z]+)$"#)
        let linkStyle = try Regex(#"^linkStyle ([0-9,]+) [a-z-]+:[^ ]+.*$"#)
        var summary = Summary()
        var defined: Set<String> = []
        var depth = 0
        var edgeCount = 0
        for raw in lines {
            let line = raw.drop { $0 == " " }
            if let match = try node.wholeMatch(in: line) {
                let name = String(line[match.output[1].range!])
                guard !reserved.contains(name), defined.insert(name).inserted else {
                    throw Failure(description: "bad or repeated node id: \(raw)")
                }
                summary.nodes += 1
            } else if let match = try edge.wholeMatch(in: line) {
                for index in [1, 2] {
                    let name = String(line[match.output[index].range!])
                    guard defined.contains(name) else { throw Failure(description: "edge to undefined node: \(raw)") }
                }
                edgeCount += 1
            } else if try subgraph.wholeMatch(in: line) != nil {
                depth += 1
                summary.subgraphs += 1
            } else if line == "end" {
                depth -= 1
                guard depth >= 0 else { throw Failure(description: "unbalanced end") }
            } else if line == "direction TB" || line.hasPrefix("classDef ") {
                continue
            } else if let match = try classLine.wholeMatch(in: line) {
                for name in line[match.output[1].range!].split(separator: ",") where !defined.contains(String(name)) {
                    throw Failure(description: "class names an undefined node: \(raw)")
                }
            } else if let match = try linkStyle.wholeMatch(in: line) {
                for index in line[match.output[1].range!].split(separator: ",") where Int(index)! >= edgeCount {
                    throw Failure(description: "linkStyle names an edge that does not exist: \(raw)")
                }
            } else {
                throw Failure(description: "not a flowchart line: \(raw)")
            }
        }
        guard depth == 0 else { throw Failure(description: "unclosed subgraph") }
        summary.edges = edgeCount
        return summary
    }
}
