public import Foundation
public import JSONCore
import Synchronization

/// A durable local Kinesis data stream.
///
/// Lives in `<data-dir>/kinesis/<stream-name>/`: `stream.json` (name, ARN, shard count) and one
/// append-only JSON Lines file per shard, `shardId-000000000000.jsonl`, one record per line
/// (``StreamRecord``). A put appends the whole line with one `write` on an `O_APPEND` descriptor and
/// `fsync`s before it returns, so an acknowledged record survives a crash. Opening the stream
/// again reads the files back, continues the sequence numbers, and cuts off a torn last line (a
/// crash during a write) — the put that wrote it never returned, so nothing acknowledged is lost.
///
///     let stream = try LocalStream.open(name: "clickstream-data", shardCount: 1, dataDirectory: dir)
///     let put = try stream.putRecord(data: bytes, partitionKey: "u1234", arrival: clock.now())
///     put.shardID          // "shardId-000000000000"
///     put.sequenceNumber   // "49000000000000000000000000000000000000000000000000000001"
///     stream.records(inShard: 0, after: nil, limit: 100)
///
/// Partition keys map to shards as in Kinesis (``HashKeyRange``).
public final class LocalStream: Sendable {
    /// The most shards a local stream may have.
    public static let maximumShardCount = 64

    public let name: String
    /// `arn:aws:kinesis:<region>:<account>:stream/<name>`.
    public let arn: String
    public let shardCount: Int
    /// `<data-dir>/kinesis/<name>`.
    public let directory: URL
    /// The data directory, through which every file of the stream is reached.
    package let dataDirectory: DataDirectory
    /// `kinesis/<name>`, relative to the data directory.
    package let relativeDirectory: String

    private let shards: Mutex<[[StreamRecord]]>
    /// The stream's folder, locked (`flock`) while the stream is open: the records are numbered
    /// from this process's view of the shard files, so a second process appending to them would
    /// repeat sequence numbers (two `asl run`s on one data directory damaged the shard files).
    private let lock: DirectoryHandle

    private init(
        name: String, arn: String, shardCount: Int, dataDirectory: DataDirectory, records: [[StreamRecord]],
        lock: DirectoryHandle
    ) {
        self.lock = lock
        self.name = name
        self.arn = arn
        self.shardCount = shardCount
        self.dataDirectory = dataDirectory
        relativeDirectory = "kinesis/" + name
        directory = URL(filePath: dataDirectory.absolutePath(relativeDirectory), directoryHint: .isDirectory)
        shards = Mutex(records)
    }

    /// Opens the stream, creating it with `shardCount` shards when it does not exist yet.
    /// - Throws: ``StreamError`` for an invalid name or count, a stream that exists with another
    ///   shard count, a damaged shard file, or a file error.
    public static func open(
        name: String, shardCount: Int = 1, dataDirectory: URL, region: String = "us-east-1",
        account: String = "123456789012"
    ) throws(StreamError) -> LocalStream {
        guard AWSNames.streamNameProblem(name) == nil else { throw StreamError(.invalidStreamName(name)) }
        guard (1...maximumShardCount).contains(shardCount) else { throw StreamError(.invalidShardCount(shardCount)) }
        let data = DataDirectory(dataDirectory)
        let relative = "kinesis/" + name
        let directoryPath = data.absolutePath(relative)
        let arn = "arn:aws:kinesis:\(region):\(account):stream/\(name)"
        let lock: DirectoryHandle
        do {
            try data.createDirectories(relative)
            guard let folder = try data.directory(relative, create: false), let locked = folder.processLock() else {
                throw StreamError(.inUse(directory: directoryPath))
            }
            lock = locked
            if let bytes = try data.contents(of: relative + "/stream.json") {
                let count = try Self.shardCount(in: bytes, path: directoryPath + "/stream.json")
                guard count == shardCount else {
                    throw StreamError(
                        .shardCountMismatch(onDisk: count, requested: shardCount, directory: directoryPath))
                }
            } else {
                let metadata: JSON = [
                    "StreamName": .string(name), "StreamARN": .string(arn),
                    "ShardCount": .number(JSONNumber(shardCount)),
                ]
                try data.writeAtomically(
                    Array((JSONWriter.pretty(metadata) + "\n").utf8), to: relative + "/stream.json")
            }
        } catch {
            throw StreamError.wrapping(error)
        }
        var records: [[StreamRecord]] = []
        for index in 0..<shardCount {
            records.append(try loadShard(data, relative + "/" + shardID(index) + ".jsonl", shard: index))
        }
        return LocalStream(
            name: name, arn: arn, shardCount: shardCount, dataDirectory: data, records: records, lock: lock)
    }

