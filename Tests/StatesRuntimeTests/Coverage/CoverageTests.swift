import JSONCore
import StatesLanguage
import StatesRuntime
import Synchronization
import Testing

/// A machine with a Choice, a Map, a Retry and a Catch, laid out one field per line so the LCOV
/// lines can be read off it (line numbers in the comments of the expectations).
let coverageDefinition = """
    {
      "StartAt": "Check",
      "States": {
        "Check": {
          "Type": "Choice",
          "Choices": [
            {"Variable": "$.kind", "StringEquals": "many", "Next": "Each"},
            {"Variable": "$.kind", "StringEquals": "one", "Next": "Call"}
          ],
          "Default": "Done"
        },
        "Each": {
          "Type": "Map",
          "ItemsPath": "$.items",
          "MaxConcurrency": 1,
          "ItemProcessor": {
            "StartAt": "Double",
            "States": {
              "Double": {"Type": "Pass", "End": true}
            }
          },
          "ResultPath": "$.results",
          "Next": "Call"
        },
        "Call": {
          "Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
          "Retry": [
            {"ErrorEquals": ["Flaky"], "MaxAttempts": 2}
          ],
          "Catch": [
            {"ErrorEquals": ["States.ALL"], "Next": "Recover"}
          ],
          "Next": "Done"
        },
        "Recover": {"Type": "Pass", "Next": "Done"},
        "Done": {"Type": "Succeed"}
      }
    }
    """

/// Runs `coverageDefinition`: `"mode": "flaky"` fails once with `Flaky` (retried), `"broken"`
/// always fails with `Broken` (caught), anything else succeeds.
struct CoverageHarness {
    let resolved: ResolvedStateMachine
    let document: JSONDocument
    let lines: SourceLineTable

    init() throws {
        let bytes = Array(coverageDefinition.utf8)
        let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "m.asl.json", bytes: bytes))
        resolved = try ResolvedStateMachine(try #require(analysis.machine))
        document = try #require(analysis.document)
        lines = SourceLineTable(bytes)
    }

    var handlers: HandlerRegistry {
        let failed = Mutex(false)
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { request in
                switch request.parameters["mode"] {
                case .string("broken"): throw StatesError("Broken", "always")
                case .string("flaky"):
                    let first = failed.withLock { done in
                        defer { done = true }
                        return !done
                    }
                    if first { throw StatesError("Flaky", "once") }
                    return "ok"
                default: return "ok"
                }
            }, lambdaFunction: "flaky")
        return handlers
    }

    /// Runs one execution with `observer`; returns its status.
    func run(_ input: String, observer: @escaping @Sendable (ExecutionObservation) -> Void) async throws
        -> ExecutionStatus
    {
        var options = ExecutionOptions()
        options.clock = VirtualClock(start: testEpoch)
        options.executionName = "coverage"
        options.observer = observer
        let executor = Executor(machine: resolved, handlers: handlers, options: options)
        return await executor.run(input: try json(input)).status
    }

    func id(_ name: String) throws -> StateID {
        try #require(resolved.machine.states.first { $0.name == name }?.id)
    }
}

/// Collects observations in the order they arrive.
final class ObservationLog: Sendable {
    private let entries = Mutex<[ExecutionObservation]>([])
    var all: [ExecutionObservation] { entries.withLock { $0 } }
    var observer: @Sendable (ExecutionObservation) -> Void { { [self] o in entries.withLock { $0.append(o) } } }
}

@Suite struct CoverageTests {
    static let manyInput = #"{"kind": "many", "items": [1, 2], "mode": "ok"}"#
    static let flakyInput = #"{"kind": "one", "mode": "flaky"}"#
    static let brokenInput = #"{"kind": "one", "mode": "broken"}"#

