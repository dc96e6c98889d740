import Foundation
public import JSONCore
import StatesLanguage
public import StatesRuntime

/// `arn:aws:states:::aws-sdk:sns:publish`: the same publish as the optimized `sns:publish`
/// (``SNSPublishHandler``), answered as the SDK answers: `{"MessageId": "…"}` only, and errors
/// named after the Java SDK's client, `Sns.<Exception>`, with its message form:
/// `Sns.NotFoundException` "Topic does not exist (Service: Sns, Status Code: 404, Request ID: …)"
/// where the optimized integration says `SNS.NotFoundException` "… (Service: AmazonSNS; Status
/// Code: 404; Error Code: NotFound; Request ID: …; Proxy: null)" (SPEC-NOTES.md §12.1).
public struct SNSSDKPublishHandler: TaskHandler {
    public let publish: SNSPublishHandler

    public init(publish: SNSPublishHandler) { self.publish = publish }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        let response: JSON
        do {
            response = try await publish.handle(request)
        } catch let error as StatesError {
            throw Self.sdkError(error)
        }
        var result = JSONObject()
        result["MessageId"] = response["MessageId"] ?? .null
        return .object(result)
    }

    /// `SNS.XException` with the v1 SDK's cause → `Sns.XException` with the v2 SDK's.
    static func sdkError(_ error: StatesError) -> StatesError {
        let name = error.name.rawValue
        guard name.hasPrefix("SNS.") else { return error }
        let renamed = StatesErrorName("Sns." + name.dropFirst(4))
        guard let cause = error.cause, let open = cause.range(of: " (Service: AmazonSNS; Status Code: "),
            let close = cause.range(of: "; Proxy: null)", range: open.upperBound..<cause.endIndex)
        else { return StatesError(renamed, error.cause) }
        let fields = cause[open.upperBound..<close.lowerBound].components(separatedBy: "; ")
        let status = fields.first ?? ""
        let requestID = fields.first { $0.hasPrefix("Request ID: ") }.map { String($0.dropFirst(12)) } ?? ""
        let message = cause[..<open.lowerBound]
        let rest = cause[close.upperBound...]
        return StatesError(
            renamed, "\(message) (Service: Sns, Status Code: \(status), Request ID: \(requestID))\(rest)")
    }
}