    /// The shard count an existing `stream.json` records. A file that does not say it (not JSON,
    /// no `ShardCount`, a count no local stream has) is refused rather than rewritten: writing the
    /// requested count over it could leave shard files, and their records, unread.
    static func shardCount(in bytes: [UInt8], path: String) throws(StreamError) -> Int {
        let fix =
            "restore it ({\"StreamName\": …, \"ShardCount\": <1 to \(maximumShardCount)>}) or delete the "
            + "stream's folder to start the stream afresh"
        guard let document = try? JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value,
            case .object = document
        else {
            throw StreamError(.damagedFile(path: path, reason: "not a JSON object", fix: fix))
        }
        guard let count = document["ShardCount"]?.numberValue?.int64Value,
            (1...Int64(maximumShardCount)).contains(count)
        else {
            throw StreamError(
                .damagedFile(
                    path: path, reason: "no ShardCount from 1 to \(maximumShardCount)", fix: fix))
        }
        return Int(count)
    }

    /// `shardId-000000000000` for shard 0, as Kinesis names a new stream's shards.
    public static func shardID(_ index: Int) -> String { "shardId-" + UTCTimestamp.pad(index, 12) }

    /// The shard ids, in order.
    public var shardIDs: [String] { (0..<shardCount).map(Self.shardID) }

    /// Each shard's hash key range.
    public var hashKeyRanges: [HashKeyRange] { HashKeyRange.ranges(shardCount: shardCount) }

    /// The shard a partition key goes to.
    public func shardIndex(forPartitionKey key: String) -> Int {
        HashKeyRange.shardIndex(forHashKey: HashKeyRange.hashKey(forPartitionKey: key), shardCount: shardCount)
    }

    /// `PutRecord`: appends one record durably.
    /// - Parameters:
    ///   - explicitHashKey: A decimal hash key that overrides the partition key's MD5.
    ///   - arrival: The time to record as `ApproximateArrivalTimestamp` (the execution clock's now).
    ///   - durable: `false` skips the `fsync` of this put, for a writer that puts many records and
    ///     calls ``sync()`` once before it reports success (the write itself is the same).
    /// - Throws: ``StreamError`` for an invalid key or data, or a file error.
    public func putRecord(
        data: [UInt8], partitionKey: String, explicitHashKey: String? = nil, arrival: Date, durable: Bool = true
    ) throws(StreamError) -> PutRecordResult {
        try putRecords(
            [PutRecordsEntry(data: data, partitionKey: partitionKey, explicitHashKey: explicitHashKey)],
            arrival: arrival, durable: durable)[0]
    }

    /// `PutRecords`: appends the records in order. Every entry is checked before any is written.
    public func putRecords(
        _ entries: [PutRecordsEntry], arrival: Date, durable: Bool = true
    ) throws(StreamError) -> [PutRecordResult] {
        var targets: [Int] = []
        for entry in entries {
            guard (1...256).contains(entry.partitionKey.count) else {
                throw StreamError(.invalidPartitionKey(entry.partitionKey))
            }
            guard entry.data.count <= 1_048_576 else { throw StreamError(.dataTooLarge(bytes: entry.data.count)) }
            if let explicit = entry.explicitHashKey {
                guard let hashKey = UInt128(explicit, radix: 10), explicit.allSatisfy(\.isASCII) else {
                    throw StreamError(.invalidExplicitHashKey(explicit))
                }
                targets.append(HashKeyRange.shardIndex(forHashKey: hashKey, shardCount: shardCount))
            } else {
                targets.append(shardIndex(forPartitionKey: entry.partitionKey))
            }
        }
        let arrivalMillis = Date(timeIntervalSince1970: Double(arrival.epochMilliseconds) / 1000)
        return try shards.withLock { (shards: inout [[StreamRecord]]) throws(StreamError) -> [PutRecordResult] in
            var results: [PutRecordResult] = []
            for (entry, shard) in zip(entries, targets) {
                let record = StreamRecord(
                    sequenceNumber: SequenceNumber.make(shard: shard, position: shards[shard].count + 1),
                    partitionKey: entry.partitionKey, data: entry.data, approximateArrivalTimestamp: arrivalMillis)
                let line = JSONWriter.compactBytes(record.line) + [0x0A]
                do throws(FileIOError) {
                    try dataDirectory.append(
                        line, to: relativeDirectory + "/" + Self.shardID(shard) + ".jsonl", sync: durable)
                } catch {
                    throw StreamError(error)
                }
                shards[shard].append(record)
                results.append(PutRecordResult(shardID: Self.shardID(shard), sequenceNumber: record.sequenceNumber))
            }
            return results
        }
    }

