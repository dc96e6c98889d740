import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Synchronization
import Testing

/// Test files, SFN Local mock files, expectations and the runner (SPEC-NOTES.md §14).
@Suite struct TestFileTests {
    static func document(_ text: String) throws -> JSONDocument { try JSONReader.read(text) }

    @Test func theDeveloperGuideMockFileParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Fixtures/sfn-local/MockConfigFile.json")
        let file = try MockConfigFile.parse(try JSONReader.read(Array(try Data(contentsOf: url))))
        let cases = try #require(file.testCases(forStateMachine: "LambdaSQSIntegration"))
        #expect(cases.map(\.name) == ["HappyPath", "RetryPath", "HybridPath"])
        let retry = try #require(cases[1].mocks["LambdaState"])
        #expect(retry.name == "MockedLambdaRetry")
        #expect(retry.invocationCount == 4)
        #expect(
            retry.response(forInvocation: 2)
                == .throw(error: "Lambda.TimeoutException", cause: "Lambda timed out."))
        #expect(cases[2].mocks["SQSState"] == nil)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        /// Where the problem must point, as the text that starts there.
        var at: String
        var testDescription: String { message }
    }

    static let badMockFiles: [Bad] = [
        Bad(
            text: #"{"StateMachine": {}}"#,
            message: "unknown field \"StateMachine\" in a mock configuration file (did you mean 'StateMachines'?)",
            at: #""StateMachine""#),
        Bad(
            text:
                #"{"StateMachines": {"M": {"TestCases": {"T": {"A": "Nope"}}}}, "MockedResponses": {"Mope": {"0": {"Return": 1}}}}"#,
            message: "no mocked response \"Nope\" in \"MockedResponses\" (did you mean 'Mope'?)", at: #""Nope""#),
        Bad(
            text: #"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}}"#,
            message: "attempt \"0\" must hold exactly one of \"Return\" and \"Throw\"", at: #"{"Return": 1, "#),
        Bad(
            text: #"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Cause": "c"}}}}}"#,
            message: "\"Throw\" needs a \"Error\" field (a string)", at: #"{"Cause""#),
        Bad(
            text: #"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Retrun": 1}}}}"#,
            message: "unknown field \"Retrun\" in attempt \"0\" (did you mean 'Return'?)", at: #""Retrun""#),
        Bad(
            text: #"{"StateMachines": {"M": {"TestCases": {"T": {"A": 1}}}}, "MockedResponses": {}}"#,
            message: "must map the state \"A\" to the name of a mocked response (a string), not number", at: "1}"),
    ]

    @Test(arguments: badMockFiles)
    func aBadMockFileIsReportedWhereItIsWrong(_ bad: Bad) throws {
        let document = try Self.document(bad.text)
        do {
            _ = try MockConfigFile.parse(document)
            Issue.record("parsed without error")
        } catch {
            #expect(error.message.contains(bad.message), "\(error.message)")
            let offset = try #require(error.offset)
            #expect(
                bad.text.utf8.dropFirst(offset).starts(with: bad.at.utf8),
                "points at \(bad.text.utf8.dropFirst(offset).prefix(12))")
        }
    }

    @Test func testFileCasesParseWithTheirShorthands() throws {
        let file = try TestFile.parse(
            try Self.document(
                #"""
                {"definition": "m.json", "cases": [{"name": "c", "input": {"a": 1},
                  "mocks": {"A": {"Return": 1}, "B": {"0-1": {"Throw": {"Error": "E"}}, "2": {"Return": 2}}},
                  "expect": {"outputContains": {"x": 1}, "statesInclude": ["A"],
                             "state": {"A": {"entry": 1, "variablesContains": {"v": 1}}}, "maxTransitions": 9}}]}
                """#))
        let testCase = try #require(file.cases.first)
        #expect(testCase.input == ["a": 1])
        #expect(testCase.mocks["A"]?.response(forInvocation: 0) == .return(1))
        #expect(testCase.mocks["A"]?.response(forInvocation: 1) == nil)
        #expect(testCase.mocks["B"]?.response(forInvocation: 1) == .throw(error: "E", cause: nil))
        #expect(testCase.expectation.output == .contains(["x": 1]))
        #expect(
            testCase.expectation.stateAssertions == [
                StateAssertion(stateName: "A", entry: 1, variables: .contains(["v": 1]))
            ])
        #expect(testCase.expectation.expectedStatus == .succeeded)
        #expect(testCase.stateReferences.map(\.name).sorted() == ["A", "A", "A", "B"])
    }

    struct Difference: Sendable, CustomTestStringConvertible {
        var expected: String
        var actual: String
        var subset: Bool
        var path: String?
        var testDescription: String { "\(expected) vs \(actual)" }
    }

    static let differences: [Difference] = [
        Difference(
            expected: #"{"orders": [1, 2, {"total": 4}]}"#, actual: #"{"orders": [1, 2, {"total": 5}]}"#, subset: false,
            path: "$.orders[2].total"),
        Difference(expected: #"{"a": 1}"#, actual: #"{"a": 1.0}"#, subset: false, path: nil),
        Difference(expected: #"{"a": 1}"#, actual: #"{"a": 1, "b": 2}"#, subset: false, path: "$.b"),
        Difference(expected: #"{"a": 1}"#, actual: #"{"a": 1, "b": 2}"#, subset: true, path: nil),
        Difference(expected: #"{"a": {"b": 1}}"#, actual: #"{"a": {"b": 1, "c": 2}}"#, subset: true, path: nil),
        Difference(
            expected: #"{"a": [{"b": 1}]}"#, actual: #"{"a": [{"b": 1, "c": 2}]}"#, subset: true, path: "$.a[0].c"),
        Difference(expected: "[1, 2]", actual: "[1]", subset: false, path: "$[1]"),
        Difference(expected: #"{"odd key": 1}"#, actual: "{}", subset: true, path: "$['odd key']"),
        Difference(expected: #"{"x": null}"#, actual: "{}", subset: true, path: "$.x"),
    ]

    @Test(arguments: differences)
    func firstDifference(_ c: Difference) throws {
        let difference = JSONDifference.first(
            expected: try JSONReader.read(c.expected).value, actual: try JSONReader.read(c.actual).value,
            subset: c.subset)
        #expect(difference?.path == c.path)
    }

    static let jsonataMachine = """
        {"QueryLanguage": "JSONata", "StartAt": "Fetch", "States": {
          "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Arguments": {"FunctionName": "fetch", "Payload": "{% $states.input %}"},
                    "Assign": {"count": "{% $count($states.result.Payload.items) %}", "first": "{% $states.result.Payload.items[0] %}"},
                    "Output": "{% $states.result.Payload %}", "Next": "Done"},
          "Done": {"Type": "Pass", "Output": {"total": "{% $count %}"}, "End": true}}}
        """

    @Test func aJSONataMachineRunsWithVariableAssertions() async throws {
        let resolved = try ResolvedStateMachine(try machine(Self.jsonataMachine))
        let mocks = StateMocks([
            "Fetch": MockedResponses(name: "Fetch", single: .return(["Payload": ["items": ["a", "b"]]]))
        ])
        var expectation = TestExpectation(output: .exact(["total": 2]), states: ["Fetch", "Done"])
        expectation.stateAssertions = [
            StateAssertion(stateName: "Fetch", variables: .exact(["count": 2, "first": "a"])),
            StateAssertion(stateName: "Done", input: .exact(["items": ["a", "b"]])),
        ]
        let passing = PreparedTestCase(
            file: "t", name: "passes", machine: resolved, handlers: HandlerRegistry(), input: [:], mocks: mocks,
            expectation: expectation)
        var wrong = passing
        wrong.name = "fails"
        wrong.expectation.stateAssertions = [StateAssertion(stateName: "Fetch", variables: .contains(["count": 3]))]
        let results = await TestRunner.run([passing, wrong, passing], maximumConcurrency: 2)
        #expect(results.map(\.name) == ["passes", "fails", "passes"])
        #expect(results[0].failures == [])
        #expect(results[1].failures.map(\.message) == [#"state "Fetch" variables differ at $.count"#])
        #expect(results[1].failures.first?.expected == 3)
        #expect(results[1].failures.first?.actual == 2)
    }

    @Test func thePrepareHookSeesEveryCaseAndTheSeedIsStable() async throws {
        let resolved = try ResolvedStateMachine(
            try machine(
                #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "End": true}}}"#
            ))
        let cases = ["a", "b"].map {
            PreparedTestCase(
                file: "f", name: $0, machine: resolved, handlers: HandlerRegistry(), input: [:], mocks: StateMocks(),
                expectation: TestExpectation())
        }
        let seen = SeenIndices()
        let first = await TestRunner.run(cases, prepare: { index, options in seen.add(index, options.seed) })
        let second = await TestRunner.run(cases)
        #expect(
            seen.values.sorted { $0.0 < $1.0 }.map(\.1) == [
                TestRunner.seed(file: "f", caseName: "a"), TestRunner.seed(file: "f", caseName: "b"),
            ])
        #expect(first.map { $0.execution.output } == second.map { $0.execution.output })
        #expect(first[0].execution.output != first[1].execution.output)
        // FNV-1a of "f", 0, "a": pinned so a change of derivation (which would change every case's
        // random choices) is seen.
        #expect(TestRunner.seed(file: "f", caseName: "a") == 0xdd29_9b18_ff3f_3c6e)
        #expect(TestRunner.seed(file: "./dir/f", caseName: "a") == TestRunner.seed(file: "f", caseName: "a"))
    }

    @Test func statusDefaultsToFailedWhenAnErrorIsExpected() {
        #expect(TestExpectation(error: "E").expectedStatus == .failed)
        #expect(TestExpectation().expectedStatus == .succeeded)
        #expect(TestExpectation(status: .timedOut, error: "States.Timeout").expectedStatus == .timedOut)
    }
}

/// Collects (index, seed) pairs from the prepare hook.
final class SeenIndices: Sendable {
    private let storage = Mutex<[(Int, UInt64)]>([])
    func add(_ index: Int, _ seed: UInt64) { storage.withLock { $0.append((index, seed)) } }
    var values: [(Int, UInt64)] { storage.withLock { $0 } }
}
