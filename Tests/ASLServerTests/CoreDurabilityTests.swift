import Foundation
import JSONCore
import StatesRuntime
import Testing

@testable import ASLServer

@Suite struct CoreDurabilityTests {
    /// With and without the `fsync`s (`asl serve --sync-executions` turns on those of executions).
    @Test(arguments: [false, true])
    func finishedExecutionsSurviveARestart(syncs: Bool) async throws {
        let core = try CoreHarness(syncs: syncs)
        let machine = try await core.createMachine("Kept")
        let arn = try await core.run(machine, name: "one", input: #"{"n":1}"#)
        let described = try await core.describe(arn)
        let history = try await core.history(arn)
        let reopened = try core.reopened()
        #expect(try await reopened.describe(arn) == described)
        #expect(try await reopened.history(arn) == history)
        let listed = try await reopened.call("ListExecutions", ["stateMachineArn": .string(machine)])
        #expect(listed["executions"]?.arrayValue?.count == 1)
        // A new execution after the restart gets its own folder; the old one is untouched.
        let second = try await reopened.run(machine, name: "two")
        #expect(try await reopened.describe(second)["status"] == "SUCCEEDED")
        #expect(try await reopened.history(arn) == history)
        #expect(
            await reopened.failure("StartExecution", ["stateMachineArn": .string(machine), "name": "one"])
                == .executionAlreadyExists(arn))
    }

