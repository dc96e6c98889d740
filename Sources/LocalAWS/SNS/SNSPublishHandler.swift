public import Foundation
public import JSONCore
import StatesLanguage
public import StatesRuntime

/// Receives what the local SNS delivers to the terminal, and delivery problems.
public struct SNSSinks: Sendable {
    /// A notification for a `stdout` subscription.
    public var notification: @Sendable (SNSNotification, SNSTopic) -> Void
    /// A delivery that failed (SNS itself still accepted the message, as on AWS).
    public var warning: @Sendable (String) -> Void

    public init(
        notification: @escaping @Sendable (SNSNotification, SNSTopic) -> Void = { _, _ in },
        warning: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.notification = notification
        self.warning = warning
    }
}

/// `arn:aws:states:::sns:publish`, locally.
///
/// Publishes to one of the configured topics: appends the message to the topic's outbox
/// `<data-dir>/sns/<topic-name>.jsonl` (one whole line per `O_APPEND` write) and delivers it to
/// each subscription (``SNSSubscription``). Returns what Step Functions returns for the
/// optimized integration:
///
///     {"MessageId": "…", "SdkHttpMetadata": {"AllHttpHeaders": {"x-amzn-RequestId": ["…"],
///       "Content-Length": ["294"], "Date": ["Fri, 05 Jan 2024 12:00:20 GMT"], "Content-Type": ["text/xml"]},
///       "HttpHeaders": {"Content-Length": "294", "Content-Type": "text/xml", "Date": "…",
///       "x-amzn-RequestId": "…"}, "HttpStatusCode": 200}, "SdkResponseMetadata": {"RequestId": "…"}}
///
/// (observed on AWS: LocalStack snapshot `test_sns_task_service.snapshot.json`,
/// `test_publish_base`). A `Message` that is not a string is sent as its JSON text.
///
/// Errors, named `SNS.<exception>` as Step Functions names the optimized integration's errors,
/// with the SDK's cause text: an unknown topic is `SNS.NotFoundException` ("Topic does not
/// exist"); a missing or malformed parameter is `SNS.InvalidParameterException` (observed on AWS
/// for an invalid topic ARN: "Invalid parameter: Topic Name (Service: AmazonSNS; Status Code:
/// 400; …)").
public struct SNSPublishHandler: TaskHandler {
    /// The topics by ARN.
    public let topics: [String: SNSTopic]
    public let dataDirectory: URL
    public let sinks: SNSSinks
    public let seed: UInt64

