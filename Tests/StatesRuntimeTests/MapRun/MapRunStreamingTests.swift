import Foundation
import JSONCore
import StatesLanguage
import Synchronization
import Testing

@testable import StatesRuntime

/// A map run reads its ItemReader as its children go and streams results to the ResultWriter's
/// files (SPEC-NOTES.md §17.5): memory does not grow with the number of items. Boundedness is
/// checked structurally: a counting stream notes, at each item read, how far reading is ahead of
/// the children that have ended.
@Suite struct MapRunStreamingTests {
    /// What the counting stream and the progress callback saw.
    final class Tally: Sendable {
        struct State {
            var read = 0
            var childrenDone = 0
            var maximumAhead = 0
            var reports: [MapRunProgress] = []
        }
        let state = Mutex(State())
        let itemsPerChild: Int

        init(itemsPerChild: Int) { self.itemsPerChild = itemsPerChild }

        func didRead() {
            state.withLock {
                $0.read += 1
                $0.maximumAhead = max($0.maximumAhead, $0.read - $0.childrenDone * itemsPerChild)
            }
        }

        func progress(_ report: MapRunProgress) {
            state.withLock {
                $0.childrenDone = max($0.childrenDone, report.done)
                $0.reports.append(report)
            }
        }
    }

    /// `count` items `0, 1, …`, made as they are asked for; throws `failAt`'s item.
    final class CountingStream: ItemStream {
        let count: Int
        let tally: Tally
        let failAt: Int?
        var position = 0

        init(count: Int, tally: Tally, failAt: Int?) {
            self.count = count
            self.tally = tally
            self.failAt = failAt
        }

        func next() throws(StatesError) -> JSON? {
            guard position < count else { return nil }
            if position == failAt { throw StatesError(.itemReaderFailed, "Line \(position) is broken") }
            tally.didRead()
            defer { position += 1 }
            return .number(JSONNumber(position))
        }
    }

    struct CountingReader: ItemReading {
        let count: Int
        let tally: Tally
        var failAt: Int? = nil
        var refusal: String? = nil
        let opened = Counter()

        func open(_ request: ItemReaderRequest) throws(StatesError) -> any ItemStream {
            _ = opened.next()
            if let refusal { throw StatesError(.itemReaderFailed, refusal) }
            return CountingStream(count: count, tally: tally, failAt: failAt)
        }
    }

