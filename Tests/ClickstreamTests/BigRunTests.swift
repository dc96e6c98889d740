import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Synchronization
import Testing

@testable import Clickstream
@testable import LocalAWS

/// Issue 8 §4: counts beyond the old cap of 100,000, refusals as sentences, progress reports,
/// and the faster write path leaving the same data directory.
@Suite struct BigRunTests {
    /// Plenty of everything: nothing a test asks for is refused.
    static let roomy = MachineCapacity(
        freeBytes: 1 << 50, freeFiles: 1 << 40, blockSize: 4096, availableMemory: 1 << 50)

    static func read(_ payload: JSON, capacity: MachineCapacity = roomy) throws(SimulatorInputError)
        -> SimulatorInput
    {
        try SimulatorInput.read(
            payload, defaults: ClickstreamSimulator.Settings(), dataDirectory: "/data", capacity: { capacity })
    }

    // MARK: The cap is gone

    @Test(arguments: [100_001, 200_000, 5_000_000])
    func countsAboveTheOldCapAreAcceptedWhenTheMachineHoldsThem(_ count: Int) throws {
        let input = try Self.read(["RECORD_COUNT": .number(JSONNumber(count))])
        #expect(input.recordCount == count)
        #expect(input.eventsPerSecond == 1)
    }

    /// 200,000 events on a disk with 100 MB free: refused before any event is put, with the
    /// figures, the largest count that fits, and what to do.
    @Test func aCountTheDiskCannotHoldIsRefusedWithTheFigures() throws {
        let small = MachineCapacity(
            freeBytes: 100_000_000, freeFiles: 6_000_000, blockSize: 4096, availableMemory: 8_000_000_000)
        let fit = try #require(small.eventsThatFit(SimulatorInput.footprint))
        #expect(fit == 90_000_000 / (660 + 4096))
        do {
            _ = try Self.read(["RECORD_COUNT": 200_000], capacity: small)
            Issue.record("accepted 200000 events on a 100 MB disk")
        } catch {
            #expect(error.message.hasPrefix("RECORD_COUNT asks for 200000 events, more than this machine can hold"))
            #expect(error.message.contains("100.0 MB free on disk"))
            #expect(error.message.contains("room for 6,000,000 more files"))
            #expect(error.message.contains("4.8 KB of disk in the data directory (/data)"))
            #expect(error.message.contains("Ask for at most \(fit) events"))
            #expect(error.message.contains("--data-dir"))
        }
    }

