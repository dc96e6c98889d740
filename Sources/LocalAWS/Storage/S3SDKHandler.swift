import Foundation
public import JSONCore
import StatesLanguage
public import StatesRuntime

/// `arn:aws:states:::aws-sdk:s3:<action>` served from the data directory's object store:
/// `getObject`, `putObject`, `listObjectsV2`, `deleteObject`, `copyObject`, `headObject`.
///
/// Parameters and results are the SDK's, in PascalCase (AWS Step Functions developer guide,
/// "AWS SDK service integrations"): `{"Bucket": "b", "Key": "k"}` in, e.g. GetObject's
/// `{"AcceptRanges": "bytes", "ContentLength": 9, "ContentType": "binary/octet-stream",
/// "ETag": "\"…\"", "LastModified": "…", "Metadata": {}, "ServerSideEncryption": "AES256",
/// "Body": "text data"}` out, the body as text. PutObject stores `Body` as Step Functions sends
/// it: its JSON text (a string keeps its quotes).
///
/// Errors are named as Step Functions names an SDK exception, `S3.<Exception>`, with the
/// `Exception` suffix even where S3's own code has none, and the Java SDK's message form as the
/// cause: `S3.NoSuchKeyException` "The specified key does not exist. (Service: S3, Status Code:
/// 404, Request ID: …, Extended Request ID: …)", `S3.NoSuchBucketException` "The specified
/// bucket does not exist (…)". The texts and names are those recorded on AWS
/// (SPEC-NOTES.md §12.1).
public struct S3SDKHandler: TaskHandler {
    /// The actions served, as they appear in the resource (`aws-sdk:s3:<action>`).
    public static let actions = [
        "getObject", "putObject", "listObjectsV2", "deleteObject", "copyObject", "headObject",
    ]

    public let store: ObjectStore
    /// The run's seed, for request ids.
    public let seed: UInt64

    public init(store: ObjectStore, seed: UInt64 = 0) {
        self.store = store
        self.seed = seed
    }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        guard case .sdk(_, let action, _) = request.resource.kind else {
            throw StatesError(.runtime, "\(request.resource.text) is not an aws-sdk:s3 resource")
        }
        var random = RequestRandom.source(seed: seed, salt: "aws-sdk:s3", request: request)
        let call = S3Call(parameters: request.parameters, ids: S3RequestIDs(random: &random))
        switch action {
        case "getObject": return try call.getObject(store)
        case "putObject": return try call.putObject(store)
        case "listObjectsV2": return try call.listObjectsV2(store)
        case "deleteObject": return try call.deleteObject(store)
        case "copyObject": return try call.copyObject(store)
        case "headObject": return try call.headObject(store)
        default:
            throw StatesError(
                .runtime,
                "aws-sdk:s3:\(action) is not served locally: use one of \(Self.actions.joined(separator: ", "))"
                    + NameSuggestion.didYouMean(action, in: Self.actions))
        }
    }
}

/// The request ids an S3 response carries: 16 upper-case hexadecimal digits, and a 76-character
/// base64 extended id, drawn from the request's seeded random stream.
struct S3RequestIDs {
    let requestID: String
    let extendedRequestID: String

    init(random: inout RandomSource) {
        requestID = (0..<16).map { _ in String(random.next() % 16, radix: 16, uppercase: true) }.joined()
        let bytes = (0..<56).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        extendedRequestID = Data(bytes).base64EncodedString()
    }

    /// `(Service: S3, Status Code: 404, Request ID: …, Extended Request ID: …)`.
    func suffix(status: Int) -> String {
        "(Service: S3, Status Code: \(status), Request ID: \(requestID), Extended Request ID: \(extendedRequestID))"
    }
}

/// One S3 call: reads its parameters, runs it on the store, shapes the answer or the error.
struct S3Call {
    let parameters: JSON
    let ids: S3RequestIDs

    // MARK: Actions

    func getObject(_ store: ObjectStore) throws(StatesError) -> JSON {
        let location = try object()
        guard store.bucketExists(location.bucket) else { throw noSuchBucket() }
        let bytes: [UInt8]
        do {
            bytes = try store.read(location)
        } catch {
            throw failure(error, location)
        }
        var result = head(location, store: store, size: bytes.count, bytes: bytes)
        result["Body"] = .string(String(decoding: bytes, as: UTF8.self))
        return .object(result)
    }

    func headObject(_ store: ObjectStore) throws(StatesError) -> JSON {
        let location = try object()
        // HEAD answers 404 without a body, so the SDK has no message: "null (…)", for a missing
        // bucket as for a missing key.
        guard store.bucketExists(location.bucket), store.exists(location) else {
            throw StatesError("S3.NoSuchKeyException", "null \(ids.suffix(status: 404))")
        }
        let bytes: [UInt8]
        do {
            bytes = try store.read(location)
        } catch {
            throw failure(error, location)
        }
        return .object(head(location, store: store, size: bytes.count, bytes: bytes))
    }

