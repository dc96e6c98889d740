import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

/// `arn:aws:states:::aws-sdk:s3:*` and `aws-sdk:sns:publish` served from the data directory,
/// with the shapes and error names AWS records (SPEC-NOTES.md §12.1).
@Suite struct S3SDKTests {
    static let start = Date(timeIntervalSince1970: 1_704_456_000)

    static func call(_ action: String, _ parameters: JSON, store: ObjectStore) async throws -> JSON {
        let request = TaskRequest(
            resource: TaskResource("arn:aws:states:::aws-sdk:s3:\(action)"), stateName: "S3",
            parameters: parameters, context: ["Execution": ["Id": "e"], "State": ["Name": "S3"]],
            clock: VirtualClock(start: start))
        return try await S3SDKHandler(store: store, seed: 1).handle(request)
    }

    /// The error a call fails with.
    static func failure(_ action: String, _ parameters: JSON, store: ObjectStore) async throws -> StatesError {
        do {
            let result = try await call(action, parameters, store: store)
            Issue.record("\(action) succeeded: \(JSONWriter.compact(result))")
            return StatesError("none")
        } catch let error as StatesError {
            return error
        }
    }

    @Test func putThenGetGivesTheSerializedBodyWithAWSsShapes() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            // AWS stores the Body's JSON text: a string keeps its quotes (ETag = MD5 of `"text data"`).
            let put = try await Self.call(
                "putObject", ["Bucket": "my-bucket", "Key": "file-key", "Body": "text data"], store: store)
            #expect(
                JSONWriter.compact(put)
                    == #"{"ChecksumCRC32":"KUmHvQ==","ChecksumType":"FULL_OBJECT","ETag":"\"2b5df3712557f503a9977a8ea893b2c9\"","ServerSideEncryption":"AES256"}"#
            )
            let object = try await Self.call("getObject", ["Bucket": "my-bucket", "Key": "file-key"], store: store)
            #expect(
                object.objectValue?.keys == [
                    "AcceptRanges", "ContentLength", "ContentType", "ETag", "LastModified", "Metadata",
                    "ServerSideEncryption", "Body",
                ])
            #expect(object["Body"] == #""text data""#)
            #expect(object["ContentLength"] == 11)
            #expect(object["ETag"] == #""2b5df3712557f503a9977a8ea893b2c9""#)
            #expect(object["LastModified"]?.stringValue?.hasSuffix("Z") == true)
            let dict = try await Self.call(
                "putObject", ["Bucket": "my-bucket", "Key": "d", "Body": ["Dict": "Value"]], store: store)
            #expect(dict["ETag"] == #""49e31cee5aec8faf3345893addb14346""# && dict["ChecksumCRC32"] == "hnEfWw==")
            let head = try await Self.call("headObject", ["Bucket": "my-bucket", "Key": "d"], store: store)
            #expect(head["ContentLength"] == 16 && head["Body"] == nil)
        }
    }

    @Test func aPlainTextObjectReadsAsItsText() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put("text data", at: S3Location(parsing: "s3://my-bucket/file_key"))
            let object = try await Self.call("getObject", ["Bucket": "my-bucket", "Key": "file_key"], store: store)
            #expect(object["Body"] == "text data" && object["ContentLength"] == 9)
            #expect(object["ETag"] == #""332eec544317a6d340b8e77da7fe54ad""#)
            #expect(object["ContentType"] == "binary/octet-stream")
        }
    }

    @Test func listObjectsV2PagesRollsUpAndCounts() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            for key in ["a.json", "logs/1.json", "logs/2.json", "raw/2024/x.json", "raw/2024/y.json", "z.json"] {
                try store.put("{}", at: S3Location(parsing: "s3://b-list/\(key)"))
            }
            let first = try await Self.call("listObjectsV2", ["Bucket": "b-list", "MaxKeys": 2], store: store)
            #expect(first["IsTruncated"] == true && first["KeyCount"] == 2 && first["MaxKeys"] == 2)
            #expect(first["Contents"]?.arrayValue?.compactMap { $0["Key"]?.stringValue } == ["a.json", "logs/1.json"])
            #expect(first["Name"] == "b-list" && first["Prefix"] == "")
            let token = try #require(first["NextContinuationToken"])
            let rest = try await Self.call(
                "listObjectsV2", ["Bucket": "b-list", "ContinuationToken": token], store: store)
            #expect(
                rest["Contents"]?.arrayValue?.compactMap { $0["Key"]?.stringValue }
                    == ["logs/2.json", "raw/2024/x.json", "raw/2024/y.json", "z.json"])
            #expect(rest["IsTruncated"] == false && rest["NextContinuationToken"] == nil)
            #expect(rest["ContinuationToken"] == token)
            let rolled = try await Self.call(
                "listObjectsV2", ["Bucket": "b-list", "Delimiter": "/"], store: store)
            #expect(rolled["Contents"]?.arrayValue?.compactMap { $0["Key"]?.stringValue } == ["a.json", "z.json"])
            #expect(rolled["CommonPrefixes"] == [["Prefix": "logs/"], ["Prefix": "raw/"]])
            #expect(rolled["KeyCount"] == 4)
            let prefixed = try await Self.call(
                "listObjectsV2", ["Bucket": "b-list", "Prefix": "raw/", "Delimiter": "/", "StartAfter": "a"],
                store: store)
            #expect(prefixed["CommonPrefixes"] == [["Prefix": "raw/2024/"]] && prefixed["Contents"] == nil)
            #expect(prefixed["StartAfter"] == "a")
            let item = try #require(first["Contents"]?[0])
            #expect(
                item.objectValue?.keys == [
                    "Key", "LastModified", "ETag", "ChecksumAlgorithm", "ChecksumType", "Size", "StorageClass",
                ])
            #expect(item["Size"] == 2 && item["ETag"] == #""99914b932bd37a50b983c5e7c90ae93b""#)
            let none = try await Self.call(
                "listObjectsV2", ["Bucket": "b-list", "Prefix": "../b-list/"], store: store)
            #expect(none["KeyCount"] == 0 && none["Contents"] == nil)
        }
    }

    @Test func deleteAndCopyObjects() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put("hello", at: S3Location(parsing: "s3://src-bucket/in/a.txt"))
            let copied = try await Self.call(
                "copyObject", ["Bucket": "dst-bucket", "Key": "out/a.txt", "CopySource": "src-bucket/in/a.txt"],
                store: store)
            #expect(copied["CopyObjectResult"]?["ETag"] == #""5d41402abc4b2a76b9719d911017c592""#)
            #expect(copied["ServerSideEncryption"] == "AES256")
            #expect(try store.read(S3Location(parsing: "s3://dst-bucket/out/a.txt")) == Array("hello".utf8))
            let encoded = try await Self.call(
                "copyObject", ["Bucket": "dst-bucket", "Key": "b.txt", "CopySource": "/src-bucket/in%2Fa.txt"],
                store: store)
            #expect(encoded["CopyObjectResult"] != nil)
            let deleted = try await Self.call(
                "deleteObject", ["Bucket": "src-bucket", "Key": "in/a.txt"], store: store)
            #expect(deleted == .object(JSONObject()))
            #expect(!store.exists(try S3Location(parsing: "s3://src-bucket/in/a.txt")))
            // Deleting what is not there succeeds, as S3's DeleteObject does.
            _ = try await Self.call("deleteObject", ["Bucket": "dst-bucket", "Key": "never"], store: store)
        }
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let action: String
        let parameters: JSON
        let error: String
        let causePrefix: String
        var testDescription: String { "\(action) → \(error)" }
    }

    static let errors: [ErrorCase] = [
        ErrorCase(
            action: "getObject", parameters: ["Bucket": "present", "Key": "no_such_key.json"],
            error: "S3.NoSuchKeyException",
            causePrefix: "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: "),
        ErrorCase(
            action: "getObject", parameters: ["Bucket": "absent-bucket", "Key": "k"], error: "S3.NoSuchBucketException",
            causePrefix: "The specified bucket does not exist (Service: S3, Status Code: 404, Request ID: "),
        ErrorCase(
            action: "listObjectsV2", parameters: ["Bucket": "absent-bucket"], error: "S3.NoSuchBucketException",
            causePrefix: "The specified bucket does not exist (Service: S3, Status Code: 404, Request ID: "),
        ErrorCase(
            action: "deleteObject", parameters: ["Bucket": "absent-bucket", "Key": "k"],
            error: "S3.NoSuchBucketException", causePrefix: "The specified bucket does not exist (Service: S3"),
        ErrorCase(
            action: "headObject", parameters: ["Bucket": "present", "Key": "nothing"], error: "S3.NoSuchKeyException",
            causePrefix: "null (Service: S3, Status Code: 404, Request ID: "),
        ErrorCase(
            action: "copyObject", parameters: ["Bucket": "present", "Key": "t", "CopySource": "present/nothing"],
            error: "S3.NoSuchKeyException", causePrefix: "The specified key does not exist. (Service: S3"),
        ErrorCase(
            action: "copyObject", parameters: ["Bucket": "present", "Key": "t", "CopySource": "absent-bucket/x"],
            error: "S3.NoSuchBucketException", causePrefix: "The specified bucket does not exist (Service: S3"),
        ErrorCase(
            action: "getObject", parameters: ["Bucket": "present"], error: "S3.SdkClientException",
            causePrefix: "Parameter 'Key' must not be null"),
        ErrorCase(
            action: "putObject", parameters: ["Key": "k", "Body": "x"], error: "S3.SdkClientException",
            causePrefix: "Parameter 'Bucket' must not be null"),
        ErrorCase(
            action: "putObject", parameters: ["Bucket": "present", "Key": "k"], error: "S3.SdkClientException",
            causePrefix: "Parameter 'Body' must not be null"),
        ErrorCase(
            action: "copyObject", parameters: ["Bucket": "present", "Key": "k"], error: "S3.SdkClientException",
            causePrefix: "Parameter 'CopySource' must not be null"),
        ErrorCase(
            action: "listObjectsV2", parameters: ["Bucket": "present", "MaxKeys": "ten"],
            error: "S3.SdkClientException", causePrefix: "Cannot convert string to Integer for parameter 'MaxKeys'"),
        ErrorCase(
            action: "listObjectsV2", parameters: ["Bucket": "present", "ContinuationToken": "%%%"],
            error: "S3.S3Exception", causePrefix: "The continuation token provided is incorrect (Service: S3"),
    ]

    @Test(arguments: errors)
    func errorsAreNamedAndWordedAsAWS(_ c: ErrorCase) async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put("x", at: S3Location(parsing: "s3://present/here"))
            let error = try await Self.failure(c.action, c.parameters, store: store)
            #expect(error.name.rawValue == c.error)
            #expect(error.cause?.hasPrefix(c.causePrefix) == true, "\(error.cause ?? "")")
        }
    }

    @Test func requestIDsAreS3ShapedAndRepeatForTheSameSeed() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put("x", at: S3Location(parsing: "s3://present/here"))
            let first = try await Self.failure("getObject", ["Bucket": "present", "Key": "k"], store: store)
            let second = try await Self.failure("getObject", ["Bucket": "present", "Key": "k"], store: store)
            #expect(first == second)
            let cause = try #require(first.cause)
            let requestID = try #require(cause.split(separator: "Request ID: ").dropFirst().first?.prefix(16))
            #expect(requestID.allSatisfy { $0.isHexDigit && !$0.isLowercase })
            #expect(cause.hasSuffix("=)"))
        }
    }

    /// A definition's Catch sees what it would on AWS: the error name and the cause.
    @Test func aCatchSeesTheS3ErrorOfARun() async throws {
        try await TemporaryDirectory.with { directory in
            var config = RunConfiguration()
            config.topics = [SNSTopic(arn: "arn:aws:sns:us-east-1:123456789012:known")]
            let services = try LocalServices(config: config, dataDirectory: directory.url)
            try services.store.put("x", at: S3Location(parsing: "s3://bucket-name/other"))
            var handlers = HandlerRegistry()
            try services.register(into: &handlers)
            let definition = #"""
                {"StartAt": "Get", "States": {
                  "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                          "Parameters": {"Bucket": "bucket-name", "Key": "no_such_key.json"},
                          "Catch": [{"ErrorEquals": ["S3.NoSuchKeyException"], "Next": "Publish"}], "End": true},
                  "Publish": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sns:publish",
                          "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:missing", "Message": "m"},
                          "Catch": [{"ErrorEquals": ["Sns.NotFoundException"], "ResultPath": "$.sns", "Next": "Done"}],
                          "End": true},
                  "Done": {"Type": "Succeed"}}}
                """#
            let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "m.json", bytes: Array(definition.utf8)))
            let machine = try #require(analysis.machine)
            let executor = try Executor(
                machine: machine, handlers: handlers, options: ExecutionOptions(clock: VirtualClock(start: Self.start)))
            let result = await executor.run(input: [:])
            let output = try #require(result.output)
            #expect(output["Error"] == "S3.NoSuchKeyException")
            #expect(
                output["Cause"]?.stringValue?.hasPrefix(
                    "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ") == true)
            #expect(output["sns"]?["Error"] == "Sns.NotFoundException")
            #expect(
                output["sns"]?["Cause"]?.stringValue?.hasPrefix(
                    "Topic does not exist (Service: Sns, Status Code: 404, Request ID: ") == true)
        }
    }

    @Test func snsPublishThroughTheSDKAnswersOnlyTheMessageID() async throws {
        try await TemporaryDirectory.with { directory in
            let arn = "arn:aws:sns:us-east-1:123456789012:known"
            let publish = SNSPublishHandler(
                topics: [SNSTopic(arn: arn)], dataDirectory: directory.url, sinks: SNSSinks(), seed: 3)
            let request = TaskRequest(
                resource: TaskResource("arn:aws:states:::aws-sdk:sns:publish"), stateName: "P",
                parameters: ["TopicArn": .string(arn), "Message": "hello"],
                context: ["Execution": ["Id": "e"], "State": ["Name": "P"]], clock: VirtualClock(start: Self.start))
            let result = try await SNSSDKPublishHandler(publish: publish).handle(request)
            #expect(result.objectValue?.keys == ["MessageId"])
            #expect(result["MessageId"]?.stringValue?.count == 36)
            do {
                _ = try await SNSSDKPublishHandler(publish: publish).handle(
                    TaskRequest(
                        resource: request.resource, stateName: "P", parameters: ["TopicArn": .string(arn)],
                        clock: VirtualClock(start: Self.start)))
                Issue.record("an empty message was published")
            } catch let error as StatesError {
                #expect(error.name.rawValue == "Sns.InvalidParameterException")
                #expect(
                    error.cause?.hasPrefix(
                        "Invalid parameter: Empty message (Service: Sns, Status Code: 400, Request ID: ")
                        == true, "\(error.cause ?? "")")
            }
        }
    }
}
