import StatesLanguage

/// A topic the local SNS serves, with its subscriptions.
public struct SNSTopic: Sendable, Hashable {
    /// `arn:aws:sns:<region>:<account>:<name>`.
    public let arn: String
    /// The topic's `DisplayName`, shown as the sender's name of email notifications.
    public var displayName: String?
    public var subscriptions: [SNSSubscription]

    public init(arn: String, displayName: String? = nil, subscriptions: [SNSSubscription] = []) {
        self.arn = arn
        self.displayName = displayName
        self.subscriptions = subscriptions
    }

    /// The name part of the ARN (`clickstream-success`).
    public var name: String { arn.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? arn }

    /// The region part of the ARN.
    public var region: String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 3 ? String(parts[3]) : "us-east-1"
    }

    /// Whether `arn` is a topic ARN: `arn:<partition>:sns:<region>:<12-digit account>:<name>`, the name
    /// 1–256 of `A-Za-z0-9_-` (optionally ending in `.fifo`).
    public static func isValidARN(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "sns", !parts[3].isEmpty,
            parts[4].count == 12, parts[4].allSatisfy(\.isNumber)
        else { return false }
        return AWSNames.topicNameProblem(String(parts[5])) == nil
    }
}

/// Where a topic delivers its messages.
public struct SNSSubscription: Sendable, Hashable {
    public enum DeliveryProtocol: String, Sendable, Hashable, CaseIterable {
        /// To the terminal, through the sink the CLI gives.
        case stdout
        /// Appended as one JSON line (the HTTP notification document) to a file inside the data
        /// directory; the endpoint is its path relative to the data directory.
        case file
        /// An RFC 5322 message in `<data-dir>/mail/`, as the address would receive it.
        case email
        /// Like `email`, with the JSON notification document as the body (SNS's `email-json`).
        case emailJSON = "email-json"
        /// A POST of the JSON notification document to `http://127.0.0.1:<port>/…`.
        case http
    }

    public let deliveryProtocol: DeliveryProtocol
    /// The address, path or URL; empty for `stdout`.
    public let endpoint: String

    public init(_ deliveryProtocol: DeliveryProtocol, endpoint: String = "") {
        self.deliveryProtocol = deliveryProtocol
        self.endpoint = endpoint
    }

    /// A stable subscription ARN: the topic ARN and a name-based UUID of the protocol and endpoint,
    /// shaped like SNS's `arn:aws:sns:…:topic:<uuid>`.
    public func arn(topic: String) -> String {
        topic + ":" + UUIDText.nameBased("\(topic)|\(deliveryProtocol.rawValue)|\(endpoint)")
    }
}