    @Test func anExecutionCutOffByAStopIsFailedWhenReopened() async throws {
        // A task that tells when it has been reached, then waits until it is cancelled.
        let (reached, signal) = AsyncStream<Void>.makeStream()
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { _ in
                signal.yield()
                try await Task.sleep(nanoseconds: UInt64.max / 2)
                return [:]
            }, lambdaFunction: "block")
        let folder = CoreHarness.temporaryFolder()
        let core = try CoreHarness(folder: folder, handlers: handlers)
        let definition =
            #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:block","End":true}}}"#
        let machine = try await core.createMachine("Slow", definition: definition)
        let started = try await core.call("StartExecution", ["stateMachineArn": .string(machine), "name": "cut"])
        let arn = try #require(started["executionArn"]?.stringValue)
        var iterator = reached.makeAsyncIterator()
        _ = await iterator.next()
        let before = try await core.history(arn)
        #expect(before.last?["type"] == "LambdaFunctionStarted")
        // The first service is dropped without finishing (as a kill would leave it).
        let reopened = try core.reopened()
        let described = try await reopened.describe(arn)
        #expect(described["status"] == "FAILED")
        #expect(described["error"]?.stringValue == ExecutionService.restartError)
        #expect(described["cause"]?.stringValue?.contains("server stopped") == true)
        let after = try await reopened.history(arn)
        #expect(Array(after.dropLast()) == before)
        #expect(after.last?["type"] == "ExecutionFailed")
        #expect(after.last?["id"] == .number(JSONNumber(before.count + 1)))
        #expect(after.last?["previousEventId"] == .number(JSONNumber(before.count)))
        #expect(after.last?["executionFailedEventDetails"]?["error"]?.stringValue == ExecutionService.restartError)
        await core.service.shutdown()
    }

    /// A RUNNING record and a journal whose last line was cut off mid-write, as a `kill -9`
    /// can leave them.
    @Test func aHandWrittenRunningJournalIsRepairedAndFailed() async throws {
        let folder = CoreHarness.temporaryFolder()
        let machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Hand"
        let machine = MachineRecord(
            fileID: 1, name: "Hand", arn: machineArn, definition: CoreHarness.pass, roleArn: CoreHarness.role,
            type: "STANDARD", loggingConfiguration: ExecutionService.defaultLogging,
            tracingConfiguration: ExecutionService.defaultTracing, creationDate: CoreHarness.start)
        let record = ExecutionRecord(
            id: 4, arn: "arn:aws:states:us-east-1:123456789012:execution:Hand:h", name: "h",
            stateMachineArn: machineArn, status: "RUNNING", startDate: CoreHarness.start, input: "{}", machine: machine)
        let executions = folder.appendingPathComponent("sfn/executions/0000000004")
        try FileManager.default.createDirectory(at: executions, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sfn/state-machines"), withIntermediateDirectories: true)
        try Data(JSONWriter.compactBytes(machine.json())).write(
            to: folder.appendingPathComponent("sfn/state-machines/1.json"))
        try Data(JSONWriter.compactBytes(record.json())).write(to: executions.appendingPathComponent("execution.json"))
        let journal = """
            {"timestamp":1700000000.000,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{}","inputDetails":{"truncated":false},"roleArn":"r"}}
            {"timestamp":1700000000.000,"type":"PassStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"P","input":"{}","inputDetails":{"truncated":false}}}
            {"timestamp":1700000000.000,"type":"PassStateEx
            """
        try Data(journal.utf8).write(to: executions.appendingPathComponent("events.jsonl"))

        let core = try CoreHarness(folder: folder)
        let described = try await core.describe(record.arn)
        #expect(described["status"] == "FAILED")
        #expect(described["stopDate"] == .number(JSONNumber(uncheckedText: "1700000000.000", isInteger: false)))
        let events = try await core.history(record.arn)
        #expect(
            events.compactMap { $0["type"]?.stringValue } == [
                "ExecutionStarted", "PassStateEntered", "ExecutionFailed",
            ])
        #expect(events.last?["id"] == 3)
        // A second reopen changes nothing more.
        let again = try core.reopened()
        #expect(try await again.history(record.arn) == events)
        // The next execution does not reuse folder 4.
        let next = try await again.run(machineArn, name: "after")
        #expect(try await again.describe(next)["status"] == "SUCCEEDED")
        #expect(try await again.history(record.arn) == events)
    }

    @Test(arguments: ["sfn/executions/0000000001/execution.json", "sfn/state-machines/1.json", "sfn/tags.json"])
    func aCorruptFileIsNamed(_ relative: String) async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine("M")
        try await core.run(machine)
        try await core.call("TagResource", ["resourceArn": .string(machine), "tags": [["key": "k", "value": "v"]]])
        let file = core.folder.appendingPathComponent(relative)
        try Data("{ not json".utf8).write(to: file)
        do {
            _ = try core.reopened()
            Issue.record("opening a data directory with a corrupt \(relative) succeeded")
        } catch let error as CoreStoreError {
            #expect(error.description.contains(relative))
            #expect(error.description.contains("not valid JSON"))
        }
    }

    @Test func aFolderWithoutItsRecordIsSkippedAndNotReused() async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine("M")
        let debris = core.folder.appendingPathComponent("sfn/executions/0000000009")
        try FileManager.default.createDirectory(at: debris, withIntermediateDirectories: true)
        let reopened = try core.reopened()
        let arn = try await reopened.run(machine, name: "next")
        #expect(try await reopened.describe(arn)["status"] == "SUCCEEDED")
        let record = core.folder.appendingPathComponent("sfn/executions/0000000010/execution.json")
        #expect(FileManager.default.fileExists(atPath: record.path))
    }

    @Test func aRecordMissingAMemberIsNamed() async throws {
        let core = try CoreHarness()
        let machine = try await core.createMachine("M")
        try await core.run(machine)
        let file = core.folder.appendingPathComponent("sfn/executions/0000000001/execution.json")
        try Data(#"{"id": 1}"#.utf8).write(to: file)
        #expect(throws: CoreStoreError.self) { try core.reopened() }
    }
}

@Suite struct CoreConcurrencyTests {
    @Test func aThousandExecutionsStartedAtOnceAllFinish() async throws {
        let core = try CoreHarness()
        let definition =
            #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"P"},"P":{"Type":"Pass","End":true}}}"#
        let machine = try await core.createMachine("Many", definition: definition)
        let arns = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<1000 {
                group.addTask {
                    let response = try await core.call(
                        "StartExecution", ["stateMachineArn": .string(machine), "name": .string("run-\(index)")])
                    return response["executionArn"]?.stringValue ?? ""
                }
            }
            var arns: [String] = []
            for try await arn in group { arns.append(arn) }
            return arns
        }
        #expect(Set(arns).count == 1000)
        for arn in arns { await core.service.waitUntilFinished(arn) }
        #expect(core.service.runningCount == 0)
        let listed = try await core.call(
            "ListExecutions", ["stateMachineArn": .string(machine), "statusFilter": "SUCCEEDED", "maxResults": 1000])
        #expect(listed["executions"]?.arrayValue?.count == 1000)
        #expect(listed["nextToken"] == nil)
    }
}
