/// Why a stream operation failed. Kinesis API errors carry the name Kinesis gives them
/// (``awsErrorName``) so a task can report them as Step Functions would.
public struct StreamError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The stream name breaks Kinesis's rules (1–128 of `a-zA-Z0-9_.-`).
        case invalidStreamName(String)
        /// A consumer name that cannot name a checkpoint file (use Lambda function name characters).
        case invalidConsumerName(String)
        /// The shard count is not between 1 and the local limit.
        case invalidShardCount(Int)
        /// The partition key is empty or longer than 256 characters.
        case invalidPartitionKey(String)
        /// `ExplicitHashKey` is not a decimal number in 0 ... 2^128 - 1.
        case invalidExplicitHashKey(String)
        /// The data blob is larger than 1 MiB.
        case dataTooLarge(bytes: Int)
        /// The stream folder was created with another shard count.
        case shardCountMismatch(onDisk: Int, requested: Int, directory: String)
        /// A shard file has a damaged record before its last line (only the last line can be torn
        /// by a crash; that one is cut off when the stream is opened).
        case corruptShardFile(path: String, line: Int, reason: String)
        /// A file the stream keeps (`stream.json`, a checkpoint) cannot be read as what it should
        /// hold: the stream refuses to guess (a rewritten `stream.json` could drop shards, an ignored
        /// checkpoint would deliver every record again). `fix` says what the user can do.
        case damagedFile(path: String, reason: String, fix: String)
        /// Another process (another `asl run` on the same data directory) has the stream open.
        case inUse(directory: String)
        /// A checkpoint names a sequence number the shard does not have.
        case unknownCheckpoint(consumer: String, shardID: String, sequenceNumber: String)
        /// A file operation failed.
        case io(String)
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    init(_ error: FileIOError) { kind = .io(error.description) }

    /// The error name Kinesis returns for this problem, when it is an API error.
    public var awsErrorName: String {
        switch kind {
        case .invalidStreamName, .invalidConsumerName, .invalidShardCount, .invalidPartitionKey,
            .invalidExplicitHashKey, .dataTooLarge:
            "InvalidArgumentException"
        case .shardCountMismatch, .corruptShardFile, .damagedFile, .inUse, .unknownCheckpoint, .io:
            "InternalFailure"
        }
    }

    public var message: String {
        switch kind {
        case .invalidStreamName(let name):
            "invalid stream name '\(name)': use 1 to 128 letters, digits, '_', '.' and '-'"
        case .invalidConsumerName(let name):
            "invalid consumer name '\(name)': use 1 to 64 letters, digits, '-' and '_'"
        case .invalidShardCount(let count):
            "invalid shard count \(count): a local stream has 1 to \(LocalStream.maximumShardCount) shards"
        case .invalidPartitionKey(let key):
            "invalid partition key '\(key.prefix(40))': a partition key has 1 to 256 characters"
        case .invalidExplicitHashKey(let key):
            "invalid ExplicitHashKey '\(key)': write a decimal number from 0 to 2^128 - 1"
        case .dataTooLarge(let bytes):
            "record data is \(bytes) bytes; a Kinesis record holds at most 1048576 bytes"
        case .shardCountMismatch(let onDisk, let requested, let directory):
            "the stream in \(directory) has \(onDisk) shard(s) but \(requested) were asked for; "
                + "set the shard count back to \(onDisk), or delete that folder to start the stream afresh"
        case .corruptShardFile(let path, let line, let reason):
            "\(path):\(line): damaged stream record (\(reason)); only a torn last record is repaired automatically"
        case .damagedFile(let path, let reason, let fix):
            "\(path) is damaged (\(reason)); \(fix)"
        case .inUse(let directory):
            "the stream in \(directory) is open in another process (another run on the same data directory); "
                + "two processes appending to one stream would give their records the same sequence numbers: "
                + "wait for that run to end, or give this one another data directory"
        case .unknownCheckpoint(let consumer, let shardID, let sequenceNumber):
            "the checkpoint of consumer '\(consumer)' for \(shardID) is \(sequenceNumber), which that shard "
                + "does not have; delete the consumer's checkpoint file to read the shard from its start"
        case .io(let detail):
            detail
        }
    }

    public var description: String { message }
}

extension StreamError {
    /// Any error met while opening or saving a stream's files, as a stream error: a stream
    /// error as it is, a file error by its operation and path, anything else as I/O.
    static func wrapping(_ error: any Error) -> StreamError {
        switch error {
        case let error as StreamError: error
        case let error as FileIOError: StreamError(error)
        default: StreamError(.io("\(error)"))
        }
    }
}