    public init(topics: [SNSTopic], dataDirectory: URL, sinks: SNSSinks, seed: UInt64) {
        self.topics = Dictionary(topics.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.sinks = sinks
        self.seed = seed
    }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        var random = RequestRandom.source(seed: seed, salt: "sns", request: request)
        let messageID = UUIDText.random(using: &random)
        let requestID = UUIDText.random(using: &random)
        let parameters = request.parameters
        func invalid(_ text: String) -> StatesError { Self.error("InvalidParameter", 400, text, requestID: requestID) }

        guard let topicARN = parameters["TopicArn"]?.stringValue ?? parameters["TargetArn"]?.stringValue else {
            if parameters["PhoneNumber"] != nil {
                throw invalid("Invalid parameter: PhoneNumber Reason: SMS is not supported by the local SNS")
            }
            throw invalid("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter")
        }
        guard SNSTopic.isValidARN(topicARN) else { throw invalid("Invalid parameter: TopicArn") }
        guard let topic = topics[topicARN] else {
            throw StatesError(
                "SNS.NotFoundException",
                "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: "
                    + "\(requestID); Proxy: null) [local: no topic \(topicARN) in the configuration"
                    + "\(NameSuggestion.didYouMean(topicARN, in: topics.keys.sorted())); configured: "
                    + "\(topics.keys.sorted().joined(separator: ", "))]")
        }
        let messages = try Self.messages(parameters, invalid: invalid)
        let subject = parameters["Subject"]?.stringValue
        if let subject {
            guard (1...100).contains(subject.count),
                subject.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
            else { throw invalid("Invalid parameter: Subject") }
        }
        let attributes = try Self.attributes(parameters["MessageAttributes"], invalid: invalid)
        let notification = SNSNotification(
            messageID: messageID, topicARN: topicARN, subject: subject, message: messages.defaultMessage,
            messageAttributes: attributes, timestamp: request.clock.now())
        try appendToOutbox(notification, topic: topic)
        for subscription in topic.subscriptions {
            var delivered = notification
            if let specific = messages.byProtocol[subscription.deliveryProtocol.rawValue] {
                delivered = SNSNotification(
                    messageID: messageID, topicARN: topicARN, subject: subject, message: specific,
                    messageAttributes: attributes, timestamp: notification.timestamp)
            }
            do {
                try await deliver(delivered, to: subscription, topic: topic)
            } catch {
                sinks.warning(
                    "SNS delivery of \(messageID) from \(topic.name) to \(subscription.deliveryProtocol.rawValue) "
                        + "'\(subscription.endpoint)' failed: \(error)")
            }
        }
        let date = UTCTimestamp(notification.timestamp).httpDate
        return [
            "MessageId": .string(messageID),
            "SdkHttpMetadata": [
                "AllHttpHeaders": [
                    "x-amzn-RequestId": [.string(requestID)], "Content-Length": ["294"], "Date": [.string(date)],
                    "Content-Type": ["text/xml"],
                ],
                "HttpHeaders": [
                    "Content-Length": "294", "Content-Type": "text/xml", "Date": .string(date),
                    "x-amzn-RequestId": .string(requestID),
                ],
                "HttpStatusCode": 200,
            ],
            "SdkResponseMetadata": ["RequestId": .string(requestID)],
        ]
    }

    /// The default message and the per-protocol ones (`MessageStructure: "json"`).
    private static func messages(
        _ parameters: JSON, invalid: (String) -> StatesError
    ) throws(StatesError) -> (defaultMessage: String, byProtocol: [String: String]) {
        let text: String
        switch parameters["Message"] {
        case nil, .null?: throw invalid("Invalid parameter: Empty message")
        case .string(let string)?: text = string
        case let other?: text = JSONWriter.compact(other)
        }
        guard !text.isEmpty else { throw invalid("Invalid parameter: Empty message") }
        guard text.utf8.count <= 262_144 else { throw invalid("Invalid parameter: Message too long") }
        guard parameters["MessageStructure"]?.stringValue == "json" else { return (text, [:]) }
        guard let document = try? JSONReader.read(text, options: .init(recordsSourceMap: false)).value,
            let object = document.objectValue
        else { throw invalid("Invalid parameter: Message Structure - JSON message body failed to parse") }
        guard let fallback = object["default"]?.stringValue else {
            throw invalid("Invalid parameter: Message Structure - No default entry in JSON message body")
        }
        var byProtocol: [String: String] = [:]
        for (key, value) in object where key != "default" {
            if let string = value.stringValue { byProtocol[key] = string }
        }
        return (fallback, byProtocol)
    }

    /// `{"name": {"DataType": "String", "StringValue": "x"}}` → `{"name": {"Type": "String", "Value": "x"}}`.
    private static func attributes(_ value: JSON?, invalid: (String) -> StatesError) throws(StatesError) -> JSONObject {
        guard let value, !value.isNull else { return JSONObject() }
        guard let object = value.objectValue else { throw invalid("Invalid parameter: MessageAttributes") }
        var result = JSONObject()
        for (name, attribute) in object {
            guard let type = attribute["DataType"]?.stringValue,
                ["String", "Number", "Binary", "String.Array"].contains(where: {
                    type == $0 || type.hasPrefix($0 + ".")
                })
            else {
                throw invalid(
                    "Invalid parameter: MessageAttributes: the attribute '\(name)' needs a DataType of String, Number, Binary or String.Array"
                )
            }
            guard
                let content = (type.hasPrefix("Binary") ? attribute["BinaryValue"] : attribute["StringValue"])?
                    .stringValue,
                !content.isEmpty
            else {
                throw invalid(
                    "Invalid parameter: MessageAttributes: The message attribute '\(name)' must contain non-empty message "
                        + "attribute value for message attribute type '\(type)'.")
            }
            result[name] = ["Type": .string(type), "Value": .string(content)]
        }
        return result
    }