    /// Up to `limit` records of a shard after the given sequence number (from the start when
    /// `nil`), oldest first.
    public func records(inShard shard: Int, after sequenceNumber: String?, limit: Int) -> [StreamRecord] {
        let start = sequenceNumber.flatMap { SequenceNumber.position(of: $0, shard: shard) } ?? 0
        return shards.withLock { shards in
            guard shards.indices.contains(shard), start < shards[shard].count else { return [] }
            return Array(shards[shard][start..<min(shards[shard].count, start + max(0, limit))])
        }
    }

    /// How many records a shard holds.
    public func recordCount(inShard shard: Int) -> Int {
        shards.withLock { shards in shards.indices.contains(shard) ? shards[shard].count : 0 }
    }

    /// Reads a shard file, cutting off a torn last line.
    private static func loadShard(_ data: DataDirectory, _ relative: String, shard: Int) throws(StreamError)
        -> [StreamRecord]
    {
        let path = data.absolutePath(relative)
        let bytes: [UInt8]
        do {
            guard let contents = try data.contents(of: relative) else { return [] }
            bytes = contents
        } catch {
            throw StreamError(error)
        }
        var records: [StreamRecord] = []
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let newline = bytes[lineStart...].firstIndex(of: 0x0A)
            let lineEnd = newline ?? bytes.count
            let line = Array(bytes[lineStart..<lineEnd])
            let parsed = (try? JSONReader.read(line, options: .init(recordsSourceMap: false))).flatMap {
                StreamRecord(line: $0.value)
            }
            let expected = SequenceNumber.make(shard: shard, position: records.count + 1)
            if let parsed, parsed.sequenceNumber == expected, newline != nil {
                records.append(parsed)
                lineStart = lineEnd + 1
                continue
            }
            guard newline == nil || lineEnd + 1 == bytes.count else {
                let reason = parsed == nil ? "not a stream record" : "sequence number is not \(expected)"
                throw StreamError(.corruptShardFile(path: path, line: lineNumber, reason: reason))
            }
            // The last line is torn (no newline, or unreadable): a put that never returned.
            do {
                try data.truncate(relative, to: lineStart)
            } catch {
                throw StreamError(error)
            }
            break
        }
        return records
    }
}

/// One entry of ``LocalStream/putRecords(_:arrival:)``.
public struct PutRecordsEntry: Sendable, Hashable {
    public var data: [UInt8]
    public var partitionKey: String
    public var explicitHashKey: String?

    public init(data: [UInt8], partitionKey: String, explicitHashKey: String? = nil) {
        self.data = data
        self.partitionKey = partitionKey
        self.explicitHashKey = explicitHashKey
    }
}

/// Where a put record went.
public struct PutRecordResult: Sendable, Hashable {
    public let shardID: String
    public let sequenceNumber: String

    /// The `PutRecord` response: `{"ShardId": …, "SequenceNumber": …, "EncryptionType": "NONE"}`
    /// (Kinesis API reference, `PutRecord` response elements).
    public var json: JSON {
        ["ShardId": .string(shardID), "SequenceNumber": .string(sequenceNumber), "EncryptionType": "NONE"]
    }

    /// The `PutRecords` response for `results`: `{"FailedRecordCount": 0, "Records": [{"SequenceNumber",
    /// "ShardId"}…], "EncryptionType": "NONE"}` (Kinesis API reference, `PutRecords`).
    public static func putRecordsResponse(_ results: [PutRecordResult]) -> JSON {
        [
            "FailedRecordCount": 0,
            "Records": .array(
                results.map { ["SequenceNumber": .string($0.sequenceNumber), "ShardId": .string($0.shardID)] }),
            "EncryptionType": "NONE",
        ]
    }
}