    func putObject(_ store: ObjectStore) throws(StatesError) -> JSON {
        let location = try object()
        guard let body = parameters["Body"] else { throw missing("Body") }
        let bytes = JSONWriter.compactBytes(body)
        do {
            try store.put(bytes, at: location)
        } catch {
            throw failure(error, location)
        }
        return [
            "ChecksumCRC32": .string(CRC32.base64(bytes)), "ChecksumType": "FULL_OBJECT",
            "ETag": .string(Self.etag(bytes)), "ServerSideEncryption": "AES256",
        ]
    }

    func deleteObject(_ store: ObjectStore) throws(StatesError) -> JSON {
        let location = try object()
        guard store.bucketExists(location.bucket) else { throw noSuchBucket() }
        do {
            try store.delete(location)
        } catch {
            throw failure(error, location)
        }
        return .object(JSONObject())
    }

    func copyObject(_ store: ObjectStore) throws(StatesError) -> JSON {
        let target = try object()
        guard let copySource = try string("CopySource") else { throw missing("CopySource") }
        // `bucket/key`, URL-encoded, optionally with a leading `/` and a `?versionId=…`.
        var text = copySource.hasPrefix("/") ? String(copySource.dropFirst()) : copySource
        if let query = text.firstIndex(of: "?") { text = String(text[..<query]) }
        let decoded = text.removingPercentEncoding ?? text
        guard let slash = decoded.firstIndex(of: "/"), decoded.index(after: slash) < decoded.endIndex else {
            throw StatesError(
                "S3.S3Exception",
                "Invalid copy source object key \(ids.suffix(status: 400))")
        }
        let source: S3Location
        do {
            source = try S3Location(
                bucket: String(decoded[..<slash]), key: String(decoded[decoded.index(after: slash)...]))
        } catch {
            throw invalidArgument("CopySource", error.message)
        }
        guard store.bucketExists(source.bucket) else { throw noSuchBucket() }
        let bytes: [UInt8]
        do {
            bytes = try store.read(source)
        } catch {
            throw failure(error, source)
        }
        do {
            try store.put(bytes, at: target)
        } catch {
            throw failure(error, target)
        }
        var result = JSONObject()
        result["CopyObjectResult"] = [
            "ETag": .string(Self.etag(bytes)),
            "LastModified": .string(Self.timestamp(store.lastModified(target) ?? Date())),
            "ChecksumCRC32": .string(CRC32.base64(bytes)),
        ]
        result["ServerSideEncryption"] = "AES256"
        return .object(result)
    }

    func listObjectsV2(_ store: ObjectStore) throws(StatesError) -> JSON {
        let bucket = try bucketName()
        let prefix = try string("Prefix") ?? ""
        let delimiter = try string("Delimiter")
        let startAfter = try string("StartAfter")
        let token = try string("ContinuationToken")
        let maxKeys = try integer("MaxKeys") ?? 1000
        guard maxKeys >= 0 else {
            throw invalidArgument("MaxKeys", "Argument maxKeys must be an integer between 0 and 2147483647")
        }
        guard store.bucketExists(bucket) else { throw noSuchBucket() }
        var after = startAfter ?? ""
        if let token {
            // An empty token is refused as a malformed one (AWS, LocalStack's recording
            // `test_list_objects_v2_continuation_start_after`, "exc-continuation-token").
            guard !token.isEmpty, let data = Data(base64Encoded: token),
                let key = String(data: data, encoding: .utf8)
            else {
                throw StatesError(
                    "S3.S3Exception", "The continuation token provided is incorrect \(ids.suffix(status: 400))")
            }
            after = key
        }
        // A prefix no local key can start with (a `..` or empty segment) matches nothing.
        var all: [StoredObject] = []
        if let searched = try? S3Location(bucket: bucket, key: prefix) {
            do {
                all = try store.list(under: searched)
            } catch {
                throw StatesError("S3.S3Exception", "\(error.message) \(ids.suffix(status: 500))")
            }
        }
        // Keys and common prefixes in key order, after `after`, up to `MaxKeys` of them together.
        var contents: [JSON] = []
        var commonPrefixes: [String] = []
        var count = 0
        var truncated = false
        var lastReturned: String?
        for object in all where object.location.key > after {
            let key = object.location.key
            var rolledUp: String?
            let rest =
                key.utf8.count >= prefix.utf8.count
                ? String(decoding: key.utf8.dropFirst(prefix.utf8.count), as: UTF8.self) : ""
            if let delimiter, !delimiter.isEmpty, let range = rest.range(of: delimiter) {
                rolledUp = prefix + rest[..<range.upperBound]
            }
            if let rolledUp, commonPrefixes.last == rolledUp { continue }
            if let rolledUp, rolledUp <= after { continue }
            guard count < min(maxKeys, 1000) else {
                truncated = true
                break
            }
            count += 1
            if let rolledUp {
                commonPrefixes.append(rolledUp)
                lastReturned = rolledUp
            } else {
                let bytes = (try? store.read(object.location)) ?? []
                contents.append([
                    "Key": .string(key),
                    "LastModified": .string(Self.timestamp(store.lastModified(object.location) ?? Date())),
                    "ETag": .string(Self.etag(bytes)),
                    // Objects are put with a CRC-32 checksum (PutObject answers `ChecksumCRC32`), and
                    // S3 lists such an object with its algorithm and type.
                    "ChecksumAlgorithm": ["CRC32"], "ChecksumType": "FULL_OBJECT",
                    "Size": .number(JSONNumber(object.size)), "StorageClass": "STANDARD",
                ])
                lastReturned = key
            }
        }
        var result = JSONObject()
        result["IsTruncated"] = .bool(truncated)
        if !contents.isEmpty { result["Contents"] = .array(contents) }
        result["Name"] = .string(bucket)
        result["Prefix"] = .string(prefix)
        if let delimiter { result["Delimiter"] = .string(delimiter) }
        result["MaxKeys"] = .number(JSONNumber(maxKeys))
        if !commonPrefixes.isEmpty {
            result["CommonPrefixes"] = .array(commonPrefixes.map { ["Prefix": .string($0)] })
        }
        result["KeyCount"] = .number(JSONNumber(count))
        if let token { result["ContinuationToken"] = .string(token) }
        if truncated, let lastReturned {
            result["NextContinuationToken"] = .string(Data(lastReturned.utf8).base64EncodedString())
        }
        // A continuation token takes precedence over `StartAfter`, which S3 then does not echo.
        if let startAfter, token == nil { result["StartAfter"] = .string(startAfter) }
        return .object(result)
    }