    @Test func observerReportsEveryStepInOrderAtEveryDepth() async throws {
        let harness = try CoverageHarness()
        let (check, each, double, call, done) = (
            try harness.id("Check"), try harness.id("Each"), try harness.id("Double"), try harness.id("Call"),
            try harness.id("Done")
        )
        // Map iterations run one at a time (MaxConcurrency 1): the order is fixed.
        for _ in 0..<3 {
            let log = ObservationLog()
            #expect(try await harness.run(Self.manyInput, observer: log.observer) == .succeeded)
            #expect(
                log.all == [
                    .init(state: check, event: .entered, depth: 0),
                    .init(state: check, event: .choiceRule(index: 0, target: each), depth: 0),
                    .init(state: each, event: .entered, depth: 0),
                    .init(state: double, event: .entered, depth: 1),
                    .init(state: double, event: .end, depth: 1),
                    .init(state: double, event: .entered, depth: 1),
                    .init(state: double, event: .end, depth: 1),
                    .init(state: each, event: .next(target: call), depth: 0),
                    .init(state: call, event: .entered, depth: 0),
                    .init(state: call, event: .next(target: done), depth: 0),
                    .init(state: done, event: .entered, depth: 0),
                    .init(state: done, event: .end, depth: 0),
                ])
        }
        let log = ObservationLog()
        #expect(try await harness.run(Self.flakyInput, observer: log.observer) == .succeeded)
        #expect(
            log.all == [
                .init(state: check, event: .entered, depth: 0),
                .init(state: check, event: .choiceRule(index: 1, target: call), depth: 0),
                .init(state: call, event: .entered, depth: 0),
                .init(state: call, event: .retried(index: 0), depth: 0),
                .init(state: call, event: .next(target: done), depth: 0),
                .init(state: done, event: .entered, depth: 0),
                .init(state: done, event: .end, depth: 0),
            ])
        let caught = ObservationLog()
        #expect(try await harness.run(Self.brokenInput, observer: caught.observer) == .succeeded)
        let recover = try harness.id("Recover")
        #expect(
            caught.all.map(\.event) == [
                .entered, .choiceRule(index: 1, target: call), .entered, .caught(index: 0, target: recover),
                .entered, .next(target: done), .entered, .end,
            ])
        let noMatch = ObservationLog()
        #expect(try await harness.run(#"{"kind": "none"}"#, observer: noMatch.observer) == .succeeded)
        #expect(noMatch.all.map(\.event) == [.entered, .choiceDefault(target: done), .entered, .end])
    }

    /// The recorder after the "many" and "flaky" executions.
    static func recorded(_ harness: CoverageHarness) async throws -> CoverageRecorder {
        let recorder = CoverageRecorder(model: CoverageModel(harness.resolved))
        _ = try await harness.run(manyInput, observer: recorder.observer)
        _ = try await harness.run(flakyInput, observer: recorder.observer)
        return recorder
    }

    @Test func tableShowsEveryStateAndWhatWasNotTaken() async throws {
        let harness = try CoverageHarness()
        let report = try await Self.recorded(harness).report()
        #expect(
            report.table() == """
                State     Type     Entered  Branches  Not taken
                Check     Choice         2  2/3       Default → Done
                Each      Map            1  1/1
                  Double  Pass           2  1/1
                Call      Task           2  2/3       Catch[0] → Recover
                Recover   Pass           0  0/1       Next → Done
                Done      Succeed        2  1/1
                States: 5/6 (83.3%)  Branches: 7/10 (70.0%)

                """)
    }

    @Test func lcovNamesTheDefinitionsOwnLines() async throws {
        let harness = try CoverageHarness()
        let report = try await Self.recorded(harness).report()
        // Lines: Check 4, rules 7 and 8, Default 10, Each 12, Double 19 (state and End), Each's
        // Next 23, Call 25, its Retrier 29, Catcher 32, Next 34, Recover 36, Done 37.
        #expect(
            report.lcov(path: "machines/m.asl.json", sourceMap: harness.document.sourceMap, lines: harness.lines)
                == """
                TN:
                SF:machines/m.asl.json
                BRDA:7,0,0,1
                BRDA:8,0,1,1
                BRDA:10,0,2,0
                BRDA:19,2,0,2
                BRDA:23,1,0,1
                BRDA:29,3,1,1
                BRDA:32,3,2,0
                BRDA:34,3,0,2
                BRDA:36,4,0,-
                BRDA:37,5,0,2
                BRF:10
                BRH:7
                DA:4,2
                DA:12,1
                DA:19,2
                DA:25,2
                DA:36,0
                DA:37,2
                LF:6
                LH:5
                end_of_record

                """)
    }

    @Test func lcovOfASourceFileUsesItsPathAndLines() async throws {
        let harness = try CoverageHarness()
        let report = try await Self.recorded(harness).report()
        let source = SourceFile(path: "machines/m.asl.json", bytes: Array(coverageDefinition.utf8))
        #expect(
            report.lcov(source: source, sourceMap: harness.document.sourceMap)
                == report.lcov(path: "machines/m.asl.json", sourceMap: harness.document.sourceMap, lines: harness.lines)
        )
    }

    @Test func jsonFileRoundTripsAndMerges() async throws {
        let harness = try CoverageHarness()
        let report = try await Self.recorded(harness).report()
        let written = report.json(definitionPath: "m.asl.json")
        let expected: [String] = [
            #"{"format":"asl-coverage","version":1,"definition":"m.asl.json","#,
            #""summary":{"states":{"covered":5,"total":6,"percent":83.3},"#,
            #""branches":{"covered":7,"total":10,"percent":70.0}},"states":["#,
            #"{"pointer":"/States/Check","name":"Check","type":"Choice","entered":2,"branches":["#,
            #"{"kind":"Choice","index":0,"target":"Each","count":1},"#,
            #"{"kind":"Choice","index":1,"target":"Call","count":1},"#,
            #"{"kind":"Default","target":"Done","count":0}]},"#,
            #"{"pointer":"/States/Each","name":"Each","type":"Map","entered":1,"branches":["#,
            #"{"kind":"Next","target":"Call","count":1}]},"#,
            #"{"pointer":"/States/Each/ItemProcessor/States/Double","name":"Double","type":"Pass","#,
            #""entered":2,"branches":[{"kind":"End","count":2}]},"#,
            #"{"pointer":"/States/Call","name":"Call","type":"Task","entered":2,"branches":["#,
            #"{"kind":"Next","target":"Done","count":2},{"kind":"Retry","index":0,"count":1},"#,
            #"{"kind":"Catch","index":0,"target":"Recover","count":0}]},"#,
            #"{"pointer":"/States/Recover","name":"Recover","type":"Pass","entered":0,"branches":["#,
            #"{"kind":"Next","target":"Done","count":0}]},"#,
            #"{"pointer":"/States/Done","name":"Done","type":"Succeed","entered":2,"branches":["#,
            #"{"kind":"End","count":2}]}]}"#,
        ]
        #expect(JSONWriter.compact(written) == expected.joined())
        let read = try CoverageReport(json: written, model: report.model)
        #expect(read.counts == report.counts)

        // A second recorder (another test case, run in parallel) covers the Catch; merging adds up.
        let other = CoverageRecorder(model: report.model)
        _ = try await harness.run(Self.brokenInput, observer: other.observer)
        let merged = try await Self.recorded(harness)
        try merged.merge(other.report())
        var combined = read
        try combined.merge(other.report())
        #expect(merged.report().counts == combined.counts)
        #expect(combined.statesCovered == 6)
        #expect(combined.branchesCovered == 9)
        #expect(CoverageReport.percentText(9, of: 10) == "90.0")
    }

    @Test func recorderCountsExecutionsRunInParallel() async throws {
        let harness = try CoverageHarness()
        let recorder = CoverageRecorder(model: CoverageModel(harness.resolved))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { _ = try? await harness.run(Self.manyInput, observer: recorder.observer) }
            }
        }
        let report = recorder.report()
        #expect(report.counts.entered == [20, 20, 40, 20, 0, 20])
    }

    struct BadFile: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var message: String
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        .init(name: "not coverage", text: #"{"events": []}"#, message: "not a coverage file"),
        .init(
            name: "version", text: #"{"format": "asl-coverage", "version": 2, "states": []}"#,
            message: "/version: only coverage files of version 1 can be read"),
        .init(
            name: "unknown state",
            text: #"{"format": "asl-coverage", "version": 1, "states": [{"pointer": "/States/Gone", "entered": 1}]}"#,
            message: "/states/0/pointer: the definition has no state at /States/Gone"),
        .init(
            name: "unknown branch",
            text: #"{"format": "asl-coverage", "version": 1, "states": [{"pointer": "/States/Done", "entered": 1, "#
                + #""branches": [{"kind": "Catch", "index": 3, "count": 1}]}]}"#,
            message: "/states/0/branches/0: state /States/Done has no Catch branch 3"),
        .init(
            name: "negative count",
            text: #"{"format": "asl-coverage", "version": 1, "states": [{"pointer": "/States/Done", "entered": -1}]}"#,
            message: "/states/0/entered: a non-negative integer is required"),
    ]

    @Test(arguments: badFiles) func badCoverageFileIsRefusedWithItsPlace(_ file: BadFile) throws {
        let harness = try CoverageHarness()
        let value = try json(file.text)
        let model = CoverageModel(harness.resolved)
        do throws(CoverageError) {
            _ = try CoverageReport(json: value, model: model)
            Issue.record("accepted")
        } catch {
            #expect(error.message.hasPrefix(file.message), "\(error.message)")
        }
    }
}

