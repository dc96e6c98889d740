import JSONCore

/// ASL-E212: a Task `Resource` that is not a Lambda function ARN, an activity ARN, or an
/// `arn:<partition>:states:::…` integration Step Functions offers, or that asks an
/// integration for a pattern (`.sync`, `.sync:2`, `.waitForTaskToken`) it does not support.
///
/// Source: AWS developer guide, "Task workflow state" (resource ARN shapes), "Discover service
/// integration patterns" (which service supports which pattern; AWS SDK integrations do not
/// support `.sync`), "Call HTTPS APIs" (`http:invoke`). AWS answers an unrecognized resource
/// with `The resource provided <arn> is not recognized…` (observed). The service and action
/// data live in `ServiceIntegrations.swift`. A value holding a `${…}` placeholder is skipped:
/// the deployment tool substitutes it before AWS sees it.
enum TaskResource: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-E212", severity: .error,
        summary: "Task Resource must be a Lambda, activity or supported arn:…:states::: integration ARN",
        source: "AWS developer guide, \"Task workflow state\", \"Discover service integration patterns\"")
    static let targets: [RuleTarget] = [.state(.task)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .task(let task) = state, !task.resource.containsPlaceholder else { return }
        let resource = task.resource
        let pointer = task.resourcePointer
        switch context.resourceShape(of: state) {
        case nil:
            break
        case .invalid(let problem):
            diagnostics.append(diagnostic(invalidMessage(resource, problem: problem), at: pointer))
        case .lambdaFunction, .activity:
            break
        case .sdk(let service, let action, let pattern):
            if action.isEmpty {
                diagnostics.append(diagnostic(missingActionMessage(resource), at: pointer))
            } else if pattern == ".sync" || pattern == ".sync:2" {
                diagnostics.append(
                    diagnostic(
                        sdkSyncMessage(resource), at: pointer,
                        fixIt: "use \"arn:aws:states:::aws-sdk:\(service):\(action)\", or an optimized integration"))
            } else if !pattern.isEmpty && pattern != ".waitForTaskToken" {
                diagnostics.append(diagnostic(unknownPatternMessage(resource, pattern: pattern), at: pointer))
            }
        case .optimized(let service, let action, let pattern):
            checkOptimized(resource, service: service, action: action, pattern: pattern, at: pointer, &diagnostics)
        }
    }

    private static func checkOptimized(
        _ resource: String, service: String, action: String, pattern: String, at pointer: JSONPointer,
        _ diagnostics: inout [Diagnostic]
    ) {
        guard let integration = ServiceIntegrations.optimized[service] else {
            let suggestion = NameSuggestion.nearest(service, in: ServiceIntegrations.all.map(\.service))
            diagnostics.append(
                diagnostic(
                    unknownServiceMessage(resource, service: service, suggestion: suggestion), at: pointer,
                    fixIt: suggestion.map { "use \"\($0)\"" }
                        ?? "use arn:aws:states:::aws-sdk:\(service):\(action) for the AWS SDK integration"))
            return
        }
        if action.isEmpty {
            diagnostics.append(diagnostic(missingActionMessage(resource), at: pointer))
            return
        }
        if let actions = integration.actions, !actions.contains(action) {
            let suggestion = NameSuggestion.nearest(action, in: actions.sorted())
            diagnostics.append(
                diagnostic(
                    unknownActionMessage(resource, integration: integration, action: action),
                    at: pointer, fixIt: suggestion.map { "did you mean \"\(service):\($0)\"?" }))
            return
        }
        let supported: Bool
        switch pattern {
        case "": supported = true
        case ".sync": supported = integration.sync
        case ".sync:2": supported = service == "states"
        case ".waitForTaskToken": supported = integration.callback
        default:
            diagnostics.append(diagnostic(unknownPatternMessage(resource, pattern: pattern), at: pointer))
            return
        }
        if !supported {
            diagnostics.append(
                diagnostic(
                    unsupportedPatternMessage(resource, integration: integration, pattern: pattern), at: pointer,
                    fixIt: "remove \"\(pattern)\" to call \(integration.displayName) with Request Response"))
        }
    }
}

extension TaskResource {
    fileprivate static let examples =
        "expected an ARN such as arn:aws:lambda:us-east-1:123456789012:function:Name, "
        + "arn:aws:states:us-east-1:123456789012:activity:Name or arn:aws:states:::service:action"

    fileprivate static func invalidMessage(_ resource: String, problem: TaskResourceShape.Problem) -> String {
        let detail: String
        switch problem {
        case .notAnARN: detail = examples
        case .unknownPartition(let partition):
            detail = "\"\(partition)\" is not an AWS partition (aws, aws-cn, aws-us-gov, …)"
        case .malformedLambda:
            detail =
                "a Lambda function ARN has the form arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]"
        case .malformedStates:
            detail =
                "a states ARN is either arn:aws:states:<region>:<account>:activity:<name> or "
                + "arn:aws:states:::<service>:<action> (region and account left empty)"
        case .unsupportedService(let service):
            detail =
                "a Task cannot name a \(service) resource directly; call it through "
                + "arn:aws:states:::\(service):<action> or arn:aws:states:::aws-sdk:\(service):<action>"
        }
        return "The resource provided \"\(resource)\" is not recognized: \(detail)"
    }

    fileprivate static func missingActionMessage(_ resource: String) -> String {
        "The resource provided \"\(resource)\" names no API action after the service"
    }

    fileprivate static func sdkSyncMessage(_ resource: String) -> String {
        "The resource provided \"\(resource)\" asks an AWS SDK integration for .sync, which SDK integrations "
            + "do not support (only Request Response and .waitForTaskToken)"
    }

    fileprivate static func unknownPatternMessage(_ resource: String, pattern: String) -> String {
        "The resource provided \"\(resource)\" ends in \"\(pattern)\", which is not an integration pattern: "
            + "use nothing, .sync, .sync:2 or .waitForTaskToken"
    }

    fileprivate static func unknownServiceMessage(_ resource: String, service: String, suggestion: String?)
        -> String
    {
        var text =
            "The resource provided \"\(resource)\" is not recognized: \"\(service)\" is not a Step Functions "
            + "optimized integration"
        if let suggestion { text += " (did you mean \"\(suggestion)\"?)" }
        return text + "; other services are reached with arn:aws:states:::aws-sdk:<service>:<action>"
    }

    fileprivate static func unknownActionMessage(_ resource: String, integration: ServiceIntegration, action: String)
        -> String
    {
        let known = (integration.actions ?? []).sorted().joined(separator: ", ")
        return "The resource provided \"\(resource)\" is not recognized: the \(integration.displayName) integration "
            + "has no action \"\(action)\" (it offers \(known)); other actions are reached with "
            + "arn:aws:states:::aws-sdk:\(integration.service):<action>"
    }

    fileprivate static func unsupportedPatternMessage(
        _ resource: String, integration: ServiceIntegration, pattern: String
    ) -> String {
        "The resource provided \"\(resource)\" uses \(pattern), which the \(integration.displayName) integration "
            + "does not support"
    }
}
