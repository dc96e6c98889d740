import Foundation
import StatesTestSupport
import Testing

@testable import LocalAWS

@Suite struct StorageTests {
    struct Rejected: CustomTestStringConvertible, Sendable {
        let uri: String
        let fragment: String
        var testDescription: String { String(uri.replacingOccurrences(of: "\0", with: "\\0").prefix(60)) }
    }

    static let rejected: [Rejected] = [
        Rejected(uri: "https://clickstream-raw/a", fragment: "is not an S3 URI"),
        Rejected(uri: "s3://Clickstream-Raw/a", fragment: "only lowercase letters"),
        Rejected(uri: "s3://ab/a", fragment: "3 to 63 characters"),
        Rejected(uri: "s3://-bucket/a", fragment: "starts and ends with a letter or digit"),
        Rejected(uri: "s3://my..bucket/a", fragment: "no two adjacent periods"),
        Rejected(uri: "s3://192.168.1.10/a", fragment: "IP address"),
        Rejected(uri: "s3://xn--bucket/a", fragment: "does not start with 'xn--'"),
        Rejected(uri: "s3://clickstream-raw/../secrets", fragment: "'..' segment"),
        Rejected(uri: "s3://clickstream-raw/2024/../../x", fragment: "'..' segment"),
        Rejected(uri: "s3://clickstream-raw/./x", fragment: "'.' segment"),
        Rejected(uri: "s3://clickstream-raw//etc/passwd", fragment: "absolute path"),
        Rejected(uri: "s3://clickstream-raw/a//b", fragment: "empty segment"),
        Rejected(uri: "s3://clickstream-raw/a\0b", fragment: "NUL"),
        Rejected(uri: "s3://clickstream-raw/" + String(repeating: "k", count: 1025), fragment: "at most 1024 bytes"),
        Rejected(uri: "s3://clickstream-raw/.asl-tmp-1-x", fragment: "reserved"),
    ]

    @Test(arguments: rejected)
    func refusesUnsafeOrInvalidURIs(_ c: Rejected) {
        do {
            _ = try S3Location(parsing: c.uri)
            Issue.record("accepted \(c.uri)")
        } catch {
            #expect(error.message.contains(c.fragment), "\(error.message)")
            #expect(error.message.contains(c.uri.prefix(30)) || error.message.contains(c.uri), "names the URI")
        }
    }

    @Test func parsesBucketAndKey() throws {
        let object = try S3Location(parsing: "s3://clickstream-raw/2024/01/05/e.json")
        #expect(object.bucket == "clickstream-raw")
        #expect(object.key == "2024/01/05/e.json")
        #expect(!object.isPrefix)
        let bucket = try S3Location(parsing: "s3://clickstream-raw")
        #expect(bucket.key.isEmpty && bucket.isPrefix)
        #expect(try S3Location(parsing: "s3://clickstream-raw/").key.isEmpty)
        #expect(try bucket.appending("a/b.json").description == "s3://clickstream-raw/a/b.json")
        #expect(object.key(relativeTo: try S3Location(parsing: "s3://clickstream-raw/2024/")) == "01/05/e.json")
    }

    @Test func putReadOverwriteAndList() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let keys = ["2024/01/05/b.json", "2024/01/05/a.json", "2024/01/06/c.json", "2024/010/d.json", "other.json"]
            for key in keys { try store.put("content of \(key)", at: S3Location(bucket: "clickstream-raw", key: key)) }
            let a = try S3Location(parsing: "s3://clickstream-raw/2024/01/05/a.json")
            try store.put("second version", at: a)
            #expect(String(decoding: try store.read(a), as: UTF8.self) == "second version")
            #expect(FileManager.default.fileExists(atPath: directory.path + "/s3/clickstream-raw/2024/01/05/a.json"))

