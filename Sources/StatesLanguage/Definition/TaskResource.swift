/// A Task state's `Resource`, taken apart once when the definition is parsed.
///
///     arn:aws:lambda:us-east-1:123456789012:function:hello:live     .lambdaFunction(name: "hello", qualifier: "live")
///     arn:aws:states:us-east-1:123456789012:activity:approve        .activity(name: "approve")
///     arn:aws:states:::glue:startJobRun.sync                        .optimized(service: "glue", action: "startJobRun",
///                                                                       pattern: .sync)
///     arn:aws:states:us-east-1:123456789012:lambda:invoke           .optimized(service: "lambda", action: "invoke",
///                                                                       pattern: .requestResponse), region and account kept
///     arn:aws:states:::aws-sdk:s3:getObject                         .sdk(service: "s3", action: "getObject", …)
///     arn:aws:states:::states:startExecution.sync:2                 .optimized(…, pattern: .sync2)
///     arn:aws:sqs:us-east-1:123456789012:queue                      .unrecognized(.unsupportedService("sqs"))
///
/// Source: AWS developer guide, "Task workflow state" (resource forms) and "Specifying Resource
/// ARNs in Tasks" (`arn:partition:states:region:account:servicename:APIname[.pattern]`, region and
/// account optional for integrations; AWS's SAM samples write them); "Discover service integration
/// patterns" (`.sync`, `.sync:2`, `.waitForTaskToken`). SPEC-NOTES §2 "Task resource".
///
/// The shape carries no judgement: whether the service, action and pattern exist is the
/// validator's ASL-E212. The text as written is kept for messages and history events.
public struct TaskResource: Sendable, Hashable, CustomStringConvertible {
    /// How Step Functions waits for an integration.
    public enum IntegrationPattern: Sendable, Hashable {
        /// Call the API and go on with its response.
        case requestResponse
        /// Start a job and wait for it to end (`.sync`).
        case sync
        /// `.sync:2`: like `.sync`, with the output parsed as JSON (Step Functions `startExecution`).
        case sync2
        /// Pass a task token and wait for `SendTaskSuccess`/`SendTaskFailure` (`.waitForTaskToken`).
        case waitForTaskToken
        /// Any other suffix after the action's first `.`, as written (`.syncc`).
        case unknown(String)

        init(suffix: String) {
            switch suffix {
            case "": self = .requestResponse
            case ".sync": self = .sync
            case ".sync:2": self = .sync2
            case ".waitForTaskToken": self = .waitForTaskToken
            default: self = .unknown(suffix)
            }
        }

        /// The suffix as it is written after the action: `""`, `.sync`, `.sync:2`, …
        public var suffix: String {
            switch self {
            case .requestResponse: ""
            case .sync: ".sync"
            case .sync2: ".sync:2"
            case .waitForTaskToken: ".waitForTaskToken"
            case .unknown(let text): text
            }
        }
    }

    /// Why a text is not a Task resource of any known form.
    public enum Problem: Sendable, Hashable {
        /// Does not start with `arn:` or has fewer than six `:`-separated fields.
        case notAnARN
        /// The partition is not `aws` or `aws-<word>…` (`aws-cn`, `aws-us-gov`, …).
        case unknownPartition(String)
        /// A Lambda ARN without region, account or `function:<name>`.
        case malformedLambda
        /// A `states` ARN that is neither an activity nor an integration.
        case malformedStates
        /// An ARN of a service a Task cannot name directly (`arn:aws:sns:…`).
        case unsupportedService(String)
    }

    public enum Kind: Sendable, Hashable {
        /// `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`.
        case lambdaFunction(name: String, qualifier: String?)
        /// `arn:<partition>:states:<region>:<account>:activity:<name>`.
        case activity(name: String)
        /// `arn:<partition>:states:[<region>]:[<account>]:<service>:<action>[<pattern>]`.
        case optimized(service: String, action: String, pattern: IntegrationPattern)
        /// `arn:<partition>:states:[<region>]:[<account>]:aws-sdk:<service>:<action>[<pattern>]`.
        case sdk(service: String, action: String, pattern: IntegrationPattern)
        /// Anything else, kept verbatim in ``TaskResource/text``.
        case unrecognized(Problem)
    }

    /// The resource as written.
    public let text: String
    public let kind: Kind
    /// `aws`, `aws-cn`, … when the text is an ARN with a valid partition.
    public let partition: String?
    /// The ARN's region and account; `nil` when the field is empty (`arn:aws:states:::…`).
    public let region: String?
    public let account: String?

