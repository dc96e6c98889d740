import Foundation
import JSONCore
import StatesRuntime
import Testing

@testable import ASLServer

@Suite struct CoreExecutionTests {
    @Test func startDescribeAndHistory() async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine("Orders")
        let arn = try await core.run(machine, name: "first", input: #"{"a": 1}"#)
        #expect(arn == "arn:aws:states:us-east-1:123456789012:execution:Orders:first")
        let described = try await core.describe(arn)
        #expect(described["status"] == "SUCCEEDED")
        #expect(described["name"] == "first")
        #expect(described["stateMachineArn"]?.stringValue == machine)
        #expect(described["input"]?.stringValue == #"{"a": 1}"#)
        #expect(described["inputDetails"] == ["included": true])
        #expect(described["output"]?.stringValue == #"{"ok":true}"#)
        #expect(described["outputDetails"] == ["included": true])
        #expect(described["startDate"] == .number(JSONNumber(uncheckedText: "1700000000.000", isInteger: false)))
        #expect(described["stopDate"] != nil)
        #expect(described["redriveStatus"] == "NOT_REDRIVABLE")
        #expect(described["redriveStatusReason"] == "Execution is SUCCEEDED and cannot be redriven")
        let events = try await core.history(arn)
        #expect(
            events.compactMap { $0["type"]?.stringValue }
                == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        #expect(events.first?["id"] == 1)
        #expect(events.first?["executionStartedEventDetails"]?["input"] == #"{"a":1}"#)
    }

