public import Foundation
public import JSONCore
import StatesLanguage

/// A message published to a topic.
public struct SNSNotification: Sendable, Hashable {
    public let messageID: String
    public let topicARN: String
    public let subject: String?
    public let message: String
    /// `{"name": {"Type": "String", "Value": "…"}}` as notifications carry them.
    public let messageAttributes: JSONObject
    public let timestamp: Date

    /// `2024-01-05T12:00:20.000Z`.
    public var timestampText: String { UTCTimestamp(timestamp).iso8601Milliseconds }

    /// The line appended to the topic's outbox `<data-dir>/sns/<topic>.jsonl`.
    public var outboxLine: JSON {
        var object: JSONObject = ["MessageId": .string(messageID), "TopicArn": .string(topicARN)]
        if let subject { object["Subject"] = .string(subject) }
        object["Message"] = .string(message)
        if !messageAttributes.isEmpty { object["MessageAttributes"] = .object(messageAttributes) }
        object["Timestamp"] = .string(timestampText)
        return .object(object)
    }

    /// The JSON document an HTTP, email-json or queue subscriber receives, fields in SNS's order.
    ///
    /// `Signature` cannot be AWS's (that needs SNS's private key): it is the base64 of the MD5 of
    /// the message ID, so receivers must not verify it, and `SigningCertURL` names a certificate
    /// that does not exist. Everything else has SNS's shape and values.
    ///
    /// Source: Amazon SNS developer guide, "Amazon SNS message and JSON formats" (HTTP/HTTPS
    /// notification JSON format); the message attribute form `{"Type", "Value"}` is observed on AWS
    /// (LocalStack snapshot `test_sns_task_service.snapshot.json`, `test_publish_message_attributes`).
    public func document(subscriptionARN: String, region: String) -> JSON {
        var object: JSONObject = [
            "Type": "Notification", "MessageId": .string(messageID), "TopicArn": .string(topicARN),
        ]
        if let subject { object["Subject"] = .string(subject) }
        object["Message"] = .string(message)
        object["Timestamp"] = .string(timestampText)
        object["SignatureVersion"] = "1"
        object["Signature"] = .string(Data(MD5.digest(Array(messageID.utf8))).base64EncodedString())
        object["SigningCertURL"] = .string("https://sns.\(region).amazonaws.com/SimpleNotificationService-local.pem")
        object["UnsubscribeURL"] = .string(
            "https://sns.\(region).amazonaws.com/?Action=Unsubscribe&SubscriptionArn=\(subscriptionARN)")
        if !messageAttributes.isEmpty { object["MessageAttributes"] = .object(messageAttributes) }
        return .object(object)
    }
}