    /// A configured `recordCount` too large for the machine is named as such (the payload gave none).
    @Test func aConfiguredCountTooLargeIsNamedAsTheConfigurations() throws {
        let small = MachineCapacity(freeBytes: 100_000_000, freeFiles: nil, availableMemory: nil)
        do {
            _ = try SimulatorInput.read(
                [:], defaults: ClickstreamSimulator.Settings(recordCount: 5_000_000), dataDirectory: "/data",
                capacity: { small })
            Issue.record("accepted 5,000,000 events on a 100 MB disk")
        } catch {
            #expect(
                error.message.hasPrefix(
                    "recordCount (the configuration's RECORD_COUNT) asks for 5000000 events, more than this machine "
                        + "can hold"), "\(error.message)")
        }
    }

    /// Memory and free files limit too; a figure the platform does not report limits nothing.
    @Test func theScarcestResourceDecides() {
        let footprint = SimulatorInput.footprint
        let fewFiles = MachineCapacity(freeBytes: 1 << 40, freeFiles: 1000, availableMemory: 1 << 40)
        #expect(fewFiles.eventsThatFit(footprint) == 900)
        let littleMemory = MachineCapacity(freeBytes: 1 << 40, freeFiles: nil, availableMemory: 2_000_000)
        #expect(littleMemory.eventsThatFit(footprint) == 900)
        #expect(MachineCapacity(freeBytes: nil, freeFiles: nil, availableMemory: nil).eventsThatFit(footprint) == nil)
    }

    @Test func theRealMachineIsMeasured() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capacity = MachineCapacity.measure(at: directory.path + "/not/yet/created")
        #expect((capacity.freeBytes ?? 0) > 0)
        #expect(capacity.blockSize > 0)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var payload: JSON
        var message: String
        var testDescription: String { JSONWriter.compact(payload) }
    }

    /// Every refused setting is one sentence: what was given, what is accepted, an example.
    static let refusals: [Refusal] = [
        Refusal(
            payload: ["RECORD_COUNT": "many"],
            message:
                #"RECORD_COUNT must be a number (or text holding one); got "many". Give e.g. {"RECORD_COUNT": 20}."#),
        Refusal(
            payload: ["RECORD_COUNT": true],
            message: #"RECORD_COUNT must be a number (or text holding one); got true. Give e.g. {"RECORD_COUNT": 20}."#),
        Refusal(
            payload: ["RECORD_COUNT": -1],
            message:
                #"RECORD_COUNT is the number of events to send, so it cannot be negative; got -1. Give 0 or more, e.g. {"RECORD_COUNT": 20}."#
        ),
        Refusal(
            payload: ["RECORD_COUNT": 1.5],
            message:
                #"RECORD_COUNT is a number of events, so it must be a whole number; got 1.5. Give e.g. {"RECORD_COUNT": 1}."#
        ),
        Refusal(
            payload: ["RECORD_COUNT": 1e300],
            message: "RECORD_COUNT asks for 1e+300 events, more than this machine can hold"),
        Refusal(
            payload: ["EVENTS_PER_SECOND": 0],
            message:
                "EVENTS_PER_SECOND is the pace of the events on the execution clock and must be from 0.001 (one event "
                + "every 1,000 seconds) to 1000 (one a millisecond); got 0."),
        Refusal(
            payload: ["EVENTS_PER_SECOND": ""],
            message:
                #"EVENTS_PER_SECOND must be a number (or text holding one); got "". Give e.g. {"EVENTS_PER_SECOND": 10}."#
        ),
    ]

    @Test(arguments: refusals)
    func refusedSettingsAreSentences(_ c: Refusal) throws {
        let bounded = MachineCapacity(
            freeBytes: 1_000_000_000_000, freeFiles: 1_000_000_000, availableMemory: 100_000_000_000)
        do {
            _ = try Self.read(c.payload, capacity: bounded)
            Issue.record("accepted \(JSONWriter.compact(c.payload))")
        } catch {
            #expect(error.message.hasPrefix(c.message), "\(error.message)")
        }
    }

    /// The Task sees a Python Lambda's ValueError whose message is that sentence.
    @Test func theTaskSeesAValueErrorWithTheSentence() async throws {
        try await TemporaryDirectory.with { directory in
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let tiny = MachineCapacity(freeBytes: 1_000_000, freeFiles: 100, availableMemory: 1 << 30)
            let simulator = ClickstreamSimulator(stream: stream, seed: 1, capacity: { tiny })
            let clock = VirtualClock(start: SimulatorTests.start)
            do {
                _ = try await simulator.handle(SimulatorTests.request(["RECORD_COUNT": 200_000], clock: clock))
                Issue.record("accepted")
            } catch let error as StatesError {
                #expect(error.name == "ValueError")
                let cause = try JSONReader.read(error.cause ?? "").value
                #expect(cause["errorType"] == "ValueError")
                let message = try #require(cause["errorMessage"]?.stringValue)
                #expect(message.hasPrefix("RECORD_COUNT asks for 200000 events, more than this machine can hold"))
                #expect(message.contains("Ask for at most 90 events"))
                #expect(message.contains("in the data directory (\(directory.path)) "))
            }
            #expect(stream.recordCount(inShard: 0) == 0)
        }
    }

    // MARK: Progress

    /// The simulator reports after each event; the consumer after each batch; the ETL after each
    /// batch of rows.
    @Test func theServicesReportProgressThroughTheSink() async throws {
        try await TemporaryDirectory.with { directory in
            let reports = Mutex<[ServiceProgress]>([])
            let sink: ServiceProgress.Sink = { progress in reports.withLock { $0.append(progress) } }
            let store = ObjectStore(dataDirectory: directory.url)
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            let consumer = try StreamConsumer(
                name: "clickstream-ingest", stream: stream, batchSize: 2, reportProgress: sink
            ) { batch in
                try ingest.ingest(
                    batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "i"), durable: false)
            }
            let clock = VirtualClock(start: SimulatorTests.start)
            let simulator = ClickstreamSimulator(stream: stream, seed: 3, progress: sink)
            _ = try await simulator.handle(SimulatorTests.request(["RECORD_COUNT": 5], clock: clock))
            try await consumer.drain()
            let spec = ETLJobSpec(
                inputDirectory: try store.directoryURL(for: S3Location(parsing: "s3://clickstream-raw/")),
                outputDirectory: try store.directoryURL(
                    for: S3Location(parsing: "s3://clickstream-processed/"), create: true))
            let rows = Mutex<[Int]>([])
            _ = try ClickstreamETL.run(spec) { written, files in
                #expect(files == 5)
                rows.withLock { $0.append(written) }
            }

            let kinds = reports.withLock { $0 }.map(\.kind)
            #expect(
                kinds == (0...5).map { .eventsSimulated(sent: $0, total: 5) } + [
                    .recordsIngested(delivered: 2, waiting: 3), .recordsIngested(delivered: 4, waiting: 1),
                    .recordsIngested(delivered: 5, waiting: 0),
                ])
            #expect(reports.withLock { $0 }.first?.source == "clickstream-simulator")
            #expect(reports.withLock { $0 }.last?.source == "clickstream-ingest")
            #expect(rows.withLock { $0 }.first == 0)
            #expect(rows.withLock { $0 }.last == 5)
            #expect(
                ServiceProgress(source: "s", kind: .eventsSimulated(sent: 1200, total: 200_000)).text
                    == "1,200 of 200,000 events simulated")
        }
    }

    // MARK: Checkpoints

    /// Drains started by clock jumps write the checkpoint file every `checkpointInterval`
    /// records, not after every batch; an explicit save brings it up to date.
    @Test func clockDrivenDrainsWriteTheCheckpointEveryIntervalRecords() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            let syncs = Mutex(0)
            let consumer = try StreamConsumer(
                name: "clickstream-ingest", stream: stream, batchSize: 100, checkpointInterval: 3,
                beforeCheckpoint: { syncs.withLock { $0 += 1 } }
            ) { batch in
                try ingest.ingest(
                    batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "i"), durable: false)
            }
            let clock = VirtualClock(start: SimulatorTests.start, observers: [consumer])
            let checkpointFile = stream.directory.appending(path: "checkpoints/clickstream-ingest.json")
            func saved() -> String? {
                (try? JSONReader.read(Array(Data(contentsOf: checkpointFile))).value)?["shardId-000000000000"]?
                    .stringValue
            }
            var savedAfterEachJump: [String?] = []
            for n in 0..<7 {
                _ = try stream.putRecord(data: StreamFixtures.event(n), partitionKey: "u\(n)", arrival: clock.now())
                try await clock.sleep(seconds: 1)  // the simulator's pacing: one record per drain
                savedAfterEachJump.append(saved())
            }
            let position = { (n: Int) in SequenceNumber.make(shard: 0, position: n) }
            #expect(savedAfterEachJump == [nil, nil, position(3), position(3), position(3), position(6), position(6)])
            #expect(syncs.withLock { $0 } == 2)
            try await consumer.saveCheckpoint()
            #expect(saved() == position(7))
            #expect(syncs.withLock { $0 } == 3)
            try await consumer.saveCheckpoint()  // nothing new: no write, no sync
            #expect(syncs.withLock { $0 } == 3)
        }
    }

    /// A process killed between two checkpoint writes has its last records delivered again by
    /// the next one: the same keys, the same bytes, nothing lost or doubled.
    @Test func redeliveryAfterALostCheckpointWritesTheSameObjects() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            do {
                let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
                let consumer = try StreamConsumer(
                    name: "clickstream-ingest", stream: stream, batchSize: 2, checkpointInterval: 4
                ) { batch in
                    try ingest.ingest(
                        batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "i"),
                        durable: false)
                }
                let clock = VirtualClock(start: SimulatorTests.start, observers: [consumer])
                for n in 0..<7 {
                    _ = try stream.putRecord(data: StreamFixtures.event(n), partitionKey: "u\(n)", arrival: clock.now())
                }
                try await clock.sleep(seconds: 20)
                #expect(try StreamFixtures.rawObjects(store).count == 7)
                // "Killed" here: the consumer is dropped without saving its last 3 records' checkpoint.
            }
            let before = try StreamFixtures.rawObjects(store)
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let restarted = try StreamConsumer(name: "clickstream-ingest", stream: stream, batchSize: 2) { batch in
                try ingest.ingest(
                    batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "i"))
            }
            #expect(await restarted.pendingCount == 3)
            #expect(try await restarted.drain() == 3)
            #expect(try StreamFixtures.rawObjects(store) == before)
        }
    }

    // MARK: The same data directory

    /// The pipeline's first two states through the fast path (no fsync per object, checkpoints
    /// every 1,000 records, the shard synced once) and through the old one (every write synced,
    /// a checkpoint per batch) leave the same files with the same bytes.
    @Test func theFastPathWritesTheSameDataDirectoryAsTheDurableOne() async throws {
        let fast = try await Self.pipelineTree(durableEachWrite: false)
        let durable = try await Self.pipelineTree(durableEachWrite: true)
        #expect(fast.count == 250 + 2 + 1)  // objects, stream.json and shard, the checkpoint
        #expect(fast.keys.sorted() == durable.keys.sorted())
        #expect(fast == durable)
        #expect(!fast.keys.contains { $0.contains(".asl-tmp-") })
    }

    /// Every file under a data directory after simulating 250 events and ingesting them, by
    /// relative path, with its bytes.
    static func pipelineTree(durableEachWrite: Bool) async throws -> [String: [UInt8]] {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
            let sync: @Sendable () throws -> Void = { if !durableEachWrite { try store.sync() } }
            let consumer = try StreamConsumer(
                name: "clickstream-ingest", stream: stream, batchSize: 100,
                checkpointInterval: durableEachWrite ? 1 : 1000, beforeCheckpoint: sync
            ) { batch in
                try ingest.ingest(
                    batch.lambdaEvent(region: "us-east-1", account: "123456789012", functionName: "i"),
                    durable: durableEachWrite)
            }
            let clock = VirtualClock(start: SimulatorTests.start, observers: [consumer])
            let simulator = ClickstreamSimulator(stream: stream, seed: 11)
            _ = try await simulator.handle(
                SimulatorTests.request(["RECORD_COUNT": 250, "EVENTS_PER_SECOND": 10], clock: clock))
            try await clock.sleep(seconds: 20)
            try await consumer.saveCheckpoint()
            var files: [String: [UInt8]] = [:]
            let root = directory.path
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let relative = enumerator?.nextObject() as? String {
                let path = root + "/" + relative
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[relative] = Array(try Data(contentsOf: URL(filePath: path)))
                }
            }
            return files
        }
    }
}

