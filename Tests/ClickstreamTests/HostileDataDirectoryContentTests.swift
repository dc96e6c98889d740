import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

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
}