    @Test func generatedNamesAreUUIDs() async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine("M")
        let first = try await core.run(machine)
        let second = try await core.run(machine)
        #expect(first != second)
        let name = try #require(first.split(separator: ":").last)
        #expect(name.count == 36)
    }

    struct BadStart: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var input: JSONObject
        var type: String
    }

    static let badStarts: [BadStart] = [
        BadStart(testDescription: "input not JSON", input: ["input": "not json"], type: "InvalidExecutionInput"),
        BadStart(testDescription: "name with a space", input: ["name": "a b"], type: "InvalidName"),
        BadStart(
            testDescription: "name of 81 characters", input: ["name": .string(String(repeating: "n", count: 81))],
            type: "InvalidName"),
        BadStart(
            testDescription: "input over 256 KiB",
            input: ["input": .string("\"" + String(repeating: "x", count: 262_144) + "\"")],
            type: "ValidationException"),
        BadStart(testDescription: "unknown test case", input: ["stateMachineArn": "#Nope"], type: "InvalidName"),
    ]

    @Test(arguments: badStarts) func startRefuses(_ bad: BadStart) async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine("M")
        var input = bad.input
        if let suffix = input["stateMachineArn"]?.stringValue {
            input["stateMachineArn"] = .string(machine + suffix)
        } else {
            input["stateMachineArn"] = .string(machine)
        }
        let error = await core.failure("StartExecution", .object(input))
        #expect(error?.type == bad.type)
        #expect(
            error?.message.contains("Invalid State Machine Execution Input: '") ?? false
                || bad.type != "InvalidExecutionInput")
    }

    static let inputErrors: [(input: String, detail: String)] = [
        ("", "Invalid execution input."),
        (
            "not some json",
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        ),
        ("{'not': 'json'", "Unexpected character (''' (code 39)): was expecting double-quote to start field name"),
        ("[1 2]", "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries"),
        (
            "nul1",
            "Unrecognized token 'nul1': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        ),
    ]

    @Test(arguments: inputErrors) func invalidInputIsWordedAsAWSWordsIt(_ input: String, _ detail: String) async throws
    {
        let core = try CoreHarness()
        let machine = try await core.createMachine("M")
        let error = await core.failure(
            "StartExecution", ["stateMachineArn": .string(machine), "input": .string(input)])
        #expect(error == .invalidExecutionInput(detail))
    }

    @Test func scalarInputsAreAccepted() async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine(
            "M", definition: #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
        let number = try await core.run(machine, input: "2")
        #expect(try await core.describe(number)["output"] == "2")
        let text = try await core.run(machine, input: #""some text""#)
        #expect(try await core.describe(text)["output"] == #""some text""#)
    }

    @Test func startOnMissingMachine() async throws {
        let core = try CoreHarness()
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Missing"
        #expect(
            await core.failure("StartExecution", ["stateMachineArn": .string(arn)]) == .stateMachineDoesNotExist(arn))
        #expect(await core.failure("StartExecution", ["stateMachineArn": "bad"])?.type == "InvalidArn")
    }

    /// Under the real clock the history's first event carries the `startDate` StartExecution
    /// answered (and DescribeExecution reports), as on AWS, not the instant the executor got
    /// round to it; later events keep their real spacing (SPEC-NOTES.md §18.4). The injected wall
    /// clock is fixed in 2023, so an event stamped by the system clock cannot match it by chance.
    @Test func realClockHistoryStartsAtTheStartDate() async throws {
        let core = try CoreHarness(clock: .real)
        let machine = try await core.createMachine("Stamp")
        let arn = try await core.run(machine)
        let described = try await core.describe(arn)
        let events = try await core.history(arn)
        let start = try #require(described["startDate"])
        #expect(events.first?["timestamp"] == start)
        #expect(described["stopDate"] == events.last?["timestamp"])
        #expect(events.compactMap { $0["timestamp"]?.numberValue?.doubleValue }.allSatisfy { $0 >= 1_700_000_000 })
        #expect(events.compactMap { $0["timestamp"]?.numberValue?.doubleValue }.allSatisfy { $0 < 1_700_000_060 })
    }

    /// `$$.Execution.StartTime` is the answered startDate to the millisecond (the wire's
    /// precision), whatever fraction of a millisecond the wall clock read (SPEC-NOTES.md §18.4).
    @Test(arguments: [ServerClockMode.virtual, .real])
    func startTimeIsTheStartDateToTheMillisecond(_ clock: ServerClockMode) async throws {
        let folder = CoreHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let service = try ExecutionService.open(
            CoreConfiguration(
                dataDirectory: folder, clockMode: clock, seed: 7,
                wallClock: { Date(timeIntervalSince1970: 1_700_000_000.4775) }, syncWrites: false))
        let core = CoreHarness(folder: folder, service: service)
        let definition =
            #"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"t.$":"$$.Execution.StartTime"},"End":true}}}"#
        let machine = try await core.createMachine("Start", definition: definition)
        let arn = try await core.run(machine)
        let described = try await core.describe(arn)
        #expect(described["startDate"] == .number(JSONNumber(text: "1700000000.478")!))
        #expect(described["output"] == #"{"t":"2023-11-14T22:13:20.478Z"}"#)
    }

    /// A server shutting down stops a StartSyncExecution under way at once, so its caller gets
    /// an answer (ABORTED) within the grace period (SPEC-NOTES.md §18.4).
    @Test func drainStopsASyncExecutionUnderWay() async throws {
        let core = try CoreHarness(clock: .real)
        // 200 s: within an Express execution's five minutes.
        let wait = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":200,"End":true}}}"#
        let machine = try await core.createMachine("Quick", definition: wait, type: "EXPRESS")
        let call = Task { try await core.call("StartSyncExecution", ["stateMachineArn": .string(machine)]) }
        for _ in 0..<1_000_000 where core.service.runningCount == 0 { await Task.yield() }
        // Not running as far as the service knows: drain() cannot reach it.
        guard core.service.runningCount == 1 else {
            call.cancel()
            Issue.record("the sync execution never showed as running, so a shutdown cannot stop it")
            return
        }
        core.service.drain()
        let response = try await call.value
        #expect(response["status"] == "ABORTED")
        #expect(response["cause"] == "The server shut down")
        #expect(core.service.runningCount == 0)
    }

    @Test func idempotentStartWhileRunningOnly() async throws {
        let core = try CoreHarness(clock: .real)
        let machine = try await core.createMachine("Slow", definition: CoreHarness.longWait)
        let request: JSON = ["stateMachineArn": .string(machine), "name": "once", "input": #"{"x":1}"#]
        let first = try await core.call("StartExecution", request)
        let second = try await core.call("StartExecution", request)
        #expect(first == second)
        let arn = try #require(first["executionArn"]?.stringValue)
        #expect(try await core.describe(arn)["status"] == "RUNNING")
        #expect(try await core.describe(arn)["redriveStatusReason"] == "Execution is RUNNING and cannot be redriven")
        let different = await core.failure(
            "StartExecution", ["stateMachineArn": .string(machine), "name": "once", "input": #"{"x":2}"#])
        #expect(different == .executionAlreadyExists(arn))
        let longError = String(repeating: "e", count: 257)
        #expect(
            await core.failure("StopExecution", ["executionArn": .string(arn), "error": .string(longError)])?.type
                == "ValidationException")
        // Stopped: the same request is now refused.
        let stopped = try await core.call(
            "StopExecution", ["executionArn": .string(arn), "error": "Manual", "cause": "test"])
        #expect(stopped["stopDate"] != nil)
        #expect(await core.failure("StartExecution", request) == .executionAlreadyExists(arn))
        let described = try await core.describe(arn)
        #expect(described["status"] == "ABORTED")
        #expect(described["error"] == "Manual")
        #expect(described["redriveStatus"] == "REDRIVABLE")
        let events = try await core.history(arn)
        #expect(events.last?["type"] == "ExecutionAborted")
        #expect(events.last?["executionAbortedEventDetails"] == ["error": "Manual", "cause": "test"])
        // Stopping a finished execution changes nothing and gives its stop date.
        let again = try await core.call("StopExecution", ["executionArn": .string(arn)])
        #expect(again["stopDate"] == described["stopDate"])
    }

    @Test func executionArnErrors() async throws {
        let core = try CoreHarness()
        let missing = "arn:aws:states:us-east-1:123456789012:execution:M:none"
        for operation in [
            "DescribeExecution", "GetExecutionHistory", "StopExecution", "DescribeStateMachineForExecution",
        ] {
            #expect(
                await core.failure(operation, ["executionArn": .string(missing)]) == .executionDoesNotExist(missing))
            #expect(await core.failure(operation, ["executionArn": "invalid_execution_arn"])?.type == "InvalidArn")
        }
    }

    @Test func listExecutionsNewestFirstWithStableTokens() async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine("M")
        for index in 0..<7 { try await core.run(machine, name: "e\(index)") }
        let first = try await core.call("ListExecutions", ["stateMachineArn": .string(machine), "maxResults": 3])
        let firstNames = try #require(first["executions"]?.arrayValue).compactMap { $0["name"]?.stringValue }
        #expect(firstNames == ["e6", "e5", "e4"])
        #expect(first["executions"]?[0]?["redriveCount"] == 0)
        let token = try #require(first["nextToken"])
        // A new execution does not disturb the next page.
        try await core.run(machine, name: "late")
        let second = try await core.call(
            "ListExecutions", ["stateMachineArn": .string(machine), "maxResults": 3, "nextToken": token])
        #expect(second["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["e3", "e2", "e1"])
        let filtered = try await core.call(
            "ListExecutions", ["stateMachineArn": .string(machine), "statusFilter": "RUNNING"])
        #expect(filtered["executions"] == [])
        #expect(
            await core.failure("ListExecutions", ["stateMachineArn": .string(machine), "statusFilter": "succeeded"])?
                .message
                == "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]"
        )
        #expect(
            await core.failure("ListExecutions", ["stateMachineArn": .string(machine), "nextToken": "v1.xyz"])?.type
                == "InvalidToken")
        let missing = "arn:aws:states:us-east-1:123456789012:stateMachine:Nope"
        #expect(
            await core.failure("ListExecutions", ["stateMachineArn": .string(missing)])?.type
                == "StateMachineDoesNotExist")
    }

    @Test func historyPagesReversesAndHidesData() async throws {
        let core = try CoreHarness()
        let definition =
            #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}}"#
        let machine = try await core.createMachine("Three", definition: definition)
        let arn = try await core.run(machine, input: #"{"v":1}"#)
        let all = try await core.history(arn)
        #expect(all.count == 8)
        var collected: [JSON] = []
        var token: JSON?
        repeat {
            var request: JSONObject = ["executionArn": .string(arn), "maxResults": 3, "reverseOrder": true]
            if let token { request["nextToken"] = token }
            let page = try await core.call("GetExecutionHistory", .object(request))
            collected += page["events"]?.arrayValue ?? []
            token = page["nextToken"]
        } while token != nil
        #expect(collected == Array(all.reversed()))
        let hidden = try await core.call(
            "GetExecutionHistory", ["executionArn": .string(arn), "includeExecutionData": false])
        let started = try #require(hidden["events"]?[0]?["executionStartedEventDetails"])
        #expect(started["input"] == nil)
        #expect(started["inputDetails"] == nil)
        #expect(started["roleArn"] != nil)
        #expect(hidden["events"]?[1]?["stateEnteredEventDetails"] == ["name": "A"])
    }

    @Test func hiddenDataDropsAssignedVariables() async throws {
        let core = try CoreHarness()
        let definition = #"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"End":true}}}"#
        let machine = try await core.createMachine("Assigns", definition: definition)
        let arn = try await core.run(machine)
        let shown = try await core.history(arn)
        #expect(shown[2]["stateExitedEventDetails"]?["assignedVariables"] != nil)
        let hidden = try await core.call(
            "GetExecutionHistory", ["executionArn": .string(arn), "includeExecutionData": false])
        #expect(hidden["events"]?[2]?["stateExitedEventDetails"] == ["name": "A"])
    }

    @Test func syncExecutionsAreExpressOnly() async throws {
        let core = try CoreHarness()
        let standard = try await core.createMachine("Std")
        #expect(await core.failure("StartSyncExecution", ["stateMachineArn": .string(standard)]) == .typeNotSupported)
        let express = try await core.createMachine("Fast", type: "EXPRESS")
        let response = try await core.call(
            "StartSyncExecution", ["stateMachineArn": .string(express), "name": "s1", "input": #"{"q":1}"#])
        #expect(response["status"] == "SUCCEEDED")
        #expect(response["output"] == #"{"ok":true}"#)
        #expect(response["input"] == #"{"q":1}"#)
        #expect(response["name"] == "s1")
        let arn = try #require(response["executionArn"]?.stringValue)
        #expect(arn.hasPrefix("arn:aws:states:us-east-1:123456789012:express:Fast:s1:"))
        #expect(response["billingDetails"] == ["billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100])
        let failing = try await core.createMachine(
            "Fails", definition: #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"why"}}}"#,
            type: "EXPRESS")
        let failed = try await core.call("StartSyncExecution", ["stateMachineArn": .string(failing)])
        #expect(failed["status"] == "FAILED")
        #expect(failed["error"] == "Boom")
        #expect(failed["cause"] == "why")
        #expect(failed["output"] == nil)
    }

    @Test func expressExecutionsAreNotDescribable() async throws {
        let core = try CoreHarness()
        let express = try await core.createMachine("Fast", type: "EXPRESS")
        let started = try await core.call("StartExecution", ["stateMachineArn": .string(express)])
        let arn = try #require(started["executionArn"]?.stringValue)
        #expect(arn.contains(":express:Fast:"))
        await core.service.waitUntilFinished(arn)
        let notHere = ServiceError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'")
        #expect(await core.failure("DescribeExecution", ["executionArn": .string(arn)]) == notHere)
        #expect(await core.failure("GetExecutionHistory", ["executionArn": .string(arn)]) == notHere)
        #expect(await core.failure("StopExecution", ["executionArn": .string(arn)]) == notHere)
        #expect(await core.failure("ListExecutions", ["stateMachineArn": .string(express)]) == .typeNotSupported)
    }

    @Test func describeStateMachineForExecutionShowsTheDefinitionItRan() async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine("M")
        let arn = try await core.run(machine)
        let changed = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#
        try await core.call(
            "UpdateStateMachine", ["stateMachineArn": .string(machine), "definition": .string(changed)])
        let described = try await core.call("DescribeStateMachineForExecution", ["executionArn": .string(arn)])
        #expect(described["definition"]?.stringValue == CoreHarness.pass)
        #expect(described["stateMachineArn"]?.stringValue == machine)
        #expect(described["updateDate"] != nil)
        #expect(described["status"] == nil)
    }

    @Test func mockTestCasesRunWithTheirResponses() async throws {
        let mockText = #"""
            {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {
                "HappyPath": {"LambdaState": "MockedLambdaSuccess"},
                "Broken": {"LambdaState": "MockedLambdaFailure"}}}},
             "MockedResponses": {
                "MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {"done": true}}}},
                "MockedLambdaFailure": {"0": {"Throw": {"Error": "Lambda.Boom", "Cause": "mocked"}}}}}
            """#
        let mocks = try MockConfigFile.parse(JSONReader.read(mockText))
        let core = try CoreHarness(mocks: mocks)
        let definition =
            #"{"StartAt":"LambdaState","States":{"LambdaState":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"OutputPath":"$.Payload","End":true}}}"#
        let machine = try await core.createMachine("LambdaSQSIntegration", definition: definition)
        let happy = try await core.run(machine + "#HappyPath", name: "happy")
        #expect(happy == "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:happy")
        #expect(try await core.describe(happy)["output"] == #"{"done":true}"#)
        let broken = try await core.run(machine + "#Broken", name: "broken")
        let described = try await core.describe(broken)
        #expect(described["status"] == "FAILED")
        #expect(described["error"] == "Lambda.Boom")
        let unknown = await core.failure("StartExecution", ["stateMachineArn": .string(machine + "#Other")])
        #expect(unknown?.type == "InvalidName")
        #expect(unknown?.message.contains("'Other'") == true)
    }
}

extension CoreHarness {
    /// A harness over a service opened with a configuration of the test's own.
    init(folder: URL, service: ExecutionService) {
        self.folder = folder
        self.service = service
    }
}