    /// Takes `text` apart. Never fails: a text of no known form is `.unrecognized`.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public init(_ text: String) {
        self.text = text
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 6, fields[0] == "arn" else {
            (kind, partition, region, account) = (.unrecognized(.notAnARN), nil, nil, nil)
            return
        }
        guard Self.isPartition(fields[1]) else {
            (kind, partition, region, account) = (.unrecognized(.unknownPartition(String(fields[1]))), nil, nil, nil)
            return
        }
        partition = String(fields[1])
        region = fields[3].isEmpty ? nil : String(fields[3])
        account = fields[4].isEmpty ? nil : String(fields[4])
        kind = Self.kind(service: fields[2], region: region, account: account, rest: Array(fields[5...]))
    }

    private static func kind(service: Substring, region: String?, account: String?, rest: [Substring]) -> Kind {
        switch service {
        case "lambda":
            guard region != nil, account != nil, rest.count == 2 || rest.count == 3, rest[0] == "function",
                !rest[1].isEmpty, rest.count == 2 || !rest[2].isEmpty
            else { return .unrecognized(.malformedLambda) }
            return .lambdaFunction(name: String(rest[1]), qualifier: rest.count == 3 ? String(rest[2]) : nil)
        case "states":
            if rest.first == "activity" {
                guard region != nil, account != nil, rest.count == 2, !rest[1].isEmpty else {
                    return .unrecognized(.malformedStates)
                }
                return .activity(name: String(rest[1]))
            }
            // A state machine or execution ARN names no work a Task can do (it is started through
            // `states:startExecution`); read as an integration it would be a "service" named stateMachine.
            if let first = rest.first, ["stateMachine", "execution", "express"].contains(first), rest.count >= 2 {
                return .unrecognized(.malformedStates)
            }
            // `.sync:2` puts one more `:` into the text: join it back onto the action.
            var parts = rest
            if parts.count >= 3, parts[parts.count - 1] == "2", parts[parts.count - 2].hasSuffix(".sync") {
                let last = parts.removeLast()
                parts[parts.count - 1] += ":" + last
            }
            let isSDK = parts.first == "aws-sdk"
            let (serviceIndex, expected) = isSDK ? (1, 3) : (0, 2)
            guard parts.count == expected, !parts[serviceIndex].isEmpty else { return .unrecognized(.malformedStates) }
            let target = parts[serviceIndex + 1]
            let dot = target.firstIndex(of: ".") ?? target.endIndex
            let action = String(target[..<dot])
            let pattern = IntegrationPattern(suffix: String(target[dot...]))
            let name = String(parts[serviceIndex])
            return isSDK
                ? .sdk(service: name, action: action, pattern: pattern)
                : .optimized(service: name, action: action, pattern: pattern)
        default:
            return .unrecognized(.unsupportedService(String(service)))
        }
    }

    /// `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, … : `aws`, then `-` groups of a–z and 0–9.
    public static func isPartition(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.starts(with: Array("aws".utf8)) else { return false }
        let groups = bytes.dropFirst(3).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        // "aws" alone gives one empty group; otherwise the first group is the empty text before the first "-".
        guard let first = groups.first, first.isEmpty else { return false }
        if bytes.count == 3 { return true }
        return groups.dropFirst().allSatisfy { group in
            !group.isEmpty
                && group.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (48...57).contains($0) }
        }
    }

    public var description: String { text }

    /// The integration pattern (request-response for Lambda functions, activities and others).
    public var pattern: IntegrationPattern {
        switch kind {
        case .optimized(_, _, let pattern), .sdk(_, _, let pattern): pattern
        default: .requestResponse
        }
    }

    /// `service:action` of an integration (`glue:startJobRun`, `aws-sdk:s3:getObject`), without
    /// the pattern: what ``HandlerRegistry`` registrations and ItemReader checks match on.
    public var integrationKey: String? {
        switch kind {
        case .optimized(let service, let action, _): "\(service):\(action)"
        case .sdk(let service, let action, _): "aws-sdk:\(service):\(action)"
        default: nil
        }
    }

    /// An integration's ARN with region and account left empty, the form the developer guide's
    /// examples use: `arn:aws:states:::sns:publish` for `arn:aws:states:us-east-1:123456789012:sns:publish`;
    /// `nil` for functions, activities and unrecognized texts.
    public var regionlessText: String? {
        guard let key = integrationKey, let partition else { return nil }
        return "arn:\(partition):states:::\(key)\(pattern.suffix)"
    }

    /// `resourceType` as history events write it: `lambda` for Lambda functions and
    /// `arn:aws:states:::lambda:invoke`, `glue` for `arn:aws:states:::glue:…`, `aws-sdk:s3` for SDK
    /// integrations, `activity` for activities, the ARN's service field otherwise.
    public var resourceType: String {
        switch kind {
        case .lambdaFunction: return "lambda"
        case .activity: return "activity"
        case .optimized(let service, _, _): return service
        case .sdk(let service, _, _): return "aws-sdk:\(service)"
        case .unrecognized:
            let fields = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            return fields.count >= 3 && fields[0] == "arn" ? String(fields[2]) : ""
        }
    }

    /// `resource` as `TaskScheduled` writes it: the action with its pattern suffix
    /// (`startJobRun.sync`), or the whole text for functions, activities and others.
    public var resourceName: String {
        switch kind {
        case .optimized(_, let action, let pattern), .sdk(_, let action, let pattern): action + pattern.suffix
        default: text
        }
    }
}
