import Foundation
public import JSONCore
import StatesLanguage
public import StatesRuntime

/// The Lambda function the clickstream stream triggers: decodes each Kinesis record and writes it
/// to the raw bucket as `YYYY/MM/DD/<uuid>.json`.
///
/// - The date is the record's `event_time` (its first ten characters, `YYYY-MM-DD`) when the data
///   is a JSON object with such a field, else the record's arrival time (UTC).
/// - The uuid is a name-based (MD5, version 3) UUID of the stream ARN, shard id and sequence
///   number, so a batch delivered twice writes the same keys again: no duplicates, no losses.
/// - The object holds the record's data bytes unchanged.
///
///     let ingest = try IngestFunction(store: store, rawBucket: "clickstream-raw")
///     try ingest.ingest(batch.lambdaEvent(region: "us-east-1", account: "123456789012",
///                                         functionName: "clickstream-ingest"))
///     // s3://clickstream-raw/2024/01/05/5f0c…-….json
public struct IngestFunction: TaskHandler {
    public let store: ObjectStore
    /// `s3://<raw bucket>/`.
    public let destination: S3Location

    /// - Throws: ``StorageError`` when `rawBucket` is not a valid bucket name.
    public init(store: ObjectStore, rawBucket: String) throws(StorageError) {
        self.store = store
        destination = try S3Location(bucket: rawBucket, key: "")
    }

    /// Writes every record of a Lambda Kinesis event; returns the objects written, in order.
    /// - Parameter durable: `true` makes the objects durable before returning, with one sync of
    ///   the file system for the whole event; `false` leaves that to the caller (the stream
    ///   consumer syncs once before it moves its checkpoint). Either way each object appears
    ///   whole or not at all.
    /// - Throws: ``IngestError`` for a malformed event, ``StorageError`` when a write fails
    ///   (records before it have been written; delivering the event again is safe).
    @discardableResult
    public func ingest(_ event: JSON, durable: Bool = true) throws -> [S3Location] {
        guard let records = event["Records"]?.arrayValue else {
            throw IngestError("the event has no 'Records' array; this function expects a Kinesis event")
        }
        var written: [S3Location] = []
        for (index, record) in records.enumerated() {
            let location = try objectLocation(for: record, index: index)
            guard let encoded = record["kinesis"]?["data"]?.stringValue, let data = Data(base64Encoded: encoded) else {
                throw IngestError("Records[\(index)].kinesis.data is not base64 text")
            }
            try store.put(Array(data), at: location, durable: false)
            written.append(location)
        }
        if durable && !written.isEmpty { try store.sync() }
        return written
    }

    /// Invoked as a Lambda function: the parameters are the Kinesis event. Returns
    /// `{"statusCode": 200, "body": "{\"written\":N,\"bucket\":\"…\"}"}`.
    public func handle(_ request: TaskRequest) async throws -> JSON {
        let written = try ingest(request.parameters)
        let body: JSON = ["written": .number(JSONNumber(written.count)), "bucket": .string(destination.bucket)]
        return ["statusCode": 200, "body": .string(JSONWriter.compact(body))]
    }

    /// `s3://<bucket>/YYYY/MM/DD/<uuid>.json` for one event record.
    public func objectLocation(for record: JSON, index: Int = 0) throws -> S3Location {
        guard let eventID = record["eventID"]?.stringValue, let kinesis = record["kinesis"] else {
            throw IngestError("Records[\(index)] has no 'eventID' or 'kinesis' member")
        }
        let source = record["eventSourceARN"]?.stringValue ?? ""
        let uuid = UUIDText.nameBased("\(source)/\(eventID)")
        let datePath = Self.datePath(
            data: kinesis["data"]?.stringValue.flatMap { Data(base64Encoded: $0) },
            arrivalSeconds: kinesis["approximateArrivalTimestamp"]?.numberValue?.doubleValue ?? 0)
        return try destination.appending("\(datePath)/\(uuid).json")
    }

    /// `YYYY/MM/DD` from the data's `event_time`, or from the arrival time.
    static func datePath(data: Data?, arrivalSeconds: Double) -> String {
        if let data,
            let document = try? JSONReader.read(Array(data), options: .init(recordsSourceMap: false)).value,
            let eventTime = document["event_time"]?.stringValue
        {
            let digits = Array(eventTime.utf8.prefix(10))
            let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
            if digits.count == 10, digits[4] == 0x2D, digits[7] == 0x2D,
                digits.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || isDigit($0.element) })
            {
                // `-` → `/` on the bytes (Foundation's replacingOccurrences cost ~3% of a big run).
                return String(decoding: digits.map { $0 == 0x2D ? 0x2F : $0 }, as: UTF8.self)
            }
        }
        return UTCTimestamp(Date(timeIntervalSince1970: arrivalSeconds)).datePath
    }
}

/// A malformed event given to the ingest function.
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