/// The configuration's `recordCount` has no ceiling of 100,000 any more.
@Suite struct RecordCountConfigurationTests {
    static func parse(_ count: String) throws(RunConfigurationError) -> RunConfiguration {
        let text =
            #"{"streams": {"s": {}}, "functions": {"f": {"handler": "simulator", "stream": "s", "recordCount": "#
            + count + "}}}"
        return try RunConfiguration.parse(
            Array(text.utf8), path: "asl.config.json", baseDirectory: URL(filePath: "/nowhere"), plugins: .clickstream)
    }

    @Test(arguments: ["0", "100001", "200000", "9007199254740992"])
    func largeCountsAreAccepted(_ count: String) throws {
        let config = try Self.parse(count)
        guard case .registered(let function)? = config.functions.first,
            let simulator = SimulatorFunctionConfig(function)
        else {
            Issue.record("no simulator")
            return
        }
        #expect(String(simulator.recordCount) == count)
    }

    @Test(arguments: ["-1", "1.5", "9007199254740993", "\"many\""])
    func otherValuesAreRefusedWithTheirPointer(_ count: String) {
        do {
            _ = try Self.parse(count)
            Issue.record("accepted recordCount \(count)")
        } catch {
            #expect(error.message.contains("'recordCount' must be a whole number from 0 to 9007199254740992"))
            #expect(error.pointer.description == "/functions/f/recordCount")
        }
    }
}

/// Stream records and raw objects, as the LocalAWS stream tests make them.
enum StreamFixtures {
    static func event(_ n: Int, day: Int = 5) -> [UInt8] {
        Array(#"{"user_id":"u\#(1000 + n)","event_time":"2024-01-0\#(day)T12:00:\#(10 + n).000001","n":\#(n)}"#.utf8)
    }

    /// Every object of the raw bucket, by key, with its data.
    static func rawObjects(_ store: ObjectStore) throws -> [String: String] {
        var result: [String: String] = [:]
        for object in try store.list(under: S3Location(parsing: "s3://clickstream-raw/")) {
            result[object.location.key] = String(decoding: try store.read(object.location), as: UTF8.self)
        }
        return result
    }
}
