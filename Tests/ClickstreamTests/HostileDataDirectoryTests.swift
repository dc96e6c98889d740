import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Synchronization
import Testing

@testable import Clickstream
@testable import LocalAWS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A data directory prepared by someone else: symbolic links planted where the services read
/// and write, leading to a folder outside. Every service must refuse them (an error naming the
/// link) and leave the outside untouched (SPEC-NOTES.md §12.2).
@Suite struct HostileDataDirectoryTests {
    static let topicARN = "arn:aws:sns:us-east-1:123456789012:clickstream-success"

    /// A data directory and a folder outside it holding `victim.txt` ("precious\n").
    struct Scene {
        let data: TemporaryDirectory
        let outside: TemporaryDirectory

        init() throws {
            data = try TemporaryDirectory()
            outside = try TemporaryDirectory()
            try Data("precious\n".utf8).write(to: outside.url.appending(path: "victim.txt"))
        }

        var victim: String { outside.path + "/victim.txt" }

        /// Plants `<data>/<relative>` → `target` (default: the outside folder).
        func link(_ relative: String, to target: String? = nil) throws {
            let path = data.path + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target ?? outside.path)
        }

        /// The outside folder holds only the victim, unchanged.
        func outsideIsUntouched(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: outside.path)) ?? []
            #expect(names == ["victim.txt"], "written outside: \(names)", sourceLocation: sourceLocation)
            let text = (try? String(contentsOfFile: victim, encoding: .utf8)) ?? ""
            #expect(text == "precious\n", sourceLocation: sourceLocation)
        }

        func remove() {
            data.remove()
            outside.remove()
        }
    }

    static func scene<T>(_ body: (Scene) async throws -> T) async throws -> T {
        let scene = try Scene()
        defer { scene.remove() }
        return try await body(scene)
    }

    static func publish(_ scene: Scene, subscriptions: [SNSSubscription]) async -> (Result<JSON, any Error>, [String]) {
        let warnings = CollectedWarnings()
        let handler = SNSPublishHandler(
            topics: [SNSTopic(arn: topicARN, subscriptions: subscriptions)], dataDirectory: scene.data.url,
            sinks: warnings.sinks, seed: 1)
        let result: Result<JSON, any Error>
        do {
            result = .success(
                try await handler.handle(
                    TaskRequest(
                        resource: TaskResource("arn:aws:states:::sns:publish"), stateName: "NotifySuccess",
                        parameters: ["TopicArn": .string(topicARN), "Message": "hello"],
                        context: ["Execution": ["Id": "exec-1"], "State": ["Name": "NotifySuccess", "RetryCount": 0]],
                        clock: VirtualClock(start: Date(timeIntervalSince1970: 1_704_456_020)))))
        } catch {
            result = .failure(error)
        }
        return (result, warnings.warnings.withLock { $0 })
    }

    // MARK: SNS

    @Test func aSymlinkedSNSFolderFailsThePublishAndWritesNothingOutside() async throws {
        try await Self.scene { scene in
            try scene.link("sns")
            let (result, _) = await Self.publish(scene, subscriptions: [])
            guard case .failure(let error) = result, let failure = error as? StatesError else {
                Issue.record("the publish went through a link")
                return
            }
            #expect(failure.name == .taskFailed)
            #expect((failure.cause ?? "").contains("symbolic link"))
            scene.outsideIsUntouched()
        }
    }

    @Test func aSymlinkedOutboxFileIsNotAppendedTo() async throws {
        try await Self.scene { scene in
            try scene.link("sns/clickstream-success.jsonl", to: scene.victim)
            let (result, _) = await Self.publish(scene, subscriptions: [])
            #expect(throws: StatesError.self) { try result.get() }
            scene.outsideIsUntouched()
        }
    }

    @Test func aSymlinkedMailFolderGetsNoMessage() async throws {
        try await Self.scene { scene in
            try scene.link("mail")
            let (result, warnings) = await Self.publish(
                scene, subscriptions: [SNSSubscription(.email, endpoint: "a@b.c")])
            // SNS accepts the message before delivering it: the failed delivery is a warning.
            #expect(throws: Never.self) { try result.get() }
            #expect(warnings.count == 1 && warnings[0].contains("symbolic link"), "\(warnings)")
            scene.outsideIsUntouched()
        }
    }

    @Test(arguments: ["notifications", "notifications/out.jsonl"])
    func aSymlinkedFileEndpointGetsNothing(_ linked: String) async throws {
        try await Self.scene { scene in
            try scene.link(linked, to: linked.hasSuffix(".jsonl") ? scene.victim : nil)
            let (_, warnings) = await Self.publish(
                scene, subscriptions: [SNSSubscription(.file, endpoint: "notifications/out.jsonl")])
            #expect(warnings.count == 1 && warnings[0].contains("symbolic link"), "\(warnings)")
            scene.outsideIsUntouched()
        }
    }

    @Test func theRunSummaryDoesNotCountLinesThroughALink() async throws {
        try await Self.scene { scene in
            let config = try RunConfiguration.load(
                from: ConfigTests.examples.appending(path: "asl.config.json"), plugins: .clickstream)
            let environment = try LocalServices(config: config, dataDirectory: scene.data.url, plugins: .clickstream)
            try scene.link("sns/clickstream-success.jsonl", to: scene.victim)
            #expect(environment.snapshot().notifications["clickstream-success"] == 0)
            scene.outsideIsUntouched()
        }
    }

    // MARK: Streams

    @Test(arguments: ["kinesis", "kinesis/clickstream-data", "kinesis/clickstream-data/stream.json"])
    func aSymlinkedStreamFolderOrFileIsRefused(_ linked: String) async throws {
        try await Self.scene { scene in
            try scene.link(linked, to: linked.hasSuffix(".json") ? scene.victim : nil)
            let error = #expect(throws: StreamError.self) {
                try LocalStream.open(name: "clickstream-data", dataDirectory: scene.data.url)
            }
            #expect(error?.message.contains("symbolic link") == true, "\(String(describing: error))")
            scene.outsideIsUntouched()
        }
    }

    @Test func aSymlinkedShardFileIsNeitherReadNorAppendedTo() async throws {
        try await Self.scene { scene in
            try scene.link("kinesis/clickstream-data/shardId-000000000000.jsonl", to: scene.victim)
            #expect(throws: StreamError.self) {
                try LocalStream.open(name: "clickstream-data", dataDirectory: scene.data.url)
            }
            scene.outsideIsUntouched()
        }
    }

    @Test func aShardFileLinkedAfterOpeningIsNotAppendedTo() async throws {
        try await Self.scene { scene in
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: scene.data.url)
            try scene.link("kinesis/clickstream-data/shardId-000000000000.jsonl", to: scene.victim)
            #expect(throws: StreamError.self) {
                try stream.putRecord(data: Array("x".utf8), partitionKey: "k", arrival: Date())
            }
            scene.outsideIsUntouched()
        }
    }

    @Test(arguments: ["kinesis/clickstream-data/checkpoints", "kinesis/clickstream-data/checkpoints/ingest.json"])
    func aSymlinkedCheckpointIsRefused(_ linked: String) async throws {
        try await Self.scene { scene in
            let stream = try LocalStream.open(name: "clickstream-data", dataDirectory: scene.data.url)
            try scene.link(linked, to: linked.hasSuffix(".json") ? scene.victim : nil)
            #expect(throws: StreamError.self) {
                try StreamConsumer(name: "ingest", stream: stream, startingPosition: .latest) { _ in }
            }
            scene.outsideIsUntouched()
        }
    }

    @Test func aHardLinkedOutboxIsNotAppendedTo() async throws {
        try await Self.scene { scene in
            try FileManager.default.createDirectory(atPath: scene.data.path + "/sns", withIntermediateDirectories: true)
            // Both folders are in the temporary directory, so on one file system.
            #expect(link(scene.victim, scene.data.path + "/sns/clickstream-success.jsonl") == 0)
            let (result, _) = await Self.publish(scene, subscriptions: [])
            #expect(throws: StatesError.self) { try result.get() }
            scene.outsideIsUntouched()
        }
    }

    @Test func aFIFOInPlaceOfAStreamFileIsRefusedWithoutBlocking() async throws {
        try await Self.scene { scene in
            let folder = scene.data.path + "/kinesis/clickstream-data"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            #expect(mkfifo(folder + "/stream.json", 0o644) == 0)
            let error = #expect(throws: StreamError.self) {
                try LocalStream.open(name: "clickstream-data", dataDirectory: scene.data.url)
            }
            #expect(error?.message.contains("not a regular file") == true, "\(String(describing: error))")
        }
    }

    // MARK: S3 and Athena

    @Test(arguments: ["s3", "s3/clickstream-raw", "s3/clickstream-raw/2024"])
    func aSymlinkedS3FolderIsRefusedForWritesReadsAndListings(_ linked: String) async throws {
        try await Self.scene { scene in
            try Data("outside object".utf8).write(to: scene.outside.url.appending(path: "a.json"))
            try scene.link(linked)
            let store = ObjectStore(dataDirectory: scene.data.url)
            let key = linked == "s3/clickstream-raw/2024" ? "2024/a.json" : "a.json"
            let location = try S3Location(bucket: "clickstream-raw", key: key)
            for attempt in [
                { try store.put("x", at: location) }, { _ = try store.read(location) },
                { _ = try store.list(under: S3Location(parsing: "s3://clickstream-raw/")) },
                { try store.delete(location) },
            ] as [() throws -> Void] {
                let error = #expect(throws: StorageError.self) { try attempt() }
                guard case .escapesDataDirectory? = error?.kind else {
                    Issue.record("not refused as a link: \(String(describing: error))")
                    continue
                }
            }
            #expect(!store.exists(location))
            try FileManager.default.removeItem(atPath: scene.outside.path + "/a.json")
            scene.outsideIsUntouched()
        }
    }

    @Test(arguments: ["athena", "athena/catalog.json"])
    func aSymlinkedAthenaCatalogIsRefused(_ linked: String) async throws {
        try await Self.scene { scene in
            try scene.link(linked, to: linked.hasSuffix(".json") ? scene.victim : nil)
            let engine = AthenaEngine(store: ObjectStore(dataDirectory: scene.data.url))
            let error = #expect(throws: AthenaQueryFailure.self) { try engine.run("CREATE DATABASE d") }
            #expect(error?.reason.contains("symbolic link") == true, "\(String(describing: error))")
            scene.outsideIsUntouched()
        }
    }

    // MARK: Glue

    @Test(arguments: ["s3/clickstream-raw", "s3/clickstream-raw/2024", "s3/clickstream-raw/2024/b.json"])
    func theGlueJobDoesNotReadThroughALink(_ linked: String) async throws {
        try await Self.scene { scene in
            let store = ObjectStore(dataDirectory: scene.data.url)
            if linked != "s3/clickstream-raw" {
                try store.put(eventLine(), at: S3Location(parsing: "s3://clickstream-raw/2023/a.json"))
            }
            try scene.link(linked, to: linked.hasSuffix(".json") ? scene.victim : nil)
            let spec = ETLJobSpec(
                inputDirectory: scene.data.url.appending(path: "s3/clickstream-raw"),
                outputDirectory: scene.data.url.appending(path: "s3/clickstream-processed"),
                dataDirectory: store.directory)
            let error = #expect(throws: ETLError.self) { try ClickstreamETL.run(spec) }
            #expect(error?.message.contains("symbolic link") == true, "\(String(describing: error))")
            #expect(!FileManager.default.fileExists(atPath: scene.data.path + "/s3/clickstream-processed"))
            scene.outsideIsUntouched()
        }
    }

    @Test func theGlueJobDoesNotWriteThroughALinkedOutput() async throws {
        try await Self.scene { scene in
            let store = ObjectStore(dataDirectory: scene.data.url)
            try store.put(eventLine(), at: S3Location(parsing: "s3://clickstream-raw/2024/a.json"))
            try scene.link("s3/clickstream-processed")
            let spec = ETLJobSpec(
                inputDirectory: scene.data.url.appending(path: "s3/clickstream-raw"),
                outputDirectory: scene.data.url.appending(path: "s3/clickstream-processed"),
                dataDirectory: store.directory)
            // The link at the output's name is replaced as a link: the output lands inside.
            let report = try ClickstreamETL.run(spec)
            #expect(report.rowsWritten == 1)
            var info = stat()
            #expect(lstat(scene.data.path + "/s3/clickstream-processed", &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFDIR)
            scene.outsideIsUntouched()
        }
    }

    // MARK: Names

    struct BadName: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let message: String
        let pointer: String
        var testDescription: String { name }
    }

    static let badNames: [BadName] = [
        BadName(
            name: "stream ..", text: #"{"streams": {"..": {}}}"#, message: "'.' and '..' name no new folder",
            pointer: "/streams/.."),
        BadName(
            name: "stream .", text: #"{"streams": {".": {}}}"#, message: "'.' and '..' name no new folder",
            pointer: "/streams/."),
        BadName(
            name: "stream with a slash", text: #"{"streams": {"a/b": {}}}"#,
            message: "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", pointer: "/streams/a~1b"),
        BadName(
            name: "function ..", text: #"{"functions": {"..": {"returns": 1}}}"#,
            message: "at 'functionName' failed to satisfy constraint", pointer: "/functions/.."),
        BadName(
            name: "Glue job ..", text: #"{"glueJobs": {"..": {"input": "s3://abc/", "output": "s3://def/"}}}"#,
            message: "'/', '.' and '..' are refused", pointer: "/glueJobs/.."),
        BadName(
            name: "topic ..", text: #"{"sns": {"topics": {"arn:aws:sns:us-east-1:123456789012:..": {}}}}"#,
            message: "is not a topic ARN", pointer: "/sns/topics/arn:aws:sns:us-east-1:123456789012:.."),
        BadName(
            name: "bucket",
            text:
                #"{"functions": {"f": {"handler": "ingest", "stream": "s", "rawBucket": ".."}}, "streams": {"s": {}}}"#,
            message: "The specified bucket is not valid", pointer: "/functions/f/rawBucket"),
    ]

    @Test(arguments: badNames)
    func namesThatWouldBePathsFollowAWSRules(_ c: BadName) {
        do {
            _ = try RunConfiguration.parse(
                Array(c.text.utf8), path: "asl.config.json", baseDirectory: URL(filePath: "/"), plugins: .clickstream)
            Issue.record("accepted \(c.text)")
        } catch {
            #expect(error.message.contains(c.message), "\(error.message)")
            #expect(error.pointer.description == c.pointer)
            #expect(error.location != nil)
        }
    }

    @Test func aStreamNamedDotDotIsRefusedByTheStreamItself() async throws {
        try await TemporaryDirectory.with { directory in
            #expect(throws: StreamError.self) { try LocalStream.open(name: "..", dataDirectory: directory.url) }
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/stream.json"))
        }
    }
}

/// SNS warnings collected from a handler's sinks.
private final class CollectedWarnings: Sendable {
    let warnings = Mutex<[String]>([])

    var sinks: SNSSinks { SNSSinks(warning: { text in self.warnings.withLock { $0.append(text) } }) }
}
