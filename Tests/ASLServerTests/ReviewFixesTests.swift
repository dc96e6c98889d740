import Foundation
import JSONCore
import StatesRuntime
import Testing

@testable import ASLServer

/// The fixes made after the review of `asl serve` (SPEC-NOTES.md §18.6).
@Suite struct ReviewFixesTests {
    static let shortTimeout =
        #"{"TimeoutSeconds":1,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"#

    /// Under the real (anchored) clock, whose timeline starts at the injected 2023 wall clock, a
    /// STANDARD execution past its TimeoutSeconds ends TIMED_OUT at start + 1 s, not at once and
    /// not after its 60 s Wait.
    @Test func standardExecutionTimesOutAtItsDeadline() async throws {
        let core = try CoreHarness(clock: .real)
        let machine = try await core.createMachine("Short", definition: Self.shortTimeout)
        let began = Date()
        let arn = try await core.run(machine)
        let wall = Date().timeIntervalSince(began)
        let described = try await core.describe(arn)
        #expect(described["status"] == "TIMED_OUT")
        let events = try await core.history(arn)
        #expect(
            events.compactMap { $0["type"]?.stringValue }
                == ["ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"])
        let started = try #require(events.first?["timestamp"]?.numberValue?.doubleValue)
        let timedOut = try #require(events.last?["timestamp"]?.numberValue?.doubleValue)
        #expect(started == 1_700_000_000)
        // Timestamps are written to the millisecond; the instant is the deadline itself.
        #expect(abs(timedOut - started - 1) < 0.0015)
        #expect(described["stopDate"] == events.last?["timestamp"])
        // Not at once; the upper bound is generous, since a loaded machine runs timers late.
        #expect(wall >= 0.9)
        #expect(wall < 600)
    }

    /// The same for an EXPRESS execution run by StartSyncExecution.
    @Test func expressExecutionTimesOutAtItsDeadline() async throws {
        let core = try CoreHarness(clock: .real)
        let machine = try await core.createMachine("ShortExpress", definition: Self.shortTimeout, type: "EXPRESS")
        let began = Date()
        let response = try await core.call("StartSyncExecution", ["stateMachineArn": .string(machine)])
        let wall = Date().timeIntervalSince(began)
        #expect(response["status"] == "TIMED_OUT")
        let start = try #require(response["startDate"]?.numberValue?.doubleValue)
        let stop = try #require(response["stopDate"]?.numberValue?.doubleValue)
        #expect(start == 1_700_000_000)
        #expect(abs(stop - start - 1) < 0.0015)
        #expect(wall >= 0.9)
        #expect(wall < 600)
    }

    /// A state the SFN Local test case leaves unmocked fails with advice for the mock
    /// configuration file, naming the test case, not with `asl test`'s "mock the state in the
    /// test case ("mocks": …)".
    @Test func unmockedStatesPointAtTheMockConfigurationFile() async throws {
        let mockText = #"""
            {"StateMachines": {"Orders": {"TestCases": {"HappyPath": {"Charge": "Charged"}}}},
             "MockedResponses": {"Charged": {"0": {"Return": {"ok": true}}}}}
            """#
        let mocks = try MockConfigFile.parse(JSONReader.read(mockText))
        let core = try CoreHarness(mocks: mocks)
        let definition = #"""
            {"StartAt":"Charge","States":{
              "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"Next":"Notify"},
              "Notify":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"q","MessageBody":"m"},"End":true}}}
            """#
        let machine = try await core.createMachine("Orders", definition: definition)
        let arn = try await core.run(machine + "#HappyPath")
        let described = try await core.describe(arn)
        #expect(described["status"] == "FAILED")
        #expect(described["error"] == "States.Runtime")
        let cause = try #require(described["cause"]?.stringValue)
        #expect(
            cause.contains(
                "add a response for the state 'Notify' to the test case 'HappyPath' of the state machine 'Orders' "
                    + "in the mock configuration file"))
        #expect(cause.contains(#"("StateMachines": {"Orders": {"TestCases": {"HappyPath": {"Notify": "#))
        #expect(!cause.contains("mock the state in the test case"))

    }

    /// A mocked response with fewer attempts than the state is invoked: the fix names the mock
    /// file's `MockedResponses` entry and the test case.
    @Test func tooShortMockedResponsePointsAtTheMockConfigurationFile() async throws {
        let mockText = #"""
            {"StateMachines": {"Loop": {"TestCases": {"Twice": {"Charge": "Charged"}}}},
             "MockedResponses": {"Charged": {"0": {"Return": {"ok": true}}}}}
            """#
        let core = try CoreHarness(mocks: try MockConfigFile.parse(JSONReader.read(mockText)))
        let definition = #"""
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
              "ItemProcessor":{"StartAt":"Charge","States":{"Charge":{"Type":"Task",
                "Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}},
              "End":true}}}
            """#
        let machine = try await core.createMachine("Loop", definition: definition)
        let arn = try await core.run(machine + "#Twice", input: #"{"items":[1,2]}"#)
        let described = try await core.describe(arn)
        #expect(described["status"] == "FAILED")
        let cause = try #require(described["cause"]?.stringValue)
        #expect(
            cause.hasSuffix(
                #"add an attempt key "1" to "MockedResponses": {"Charged": …} in the mock configuration file "#
                    + "(test case 'Twice')"))
    }

    /// `roleArn` is refused only outside AWS's modelled length (1 to 256 characters); any other
    /// text is accepted, ARN or not, as Step Functions Local accepts it.
    @Test(arguments: [
        ("", "Member must have length greater than or equal to 1"),
        (String(repeating: "r", count: 257), "Member must have length less than or equal to 256"),
        ("not-an-arn", nil),
        ("arn:aws:iam::123456789012:role/" + String(repeating: "r", count: 225), nil),
    ])
    func roleArnIsRefusedOnlyOutsideItsModelledLength(_ roleArn: String, _ constraint: String?) async throws {
        let core = try CoreHarness()
        let create: JSON = [
            "name": "Roles", "definition": .string(CoreHarness.pass), "roleArn": .string(roleArn),
        ]
        let refused = await core.failure("CreateStateMachine", create)
        #expect(refused?.type == (constraint == nil ? nil : "ValidationException"))
        if let constraint {
            #expect(
                refused?.message
                    == "1 validation error detected: Value '\(roleArn)' at 'roleArn' failed to satisfy constraint: "
                    + constraint)
        }
        let machine = try await core.createMachine("Other")
        let update: JSON = ["stateMachineArn": .string(machine), "roleArn": .string(roleArn)]
        let updateRefused = await core.failure("UpdateStateMachine", update)
        #expect(updateRefused?.type == (constraint == nil ? nil : "ValidationException"))
        if constraint == nil {
            let described = try await core.call("DescribeStateMachine", ["stateMachineArn": .string(machine)])
            #expect(described["roleArn"]?.stringValue == roleArn)
        }
    }

    /// AWS ends an EXPRESS execution TIMED_OUT after five minutes even when its TimeoutSeconds is
    /// longer; a STANDARD one runs its whole Wait (virtual clock, so nothing waits).
    @Test func expressExecutionsEndAtFiveMinutes() async throws {
        let core = try CoreHarness()
        let definition =
            #"{"TimeoutSeconds":7200,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#
        let express = try await core.createMachine("LongExpress", definition: definition, type: "EXPRESS")
        let response = try await core.call("StartSyncExecution", ["stateMachineArn": .string(express)])
        #expect(response["status"] == "TIMED_OUT")
        let start = try #require(response["startDate"]?.numberValue?.doubleValue)
        let stop = try #require(response["stopDate"]?.numberValue?.doubleValue)
        #expect(stop - start == 300)
        let standard = try await core.createMachine("LongStandard", definition: definition)
        let arn = try await core.run(standard)
        let described = try await core.describe(arn)
        #expect(described["status"] == "SUCCEEDED")
        let events = try await core.history(arn)
        let first = try #require(events.first?["timestamp"]?.numberValue?.doubleValue)
        let last = try #require(events.last?["timestamp"]?.numberValue?.doubleValue)
        #expect(last - first == 3600)
    }
}
