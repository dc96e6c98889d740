import Foundation
import StatesRuntime
import StatesTestSupport
import Testing

@testable import Clickstream
@testable import LocalAWS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Nothing left behind by a crash (SPEC-NOTES.md §12.3): temporary files and staging folders
/// carry their owner; the next run removes a dead owner's, never a live one's; and a run killed
/// with SIGKILL in the middle of its writes, then run again, leaves the data directory exactly
/// as one clean run does.
@Suite(.serialized) struct CrashDebrisTests {
    /// The identity of a process that ran and is gone: a child started, read and killed.
    static func deadIdentity() throws -> ProcessIdentity {
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sleep")
        process.arguments = ["60"]
        try process.run()
        let pid = process.processIdentifier
        let start = try #require(ProcessIdentity.startTime(of: pid))
        _ = kill(pid, SIGKILL)
        process.waitUntilExit()
        return ProcessIdentity(pid: pid, start: start, boot: ProcessIdentity.currentBoot)
    }

    @Test func debrisOfDeadOwnersIsRemovedAndLiveOwnersAreLeftAlone() async throws {
        try await TemporaryDirectory.with { directory in
            let dead = try Self.deadIdentity()
            let live = ProcessIdentity.current
            // The same pid as a live process, started at another time: the pid was reused.
            let reused = ProcessIdentity(pid: live.pid, start: live.start + 1, boot: live.boot)
            let rebooted = ProcessIdentity(pid: live.pid, start: live.start, boot: "ffffffff")
            #expect(!dead.isAlive && live.isAlive && !reused.isAlive)
            #expect(rebooted.boot == live.boot || !rebooted.isAlive)
            let raw = directory.path + "/s3/clickstream-raw/2024/01/05"
            try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
            let files = [
                "s3/clickstream-raw/2024/01/05/.asl-tmp-\(dead.token)-1f-a.json": false,
                "s3/clickstream-raw/2024/01/05/.asl-tmp-\(reused.token)-2f-b.json": false,
                "s3/clickstream-raw/2024/01/05/.asl-tmp-\(live.token)-3f-c.json": true,
                "s3/clickstream-raw/2024/01/05/.asl-tmp-1f-old-format.json": true,
                "s3/clickstream-raw/2024/01/05/e1.json": true,
            ]
            for (path, _) in files { try Data("x".utf8).write(to: directory.url.appending(path: path)) }
            let folders = [
                "s3/.clickstream-processed.staging-\(dead.token)-0b1c": false,
                "s3/.clickstream-processed.old-\(dead.token)-0b1c": false,
                "s3/.clickstream-processed.staging-\(live.token)-0b1c": true,
                "s3/.clickstream-processed.staging-9d3f2c1a-aaaa-bbbb-cccc-000000000000": true,
            ]
            for (path, _) in folders {
                try FileManager.default.createDirectory(
                    at: directory.url.appending(path: path + "/event_date=2024-01-05"),
                    withIntermediateDirectories: true)
                try Data("PAR1".utf8).write(
                    to: directory.url.appending(path: path + "/event_date=2024-01-05/part.parquet"))
            }
            let removed = DataDirectory(directory.url).removeDebris()
            let expected = (files.merging(folders) { a, _ in a }).filter { !$0.value }.keys.sorted()
            #expect(removed == expected)
            for (path, kept) in files.merging(folders, uniquingKeysWith: { a, _ in a }) {
                #expect(FileManager.default.fileExists(atPath: directory.path + "/" + path) == kept, "\(path)")
            }
        }
    }

