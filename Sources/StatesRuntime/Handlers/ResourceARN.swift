/// A Task state's `Resource`, taken apart.
///
///     arn:aws:lambda:us-east-1:123456789012:function:hello         .lambdaFunction(name: "hello")
///     arn:aws:states:us-east-1:123456789012:activity:approve       .activity(name: "approve")
///     arn:aws:states:::glue:startJobRun.sync                       .integration(service: "glue",
///                                                                       action: "startJobRun", pattern: .sync)
///     arn:aws:states:::aws-sdk:s3:listBuckets                      .integration(service: "aws-sdk:s3",
///                                                                       action: "listBuckets", …)
///
/// Source: AWS developer guide, "Task workflow state" (resource forms) and "Discover service
/// integration patterns" (`.sync`, `.sync:2`, `.waitForTaskToken`).
public struct ResourceARN: Sendable, Hashable, CustomStringConvertible {
    /// How Step Functions waits for an integration.
    public enum IntegrationPattern: String, Sendable, Hashable, CaseIterable {
        /// Call the API and go on with its response.
        case requestResponse = ""
        /// Start a job and wait for it to end (`.sync`).
        case sync = ".sync"
        /// `.sync:2`: like `.sync`, with the output parsed as JSON (Step Functions `startExecution`).
        case sync2 = ".sync:2"
        /// Pass a task token and wait for `SendTaskSuccess`/`SendTaskFailure` (`.waitForTaskToken`).
        case waitForTaskToken = ".waitForTaskToken"
    }

    public enum Kind: Sendable, Hashable {
        /// A Lambda function ARN (`arn:…:lambda:region:account:function:name[:qualifier]`).
        case lambdaFunction(name: String, qualifier: String?)
        /// An activity ARN (`arn:…:states:region:account:activity:name`).
        case activity(name: String)
        /// `arn:…:states:::service:action[.pattern]`; `service` is `aws-sdk:s3` for SDK integrations.
        case integration(service: String, action: String, pattern: IntegrationPattern)
        /// Any other ARN-shaped text; only an exact registration can serve it.
        case other
    }

    /// The resource as written.
    public let text: String
    public let kind: Kind
    /// `aws`, `aws-cn`, `aws-us-gov`, … (empty when the text is not an ARN).
    public let partition: String
    /// The ARN's service field (`lambda`, `states`, …).
    public let service: String
    public let region: String
    public let account: String

    public init(_ text: String) {
        self.text = text
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, fields[0] == "arn" else {
            (partition, service, region, account, kind) = ("", "", "", "", .other)
            return
        }
        partition = fields[1]
        service = fields[2]
        region = fields[3]
        account = fields[4]
        let rest = fields[5]
        kind = Self.kind(service: service, region: region, rest: rest)
    }

    private static func kind(service: String, region: String, rest: String) -> Kind {
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch service {
        case "lambda" where parts.count >= 2 && parts[0] == "function" && !parts[1].isEmpty:
            return .lambdaFunction(
                name: parts[1], qualifier: parts.count > 2 ? parts[2...].joined(separator: ":") : nil)
        case "states" where parts.count == 2 && parts[0] == "activity" && !parts[1].isEmpty:
            return .activity(name: parts[1])
        case "states" where region.isEmpty && parts.count >= 2:
            var actionText = parts[parts.count - 1]
            var pattern = IntegrationPattern.requestResponse
            if parts.count >= 3, parts[parts.count - 1] == "2", parts[parts.count - 2].hasSuffix(".sync") {
                actionText = String(parts[parts.count - 2].dropLast(".sync".count))
                pattern = .sync2
                let service = parts[0..<(parts.count - 2)].joined(separator: ":")
                return .integration(service: service, action: actionText, pattern: pattern)
            }
            for candidate in [IntegrationPattern.sync, .waitForTaskToken] where actionText.hasSuffix(candidate.rawValue)
            {
                actionText = String(actionText.dropLast(candidate.rawValue.count))
                pattern = candidate
            }
            let service = parts[0..<(parts.count - 1)].joined(separator: ":")
            guard !service.isEmpty, !actionText.isEmpty else { return .other }
            return .integration(service: service, action: actionText, pattern: pattern)
        default:
            return .other
        }
    }

    public var description: String { text }

    /// The integration pattern (request-response for Lambda functions, activities and others).
    public var pattern: IntegrationPattern {
        if case .integration(_, _, let pattern) = kind { return pattern }
        return .requestResponse
    }

    /// `resourceType` as history events write it: `lambda` for Lambda functions and
    /// `arn:aws:states:::lambda:invoke`, `glue` for `arn:aws:states:::glue:…`, `aws-sdk:s3` for SDK
    /// integrations, `activity` for activities.
    public var resourceType: String {
        switch kind {
        case .lambdaFunction: "lambda"
        case .activity: "activity"
        case .integration(let service, _, _): service
        case .other: service
        }
    }

    /// `resource` as `TaskScheduled` writes it: the action with its pattern suffix
    /// (`startJobRun.sync`), or the whole ARN for functions, activities and others.
    public var resourceName: String {
        switch kind {
        case .integration(_, let action, let pattern): action + pattern.rawValue
        default: text
        }
    }
}
