public import Foundation
import JSONCore

/// One record in a shard, as `GetRecords` returns it.
public struct StreamRecord: Sendable, Hashable {
    /// The shard's decimal sequence number (``SequenceNumber``).
    public let sequenceNumber: String
    public let partitionKey: String
    /// The data blob, unencoded.
    public let data: [UInt8]
    /// When the record was put, from the execution clock, to the millisecond.
    public let approximateArrivalTimestamp: Date

    public init(sequenceNumber: String, partitionKey: String, data: [UInt8], approximateArrivalTimestamp: Date) {
        self.sequenceNumber = sequenceNumber
        self.partitionKey = partitionKey
        self.data = data
        self.approximateArrivalTimestamp = approximateArrivalTimestamp
    }

    /// The line this record takes in its shard file (JSON, no newline):
    /// `{"SequenceNumber":"49…","ApproximateArrivalTimestamp":1704456000250,"PartitionKey":"u1234","Data":"eyJ1…"}`
    /// with the arrival time in epoch milliseconds and the data in base64.
    var line: JSON {
        [
            "SequenceNumber": .string(sequenceNumber),
            "ApproximateArrivalTimestamp": .number(JSONNumber(approximateArrivalTimestamp.epochMilliseconds)),
            "PartitionKey": .string(partitionKey),
            "Data": .string(Data(data).base64EncodedString()),
        ]
    }

    /// Reads a shard file line; `nil` when it is not a well-formed record.
    init?(line: JSON) {
        guard let sequenceNumber = line["SequenceNumber"]?.stringValue,
            let millis = line["ApproximateArrivalTimestamp"]?.numberValue?.int64Value,
            let partitionKey = line["PartitionKey"]?.stringValue,
            let encoded = line["Data"]?.stringValue,
            let data = Data(base64Encoded: encoded)
        else { return nil }
        self.init(
            sequenceNumber: sequenceNumber, partitionKey: partitionKey, data: Array(data),
            approximateArrivalTimestamp: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// The record as a Lambda Kinesis event's `kinesis` member.
    ///
    /// Source: AWS Lambda developer guide, "Using AWS Lambda with Amazon Kinesis" (example event:
    /// `kinesisSchemaVersion` "1.0", `partitionKey`, `sequenceNumber`, base64 `data`,
    /// `approximateArrivalTimestamp` in epoch seconds with a fraction).
    var lambdaKinesisMember: JSON {
        [
            "kinesisSchemaVersion": "1.0",
            "partitionKey": .string(partitionKey),
            "sequenceNumber": .string(sequenceNumber),
            "data": .string(Data(data).base64EncodedString()),
            "approximateArrivalTimestamp": .number(
                JSONNumber(Double(approximateArrivalTimestamp.epochMilliseconds) / 1000)),
        ]
    }
}

/// Kinesis-style sequence numbers: 56 decimal digits, `49`, the shard index in 12 digits, then
/// the record's 1-based position in the shard in 42 digits. They increase within a shard, compare
/// correctly as strings and as numbers, and give the record's position back without a lookup.
///
///     SequenceNumber.make(shard: 0, position: 1)
///     // "49000000000000000000000000000000000000000000000000000001"
///
/// Kinesis documents sequence numbers only as unique per partition key, increasing over time and
/// up to 128 digits (Kinesis API reference, `PutRecord`); the layout inside is ours.
public enum SequenceNumber {
    static let positionDigits = 42

    /// The sequence number of the record at 1-based `position` in shard `shard`.
    public static func make(shard: Int, position: Int) -> String {
        "49" + UTCTimestamp.pad(shard, 12) + UTCTimestamp.pad(position, positionDigits)
    }

    /// The 1-based position a sequence number of shard `shard` encodes, or `nil` when it is not one
    /// of that shard's.
    public static func position(of sequenceNumber: String, shard: Int) -> Int? {
        guard sequenceNumber.count == 56, sequenceNumber.hasPrefix("49" + UTCTimestamp.pad(shard, 12)) else {
            return nil
        }
        return Int(sequenceNumber.suffix(positionDigits))
    }
}
