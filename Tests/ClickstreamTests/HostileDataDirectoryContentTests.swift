import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A data directory whose files were rewritten by someone else: what the stream keeps
/// (`stream.json`, checkpoints) must be refused when it cannot be read as what it should hold,
/// never silently replaced or ignored (SPEC-NOTES.md §12.5).
@Suite struct HostileDataDirectoryContentTests {
    static let folder = "kinesis/clickstream-data"

    static func write(_ text: String, to relative: String, in directory: TemporaryDirectory) throws {
        let path = directory.path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(filePath: path))
    }

    static let damagedStreamFiles: [String] = [
        "\u{0}\u{1}[[[",
        "[2]",
        #"{"StreamName": "clickstream-data"}"#,
        #"{"StreamName": "clickstream-data", "ShardCount": -1}"#,
        #"{"StreamName": "clickstream-data", "ShardCount": 100000000}"#,
        #"{"StreamName": "clickstream-data", "ShardCount": "2"}"#,
    ]

    /// A damaged `stream.json` used to be rewritten with the requested shard count: a 2-shard
    /// stream opened as 1 shard then left shard 1's records unread for good.
    @Test(arguments: damagedStreamFiles)
    func aDamagedStreamFileIsRefusedNotRewritten(_ content: String) async throws {
        try await TemporaryDirectory.with { directory in
            let two = try LocalStream.open(name: "clickstream-data", shardCount: 2, dataDirectory: directory.url)
            for key in ["a", "b", "c", "d", "e", "f"] {
                _ = try two.putRecord(data: Array(key.utf8), partitionKey: key, arrival: Date(timeIntervalSince1970: 0))
            }
            try Self.write(content, to: Self.folder + "/stream.json", in: directory)
            let error = #expect(throws: StreamError.self) {
                try LocalStream.open(name: "clickstream-data", shardCount: 1, dataDirectory: directory.url)
            }
            let message = error?.message ?? ""
            #expect(message.contains("stream.json is damaged"), "\(message)")
            #expect(message.contains("delete the stream's folder"), "\(message)")
            let kept = try String(contentsOfFile: directory.path + "/" + Self.folder + "/stream.json", encoding: .utf8)
            #expect(kept == content)
        }
    }

    static let damagedCheckpoints: [String] = [
        "[1,2",
        "null",
        #"{"shardId-000000000000": 5}"#,
        #"{"shardId-000000000000": ["49"]}"#,
    ]

    /// A damaged checkpoint used to be ignored: the consumer started over and delivered every
    /// record again.
    @Test(arguments: damagedCheckpoints)
    func aDamagedCheckpointIsRefusedNotIgnored(_ content: String) async throws {
        try await TemporaryDirectory.with { directory in
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            _ = try stream.putRecord(data: Array("x".utf8), partitionKey: "k", arrival: Date(timeIntervalSince1970: 0))
            try Self.write(content, to: Self.folder + "/checkpoints/ingest.json", in: directory)
            let error = #expect(throws: StreamError.self) {
                try StreamConsumer(name: "ingest", stream: stream) { _ in }
            }
            let message = error?.message ?? ""
            #expect(message.contains("checkpoints/ingest.json is damaged"), "\(message)")
            #expect(message.contains("delete the consumer's checkpoint file"), "\(message)")
        }
    }

    /// What stays accepted: a checkpoint naming shards the stream does not have (they are not
    /// read) and one without an entry for a shard (that shard starts from its starting position).
    @Test func aCheckpointWithOtherShardsOrNoneIsRead() async throws {
        try await TemporaryDirectory.with { directory in
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            _ = try stream.putRecord(data: Array("x".utf8), partitionKey: "k", arrival: Date(timeIntervalSince1970: 0))
            try Self.write(#"{"../x": 1}"#, to: Self.folder + "/checkpoints/ingest.json", in: directory)
            let consumer = try StreamConsumer(name: "ingest", stream: stream) { _ in }
            #expect(await consumer.checkpointSequenceNumbers == [nil])
        }
    }

    /// Creates `depth` nested folders named `d` below `path` (by descriptors: the path grows
    /// longer than `PATH_MAX`), with `leaf` as a file in the deepest one.
    static func nest(_ depth: Int, below path: String, leaf: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var folder = open(path, O_RDONLY | O_DIRECTORY)
        #expect(folder >= 0)
        for _ in 0..<depth {
            #expect(mkdirat(folder, "d", 0o755) == 0)
            let child = openat(folder, "d", O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = child
            guard folder >= 0 else { return }
        }
        let file = openat(folder, leaf, O_WRONLY | O_CREAT, 0o644)
        close(file)
        close(folder)
    }

    /// A planted tree 20,000 folders deep made the sweep that runs when the services open
    /// (`asl run`) recurse until the stack overflowed: a crash (SIGSEGV). The sweep walks
    /// without recursion now and stops at ``DataDirectory/sweepDepth``; a dead owner's staging
    /// folder holding such a tree is removed without recursion too.
    @Test func aTreeThousandsOfFoldersDeepIsSweptWithoutCrashing() async throws {
        try await TemporaryDirectory.with { directory in
            let dead = ProcessIdentity(
                pid: ProcessIdentity.current.pid, start: ProcessIdentity.current.start + 1,
                boot: ProcessIdentity.current.boot)
            try Self.nest(20_000, below: directory.path + "/athena/deep", leaf: ".asl-tmp-\(dead.token)-1f-x.json")
            let staging = "s3/.clickstream-processed.staging-\(dead.token)-0b1c"
            try Self.nest(5_000, below: directory.path + "/" + staging, leaf: "part-0.parquet")
            try Self.nest(10, below: directory.path + "/s3/b", leaf: ".asl-tmp-\(dead.token)-2f-y.json")
            let removed = DataDirectory(directory.url).removeDebris()
            #expect(removed.contains(staging))
            #expect(removed.contains("s3/b" + String(repeating: "/d", count: 10) + "/.asl-tmp-\(dead.token)-2f-y.json"))
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/" + staging))
        }
    }

    /// Two `asl run`s on one data directory both appended to the shard file, each numbering its
    /// records from its own view: 20,000 repeated sequence numbers, and the next run refused the
    /// damaged file. The stream's folder is locked while it is open: another process's lock
    /// (here another open description of the folder, as another process would hold) makes the
    /// open fail with a sentence; reopening in this process still shares the lock.
    @Test func aStreamOpenInAnotherProcessIsRefused() async throws {
        try await TemporaryDirectory.with { directory in
            let first = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            let again = try LocalStream.open(name: "clickstream-data", dataDirectory: directory.url)
            #expect(again.shardCount == first.shardCount)
            try FileManager.default.createDirectory(
                atPath: directory.path + "/kinesis/other", withIntermediateDirectories: true)
            let other = open(directory.path + "/kinesis/other", O_RDONLY | O_DIRECTORY)
            defer { close(other) }
            #expect(flock(other, LOCK_EX | LOCK_NB) == 0)
            let error = #expect(throws: StreamError.self) {
                try LocalStream.open(name: "other", dataDirectory: directory.url)
            }
            #expect(error?.message.contains("is open in another process") == true, "\(String(describing: error))")
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/kinesis/other/stream.json"))
        }
    }

    /// A file where the store's folder or a bucket's folder belongs was reported as the key's
    /// fault ("a part of this key is already an object"); it names the file now.
    @Test(arguments: ["s3", "s3/b-list"])
    func aFileWhereTheStoreOrABucketBelongsIsNamed(_ planted: String) async throws {
        try await TemporaryDirectory.with { directory in
            try Self.write("x", to: planted, in: directory)
            let store = ObjectStore(dataDirectory: directory.url)
            let error = #expect(throws: StorageError.self) {
                try store.put("{}", at: S3Location(parsing: "s3://b-list/2024/a.json"))
            }
            let message = error?.message ?? ""
            #expect(message.contains("/\(planted): it is a file, not a folder"), "\(message)")
            #expect(!message.contains("already an object"), "\(message)")
            #expect(try String(contentsOfFile: directory.path + "/" + planted, encoding: .utf8) == "x")
        }
    }
}
