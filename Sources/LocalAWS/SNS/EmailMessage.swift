import Foundation
import JSONCore

/// The email an SNS `email` subscription receives, as RFC 5322 text (CRLF line ends).
///
///     From: AWS Notifications <no-reply@sns.amazonaws.com>
///     To: data-team@example.com
///     Subject: AWS Notification Message
///     Date: Fri, 05 Jan 2024 12:00:20 +0000
///     Message-ID: <…@email.amazonses.com>
///     MIME-Version: 1.0
///     Content-Type: text/plain; charset=UTF-8
///     Content-Transfer-Encoding: 7bit
///
///     Clickstream pipeline executed successfully.
///
///     --
///     If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:
///     https://sns.us-east-1.amazonaws.com/unsubscribe.html?SubscriptionArn=…&Endpoint=data-team@example.com
///
///     Please do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support
///
/// The sender is `no-reply@sns.amazonaws.com` with the topic's display name (default "AWS
/// Notifications"); the subject defaults to "AWS Notification Message"; the footer is SNS's
/// unsubscribe text. The body is sent as 7-bit text (lines up to RFC 5322's limit of 998
/// characters) unless it has non-ASCII characters, control characters or longer lines; then it is
/// quoted-printable. Sources: Amazon SNS developer guide, "Email notifications" (sender address,
/// default subject, display name); footer text as SNS emails carry it (from delivered messages,
/// not a published specification).
enum EmailMessage {
    static let defaultSubject = "AWS Notification Message"

    /// The message text for an `email` (`json: false`) or `email-json` subscription.
    static func render(
        _ notification: SNSNotification, to address: String, subscriptionARN: String, region: String,
        displayName: String?, json: Bool
    ) -> String {
        var body: String
        if json {
            body = JSONWriter.compact(notification.document(subscriptionARN: subscriptionARN, region: region))
        } else {
            body = notification.message + "\n\n--\n"
            body += "If you wish to stop receiving notifications from this topic, please click or visit the link below "
            body += "to unsubscribe:\n"
            body += "https://sns.\(region).amazonaws.com/unsubscribe.html?SubscriptionArn=\(subscriptionARN)"
            body += "&Endpoint=\(address)\n\n"
            body += "Please do not reply directly to this email. If you have any questions or comments regarding this "
            body += "email, please contact us at https://aws.amazon.com/support\n"
        }
        let needsEncoding =
            body.unicodeScalars.contains { !$0.isASCII || ($0.value < 0x20 && $0 != "\n" && $0 != "\t") }
            || body.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.utf8.count > 998 }
        let sender = (displayName?.isEmpty == false ? displayName : nil) ?? "AWS Notifications"
        let headers = [
            "From: \(headerText(sender)) <no-reply@sns.amazonaws.com>",
            "To: \(address)",
            "Subject: \(headerText(notification.subject ?? defaultSubject))",
            "Date: \(UTCTimestamp(notification.timestamp).mailDate)",
            "Message-ID: <\(notification.messageID)@email.amazonses.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: \(needsEncoding ? "quoted-printable" : "7bit")",
        ]
        let encodedBody = needsEncoding ? quotedPrintable(body) : body.replacingLineEnds()
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encodedBody
    }

    /// A header value: as is when printable ASCII, else an RFC 2047 encoded word.
    static func headerText(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        return "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?="
    }

    /// RFC 2045 quoted-printable, CRLF line ends, soft breaks keeping lines within 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var output = ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            var current = ""
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let plain =
                    (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let piece = plain ? String(UnicodeScalar(byte)) : "=" + hex(byte)
                if current.utf8.count + piece.utf8.count > 75 {
                    output += current + "=\r\n"
                    current = ""
                }
                current += piece
            }
            output += current
            if lineIndex < lines.count - 1 { output += "\r\n" }
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension String {
    /// `\n` line ends as CRLF.
    fileprivate func replacingLineEnds() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }
}
