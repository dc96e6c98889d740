import Foundation
import JSONCore
import StatesLanguage
import Synchronization
import Testing

@testable import StatesRuntime

/// An in-memory object store for `ResultWriter` tests; fails every put when `failure` is set.
final class MemoryResultWriter: ResultWriting {
    let objects = Mutex<[(key: String, body: [UInt8])]>([])
    let failure: String?
    /// How many puts succeed before `failure` is thrown.
    let failAfter: Int

    init(failure: String? = nil, failAfter: Int = 0) {
        self.failure = failure
        self.failAfter = failAfter
    }

    func putObject(bucket: String, key: String, body: [UInt8]) async throws {
        let written = objects.withLock { $0.count }
        if let failure, written >= failAfter { throw StatesError(.taskFailed, failure) }
        objects.withLock { $0.append(("\(bucket)/\(key)", body)) }
    }

    var keys: [String] { objects.withLock { $0.map(\.key) } }

    func text(_ key: String) -> String? {
        objects.withLock { $0.first { $0.key == key }.map { String(decoding: $0.body, as: UTF8.self) } }
    }
}

/// A Distributed Map runs as a map run of child executions (SPEC-NOTES.md §17.4).
@Suite struct DistributedMapRunTests {
    static func definition(
        processor: String = #"{"P": {"Type": "Pass", "End": true}}"#, extra: String = "", label: String? = "TestMap"
    ) -> String {
        let labelField = label.map { #""Label": "\#($0)","# } ?? ""
        return #"""
            {"StartAt": "MapState", "States": {"MapState": {"Type": "Map", \#(labelField) \#(extra)
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "\#(processor.contains("\"F\"") ? "Check" : "P")", "States": \#(processor)},
              "End": true}}}
            """#
    }

    /// Fails the child whose item is "bad".
    static let failingProcessor = #"""
        {"Check": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "bad", "Next": "F"}],
                   "Default": "P"},
         "F": {"Type": "Fail", "Error": "Bad", "Cause": "bad item"},
         "P": {"Type": "Pass", "End": true}}
        """#

    static func chain(_ result: ExecutionResult) -> [String] {
        result.history.map { "\($0.id)<\($0.previousEventId) \($0.type.rawValue)" }
    }

    /// As AWS records it (LocalStack snapshot `test_map_state_tolerated_failure_count_path[0]`).
    @Test func succeededRunEvents() async throws {
        let result = try await run(Self.definition(), input: #"["a", "b", "c"]"#)
        #expect(result.status == .succeeded)
        #expect(
            Self.chain(result) == [
                "1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted", "4<3 MapRunStarted",
                "5<4 MapRunSucceeded", "6<5 MapStateSucceeded", "7<5 MapStateExited", "8<7 ExecutionSucceeded",
            ])
        #expect(result.output == (try json(#"["a", "b", "c"]"#)))
        let started = try #require(result.history.first { $0.type == .mapRunStarted })
        guard case .mapRunStarted(let details) = started.details else {
            Issue.record("no map run details")
            return
        }
        let prefix = "arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/TestMap:"
        #expect(details.mapRunArn.hasPrefix(prefix))
        #expect(details.mapRunArn.dropFirst(prefix.count).count == 36)
        let summary = try #require(result.mapRuns.first)
        #expect(summary.mapRunArn == details.mapRunArn)
        #expect(summary.status == .succeeded)
        #expect(summary.itemCounts.succeeded == 3 && summary.itemCounts.total == 3)
        #expect(summary.executionCounts == summary.itemCounts)
    }

    /// Without a Label, a UUID names the run (AWS: "MapRunLabel or UUID").
    @Test func unlabelledRunIsNamedByAUUID() async throws {
        let result = try await run(Self.definition(label: nil), input: #"[1]"#)
        let arn = try #require(result.mapRuns.first?.mapRunArn)
        let tail = arn.split(separator: ":").suffix(2)
        #expect(tail.first?.split(separator: "/").last?.count == 36)
    }

    /// With no tolerance, one failed child fails the run with AWS's error and cause.
    @Test func failedRunEvents() async throws {
        let result = try await run(
            Self.definition(processor: Self.failingProcessor, extra: #""MaxConcurrency": 1,"#),
            input: #"["a", "bad", "c"]"#)
        #expect(result.status == .failed)
        #expect(result.error == "States.ExceedToleratedFailureThreshold")
        #expect(result.cause == "The specified tolerated failure threshold was exceeded")
        #expect(
            Self.chain(result) == [
                "1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted", "4<3 MapRunStarted",
                "5<4 MapRunFailed", "6<5 MapStateFailed", "7<6 ExecutionFailed",
            ])
        let failed = try #require(result.history.first { $0.type == .mapRunFailed })
        #expect(
            JSONWriter.compact(failed.json())
                .contains(
                    #""mapRunFailedEventDetails":{"error":"States.ExceedToleratedFailureThreshold","cause":"The specified tolerated failure threshold was exceeded"}"#
                ))
        let summary = try #require(result.mapRuns.first)
        #expect(summary.status == .failed)
        #expect(summary.itemCounts.failed == 1)
        #expect(summary.itemCounts.succeeded == 1)
        #expect(summary.itemCounts.pending == 1)
    }

    /// Failures within `ToleratedFailureCount` leave the run succeeded, the failed child's
    /// metadata in the result.
    @Test func toleratedFailures() async throws {
        let result = try await run(
            Self.definition(processor: Self.failingProcessor, extra: #""ToleratedFailureCount": 1,"#),
            input: #"["a", "bad", "c"]"#)
        #expect(result.status == .succeeded)
        #expect(result.eventTypes.contains("MapRunSucceeded"))
        let output = try #require(result.output?.arrayValue)
        #expect(output.count == 3)
        #expect(output[0] == "a")
        #expect(output[1]["Status"] == "FAILED")
        #expect(output[1]["Error"] == "Bad")
        #expect(output[1]["Cause"] == "bad item")
        #expect(result.mapRuns.first?.itemCounts.failed == 1)
        #expect(result.mapRuns.first?.toleratedFailureCount == 1)
    }

    /// A percentage below one failure in three fails the run.
    @Test func toleratedPercentageExceeded() async throws {
        let result = try await run(
            Self.definition(processor: Self.failingProcessor, extra: #""ToleratedFailurePercentage": 20,"#),
            input: #"["a", "bad", "c"]"#)
        #expect(result.error == "States.ExceedToleratedFailureThreshold")
        #expect(result.eventTypes.contains("MapRunFailed"))
    }

    /// A Catch on the Map takes the map run's failure.
    @Test func caughtFailure() async throws {
        let definition = #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}},
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """#
        let result = try await run(definition, input: #"[1]"#)
        #expect(result.status == .succeeded)
        #expect(result.output?["Error"] == "States.ExceedToleratedFailureThreshold")
    }

    /// Each child is an execution of its own: `$$.Execution` names the child, its events stream
    /// to `childHistory` and none reach the parent's history.
    @Test func childExecutionsHaveTheirOwnContextAndHistory() async throws {
        let processor =
            #"{"P": {"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "machine.$": "$$.StateMachine.Id", "input.$": "$$.Execution.Input"}, "End": true}}"#
        let histories = Mutex<[String: [HistoryEventType]]>([:])
        let finished = Mutex<[String]>([])
        var options = ExecutionOptions()
        options.childHistory = { start in
            ChildHistorySink(
                record: { event in histories.withLock { $0[start.executionArn, default: []].append(event.type) } },
                finish: { finished.withLock { $0.append(start.name) } })
        }
        let result = try await run(
            Self.definition(processor: processor), input: #"[{"k": 1}, {"k": 2}]"#, options: options)
        #expect(result.status == .succeeded)
        let outputs = try #require(result.output?.arrayValue)
        #expect(outputs.count == 2)
        let prefix = "arn:aws:states:us-east-1:123456789012:execution:StateMachine/TestMap:"
        for (index, output) in outputs.enumerated() {
            let id = try #require(output["id"]?.stringValue)
            #expect(id.hasPrefix(prefix))
            #expect(id == prefix + (output["name"]?.stringValue ?? ""))
            #expect(output["machine"] == "arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine/TestMap")
            #expect(output["input"] == ["k": .number(JSONNumber(index + 1))])
            #expect(
                histories.withLock { $0[id] } == [
                    .executionStarted, .passStateEntered, .passStateExited, .executionSucceeded,
                ])
        }
        #expect(finished.withLock { $0.count } == 2)
        #expect(!result.eventTypes.contains("PassStateEntered"))
    }

    /// Stopping the parent during the run ends it with MapRunAborted; its children are ABORTED.
    @Test func abortedRun() async throws {
        let definition = #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "L",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:block", "End": true}}},
              "End": true}}}
            """#
        let (started, continuation) = AsyncStream<Void>.makeStream()
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { _ in
                continuation.yield()
                // Blocks until the abort cancels it.
                try await Task.sleep(nanoseconds: 3_600_000_000_000)
                return .null
            }, lambdaFunction: "block")
        var options = ExecutionOptions()
        options.clock = VirtualClock(start: testEpoch)
        options.executionName = "e"
        let executor = try Executor(machine: try machine(definition), handlers: handlers, options: options)
        let control = ExecutionControl()
        async let result = executor.run(input: [1], control: control)
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()
        control.abort()
        let ended = await result
        #expect(ended.status == .aborted)
        #expect(
            ended.eventTypes == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunAborted",
                "ExecutionAborted",
            ])
        #expect(ended.mapRuns.first?.status == .aborted)
        #expect(ended.mapRuns.first?.itemCounts.aborted == 1)
    }

    /// Each child's input is the ItemSelector evaluated in the parent with `$$.Map.Item`.
    @Test func itemSelectorGivesEachChildItsInput() async throws {
        let result = try await run(
            Self.definition(extra: #""ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value"},"#),
            input: #"["x", "y"]"#)
        #expect(result.output == (try json(#"[{"i": 0, "v": "x"}, {"i": 1, "v": "y"}]"#)))
    }

    /// A ResultWriter whose Parameters give no Bucket fails with States.ResultWriterFailed naming it.
    @Test func resultWriterWithoutBucket() async throws {
        let result = try await run(
            Self.definition(
                extra:
                    #""ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket.$": "$$.Execution.Name", "Prefix": 3}},"#
            ), input: "[1]")
        #expect(result.error == "States.ResultWriterFailed")
        #expect(result.cause?.contains(#"must give "Prefix" as a string; got 3"#) == true)
    }

    /// Children's names depend on the seed and the item, not on which worker ran them.
    @Test func childNamesAreDeterministic() async throws {
        let processor = #"{"P": {"Type": "Pass", "Parameters": {"name.$": "$$.Execution.Name"}, "End": true}}"#
        let input = "[" + (0..<40).map(String.init).joined(separator: ",") + "]"
        let first = try await run(Self.definition(processor: processor), input: input)
        let second = try await run(Self.definition(processor: processor), input: input)
        #expect(first.output == second.output)
        #expect(Set(first.output?.arrayValue ?? []).count == 40)
    }

    /// The summary's JSON is DescribeMapRun's body.
    @Test func summaryJSONIsDescribeMapRunsShape() async throws {
        let result = try await run(Self.definition(extra: #""MaxConcurrency": 1,"#), input: "[1, 2]")
        let summary = try #require(result.mapRuns.first)
        let body = summary.json
        #expect(
            body.objectValue?.keys == [
                "executionArn", "executionCounts", "itemCounts", "mapRunArn", "maxConcurrency", "startDate",
                "status", "stopDate", "toleratedFailureCount", "toleratedFailurePercentage",
            ])
        #expect(body["executionArn"] == .string(result.executionArn))
        #expect(body["maxConcurrency"] == 1)
        #expect(body["status"] == "SUCCEEDED")
        // Recorded on AWS without a ResultWriter (LocalStack `test_sfn_api_map_run.snapshot.json`,
        // `test_list_map_runs_and_describe_map_run`): the results gathered into the output
        // count as written.
        let counts: JSON = [
            "aborted": 0, "failed": 0, "pending": 0, "resultsWritten": 2, "running": 0, "succeeded": 2,
            "timedOut": 0, "total": 2,
        ]
        #expect(body["itemCounts"] == counts)
        #expect(body["executionCounts"] == counts)
        #expect(body["toleratedFailurePercentage"].map(JSONWriter.compact) == "0.0")
    }

    /// A batched run counts items in `itemCounts` and child executions in `executionCounts`
    /// (API reference "MapRunItemCounts", "MapRunExecutionCounts").
    struct BatchCountCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var extra: String
        var processor: String = #"{"P": {"Type": "Pass", "End": true}}"#
        var items: [String: Int]
        var executions: [String: Int]
        var testDescription: String { name }
    }

    /// Fails the child whose batch starts with 3.
    static let failingBatchProcessor = #"""
        {"Check": {"Type": "Choice", "Choices": [{"Variable": "$.Items[0]", "NumericEquals": 3, "Next": "F"}],
                   "Default": "P"},
         "F": {"Type": "Fail", "Error": "Bad", "Cause": "bad batch"},
         "P": {"Type": "Pass", "End": true}}
        """#

    static let batchCountCases: [BatchCountCase] = [
        BatchCountCase(
            name: "five items in batches of two", input: "[1, 2, 3, 4, 5]",
            extra: #""ItemBatcher": {"MaxItemsPerBatch": 2},"#,
            items: ["succeeded": 5, "total": 5, "resultsWritten": 5],
            executions: ["succeeded": 3, "total": 3, "resultsWritten": 3]),
        BatchCountCase(
            name: "a failed batch, the rest pending", input: "[1, 2, 3, 4, 5]",
            extra: #""ItemBatcher": {"MaxItemsPerBatch": 2}, "MaxConcurrency": 1,"#,
            processor: failingBatchProcessor,
            items: ["succeeded": 2, "failed": 2, "pending": 1, "total": 5, "resultsWritten": 4],
            executions: ["succeeded": 1, "failed": 1, "pending": 1, "total": 3, "resultsWritten": 2]),
        BatchCountCase(
            name: "no batcher: one item per child", input: "[1, 2, 3]", extra: "",
            items: ["succeeded": 3, "total": 3, "resultsWritten": 3],
            executions: ["succeeded": 3, "total": 3, "resultsWritten": 3]),
    ]

    @Test(arguments: batchCountCases) func batchedCounts(_ c: BatchCountCase) async throws {
        let result = try await run(Self.definition(processor: c.processor, extra: c.extra), input: c.input)
        let summary = try #require(result.mapRuns.first)
        func dictionary(_ counts: MapRunSummary.Counts) -> [String: Int] {
            let all = [
                "pending": counts.pending, "running": counts.running, "succeeded": counts.succeeded,
                "failed": counts.failed, "timedOut": counts.timedOut, "aborted": counts.aborted,
                "total": counts.total, "resultsWritten": counts.resultsWritten,
            ]
            return all.filter { $0.value != 0 }
        }
        #expect(dictionary(summary.itemCounts) == c.items)
        #expect(dictionary(summary.executionCounts) == c.executions)
    }
}
