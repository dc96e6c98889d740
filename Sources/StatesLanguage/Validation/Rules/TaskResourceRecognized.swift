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
enum TaskResourceRecognized: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-E212", severity: .error,
        summary: "Task Resource must be a Lambda, activity or supported arn:…:states: integration ARN",
        source: "AWS developer guide, \"Task workflow state\", \"Discover service integration patterns\"")
    static let targets: [RuleTarget] = [.state(.task)]

    /// A problem with a resource: the message and a fix-it (every ARN a fix-it proposes is
    /// itself recognized by this rule).
    struct Finding: Equatable {
        var message: String
        var fixIt: String?
    }

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .task(let task) = state, let resource = context.resource(of: state) else { return }
        for finding in findings(resource) {
            diagnostics.append(diagnostic(finding.message, at: task.resourcePointer, fixIt: finding.fixIt))
        }
    }

    /// Whether `text` is a resource this rule accepts.
    static func isRecognized(_ text: String) -> Bool {
        findings(TaskResource(text)).isEmpty
    }

    /// What is wrong with `resource`, if anything.
    static func findings(_ resource: TaskResource) -> [Finding] {
        let text = resource.text
        switch resource.kind {
        case .unrecognized(let problem):
            return [Finding(message: invalidMessage(text, problem: problem), fixIt: unrecognizedFixIt(problem))]
        case .lambdaFunction, .activity:
            return []
        case .sdk(let service, let action, let pattern):
            if action.isEmpty { return [Finding(message: missingActionMessage(text), fixIt: nil)] }
            switch pattern {
            case .requestResponse, .waitForTaskToken:
                return []
            case .sync, .sync2:
                let candidate = arn(resource, "aws-sdk:\(service):\(action)")
                return [
                    Finding(
                        message: sdkSyncMessage(text),
                        fixIt: valid(candidate).map { "use \(DiagnosticText.quoted($0))" })
                ]
            case .unknown(let suffix):
                return [Finding(message: unknownPatternMessage(text, pattern: suffix), fixIt: nil)]
            }
        case .optimized(let service, let action, let pattern):
            return optimizedFindings(resource, service: service, action: action, pattern: pattern)
        }
    }

    private static func optimizedFindings(
        _ resource: TaskResource, service: String, action: String, pattern: TaskResource.IntegrationPattern
    ) -> [Finding] {
        let text = resource.text
        guard let integration = ServiceIntegrations.optimized[service] else {
            let nearest = NameSuggestion.nearest(service, in: ServiceIntegrations.all.map(\.service))
            // A fix-it only when the ARN it proposes is accepted itself.
            let renamed = nearest.flatMap { valid(arn(resource, "\($0):\(action)\(pattern.suffix)")) }
            let sdkPattern = pattern == .waitForTaskToken ? pattern.suffix : ""
            let sdk = action.isEmpty ? nil : valid(arn(resource, "aws-sdk:\(service):\(action)\(sdkPattern)"))
            return [
                Finding(
                    message: unknownServiceMessage(text, service: service, suggestion: nearest),
                    fixIt: (renamed ?? sdk).map { "use \(DiagnosticText.quoted($0))" })
            ]
        }
        if action.isEmpty { return [Finding(message: missingActionMessage(text), fixIt: nil)] }
        if let actions = integration.actions, !actions.contains(action) {
            let nearest = NameSuggestion.nearest(action, in: actions.sorted())
            let candidate = nearest.flatMap { valid(arn(resource, "\(service):\($0)\(pattern.suffix)")) }
            let sdkPattern = pattern == .waitForTaskToken ? pattern.suffix : ""
            let sdk = valid(arn(resource, "aws-sdk:\(service):\(action)\(sdkPattern)"))
            return [
                Finding(
                    message: unknownActionMessage(text, integration: integration, action: action),
                    fixIt: candidate.map { "did you mean \(DiagnosticText.quoted($0))?" }
                        ?? sdk.map { "use \(DiagnosticText.quoted($0))" })
            ]
        }
        let supported: Bool
        switch pattern {
        case .requestResponse: supported = true
        case .sync: supported = integration.sync
        case .sync2: supported = service == "states"
        case .waitForTaskToken: supported = integration.callback
        case .unknown(let suffix):
            return [Finding(message: unknownPatternMessage(text, pattern: suffix), fixIt: nil)]
        }
        if supported { return [] }
        let candidate = valid(arn(resource, "\(service):\(action)"))
        return [
            Finding(
                message: unsupportedPatternMessage(text, integration: integration, pattern: pattern.suffix),
                fixIt: candidate.map {
                    "use \(DiagnosticText.quoted($0)) to call \(integration.displayName) with Request Response"
                })
        ]
    }

    /// A fix-it for a text of no known form: the integration forms of the service it names.
    private static func unrecognizedFixIt(_ problem: TaskResource.Problem) -> String? {
        guard case .unsupportedService(let service) = problem, !service.isEmpty else { return nil }
        if let integration = ServiceIntegrations.optimized[service], let actions = integration.actions,
            actions.count == 1, let action = actions.first
        {
            return
                "call it through \"arn:aws:states:::\(DiagnosticText.name(service)):\(action)\" (the resource goes into Parameters)"
        }
        return
            "call it through \"arn:aws:states:::aws-sdk:\(DiagnosticText.name(service)):<action>\" (the resource goes into Parameters)"
    }

    /// An integration ARN in `resource`'s partition, region and account.
    private static func arn(_ resource: TaskResource, _ target: String) -> String {
        "arn:\(resource.partition ?? "aws"):states:\(resource.region ?? ""):\(resource.account ?? ""):\(target)"
    }

    private static func valid(_ candidate: String) -> String? {
        isRecognized(candidate) ? candidate : nil
    }
}