    // MARK: Shapes

    /// HeadObject's fields (GetObject's without `Body`), in the order Step Functions returns them.
    private func head(_ location: S3Location, store: ObjectStore, size: Int, bytes: [UInt8]) -> JSONObject {
        var result = JSONObject()
        result["AcceptRanges"] = "bytes"
        result["ContentLength"] = .number(JSONNumber(size))
        result["ContentType"] = "binary/octet-stream"
        result["ETag"] = .string(Self.etag(bytes))
        result["LastModified"] = .string(Self.timestamp(store.lastModified(location) ?? Date()))
        result["Metadata"] = .object(JSONObject())
        result["ServerSideEncryption"] = "AES256"
        return result
    }

    /// `"<md5 hex>"`, quotes included, as S3 gives a single-part object's ETag.
    static func etag(_ bytes: [UInt8]) -> String { "\"" + MD5.hex(bytes) + "\"" }

    /// `2024-01-05T12:00:00Z`.
    static func timestamp(_ date: Date) -> String {
        let time = UTCTimestamp(date)
        return "\(time.dateText)T\(UTCTimestamp.pad(time.hour, 2)):\(UTCTimestamp.pad(time.minute, 2)):"
            + "\(UTCTimestamp.pad(time.second, 2))Z"
    }

    // MARK: Parameters

    private func object() throws(StatesError) -> S3Location {
        let bucket = try bucketName()
        guard let key = try string("Key") else { throw missing("Key") }
        guard !key.isEmpty else { throw missing("Key") }
        do {
            return try S3Location(bucket: bucket, key: key)
        } catch {
            throw invalidArgument("Key", error.message)
        }
    }

    private func bucketName() throws(StatesError) -> String {
        guard let bucket = try string("Bucket") else { throw missing("Bucket") }
        if let problem = S3Location.bucketProblem(bucket) { throw invalidArgument("Bucket", problem) }
        return bucket
    }

    private func string(_ name: String) throws(StatesError) -> String? {
        switch parameters[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?:
            throw StatesError(
                "S3.SdkClientException", "Cannot convert \(other.typeName) to String for parameter '\(name)'")
        }
    }

    private func integer(_ name: String) throws(StatesError) -> Int? {
        switch parameters[name] {
        case nil, .null?: return nil
        case .number(let number)?:
            guard let value = number.integralValue.flatMap({ Int(exactly: $0) }), value <= Int(Int32.max) else {
                throw StatesError(
                    "S3.SdkClientException", "Cannot convert \(number.text) to Integer for parameter '\(name)'")
            }
            return value
        case let other?:
            throw StatesError(
                "S3.SdkClientException", "Cannot convert \(other.typeName) to Integer for parameter '\(name)'")
        }
    }

    // MARK: Errors

    /// A required parameter that is absent: the SDK refuses the call before sending it.
    private func missing(_ name: String) -> StatesError {
        StatesError("S3.SdkClientException", "Parameter '\(name)' must not be null")
    }

    private func invalidArgument(_ name: String, _ reason: String) -> StatesError {
        StatesError("S3.S3Exception", "Invalid argument \(name): \(reason) \(ids.suffix(status: 400))")
    }

    private func noSuchBucket() -> StatesError {
        StatesError("S3.NoSuchBucketException", "The specified bucket does not exist \(ids.suffix(status: 404))")
    }

    private func failure(_ error: StorageError, _ location: S3Location) -> StatesError {
        switch error.kind {
        case .noSuchKey:
            return StatesError("S3.NoSuchKeyException", "The specified key does not exist. \(ids.suffix(status: 404))")
        default:
            return StatesError("S3.S3Exception", "\(error.message) \(ids.suffix(status: 500))")
        }
    }
}