@Suite struct ParallelObservationTests {
    @Test func branchStatesAreObservedAtDepthOneAndTheParallelsCatchIsReported() async throws {
        let definition = """
            {"StartAt": "Both", "States": {
              "Both": {"Type": "Parallel", "End": true,
                "Branches": [
                  {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                  {"StartAt": "Right", "States": {"Right": {"Type": "Fail", "Error": "Oops"}}}
                ],
                "Catch": [{"ErrorEquals": ["Oops"], "Next": "Handled"}]},
              "Handled": {"Type": "Succeed"}}}
            """
        let resolved = try ResolvedStateMachine(try machine(definition))
        func id(_ name: String) throws -> StateID {
            try #require(resolved.machine.states.first { $0.name == name }?.id)
        }
        let log = ObservationLog()
        var options = ExecutionOptions()
        options.clock = VirtualClock(start: testEpoch)
        options.observer = log.observer
        let result = await Executor(machine: resolved, options: options).run(input: [:])
        #expect(result.status == .succeeded)
        let all = log.all
        // The branches run at the same time: their observations are checked per path.
        #expect(
            all.filter { $0.depth == 0 }.map(\.event) == [
                .entered, .caught(index: 0, target: try id("Handled")), .entered, .end,
            ])
        #expect(
            all.filter { $0.state == (try? id("Right")) } == [.init(state: try id("Right"), event: .entered, depth: 1)])
        // Left may be cancelled by Right's failure before or after it ends; if it ended, it said so after entering.
        let left = all.filter { $0.state == (try? id("Left")) }.map(\.event)
        #expect(left == [.entered] || left == [.entered, .end] || left.isEmpty)
        let recorder = CoverageRecorder(model: CoverageModel(resolved))
        for observation in all { recorder.record(observation) }
        let report = recorder.report()
        #expect(report.counts.entered[try id("Right").index] == 1)
        #expect(report.counts.branches[try id("Both").index] == [0, 1])
    }
}

