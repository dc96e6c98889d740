import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

/// `aws-sdk:s3:listObjectsV2` paging checked against S3's answers recorded on AWS in LocalStack's
/// `tests/aws/services/s3/test_s3_list_operations.snapshot.json` (SPEC-NOTES.md §12.5).
@Suite struct S3ListingAcceptanceTests {
    static func keys(_ answer: JSON) -> [String] {
        answer["Contents"]?.arrayValue?.compactMap { $0["Key"]?.stringValue } ?? []
    }

    static func store(_ directory: TemporaryDirectory, _ keys: [String]) throws -> ObjectStore {
        let store = ObjectStore(dataDirectory: directory.url)
        for key in keys { try store.put("content 123", at: S3Location(parsing: "s3://b-list/\(key)")) }
        return store
    }

    /// `test_list_objects_v2_continuation_start_after`: with both, the token wins and the
    /// answer carries no `StartAfter`; an empty token is refused.
    @Test func aContinuationTokenOverridesStartAfterAndAnEmptyOneIsRefused() async throws {
        try await TemporaryDirectory.with { directory in
            let store = try Self.store(directory, (0..<12).map { "test_\($0)" })
            let first = try await S3SDKTests.call("listObjectsV2", ["Bucket": "b-list", "MaxKeys": 5], store: store)
            #expect(Self.keys(first) == ["test_0", "test_1", "test_10", "test_11", "test_2"])
            let token = try #require(first["NextContinuationToken"])
            let both = try await S3SDKTests.call(
                "listObjectsV2", ["Bucket": "b-list", "StartAfter": "test_7", "ContinuationToken": token],
                store: store)
            #expect(Self.keys(both) == ["test_3", "test_4", "test_5", "test_6", "test_7", "test_8", "test_9"])
            #expect(both["StartAfter"] == nil && both["ContinuationToken"] == token && both["KeyCount"] == 7)
            let after = try await S3SDKTests.call(
                "listObjectsV2", ["Bucket": "b-list", "StartAfter": "test_7", "MaxKeys": 2], store: store)
            #expect(Self.keys(after) == ["test_8", "test_9"] && after["StartAfter"] == "test_7")
            #expect(after["IsTruncated"] == false)
            let empty = try await S3SDKTests.failure(
                "listObjectsV2", ["Bucket": "b-list", "ContinuationToken": ""], store: store)
            #expect(empty.name.rawValue == "S3.S3Exception")
            #expect(empty.cause?.hasPrefix("The continuation token provided is incorrect (Service: S3") == true)
        }
    }

    /// `test_list_objects_v2_continuation_common_prefixes`: one entry a page, a common prefix
    /// counting as one, and no `NextContinuationToken` on the last page.
    @Test func commonPrefixesPageOneAtATime() async throws {
        try await TemporaryDirectory.with { directory in
            let store = try Self.store(
                directory,
                ["folder/aSubfolder/subFile1", "folder/aSubfolder/subFile2", "folder/file1", "folder/file2"])
            var query: JSONObject = ["Bucket": "b-list", "Prefix": "folder/", "Delimiter": "/", "MaxKeys": 1]
            let start = try await S3SDKTests.call("listObjectsV2", .object(query), store: store)
            #expect(start["CommonPrefixes"] == [["Prefix": "folder/aSubfolder/"]] && start["Contents"] == nil)
            #expect(start["IsTruncated"] == true && start["KeyCount"] == 1)
            let firstToken = try #require(start["NextContinuationToken"])
            query["ContinuationToken"] = firstToken
            let middle = try await S3SDKTests.call("listObjectsV2", .object(query), store: store)
            #expect(Self.keys(middle) == ["folder/file1"] && middle["CommonPrefixes"] == nil)
            #expect(middle["IsTruncated"] == true)
            let secondToken = try #require(middle["NextContinuationToken"])
            query["ContinuationToken"] = secondToken
            let end = try await S3SDKTests.call("listObjectsV2", .object(query), store: store)
            #expect(Self.keys(end) == ["folder/file2"] && end["IsTruncated"] == false)
            #expect(end["NextContinuationToken"] == nil)
        }
    }

    /// Objects are listed with the checksum they were put with (`ChecksumAlgorithm: ["CRC32"]`,
    /// `ChecksumType: "FULL_OBJECT"`, between `ETag` and `Size`), as every recorded listing shows.
    @Test func listedObjectsCarryTheirChecksumAlgorithm() async throws {
        try await TemporaryDirectory.with { directory in
            let store = try Self.store(directory, ["test/foo/bar/123"])
            let answer = try await S3SDKTests.call("listObjectsV2", ["Bucket": "b-list"], store: store)
            let item = try #require(answer["Contents"]?[0])
            #expect(item["ChecksumAlgorithm"] == ["CRC32"] && item["ChecksumType"] == "FULL_OBJECT")
            #expect(item["ETag"] == #""0d9fa06a66933b40f615f530e59edd6b""# && item["Size"] == 11)
        }
    }
}
