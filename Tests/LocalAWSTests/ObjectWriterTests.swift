import Foundation
import StatesTestSupport
import Testing

@testable import LocalAWS

/// Objects written in pieces (a Distributed Map's results files; SPEC-NOTES.md §17.5): nothing is
/// visible before the commit, and a discarded (or dropped) writer leaves nothing behind.
@Suite struct ObjectWriterTests {
    static func files(in store: ObjectStore, bucket: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store.rootPath + "/" + bucket).sorted()
    }

    @Test func anObjectAppearsWholeOnlyWhenCommitted() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let location = try S3Location(bucket: "bkt", key: "runs/r1/SUCCEEDED_0.json")
            try store.put("old", at: location)
            let writer = try store.openWriter(location)
            var expected: [UInt8] = []
            // Past the writer's buffer, so the file is written while the object is still the old one.
            for index in 0..<40 {
                let piece = [UInt8](repeating: UInt8(ascii: "a") + UInt8(index % 26), count: 100_000)
                try writer.append(piece)
                expected += piece
            }
            #expect(try store.read(location) == Array("old".utf8))
            #expect(
                try store.list(under: S3Location(parsing: "s3://bkt/runs/r1/")).map(\.location.key) == [location.key])
            try writer.commit()
            #expect(try store.read(location) == expected)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: store.rootPath + "/bkt/runs/r1") == [
                    "SUCCEEDED_0.json"
                ])
        }
    }

    @Test(arguments: [true, false]) func aDiscardedOrDroppedWriterLeavesNothing(dropped: Bool) async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put("x", at: S3Location(bucket: "bkt", key: "keep"))
            let location = try S3Location(bucket: "bkt", key: "manifest.json")
            do {
                let writer = try store.openWriter(location)
                try writer.append(Array("{\"partial\":".utf8))
                #expect(try Self.files(in: store, bucket: "bkt").count == 2)
                if !dropped { writer.discard() }
            }
            #expect(!store.exists(location))
            #expect(try Self.files(in: store, bucket: "bkt") == ["keep"])
        }
    }
}