    static func definition(batch: Int?, concurrency: Int, writer: String?, processor: String? = nil, extra: String = "")
        -> String
    {
        let batcher = batch.map { #""ItemBatcher": {"MaxItemsPerBatch": \#($0)},"# } ?? ""
        let resultWriter = writer.map { #""ResultWriter": \#($0),"# } ?? ""
        let states = processor ?? #"{"P": {"Type": "Pass", "End": true}}"#
        return #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "L", "MaxConcurrency": \#(concurrency),
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                "Parameters": {"Bucket": "b", "Key": "k"}},
              \#(batcher) \#(resultWriter) \#(extra)
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "P", "States": \#(states)},
              "End": true}}}
            """#
    }

    static let compactWriter =
        #"{"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "rb", "Prefix": "out"}, "#
        + #""WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSONL"}}"#

    static func run(
        _ definition: String, reader: CountingReader, tally: Tally, store: MemoryResultWriter? = nil
    ) async throws -> ExecutionResult {
        var handlers = HandlerRegistry()
        handlers.itemReader = reader
        handlers.resultWriter = store
        var options = ExecutionOptions()
        options.mapRunProgress = { tally.progress($0) }
        return try await StatesRuntimeTests.run(definition, handlers: handlers, options: options)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var batch: Int?
        var concurrency: Int
        var writes: Bool
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "batches of 10, 2 workers, ResultWriter", batch: 10, concurrency: 2, writes: true),
        Case(name: "single items, 3 workers, ResultWriter", batch: nil, concurrency: 3, writes: true),
        Case(name: "batches of 7, 2 workers, output kept", batch: 7, concurrency: 2, writes: false),
    ]

    /// Reading never runs more than the workers and the reorder window ahead of the children that
    /// have ended, however many items there are; the results keep item order.
    @Test(arguments: cases) func readAheadIsBounded(_ c: Case) async throws {
        let count = 3_000
        let perChild = c.batch ?? 1
        let tally = Tally(itemsPerChild: perChild)
        let store = MemoryResultWriter()
        let result = try await Self.run(
            Self.definition(batch: c.batch, concurrency: c.concurrency, writer: c.writes ? Self.compactWriter : nil),
            reader: CountingReader(count: count, tally: tally), tally: tally, store: store)
        #expect(result.status == .succeeded)
        let workers = c.concurrency
        let window = c.writes ? ExecutionRunner.readAheadWindow(workers: workers) : 0
        // Children running, finished but not yet written, finished but not yet reported, the
        // inputs queued ahead of the workers (one over while the producer waits), and the batch
        // being filled.
        let queued = ExecutionRunner.queuedInputs(workers: workers)
        let bound = perChild * (window + 2 * workers + queued + 2)
        let seen = tally.state.withLock { $0 }
        #expect(seen.read == count)
        #expect(seen.maximumAhead <= bound, "read \(seen.maximumAhead) items ahead; bound \(bound)")
        #expect(bound < count / 4)
        var items: [JSON] = []
        if c.writes {
            let id = try #require(result.mapRuns.first?.mapRunArn.split(separator: ":").last)
            let text = try #require(
                store.text("rb/out/\(id)/SUCCEEDED_0.jsonl") ?? store.text("rb/out/\(id)/SUCCEEDED_0.json"))
            for line in text.split(separator: "\n") {
                let child = try json(String(line))
                items += c.batch == nil ? [child] : (child["Items"]?.arrayValue ?? [])
            }
        } else {
            for child in result.output?.arrayValue ?? [] { items += child["Items"]?.arrayValue ?? [] }
        }
        #expect(items == (0..<count).map { .number(JSONNumber($0)) })
        let last = try #require(seen.reports.last)
        #expect(last.finished && last.total == (count + perChild - 1) / perChild && last.counts.succeeded == last.total)
        #expect(last.items == count && last.itemTotal == count)
    }

    /// Progress: a first report before any child (the total of a reader's items is not known
    /// yet), one as each child ends, a last one when the run ends with its failures.
    @Test func progressReportsEachChildAndTheEnd() async throws {
        let tally = Tally(itemsPerChild: 1)
        let processor = #"""
            {"P": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "F"}], "Default": "S"},
             "F": {"Type": "Fail", "Error": "Three"}, "S": {"Type": "Succeed"}}
            """#
        let result = try await Self.run(
            Self.definition(
                batch: nil, concurrency: 1, writer: nil, processor: processor, extra: #""ToleratedFailureCount": 1,"#),
            reader: CountingReader(count: 5, tally: tally), tally: tally)
        #expect(result.status == .succeeded)
        let reports = tally.state.withLock { $0.reports }
        #expect(reports.count == 7)
        #expect(reports.first?.total == nil && reports.first?.done == 0)
        #expect(reports.dropFirst().prefix(5).map(\.done) == [1, 2, 3, 4, 5])
        #expect(reports.dropFirst().prefix(5).allSatisfy { !$0.finished })
        let last = try #require(reports.last)
        #expect(last.finished && last.total == 5 && last.done == 5 && last.failures == 1)
        #expect(last.items == 5 && last.itemTotal == 5)
        #expect(last.stateName == "M" && last.mapRunArn == result.mapRuns.first?.mapRunArn)
    }

    /// The reader's stream failing part way fails the map run (after MapRunStarted) with the
    /// reader's error.
    @Test func aStreamFailingPartWayFailsTheMapRun() async throws {
        let tally = Tally(itemsPerChild: 1)
        let result = try await Self.run(
            Self.definition(batch: nil, concurrency: 1, writer: nil),
            reader: CountingReader(count: 10, tally: tally, failAt: 4), tally: tally)
        #expect(result.status == .failed)
        #expect(result.error == "States.ItemReaderFailed" && result.cause == "Line 4 is broken")
        #expect(result.eventTypes.contains("MapRunStarted") && result.eventTypes.contains("MapRunFailed"))
        let summary = try #require(result.mapRuns.first)
        // The four items read before the failure either ran or were left PENDING (the reader
        // runs ahead of the children).
        #expect(summary.itemCounts.succeeded + summary.itemCounts.pending == 4 && summary.itemCounts.total == 4)
        #expect(summary.status == .failed)
    }

    /// A data set that cannot be opened fails the map run after `MapRunStarted`, as AWS records
    /// it (LocalStack recording `test_map_item_reader_base_csv_headers_duplicate`: `MapRunFailed`;
    /// SPEC-NOTES.md §17.1).
    @Test func aReaderThatCannotOpenFailsTheMapRun() async throws {
        let tally = Tally(itemsPerChild: 1)
        let result = try await Self.run(
            Self.definition(batch: 2, concurrency: 1, writer: nil),
            reader: CountingReader(count: 10, tally: tally, refusal: "CSV headers cannot contain duplicates."),
            tally: tally)
        #expect(result.error == "States.ItemReaderFailed" && result.cause == "CSV headers cannot contain duplicates.")
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed",
                "MapStateFailed", "ExecutionFailed",
            ])
        #expect(result.mapRuns.first?.itemCounts.total == 0)
    }

    /// An aborted run stops reading: the rest of the data set is not read to count it.
    @Test func anAbortedRunStopsReading() async throws {
        let tally = Tally(itemsPerChild: 1)
        let processor = #"""
            {"P": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:block", "End": true}}
            """#
        let (started, continuation) = AsyncStream<Void>.makeStream()
        var handlers = HandlerRegistry()
        handlers.itemReader = CountingReader(count: 100_000, tally: tally)
        handlers.register(
            ClosureTaskHandler { _ in
                continuation.yield()
                try await Task.sleep(nanoseconds: 3_600_000_000_000)
                return .null
            }, lambdaFunction: "block")
        var options = ExecutionOptions()
        options.clock = VirtualClock(start: testEpoch)
        options.executionName = "e"
        let definition = Self.definition(batch: nil, concurrency: 1, writer: nil, processor: processor)
        let executor = try Executor(machine: try machine(definition), handlers: handlers, options: options)
        let control = ExecutionControl()
        async let result = executor.run(input: [:], control: control)
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()
        control.abort()
        let ended = await result
        #expect(ended.status == .aborted)
        #expect(ended.mapRuns.first?.status == .aborted)
        let read = tally.state.withLock { $0.read }
        #expect(read < 100)
    }

    /// A `ToleratedFailurePercentage` needs the number of items: the reader is read once to
    /// count them (holding nothing), then again for the run.
    @Test(arguments: [(1, ExecutionStatus.succeeded), (2, .failed)])
    func percentageToleranceCountsTheReadersItems(failing: Int, status: ExecutionStatus) async throws {
        let tally = Tally(itemsPerChild: 1)
        let processor = #"""
            {"P": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericLessThan": \#(failing), "Next": "F"}],
                   "Default": "S"},
             "F": {"Type": "Fail", "Error": "Low"}, "S": {"Type": "Succeed"}}
            """#
        let reader = CountingReader(count: 10, tally: tally)
        let result = try await Self.run(
            Self.definition(
                batch: nil, concurrency: 1, writer: nil, processor: processor,
                extra: #""ToleratedFailurePercentage": 10,"#),
            reader: reader, tally: tally)
        #expect(result.status == status)
        #expect(reader.opened.next() == 2)
        if status == .failed { #expect(result.error == "States.ExceedToleratedFailureThreshold") }
    }
}
