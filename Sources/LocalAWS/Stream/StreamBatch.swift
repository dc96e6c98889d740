public import JSONCore

/// Records of one shard handed to a consumer's function together.
public struct StreamBatch: Sendable {
    public let streamName: String
    /// The stream's ARN (`eventSourceARN`).
    public let streamARN: String
    public let shardID: String
    public let records: [StreamRecord]

    public init(streamName: String, streamARN: String, shardID: String, records: [StreamRecord]) {
        self.streamName = streamName
        self.streamARN = streamARN
        self.shardID = shardID
        self.records = records
    }

    /// The event Lambda's Kinesis event source mapping invokes a function with:
    /// `{"Records": [{"kinesis": {…}, "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID":
    /// "shardId-…:49…", "eventName": "aws:kinesis:record", "invokeIdentityArn": …, "awsRegion": …,
    /// "eventSourceARN": …}]}`.
    ///
    /// Source: AWS Lambda developer guide, "Using AWS Lambda with Amazon Kinesis", example event.
    public func lambdaEvent(region: String, account: String, functionName: String) -> JSON {
        .object(
            [
                "Records": .array(
                    records.map { record in
                        [
                            "kinesis": record.lambdaKinesisMember,
                            "eventSource": "aws:kinesis",
                            "eventVersion": "1.0",
                            "eventID": .string("\(shardID):\(record.sequenceNumber)"),
                            "eventName": "aws:kinesis:record",
                            "invokeIdentityArn": .string("arn:aws:iam::\(account):role/\(functionName)-role"),
                            "awsRegion": .string(region),
                            "eventSourceARN": .string(streamARN),
                        ]
                    })
            ])
    }
}
