public import JSONCore
public import StatesLanguage

/// Finds the ``TaskHandler`` for a Task state's `Resource`.
///
/// Resolution order: a handler registered for the exact resource text; for a Lambda function ARN
/// (or `arn:aws:states:::lambda:invoke` with a `FunctionName`), the handler registered for that
/// function; then the handler registered for the integration `service:action` (any pattern
/// suffix). `arn:aws:states:::lambda:invoke` needs no registration of its own: it calls the
/// function's handler and wraps its result as AWS does (``LambdaInvokeIntegration``).
///
///     var registry = HandlerRegistry()
///     registry.register(ClosureTaskHandler { request in request.parameters }, lambdaFunction: "echo")
///     registry.register(GlueHandler(…), service: "glue", action: "startJobRun")
public struct HandlerRegistry: Sendable {
    private var exact: [String: any TaskHandler] = [:]
    private var functions: [String: any TaskHandler] = [:]
    private var integrations: [String: any TaskHandler] = [:]
    /// Where Distributed Map `ResultWriter`s put their files (`nil`: a Map run with a
    /// `ResultWriter` resource fails with `States.ResultWriterFailed`; SPEC-NOTES.md §17.3).
    public var resultWriter: (any ResultWriting)?
    /// Serves Distributed Map `ItemReader`s (SPEC-NOTES.md §17.1); `nil`: a Map with a reader fails.
    public var itemReader: (any ItemReading)?
    /// Sees every resolution last and may replace its answer: `asl serve` installs one that
    /// serves activity ARNs from its activity workers and makes `.waitForTaskToken` tasks wait
    /// for `SendTaskSuccess`/`SendTaskFailure` (SPEC-NOTES.md §18.3). `nil`: answers as resolved.
    public var decorator: (any TaskHandlerDecorator)?

    public init() {}

    /// Serves exactly this `Resource` text.
    public mutating func register(_ handler: any TaskHandler, resource: String) {
        exact[resource] = handler
    }

    /// Serves the Lambda function with this name (or ARN; a version or alias qualifier is ignored),
    /// whether the state calls it by its ARN or through `arn:aws:states:::lambda:invoke`.
    public mutating func register(_ handler: any TaskHandler, lambdaFunction nameOrARN: String) {
        functions[Self.functionName(nameOrARN)] = handler
    }

    /// Serves `arn:<partition>:states:[<region>]:[<account>]:service:action` with any pattern suffix
    /// (`.sync`, `.waitForTaskToken`); for an AWS SDK integration, `service` is `aws-sdk:<service>`.
    public mutating func register(_ handler: any TaskHandler, service: String, action: String) {
        integrations["\(service):\(action)"] = handler
    }

    /// The handler for a resource, or `nil`. For `lambda:invoke`, `parameters` supplies `FunctionName`;
    /// pass `nil` when it is not known yet (before the run), to resolve by the integration alone.
    public func resolve(_ resource: TaskResource, parameters: JSON? = nil) -> (any TaskHandler)? {
        let resolved = resolveRegistered(resource, parameters: parameters)
        guard let decorator else { return resolved }
        return decorator.handler(for: resource, resolved: resolved)
    }

    private func resolveRegistered(_ resource: TaskResource, parameters: JSON?) -> (any TaskHandler)? {
        if let handler = exact[resource.text] { return handler }
        // `arn:aws:states:us-east-1:123456789012:sns:publish` is the integration `arn:aws:states:::sns:publish`.
        if let regionless = resource.regionlessText, regionless != resource.text, let handler = exact[regionless] {
            return handler
        }
        if let key = resource.integrationKey, let handler = integrations[key] { return handler }
        switch resource.kind {
        case .lambdaFunction(let name, _):
            return functions[name]
        case .optimized("lambda", "invoke", _):
            return LambdaInvokeIntegration(functions: functions)
        case .optimized, .sdk, .activity, .unrecognized:
            return nil
        }
    }

    /// Whether a Lambda function has a handler.
    public func hasFunction(_ nameOrARN: String) -> Bool {
        functions[Self.functionName(nameOrARN)] != nil
    }

    /// The function name in a name, a partial ARN (`123456789012:function:name`) or a full ARN,
    /// without version or alias: what Lambda's `FunctionName` parameter accepts.
    public static func functionName(_ nameOrARN: String) -> String {
        let parts = nameOrARN.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if let index = parts.firstIndex(of: "function"), index + 1 < parts.count { return parts[index + 1] }
        return parts.first ?? nameOrARN
    }
}

/// `arn:aws:states:::lambda:invoke`: calls the handler of `Parameters.FunctionName` with
/// `Parameters.Payload` and returns the Invoke API's response, the function's result under
/// `Payload`.
///
/// Source: AWS developer guide, "Invoke an AWS Lambda function with Step Functions" (output
/// shape `ExecutedVersion`, `Payload`, `SdkHttpMetadata`, `SdkResponseMetadata`, `StatusCode`).
public struct LambdaInvokeIntegration: TaskHandler {
    let functions: [String: any TaskHandler]

    public func handle(_ request: TaskRequest) async throws -> JSON {
        guard let name = request.parameters["FunctionName"]?.stringValue else {
            throw StatesError(
                .taskFailed, "The field 'FunctionName' is required by arn:aws:states:::lambda:invoke")
        }
        let functionName = HandlerRegistry.functionName(name)
        guard let handler = functions[functionName] else {
            // AWS's text (observed, LocalStack snapshot `error_handling/test_task_service_lambda`).
            throw StatesError(
                "Lambda.ResourceNotFoundException",
                "Function not found: arn:aws:lambda:\(request.region):\(request.account):function:\(functionName)"
                    + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
                    + "\(Self.requestID(request)); Proxy: null)")
        }
        var inner = request
        inner.resource = TaskResource("arn:aws:lambda:\(request.region):\(request.account):function:\(functionName)")
        inner.parameters = request.parameters["Payload"] ?? .object(JSONObject())
        let payload = try await handler.handle(inner)
        let requestID = Self.requestID(request)
        return [
            "ExecutedVersion": "$LATEST",
            "Payload": payload,
            "SdkHttpMetadata": [
                "AllHttpHeaders": [
                    "X-Amz-Executed-Version": ["$LATEST"],
                    "Content-Type": ["application/json"],
                ],
                "HttpHeaders": [
                    "X-Amz-Executed-Version": "$LATEST",
                    "Content-Type": "application/json",
                ],
                "HttpStatusCode": 200,
            ],
            "SdkResponseMetadata": ["RequestId": .string(requestID)],
            "StatusCode": 200,
        ]
    }

    /// A request id for responses: stable for the execution and state.
    static func requestID(_ request: TaskRequest) -> String {
        let execution = request.context["Execution"]?["Name"]?.stringValue ?? "local"
        return "\(execution)-\(request.stateName)"
    }
}