    @Test func theEnvironmentRemovesDebrisWhenItOpens() async throws {
        try await TemporaryDirectory.with { directory in
            let dead = try Self.deadIdentity()
            let path = "kinesis/clickstream-data/checkpoints/.asl-tmp-\(dead.token)-9-clickstream-ingest.json"
            try FileManager.default.createDirectory(
                at: directory.url.appending(path: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{".utf8).write(to: directory.url.appending(path: path))
            let config = try RunConfiguration.load(
                from: ConfigTests.examples.appending(path: "asl.config.json"), plugins: .clickstream)
            let environment = try LocalServices(config: config, dataDirectory: directory.url, plugins: .clickstream)
            #expect(environment.removedDebris == [path])
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/" + path))
        }
    }

    @Test func theGlueJobRemovesItsOutputsDeadStagingFolders() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("a.json", eventLine())
        let dead = try Self.deadIdentity()
        let parent = sandbox.output.deletingLastPathComponent()
        let leftover = parent.appending(path: ".processed.staging-\(dead.token)-1234")
        let otherOutput = parent.appending(path: ".other.staging-\(dead.token)-1234")
        for folder in [leftover, otherOutput] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        _ = try sandbox.run()
        #expect(try sandbox.outputSiblings() == [".other.staging-\(dead.token)-1234", "processed"])
    }

    @Test func aStagingFolderInsideABucketIsNotListedAsObjects() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put("x", at: S3Location(parsing: "s3://bucket-a/processed/a.json"))
            let staging = ".processed.staging-\(ProcessIdentity.current.token)-1234"
            try FileManager.default.createDirectory(
                atPath: directory.path + "/s3/bucket-a/\(staging)/event_date=2024-01-05",
                withIntermediateDirectories: true)
            try Data("PAR1".utf8).write(
                to: directory.url.appending(path: "s3/bucket-a/\(staging)/event_date=2024-01-05/part.parquet"))
            let listed = try store.list(under: S3Location(parsing: "s3://bucket-a/"))
            #expect(listed.map(\.location.key) == ["processed/a.json"])
            #expect(throws: StorageError.self) {
                try store.put("y", at: S3Location(parsing: "s3://bucket-a/\(staging)/b.json"))
            }
        }
    }

    @Test func exchangeSwapsTwoFoldersInOneStep() async throws {
        try await TemporaryDirectory.with { directory in
            for (name, file) in [("a", "in-a"), ("b", "in-b")] {
                try FileManager.default.createDirectory(
                    at: directory.url.appending(path: name), withIntermediateDirectories: true)
                try Data().write(to: directory.url.appending(path: "\(name)/\(file)"))
            }
            let folder = try #require(try DirectoryHandle.open(path: directory.path, create: false))
            let exchanged = try folder.exchange("a", "b")
            #if os(Linux)
                #expect(exchanged)
            #endif
            if exchanged {
                #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/a") == ["in-b"])
                #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/b") == ["in-a"])
            }
        }
    }

    // MARK: Killed runs

    /// A work folder: a definition that waits (so the stream consumer delivers every record to
    /// the ingest function) then runs the Glue job; a configuration; a stream filled beforehand.
    struct Work {
        let folder: URL
        static let definition = #"""
            {"StartAt": "Wait", "States": {
              "Wait": {"Type": "Wait", "Seconds": 5, "Next": "Glue"},
              "Glue": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                       "Parameters": {"JobName": "clickstream-etl"}, "End": true}}}
            """#
        static let configuration = #"""
            {"streams": {"clickstream-data": {"shards": 2}},
             "functions": {"clickstream-ingest": {"handler": "ingest", "stream": "clickstream-data", "batchSize": 50}},
             "glueJobs": {"clickstream-etl": {"input": "s3://clickstream-raw/", "output": "s3://clickstream-processed/"}}}
            """#

        init(events: Int) throws {
            folder = FileManager.default.temporaryDirectory.appending(path: "asl-crash-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(Self.definition.utf8).write(to: folder.appending(path: "definition.json"))
            try Data(Self.configuration.utf8).write(to: folder.appending(path: "asl.config.json"))
            let stream = try LocalStream.open(name: "clickstream-data", shardCount: 2, dataDirectory: data)
            var entries: [PutRecordsEntry] = []
            for index in 0..<events {
                let day = 1 + index % 5
                let line = eventLine(
                    user: "u-\(index % 97)", session: "s-\(index / 7)",
                    time: "2024-01-0\(day)T10:00:\(10 + index % 50).000000")
                entries.append(PutRecordsEntry(data: Array(line.utf8), partitionKey: "u-\(index % 97)"))
            }
            _ = try stream.putRecords(entries, arrival: Date(timeIntervalSince1970: 1_704_456_000))
        }

        var data: URL { folder.appending(path: "data") }
        var arguments: [String] { ["run", "definition.json", "--data-dir", "data", "--name", "crash-test"] }

        /// Every file below the data directory (relative path → bytes); folders only by their files.
        func tree() throws -> [String: Data] {
            var result: [String: Data] = [:]
            let root = data.path(percentEncoded: false)
            guard let walker = FileManager.default.enumerator(atPath: root) else { return [:] }
            while let relative = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let path = root + "/" + relative
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    result[relative] = try Data(contentsOf: URL(filePath: path))
                } else if isDirectory.boolValue,
                    (try? FileManager.default.contentsOfDirectory(atPath: path).isEmpty) == true
                {
                    result[relative + "/"] = Data()
                }
            }
            return result
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// When to kill: after the `count`-th raw object appeared, or once the Glue job has created
    /// its staging folder (it then reads the input and writes the Parquet files into it).
    enum KillPoint: CustomTestStringConvertible, Sendable {
        case afterRawObjects(Int)
        case duringGlueStaging

        var testDescription: String {
            switch self {
            case .afterRawObjects(let count): "after \(count) raw objects"
            case .duringGlueStaging: "while the Glue job writes its staging folder"
            }
        }
    }

    static let events = 1_500

    /// Kill points drawn from a fixed seed, so every run of the test kills at the same moments.
    static let killPoints: [KillPoint] = {
        var random = SeededGenerator(seed: 20_261_204)
        let counts = (0..<3).map { _ in Int(random.next() % UInt64(events - 100)) + 1 }.sorted()
        return counts.map { .afterRawObjects($0) } + [.duringGlueStaging]
    }()

    static func rawObjectCount(_ data: URL) -> Int {
        guard
            let walker = FileManager.default.enumerator(
                atPath: data.path(percentEncoded: false) + "/s3/clickstream-raw")
        else { return 0 }
        var count = 0
        while let name = walker.nextObject() as? String {
            if name.hasSuffix(".json") && !name.contains("/.") && !name.hasPrefix(".") { count += 1 }
        }
        return count
    }

    static func stagingExists(_ data: URL) -> Bool {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: data.path(percentEncoded: false) + "/s3")) ?? []
        return names.contains { $0.hasPrefix(".clickstream-processed.staging-") }
    }

    /// A clean run's data directory, computed once.
    static let cleanTree: Result<[String: Data], any Error> = Result {
        let work = try Work(events: events)
        defer { work.remove() }
        let (status, stderr) = try ASLChild.run(work.arguments, in: work.folder)
        guard status == 0 else { throw CleanRunFailed(stderr: stderr) }
        return try work.tree()
    }

    struct CleanRunFailed: Error, CustomStringConvertible {
        let stderr: String
        var description: String { "the clean run failed: \(stderr)" }
    }

    @Test(.enabled(if: ASLChild.binary() != nil), arguments: killPoints)
    func aRunKilledMidWriteThenRunAgainEndsAsACleanRun(_ point: KillPoint) throws {
        let clean = try Self.cleanTree.get()
        #expect(clean.keys.contains { $0.hasPrefix("s3/clickstream-processed/event_date=") })
        let work = try Work(events: Self.events)
        defer { work.remove() }
        let child = try ASLChild.start(work.arguments, in: work.folder)
        var killed = false
        while child.isRunning {
            let reached: Bool
            switch point {
            case .afterRawObjects(let count): reached = Self.rawObjectCount(work.data) >= count
            case .duringGlueStaging: reached = Self.stagingExists(work.data)
            }
            if reached {
                child.kill()
                killed = true
                break
            }
            usleep(200)
        }
        if !killed { child.process.waitUntilExit() }
        #expect(killed, "the run ended before the kill point; the test did not test a crash")
        if case .duringGlueStaging = point, killed {
            // The killed job's staging folder is what the issue found left behind.
            let names = try FileManager.default.contentsOfDirectory(
                atPath: work.data.path(percentEncoded: false) + "/s3")
            #expect(names.contains { $0.hasPrefix(".clickstream-processed.staging-") })
        }
        let (status, stderr) = try ASLChild.run(work.arguments, in: work.folder)
        #expect(status == 0, "\(stderr)")
        let recovered = try work.tree()
        #expect(recovered.keys.sorted() == clean.keys.sorted())
        for (path, bytes) in clean where recovered[path] != bytes {
            Issue.record("\(path) differs from the clean run's")
        }
        #expect(!recovered.keys.contains { $0.contains(FileIO.temporaryPrefix) || $0.contains(".staging-") })
    }

    /// `athena.setup` pointing outside the configuration's folder: refused when the
    /// configuration is read, before the data directory exists, without quoting the file.
    @Test(.enabled(if: ASLChild.binary() != nil), arguments: ["/etc/passwd", "../outside.sql", "linked.sql"])
    func aSetupFileOutsideTheConfigurationsFolderIsRefusedBeforeAnythingIsCreated(_ setup: String) throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "asl-setup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appending(path: "project")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("secret-word CREATE DATABASE x".utf8).write(to: root.appending(path: "outside.sql"))
        try FileManager.default.createSymbolicLink(
            at: folder.appending(path: "linked.sql"), withDestinationURL: root.appending(path: "outside.sql"))
        try Data(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#.utf8).write(
            to: folder.appending(path: "definition.json"))
        let configuration = #"{"dataDirectory": "data", "athena": {"setup": ["\#(setup)"]}}"#
        try Data(configuration.utf8).write(to: folder.appending(path: "asl.config.json"))
        let (status, stderr) = try ASLChild.run(["run", "definition.json"], in: folder)
        #expect(status == 2, "\(stderr)")
        #expect(stderr.contains("asl.config.json:1:") && stderr.contains("setup"), "\(stderr)")
        #expect(!stderr.contains("secret-word") && !stderr.contains("root:"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "data").path(percentEncoded: false)))
    }

    /// DDL that parses but cannot run (a table in a database nobody creates) is refused when
    /// the services open, before the data directory exists.
    @Test func setupDDLThatCannotRunLeavesNoDataDirectory() async throws {
        try await TemporaryDirectory.with { directory in
            let setup = "CREATE EXTERNAL TABLE nowhere.t (a string) LOCATION 's3://bucket-a/t/'"
            var config = RunConfiguration()
            config.streams = [StreamConfig(name: "s")]
            config.athena.setup = [AthenaConfig.SetupScript(source: "ddl/t.sql", sql: setup)]
            let data = directory.url.appending(path: "data")
            let error = #expect(throws: LocalServicesError.self) {
                try LocalServices(config: config, dataDirectory: data, plugins: .clickstream)
            }
            #expect(error?.message.contains("athena setup ddl/t.sql") == true, "\(String(describing: error))")
            #expect(error?.message.contains("Database does not exist: nowhere") == true, "\(String(describing: error))")
            #expect(!FileManager.default.fileExists(atPath: data.path(percentEncoded: false)))
        }
    }
}

/// SplitMix64, for kill points that are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