            let all = try store.list(under: S3Location(parsing: "s3://clickstream-raw/"))
            #expect(
                all.map(\.location.key) == [
                    "2024/01/05/a.json", "2024/01/05/b.json", "2024/01/06/c.json", "2024/010/d.json", "other.json",
                ])
            let january = try store.list(under: S3Location(parsing: "s3://clickstream-raw/2024/01/"))
            #expect(january.map(\.location.key) == ["2024/01/05/a.json", "2024/01/05/b.json", "2024/01/06/c.json"])
            // A plain string prefix, as S3's Prefix parameter: "2024/01" also matches "2024/010/".
            let stringPrefix = try store.list(under: S3Location(parsing: "s3://clickstream-raw/2024/01"))
            #expect(stringPrefix.count == 4)
            #expect(all.first?.size == "second version".utf8.count)
            #expect(try store.list(under: S3Location(parsing: "s3://no-such-bucket/")).isEmpty)
        }
    }

    @Test func deleteRemovesObjectsAndEmptyFolders() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let deep = try S3Location(parsing: "s3://clickstream-processed/event_date=2024-01-05/part-0.parquet")
            let other = try S3Location(parsing: "s3://clickstream-processed/event_date=2024-01-06/part-0.parquet")
            try store.put([1, 2, 3], at: deep)
            try store.put([4], at: other)
            try store.delete(deep)
            try store.delete(deep)  // deleting a missing object succeeds, like DeleteObject
            #expect(!store.exists(deep))
            #expect(
                !FileManager.default.fileExists(
                    atPath: directory.path + "/s3/clickstream-processed/event_date=2024-01-05"))
            #expect(try store.deleteAll(under: S3Location(parsing: "s3://clickstream-processed/")) == 1)
            #expect(try store.list(under: S3Location(parsing: "s3://clickstream-processed/")).isEmpty)
        }
    }

    @Test func readingAMissingObjectIsNoSuchKey() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let missing = try S3Location(parsing: "s3://clickstream-raw/nope.json")
            #expect(throws: StorageError(.noSuchKey, uri: "s3://clickstream-raw/nope.json")) { try store.read(missing) }
        }
    }

    @Test func objectAndFolderConflictsAreExplained() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put("x", at: S3Location(parsing: "s3://clickstream-raw/a"))
            do {
                try store.put("y", at: S3Location(parsing: "s3://clickstream-raw/a/b"))
                Issue.record("stored an object under another object")
            } catch {
                #expect("\(error)".contains("already an object"))
            }
            try store.put("z", at: S3Location(parsing: "s3://clickstream-raw/c/d"))
            do {
                try store.put("w", at: S3Location(parsing: "s3://clickstream-raw/c"))
                Issue.record("replaced a folder by an object")
            } catch {
                #expect("\(error)".contains("used as a folder"))
            }
        }
    }

    @Test func symbolicLinksLeadingOutsideAreRefused() async throws {
        try await TemporaryDirectory.with { directory in
            let outside = try TemporaryDirectory()
            defer { outside.remove() }
            let store = ObjectStore(dataDirectory: directory.url)
            try FileManager.default.createDirectory(
                atPath: directory.path + "/s3/clickstream-raw", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: directory.path + "/s3/clickstream-raw/escape", withDestinationPath: outside.path)
            let location = try S3Location(parsing: "s3://clickstream-raw/escape/x.json")
            #expect {
                try store.put("x", at: location)
            } throws: { error in
                guard let error = error as? StorageError, case .escapesDataDirectory = error.kind else { return false }
                return error.message.contains("s3://clickstream-raw/escape/x.json")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        }
    }

    @Test func temporaryFilesOfAnInterruptedWriteAreNeverListed() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let object = try S3Location(parsing: "s3://clickstream-raw/2024/01/05/a.json")
            try store.put("complete", at: object)
            // What a crash between writing the temporary file and renaming it leaves behind.
            let folder = directory.path + "/s3/clickstream-raw/2024/01/05/"
            try Data("half".utf8).write(to: URL(filePath: folder + FileIO.temporaryPrefix + "1f-a.json"))
            let listed = try store.list(under: S3Location(parsing: "s3://clickstream-raw/"))
            #expect(listed.map(\.location) == [object])
            #expect(String(decoding: try store.read(object), as: UTF8.self) == "complete")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names.filter { !$0.hasPrefix(FileIO.temporaryPrefix) } == ["a.json"])
        }
    }

    @Test func directoryURLForThePrefix() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let url = try store.directoryURL(
                for: S3Location(parsing: "s3://clickstream-processed/event_date=2024-01-05/"), create: true)
            #expect(url.path(percentEncoded: false).hasSuffix("/s3/clickstream-processed/event_date=2024-01-05/"))
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: url.path(percentEncoded: false), isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)
        }
    }
}
