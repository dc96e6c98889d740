import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// Mocked Task states (``ExecutionOptions/mocks``): SFN Local's semantics, SPEC-NOTES.md §14.2.
@Suite struct MockedTaskTests {
    static func mocks(_ pairs: [String: [MockedResponses.Entry]]) -> StateMocks {
        StateMocks(
            Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, MockedResponses(name: $0.key, entries: $0.value)) }))
    }

    static func options(_ mocks: StateMocks) -> ExecutionOptions {
        var options = ExecutionOptions()
        options.mocks = mocks
        return options
    }

    static let retrying = """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "f", "Payload.$": "$"},
                   "ResultSelector": {"body.$": "$.Payload.body"}, "ResultPath": "$.result",
                   "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3}],
                   "Catch": [{"ErrorEquals": ["Custom.Error"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}
        """

    @Test func aMockedResultGoesThroughResultSelectorAndResultPath() async throws {
        let mocks = Self.mocks(["Call": [.init(first: 0, last: 0, response: .return(["Payload": ["body": "hi"]]))]])
        let result = try await run(Self.retrying, input: #"{"a": 1}"#, options: Self.options(mocks))
        #expect(result.status == .succeeded)
        #expect(result.output == ["a": 1, "result": ["body": "hi"]])
        // The events a real lambda:invoke integration writes.
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                "TaskStateExited", "ExecutionSucceeded",
            ])
    }

    @Test func attemptsAreNumberedAcrossRetries() async throws {
        let failing = MockedResponse.throw(error: "Lambda.TimeoutException", cause: "Lambda timed out.")
        let mocks = Self.mocks([
            "Call": [
                .init(first: 0, last: 0, response: failing), .init(first: 1, last: 2, response: failing),
                .init(first: 3, last: 3, response: .return(["Payload": ["body": "late"]])),
            ]
        ])
        let result = try await run(Self.retrying, options: Self.options(mocks))
        #expect(result.status == .succeeded)
        #expect(result.output?["result"] == ["body": "late"])
        #expect(result.eventTypes.filter { $0 == "TaskFailed" }.count == 3)
    }

    @Test func aThrownErrorIsCaughtLikeARealOne() async throws {
        let mocks = Self.mocks([
            "Call": [.init(first: 0, last: 0, response: .throw(error: "Custom.Error", cause: "boom"))]
        ])
        var definition = Self.retrying
        definition = definition.replacingOccurrences(of: #""States.ALL""#, with: #""Other.Error""#)
        let result = try await run(definition, options: Self.options(mocks))
        #expect(result.status == .succeeded)
        #expect(result.output == ["Error": "Custom.Error", "Cause": "boom"])
        let failed = try #require(result.history.first { $0.type == .taskFailed })
        guard case .taskFailure(let details) = failed.details else {
            Issue.record("TaskFailed without task failure details")
            return
        }
        #expect(details.error == "Custom.Error")
        #expect(details.cause == "boom")
    }

    @Test func anInvocationWithoutResponseFailsTheExecution() async throws {
        let failing = MockedResponse.throw(error: "Lambda.TimeoutException", cause: "Lambda timed out.")
        let mocks = Self.mocks(["Call": [.init(first: 0, last: 1, response: failing)]])
        let result = try await run(Self.retrying, options: Self.options(mocks))
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(result.cause?.contains("has no response for invocation 2") == true)
    }

    @Test func invocationsCountPerStateAcrossMapIterations() async throws {
        let definition = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1,
              "ItemProcessor": {"StartAt": "Work", "States": {
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}},
              "End": true}}}
            """
        let mocks = Self.mocks([
            "Work": [
                .init(first: 0, last: 0, response: .return("first")),
                .init(first: 1, last: 2, response: .return("later")),
            ]
        ])
        let result = try await run(definition, input: "[1, 2, 3]", options: Self.options(mocks))
        #expect(result.status == .succeeded)
        #expect(result.output == ["first", "later", "later"])
    }

    @Test func aWaitForTaskTokenMockGetsATokenAndReturnsTheCallbackResult() async throws {
        let definition = """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}}}
            """
        let mocks = Self.mocks(["Ask": [.init(first: 0, last: 0, response: .return(["approved": true]))]])
        let result = try await run(definition, options: Self.options(mocks))
        #expect(result.output == ["approved": true])
        let scheduled = try #require(result.history.first { $0.type == .taskScheduled })
        guard case .taskScheduled(let details) = scheduled.details else {
            Issue.record("TaskScheduled without details")
            return
        }
        #expect(details.parameters["MessageBody"]?["token"]?.stringValue?.count == 64)
    }

    @Test func aMockedStateIsNotAnUnresolvedResource() throws {
        let definition = """
            {"StartAt": "A", "States": {
              "A": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "Next": "B"},
              "B": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
            """
        let mocks = Self.mocks(["A": [.init(first: 0, last: 0, response: .return([:]))]])
        let executor = try Executor(machine: try machine(definition), options: Self.options(mocks))
        #expect(executor.unresolvedResources().map(\.stateName) == ["B"])
    }

    @Test func anUnmockedStateWithoutHandlerNamesBothWaysToServeIt() async throws {
        let definition = """
            {"StartAt": "B", "States": {
              "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}
            """
        let result = try await run(definition, options: Self.options(StateMocks()))
        #expect(result.error == "States.Runtime")
        let cause = try #require(result.cause)
        #expect(cause.contains("state 'B'"))
        #expect(cause.contains("\"services\" entry in the run configuration"))
        #expect(cause.contains("mock the state in the test case"))
    }

    /// `lambda:invoke` always resolves (to the Invoke integration), but in a test a function with
    /// no handler is a missing mock: `States.Runtime` that the `States.ALL` catcher does not take,
    /// not a catchable `Lambda.ResourceNotFoundException` sending the case down its Catch path.
    @Test func anUnmockedLambdaInvokeWithoutFunctionIsNotCaught() async throws {
        let definition = """
            {"StartAt": "B", "States": {
              "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:premium:live"},
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recovered"}], "End": true},
              "Recovered": {"Type": "Succeed"}}}
            """
        let result = try await run(definition, options: Self.options(StateMocks()))
        #expect(result.error == "States.Runtime")
        let cause = try #require(result.cause)
        #expect(cause.contains("state 'B'"))
        #expect(cause.contains("the Lambda function \"premium\""))
        #expect(cause.contains("mock the state in the test case"))
    }

    @Test(
        arguments: [
            ("0", 0...0), ("1-2", 1...2), ("10", 10...10), ("2-1", nil), ("a", nil), ("-1", nil), ("1-", nil),
            ("1-2-3", nil),
            (" 1", nil),
        ] as [(String, ClosedRange<Int>?)])
    func attemptKeys(_ key: String, _ expected: ClosedRange<Int>?) {
        #expect(MockedResponses.attemptRange(key) == expected)
    }

    @Test func attemptNumberingMustStartAtZeroWithoutGaps() {
        #expect(MockedResponses.gapProblem([0...0, 1...2, 3...3]) == nil)
        #expect(MockedResponses.gapProblem([1...1])?.contains("invocation 0 has no response") == true)
        #expect(MockedResponses.gapProblem([0...2, 2...3])?.contains("given twice") == true)
        #expect(MockedResponses.gapProblem([0...0, 2...2])?.contains("invocation 1") == true)
    }
}
