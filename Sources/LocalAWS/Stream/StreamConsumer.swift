public import Foundation
import JSONCore
public import StatesRuntime

/// Where a consumer without a checkpoint starts reading a shard (Lambda's `StartingPosition`).
public enum StartingPosition: String, Sendable, Hashable, CaseIterable {
    /// The oldest record.
    case trimHorizon = "TRIM_HORIZON"
    /// After the newest record at the time the consumer is first created.
    case latest = "LATEST"
}

/// A Kinesis event source mapping, locally: reads each shard after its checkpoint in batches of
/// at most ``batchSize`` records, hands each batch to a function, and only when the function
/// returns records the batch's last sequence number as the shard's checkpoint (an atomic file
/// write, `<stream-dir>/checkpoints/<consumer>.json`).
///
/// The checkpoint file is written when ``checkpointInterval`` records have been delivered since
/// it was last written, when a ``drain()`` or ``poll()`` ends, when a delivery fails, and on
/// ``saveCheckpoint()``; not after every batch (a virtual clock drains before each of the
/// simulator's paced events, so that would be one file write per event). Before each write,
/// `beforeCheckpoint` makes what the function wrote durable. A process killed in between has its
/// last batches delivered again, which the idempotent ingest turns into the same objects.
///
/// Delivery is at least once: if the function fails or the process dies after the function
/// wrote part of a batch, the whole batch comes again next time. A function whose effect is
/// idempotent (the ingest function writes each record to a key derived from its shard and
/// sequence number) therefore produces every effect exactly once.
///
/// One logic, two drivers:
/// - Virtual time: the consumer is a ``StatesRuntime/ClockObserver``; before the clock jumps
///   (a Wait state, the simulator's pacing) it drains every record put so far, so the records
///   are delivered when the wait ends, as they would have been in real time.
/// - Real time: call ``poll()`` (one batch per shard) or ``drain()`` from a loop, e.g. every
///   200 ms.
///
/// Calls are serialized: a drain started while another runs waits for it.
///
/// Source: AWS Lambda developer guide, "Using AWS Lambda with Amazon Kinesis" (batching, "Lambda
/// processes records from each shard in order", retries of a failing batch, checkpointing).
public actor StreamConsumer: ClockObserver {
    /// The consumer's name (the function's name for an event source mapping).
    public nonisolated let name: String
    public nonisolated let stream: LocalStream
    /// The most records a batch holds (Lambda's `BatchSize`).
    public nonisolated let batchSize: Int
    /// Records delivered between two writes of the checkpoint file, at most.
    public nonisolated let checkpointInterval: Int

    private let deliver: @Sendable (StreamBatch) async throws -> Void
    private let reportError: @Sendable (String) -> Void
    private let reportProgress: ServiceProgress.Sink
    private let beforeCheckpoint: @Sendable () throws -> Void
    /// Records delivered since the checkpoint file was last written.
    private var unsavedRecords = 0
    /// Records delivered since the consumer was opened.
    private var deliveredRecords = 0
    /// `kinesis/<stream>/checkpoints/<name>.json`, relative to the data directory.
    private let checkpointPath: String
    private var checkpoints: [String?]
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// - Parameters:
    ///   - name: Names the checkpoint file; keep it stable across runs to resume.
    ///   - batchSize: At least 1.
    ///   - startingPosition: Used only when the consumer has no checkpoint yet.
    ///   - reportError: Receives the failures of drains started by the clock, which cannot throw.
    ///   - checkpointInterval: Records delivered between two checkpoint writes, at most.
    ///   - reportProgress: Receives the count delivered so far after each batch.
    ///   - beforeCheckpoint: Runs before each checkpoint write: makes the function's writes durable.
    ///   - deliver: The function; throwing leaves the checkpoint where it was.
    /// - Throws: ``StreamError`` when the checkpoint file is unreadable or names a record the
    ///   stream does not have.
    public init(
        name: String, stream: LocalStream, batchSize: Int = 100, startingPosition: StartingPosition = .trimHorizon,
        reportError: @escaping @Sendable (String) -> Void = { _ in }, checkpointInterval: Int = 1000,
        reportProgress: @escaping ServiceProgress.Sink = { _ in },
        beforeCheckpoint: @escaping @Sendable () throws -> Void = {},
        deliver: @escaping @Sendable (StreamBatch) async throws -> Void
    ) throws(StreamError) {
        let validName = name.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x5F
        }
        guard validName, (1...64).contains(name.utf8.count) else { throw StreamError(.invalidConsumerName(name)) }
        self.name = name
        self.stream = stream
        self.batchSize = max(1, batchSize)
        self.deliver = deliver
        self.reportError = reportError
        self.checkpointInterval = max(1, checkpointInterval)
        self.reportProgress = reportProgress
        self.beforeCheckpoint = beforeCheckpoint
        let directory = stream.relativeDirectory + "/checkpoints"
        checkpointPath = directory + "/" + name + ".json"
        let data = stream.dataDirectory
        var loaded: [String?] = Array(repeating: nil, count: stream.shardCount)
        do {
            try data.createDirectories(directory)
            if let bytes = try data.contents(of: checkpointPath) {
                // A checkpoint that cannot be read is refused, not ignored: ignoring it would deliver
                // every record of the stream to the function again.
                let fix = "delete the consumer's checkpoint file to read the shards from their start"
                let path = data.absolutePath(checkpointPath)
                guard let document = try? JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value,
                    case .object = document
                else {
                    throw StreamError(.damagedFile(path: path, reason: "not a JSON object", fix: fix))
                }
                for (index, shardID) in stream.shardIDs.enumerated() {
                    guard let value = document[shardID] else { continue }
                    guard let sequenceNumber = value.stringValue else {
                        throw StreamError(
                            .damagedFile(
                                path: path, reason: "\(shardID) is not a sequence number in a string", fix: fix))
                    }
                    guard let position = SequenceNumber.position(of: sequenceNumber, shard: index),
                        position <= stream.recordCount(inShard: index)
                    else {
                        throw StreamError(
                            .unknownCheckpoint(consumer: name, shardID: shardID, sequenceNumber: sequenceNumber))
                    }
                    loaded[index] = sequenceNumber
                }
            } else if startingPosition == .latest {
                for index in 0..<stream.shardCount {
                    let count = stream.recordCount(inShard: index)
                    loaded[index] = count == 0 ? nil : SequenceNumber.make(shard: index, position: count)
                }
                try Self.save(loaded, shardIDs: stream.shardIDs, to: checkpointPath, in: data)
            }
        } catch {
            throw StreamError.wrapping(error)
        }
        checkpoints = loaded
    }

    /// The checkpoint (last delivered sequence number) of each shard; `nil` for none yet.
    public var checkpointSequenceNumbers: [String?] { checkpoints }

    /// How many records wait to be delivered.
    public var pendingCount: Int {
        (0..<stream.shardCount).reduce(0) { total, shard in
            let done = checkpoints[shard].flatMap { SequenceNumber.position(of: $0, shard: shard) } ?? 0
            return total + stream.recordCount(inShard: shard) - done
        }
    }

    /// Delivers every record put so far, batch after batch, shard after shard.
    /// - Returns: How many records were delivered.
    /// - Throws: The function's error (the failing batch is delivered again next time), or a
    ///   ``StreamError`` when the checkpoint cannot be written.
    @discardableResult
    public func drain() async throws -> Int {
        try await exclusively { try await self.run(batchesPerShard: nil, savesAtEnd: true) }
    }

    /// Delivers at most one batch per shard: one step of a real-time polling loop.
    @discardableResult
    public func poll() async throws -> Int {
        try await exclusively { try await self.run(batchesPerShard: 1, savesAtEnd: true) }
    }

    /// Writes the checkpoint file now if records were delivered since it was last written (at
    /// the end of a run whose drains the clock started).
    public func saveCheckpoint() async throws {
        try await exclusively { if self.unsavedRecords > 0 { try self.writeCheckpoint() } }
    }

    /// Drains before a virtual clock jumps, so that what was put before the jump has been
    /// delivered when the wait ends; the checkpoint file waits for ``checkpointInterval``.
    /// Failures go to `reportError`.
    public func clockWillAdvance(from: Date, to: Date) async {
        do {
            _ = try await exclusively { try await self.run(batchesPerShard: nil, savesAtEnd: false) }
        } catch {
            reportError("stream consumer '\(name)' on \(stream.name): \(error)")
        }
    }

    private func run(batchesPerShard: Int?, savesAtEnd: Bool) async throws -> Int {
        var delivered = 0
        for shard in 0..<stream.shardCount {
            var batches = 0
            while batchesPerShard.map({ batches < $0 }) ?? true {
                let records = stream.records(inShard: shard, after: checkpoints[shard], limit: batchSize)
                guard let last = records.last else { break }
                do {
                    try await deliver(
                        StreamBatch(
                            streamName: stream.name, streamARN: stream.arn, shardID: LocalStream.shardID(shard),
                            records: records))
                } catch {
                    // Keep what the batches before this one achieved; this one comes again.
                    if unsavedRecords > 0 { try? writeCheckpoint() }
                    throw error
                }
                checkpoints[shard] = last.sequenceNumber
                unsavedRecords += records.count
                deliveredRecords += records.count
                delivered += records.count
                batches += 1
                reportProgress(
                    ServiceProgress(
                        source: name, kind: .recordsIngested(delivered: deliveredRecords, waiting: pendingCount)))
                if unsavedRecords >= checkpointInterval { try writeCheckpoint() }
            }
        }
        if savesAtEnd && unsavedRecords > 0 { try writeCheckpoint() }
        return delivered
    }

    /// Makes the deliveries durable, then writes the checkpoint file.
    private func writeCheckpoint() throws {
        try beforeCheckpoint()
        do {
            try Self.save(checkpoints, shardIDs: stream.shardIDs, to: checkpointPath, in: stream.dataDirectory)
        } catch {
            throw StreamError(error)
        }
        unsavedRecords = 0
    }

    private func exclusively<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        }
        busy = true
        defer {
            if waiters.isEmpty {
                busy = false
            } else {
                waiters.removeFirst().resume()
            }
        }
        return try await body()
    }

    private static func save(
        _ checkpoints: [String?], shardIDs: [String], to path: String, in data: DataDirectory
    ) throws(FileIOError) {
        var object = JSONObject()
        for (shardID, sequenceNumber) in zip(shardIDs, checkpoints) {
            if let sequenceNumber { object[shardID] = .string(sequenceNumber) }
        }
        try data.writeAtomically(Array((JSONWriter.pretty(.object(object)) + "\n").utf8), to: path)
    }
}