extension TaskResourceRecognized {
    fileprivate static let examples =
        "expected an ARN such as arn:aws:lambda:us-east-1:123456789012:function:Name, "
        + "arn:aws:states:us-east-1:123456789012:activity:Name or arn:aws:states:::service:action"

    fileprivate static func invalidMessage(_ resource: String, problem: TaskResource.Problem) -> String {
        let detail: String
        switch problem {
        case .notAnARN: detail = examples
        case .unknownPartition(let partition):
            detail = "\(DiagnosticText.quoted(partition)) is not an AWS partition (aws, aws-cn, aws-us-gov, …)"
        case .malformedLambda:
            detail =
                "a Lambda function ARN has the form arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]"
        case .malformedStates:
            detail =
                "a states ARN is either arn:aws:states:<region>:<account>:activity:<name> or "
                + "arn:aws:states:[<region>]:[<account>]:<service>:<action> (a state machine is started through "
                + "arn:aws:states:::states:startExecution)"
        case .unsupportedService(let service) where service.isEmpty:
            detail =
                "the ARN names no service between its partition and its region "
                + "(arn:<partition>:<service>:<region>:<account>:…)"
        case .unsupportedService(let service):
            detail =
                "a Task cannot name a \(DiagnosticText.name(service)) resource directly; call its API through "
                + (ServiceIntegrations.optimized[service] == nil
                    ? "arn:aws:states:::aws-sdk:\(DiagnosticText.name(service)):<action>"
                    : "arn:aws:states:::\(DiagnosticText.name(service)):<action> or arn:aws:states:::aws-sdk:\(DiagnosticText.name(service)):<action>")
        }
        return "The resource provided \(DiagnosticText.quoted(resource)) is not recognized: \(detail)"
    }

    fileprivate static func missingActionMessage(_ resource: String) -> String {
        "The resource provided \(DiagnosticText.quoted(resource)) names no API action after the service"
    }

    fileprivate static func sdkSyncMessage(_ resource: String) -> String {
        "The resource provided \(DiagnosticText.quoted(resource)) asks an AWS SDK integration for .sync, which SDK integrations "
            + "do not support (only Request Response and .waitForTaskToken)"
    }

    fileprivate static func unknownPatternMessage(_ resource: String, pattern: String) -> String {
        "The resource provided \(DiagnosticText.quoted(resource)) ends in \(DiagnosticText.quoted(pattern)), which is not an integration pattern: "
            + "use nothing, .sync, .sync:2 or .waitForTaskToken"
    }

    fileprivate static func unknownServiceMessage(_ resource: String, service: String, suggestion: String?)
        -> String
    {
        var text =
            "The resource provided \(DiagnosticText.quoted(resource)) is not recognized: \(DiagnosticText.quoted(service)) is not a Step Functions "
            + "optimized integration"
        if let suggestion { text += " (did you mean \(DiagnosticText.quoted(suggestion))?)" }
        return text + "; other services are reached with arn:aws:states:::aws-sdk:<service>:<action>"
    }

    fileprivate static func unknownActionMessage(_ resource: String, integration: ServiceIntegration, action: String)
        -> String
    {
        let known = (integration.actions ?? []).sorted().joined(separator: ", ")
        return
            "The resource provided \(DiagnosticText.quoted(resource)) is not recognized: the \(integration.displayName) integration "
            + "has no action \(DiagnosticText.quoted(action)) (it offers \(known)); other actions are reached with "
            + "arn:aws:states:::aws-sdk:\(integration.service):<action>"
    }

    fileprivate static func unsupportedPatternMessage(
        _ resource: String, integration: ServiceIntegration, pattern: String
    ) -> String {
        "The resource provided \(DiagnosticText.quoted(resource)) uses \(pattern), which the \(integration.displayName) integration "
            + "does not support"
    }
}
