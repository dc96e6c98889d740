import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Synchronization
import Testing

@testable import LocalAWS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct SNSTests {
    static let start = Date(timeIntervalSince1970: 1_704_456_020)  // 2024-01-05T12:00:20Z
    static let success = "arn:aws:sns:us-east-1:123456789012:clickstream-success"
    static let failure = "arn:aws:sns:us-east-1:123456789012:clickstream-failure"

    static func request(_ parameters: JSON, state: String = "NotifySuccess") -> TaskRequest {
        TaskRequest(
            resource: TaskResource("arn:aws:states:::sns:publish"), stateName: state, parameters: parameters,
            context: ["Execution": ["Id": "exec-1"], "State": ["Name": .string(state), "RetryCount": 0]],
            clock: VirtualClock(start: start))
    }

    final class Collected: Sendable {
        let notifications = Mutex<[String]>([])
        let warnings = Mutex<[String]>([])

        var sinks: SNSSinks {
            SNSSinks(
                notification: { notification, topic in
                    self.notifications.withLock { $0.append("\(topic.name): \(notification.message)") }
                },
                warning: { text in self.warnings.withLock { $0.append(text) } })
        }
    }

    @Test func publishRecordsTheMessageAndDeliversItToEverySubscription() async throws {
        try await TemporaryDirectory.with { directory in
            let server = try LoopbackHTTPServer()
            defer { server.stop() }
            let collected = Collected()
            let topic = SNSTopic(
                arn: Self.success, displayName: "Clickstream",
                subscriptions: [
                    SNSSubscription(.stdout), SNSSubscription(.email, endpoint: "data-team@example.com"),
                    SNSSubscription(.file, endpoint: "notifications/success.jsonl"),
                    SNSSubscription(.http, endpoint: "http://127.0.0.1:\(server.port)/hooks/sns?x=1"),
                ])
            let handler = SNSPublishHandler(
                topics: [topic], dataDirectory: directory.url, sinks: collected.sinks, seed: 5)
            let output = try await handler.handle(
                Self.request([
                    "TopicArn": .string(Self.success), "Message": "Clickstream pipeline executed successfully.",
                ]))

            let messageID = try #require(output["MessageId"]?.stringValue)
            let requestID = try #require(output["SdkResponseMetadata"]?["RequestId"]?.stringValue)
            #expect(output.objectValue?.keys == ["MessageId", "SdkHttpMetadata", "SdkResponseMetadata"])
            #expect(
                output["SdkHttpMetadata"]
                    == [
                        "AllHttpHeaders": [
                            "x-amzn-RequestId": [.string(requestID)], "Content-Length": ["294"],
                            "Date": ["Fri, 05 Jan 2024 12:00:20 GMT"], "Content-Type": ["text/xml"],
                        ],
                        "HttpHeaders": [
                            "Content-Length": "294", "Content-Type": "text/xml",
                            "Date": "Fri, 05 Jan 2024 12:00:20 GMT",
                            "x-amzn-RequestId": .string(requestID),
                        ],
                        "HttpStatusCode": 200,
                    ])

            // The outbox.
            let outbox = try String(
                contentsOf: directory.url.appending(path: "sns/clickstream-success.jsonl"), encoding: .utf8)
            #expect(
                outbox
                    == #"{"MessageId":"\#(messageID)","TopicArn":"\#(Self.success)","Message":"Clickstream pipeline executed successfully.","Timestamp":"2024-01-05T12:00:20.000Z"}"#
                    + "\n")
            // stdout.
            #expect(
                collected.notifications.withLock { $0 } == [
                    "clickstream-success: Clickstream pipeline executed successfully."
                ])
            #expect(collected.warnings.withLock { $0 }.isEmpty)
            // The file subscription gets the notification document.
            let line = try String(
                contentsOf: directory.url.appending(path: "notifications/success.jsonl"), encoding: .utf8)
            let document = try JSONReader.read(line.trimmingCharacters(in: .newlines)).value
            #expect(
                document.objectValue?.keys == [
                    "Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature",
                    "SigningCertURL",
                    "UnsubscribeURL",
                ])
            #expect(document["Type"] == "Notification")
            #expect(
                document["UnsubscribeURL"]?.stringValue?.hasPrefix(
                    "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=\(Self.success):") == true)
            // The email.
            let mail = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/mail")
            #expect(mail == ["20240105T120020Z-\(messageID).eml"])
            let email = try String(contentsOfFile: directory.path + "/mail/" + mail[0], encoding: .utf8)
            #expect(
                email.hasPrefix(
                    "From: Clickstream <no-reply@sns.amazonaws.com>\r\nTo: data-team@example.com\r\nSubject: AWS Notification Message\r\nDate: Fri, 05 Jan 2024 12:00:20 +0000\r\n"
                ))
            #expect(
                email.contains(
                    "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nClickstream pipeline executed successfully.\r\n\r\n--\r\n"
                ))
            #expect(
                email.contains(
                    "\r\n--\r\nIf you wish to stop receiving notifications from this topic, please click or visit the link "
                        + "below to unsubscribe:\r\nhttps://sns.us-east-1.amazonaws.com/unsubscribe.html?SubscriptionArn="
                        + "\(Self.success):"))
            #expect(
                email.hasSuffix(
                    "&Endpoint=data-team@example.com\r\n\r\nPlease do not reply directly to this email. If you have any "
                        + "questions or comments regarding this email, please contact us at https://aws.amazon.com/support\r\n"
                ))
            #expect(!email.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            // The HTTP endpoint.
            let request = try #require(server.requests.first)
            #expect(request.hasPrefix("POST /hooks/sns?x=1 HTTP/1.1\r\n"))
            for header in [
                "x-amz-sns-message-type: Notification", "x-amz-sns-message-id: \(messageID)",
                "x-amz-sns-topic-arn: \(Self.success)", "Content-Type: text/plain; charset=UTF-8",
                "User-Agent: Amazon Simple Notification Service Agent",
            ] {
                #expect(request.contains("\r\n\(header)\r\n"), "missing \(header)")
            }
            let body = String(request[try #require(request.range(of: "\r\n\r\n")).upperBound...])
            var posted = try JSONReader.read(body).value
            var fileDocument = document
            #expect(posted["UnsubscribeURL"] != fileDocument["UnsubscribeURL"])  // another subscription
            if case .object(var object) = posted {
                _ = object.removeValue(forKey: "UnsubscribeURL")
                posted = .object(object)
            }
            if case .object(var object) = fileDocument {
                _ = object.removeValue(forKey: "UnsubscribeURL")
                fileDocument = .object(object)
            }
            #expect(posted == fileDocument)
        }
    }

    @Test func anUnknownTopicIsNotFound() async throws {
        try await TemporaryDirectory.with { directory in
            let handler = SNSPublishHandler(
                topics: [SNSTopic(arn: Self.success)], dataDirectory: directory.url, sinks: SNSSinks(), seed: 5)
            do {
                _ = try await handler.handle(
                    Self.request(["TopicArn": "arn:aws:sns:us-east-1:123456789012:clickstream-sucess", "Message": "x"]))
                Issue.record("published to an unknown topic")
            } catch let error as StatesError {
                #expect(error.name == "SNS.NotFoundException")
                #expect(
                    error.cause?.hasPrefix(
                        "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: "
                    ) == true)
                #expect(error.cause?.contains("did you mean '\(Self.success)'?") == true)
            }
        }
    }

    static let invalid: [(JSON, String)] = [
        (["Message": "x"], "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"),
        (["TopicArn": .string(success)], "Invalid parameter: Empty message"),
        (["TopicArn": .string(success), "Message": ""], "Invalid parameter: Empty message"),
        (["TopicArn": "clickstream-success", "Message": "x"], "Invalid parameter: TopicArn"),
        (["TopicArn": .string(success), "Message": "x", "Subject": "line\nbreak"], "Invalid parameter: Subject"),
        (
            ["TopicArn": .string(success), "Message": "x", "MessageAttributes": ["a": ["DataType": "String"]]],
            "must contain non-empty message attribute value"
        ),
        (
            ["TopicArn": .string(success), "Message": #"{"email":"x"}"#, "MessageStructure": "json"],
            "No default entry in JSON message body"
        ),
    ]

    @Test(arguments: invalid)
    func invalidParametersAreInvalidParameterExceptions(_ parameters: JSON, _ message: String) async throws {
        try await TemporaryDirectory.with { directory in
            let handler = SNSPublishHandler(
                topics: [SNSTopic(arn: Self.success)], dataDirectory: directory.url, sinks: SNSSinks(), seed: 5)
            do {
                _ = try await handler.handle(Self.request(parameters))
                Issue.record("accepted \(parameters)")
            } catch let error as StatesError {
                #expect(error.name == "SNS.InvalidParameterException")
                #expect(error.cause?.contains(message) == true, "\(error.cause ?? "")")
                #expect(
                    error.cause?.contains(
                        "(Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter; Request ID: ") == true)
            }
        }
    }

    @Test func attributesSubjectsJSONMessagesAndPerProtocolMessages() async throws {
        try await TemporaryDirectory.with { directory in
            let collected = Collected()
            let topic = SNSTopic(
                arn: Self.failure,
                subscriptions: [SNSSubscription(.stdout), SNSSubscription(.emailJSON, endpoint: "ops@example.com")])
            let handler = SNSPublishHandler(
                topics: [topic], dataDirectory: directory.url, sinks: collected.sinks, seed: 5)
            _ = try await handler.handle(
                Self.request(
                    [
                        "TopicArn": .string(Self.failure), "Subject": "Pipeline failed",
                        "Message": ["Error": "States.TaskFailed", "Cause": "boom"],
                        "MessageAttributes": ["stage": ["DataType": "String", "StringValue": "glue"]],
                    ], state: "NotifyFailure"))
            _ = try await handler.handle(
                Self.request(
                    [
                        "TopicArn": .string(Self.failure), "MessageStructure": "json",
                        "Message": #"{"default":"plain","stdout":"for the terminal"}"#,
                    ], state: "Other"))
            #expect(
                collected.notifications.withLock { $0 } == [
                    #"clickstream-failure: {"Error":"States.TaskFailed","Cause":"boom"}"#,
                    "clickstream-failure: for the terminal",
                ])
            let lines = try String(
                contentsOf: directory.url.appending(path: "sns/clickstream-failure.jsonl"), encoding: .utf8
            )
            .split(separator: "\n").map { try JSONReader.read(String($0)).value }
            #expect(lines.count == 2)
            #expect(lines[0]["Subject"] == "Pipeline failed")
            #expect(lines[0]["MessageAttributes"] == ["stage": ["Type": "String", "Value": "glue"]])
            #expect(lines[1]["Message"] == "plain")
            let mails = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/mail").sorted()
            #expect(mails.count == 2)
            let mail = try String(contentsOfFile: directory.path + "/mail/" + mails[0], encoding: .utf8)
            #expect(mail.contains("From: AWS Notifications <no-reply@sns.amazonaws.com>\r\n"))
            #expect(mail.contains(#""Type":"Notification""#) || mail.contains("=22Type=22"))
        }
    }

    @Test func aFailedDeliveryIsAWarningNotAFailedPublish() async throws {
        try await TemporaryDirectory.with { directory in
            let collected = Collected()
            let closed = try LoopbackHTTPServer()
            let port = closed.port
            closed.stop()
            let topic = SNSTopic(
                arn: Self.success,
                subscriptions: [
                    SNSSubscription(.http, endpoint: "http://127.0.0.1:\(port)/"),
                    SNSSubscription(.http, endpoint: "http://example.com/"),
                    SNSSubscription(.file, endpoint: "../outside.jsonl"),
                ])
            let handler = SNSPublishHandler(
                topics: [topic], dataDirectory: directory.url, sinks: collected.sinks, seed: 5)
            let output = try await handler.handle(Self.request(["TopicArn": .string(Self.success), "Message": "x"]))
            #expect(output["MessageId"] != nil)
            let warnings = collected.warnings.withLock { $0 }
            #expect(warnings.count == 3)
            #expect(warnings[0].contains("cannot connect to 127.0.0.1:\(port)"))
            #expect(warnings[1].contains("is not on this machine"))
            #expect(warnings[2].contains("without '..'"))
        }
    }

    @Test func theSameRequestGetsTheSameMessageID() async throws {
        try await TemporaryDirectory.with { directory in
            let handler = SNSPublishHandler(
                topics: [SNSTopic(arn: Self.success)], dataDirectory: directory.url, sinks: SNSSinks(), seed: 5)
            let parameters: JSON = ["TopicArn": .string(Self.success), "Message": "x"]
            let first = try await handler.handle(Self.request(parameters))
            let second = try await handler.handle(Self.request(parameters))
            let other = try await handler.handle(Self.request(parameters, state: "NotifyFailure"))
            #expect(first["MessageId"] == second["MessageId"])
            #expect(first["MessageId"] != other["MessageId"])
        }
    }

    @Test func quotedPrintableKeepsLinesShortAndEncodesUTF8() {
        let encoded = EmailMessage.quotedPrintable("Café = ok\n" + String(repeating: "a", count: 100) + " \nend")
        #expect(encoded.hasPrefix("Caf=C3=A9 =3D ok\r\n"))
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(encoded.contains("=20\r\nend"))
        #expect(EmailMessage.headerText("Café") == "=?UTF-8?B?Q2Fmw6k=?=")
    }
}

/// A one-shot HTTP server on 127.0.0.1 for tests: accepts connections until stopped, records each
/// request (head and body), answers `200 OK`.
final class LoopbackHTTPServer: Sendable {
    let port: UInt16
    private let descriptor: Int32
    private let received = Received()

    final class Received: Sendable {
        let requests = Mutex<[String]>([])
    }

    init() throws {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 4) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        let received = received
        DispatchQueue.global().async {
            while true {
                let connection = accept(descriptor, nil, nil)
                guard connection >= 0 else { return }
                var data: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                    if count <= 0 { break }
                    data += buffer[0..<count]
                    let text = String(decoding: data, as: UTF8.self)
                    if let end = text.range(of: "\r\n\r\n") {
                        let head = text[..<end.lowerBound]
                        let length =
                            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                        if text.utf8.count - text[..<end.upperBound].utf8.count >= length { break }
                    }
                }
                received.requests.withLock { $0.append(String(decoding: data, as: UTF8.self)) }
                let response = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                _ = response.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
                close(connection)
            }
        }
    }

    var requests: [String] { received.requests.withLock { $0 } }

    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }
}