    private func appendToOutbox(_ notification: SNSNotification, topic: SNSTopic) throws(StatesError) {
        do {
            try DataDirectory(dataDirectory).append(
                JSONWriter.compactBytes(notification.outboxLine) + [0x0A], to: "sns/\(topic.name).jsonl")
        } catch {
            throw StatesError(.taskFailed, "the local SNS cannot write its outbox: \(error)")
        }
    }

    private func deliver(_ notification: SNSNotification, to subscription: SNSSubscription, topic: SNSTopic)
        async throws
    {
        let subscriptionARN = subscription.arn(topic: topic.arn)
        switch subscription.deliveryProtocol {
        case .stdout:
            sinks.notification(notification, topic)
        case .file:
            _ = try Self.fileInside(dataDirectory, subscription.endpoint)
            let document = notification.document(subscriptionARN: subscriptionARN, region: topic.region)
            try DataDirectory(dataDirectory).append(
                JSONWriter.compactBytes(document) + [0x0A], to: subscription.endpoint)
        case .email, .emailJSON:
            let text = EmailMessage.render(
                notification, to: subscription.endpoint, subscriptionARN: subscriptionARN, region: topic.region,
                displayName: topic.displayName, json: subscription.deliveryProtocol == .emailJSON)
            let stamp = UTCTimestamp(notification.timestamp)
            let name =
                "\(stamp.dateText.replacingOccurrences(of: "-", with: ""))T"
                + "\(UTCTimestamp.pad(stamp.hour, 2))\(UTCTimestamp.pad(stamp.minute, 2))"
                + "\(UTCTimestamp.pad(stamp.second, 2))Z-\(notification.messageID).eml"
            try DataDirectory(dataDirectory).writeAtomically(Array(text.utf8), to: "mail/" + name)
        case .http:
            let endpoint = try HTTPPoster.endpoint(subscription.endpoint).get()
            let body = JSONWriter.compactBytes(
                notification.document(subscriptionARN: subscriptionARN, region: topic.region))
            let status = try await HTTPPoster.post(
                body, to: endpoint,
                headers: [
                    ("x-amz-sns-message-type", "Notification"), ("x-amz-sns-message-id", notification.messageID),
                    ("x-amz-sns-topic-arn", topic.arn), ("x-amz-sns-subscription-arn", subscriptionARN),
                    ("Content-Type", "text/plain; charset=UTF-8"),
                    ("User-Agent", "Amazon Simple Notification Service Agent"),
                ])
            guard (200..<300).contains(status) else { throw HTTPPostError("the endpoint answered HTTP \(status)") }
        }
    }

    /// A `file` endpoint as a path inside the data directory.
    static func fileInside(_ dataDirectory: URL, _ endpoint: String) throws(HTTPPostError) -> String {
        let segments = endpoint.split(separator: "/", omittingEmptySubsequences: false)
        guard !endpoint.isEmpty, !endpoint.hasPrefix("/"),
            !segments.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else {
            throw HTTPPostError(
                "the file endpoint '\(endpoint)' must be a relative path inside the data directory, without '..'"
                    + " or '.' parts")
        }
        return dataDirectory.path(percentEncoded: false)
            + (dataDirectory.path(percentEncoded: false).hasSuffix("/") ? "" : "/") + endpoint
    }

    static func error(_ code: String, _ status: Int, _ message: String, requestID: String) -> StatesError {
        StatesError(
            StatesErrorName("SNS.\(code)Exception"),
            "\(message) (Service: AmazonSNS; Status Code: \(status); Error Code: \(code); Request ID: \(requestID); Proxy: null)"
        )
    }
}