@Suite struct JSONataObservationTests {
    static let definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Route", "States": {
          "Route": {"Type": "Choice", "Default": "Plain",
            "Choices": [
              {"Condition": "{% $states.input.n > 10 %}", "Next": "Big"},
              {"Condition": "{% $states.input.n > 1 %}", "Next": "Risky", "Output": {"n": "{% $states.input.n %}"}}
            ]},
          "Risky": {"Type": "Parallel", "Next": "Plain",
            "Branches": [{"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Bad"}}}],
            "Catch": [{"ErrorEquals": ["Other"], "Next": "Plain"},
                      {"ErrorEquals": ["Bad"], "Next": "Big", "Output": "{% $states.errorOutput %}"}]},
          "Big": {"Type": "Succeed"},
          "Plain": {"Type": "Pass", "End": true}
        }}
        """

    @Test(arguments: [
        (2, ["Route: Choices[1]", "Boom: entered", "Risky: Catch[1]", "Big: End"]),
        (20, ["Route: Choices[0]", "Big: End"]),
        (0, ["Route: Default", "Plain: End"]),
    ])
    func jsonataChoiceAndCatchAreObserved(_ n: Int, _ expected: [String]) async throws {
        let resolved = try ResolvedStateMachine(try machine(Self.definition))
        let model = CoverageModel(resolved)
        let log = ObservationLog()
        var options = ExecutionOptions()
        options.clock = VirtualClock(start: testEpoch)
        options.observer = log.observer
        let result = await Executor(machine: resolved, options: options).run(input: ["n": .number(JSONNumber(n))])
        #expect(result.status == .succeeded)
        // Each observation as "State: branch label" (entries only for the branch state).
        let described: [String] = log.all.compactMap { observation in
            let item = model.items[observation.state.index]
            if case .entered = observation.event { return item.name == "Boom" ? "Boom: entered" : nil }
            guard let slot = model.branchSlot(of: observation.event, in: observation.state) else { return "?" }
            return "\(item.name): \(item.branches[slot].label)"
        }
        #expect(described == expected)
    }
}
