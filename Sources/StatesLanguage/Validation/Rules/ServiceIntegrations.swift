import JSONCore

/// The optimized service integrations a Task `Resource` may name as
/// `arn:<partition>:states:::<service>:<action>[<pattern>]`, as data.
///
/// Source: AWS developer guide, "Integrating optimized services with Step Functions" and
/// "Discover service integration patterns" (the table of Request Response / Run a Job (.sync) /
/// Wait for Callback (.waitForTaskToken) support per service); the action lists of the
/// single-purpose integrations come from each service's integration page and the AWS
/// language-service schema examples (research notes §3).
///
/// `actions == nil` means the service has many actions and this table does not list them, so
/// any action is accepted. Keep this table in step with the developer guide: a service or
/// action missing here makes ASL-E212 reject a definition AWS accepts.
struct ServiceIntegration: Sendable {
    /// The `<service>` part of the resource, e.g. `glue`.
    let service: String
    /// Display name for messages.
    let displayName: String
    /// The actions AWS offers, when the list is short and certain.
    let actions: Set<String>?
    /// Whether `.sync` (Run a Job) is supported.
    let sync: Bool
    /// Whether `.waitForTaskToken` (Wait for Callback) is supported.
    let callback: Bool
}

enum ServiceIntegrations {
    /// Every optimized integration, keyed by service.
    static let optimized: [String: ServiceIntegration] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.service, $0) })

    static let all: [ServiceIntegration] = [
        .init(service: "apigateway", displayName: "API Gateway", actions: ["invoke"], sync: false, callback: true),
        .init(
            service: "athena", displayName: "Athena",
            actions: ["startQueryExecution", "stopQueryExecution", "getQueryExecution", "getQueryResults"],
            sync: true, callback: false),
        .init(service: "batch", displayName: "AWS Batch", actions: ["submitJob"], sync: true, callback: false),
        .init(service: "bedrock", displayName: "Amazon Bedrock", actions: nil, sync: true, callback: true),
        .init(service: "codebuild", displayName: "CodeBuild", actions: nil, sync: true, callback: false),
        .init(
            service: "dynamodb", displayName: "DynamoDB", actions: ["getItem", "putItem", "updateItem", "deleteItem"],
            sync: false, callback: false),
        .init(service: "ecs", displayName: "Amazon ECS/Fargate", actions: ["runTask"], sync: true, callback: true),
        .init(service: "eks", displayName: "Amazon EKS", actions: nil, sync: true, callback: true),
        .init(service: "elasticmapreduce", displayName: "Amazon EMR", actions: nil, sync: true, callback: false),
        .init(service: "emr-containers", displayName: "Amazon EMR on EKS", actions: nil, sync: true, callback: false),
        .init(service: "emr-serverless", displayName: "EMR Serverless", actions: nil, sync: true, callback: false),
        .init(service: "events", displayName: "EventBridge", actions: ["putEvents"], sync: false, callback: true),
        .init(service: "glue", displayName: "AWS Glue", actions: ["startJobRun"], sync: true, callback: false),
        .init(service: "databrew", displayName: "Glue DataBrew", actions: ["startJobRun"], sync: true, callback: false),
        .init(service: "http", displayName: "HTTP Task", actions: ["invoke"], sync: false, callback: false),
        .init(service: "lambda", displayName: "AWS Lambda", actions: ["invoke"], sync: false, callback: true),
        .init(
            service: "mediaconvert", displayName: "MediaConvert", actions: ["createJob"], sync: true, callback: false),
        .init(service: "sagemaker", displayName: "SageMaker", actions: nil, sync: true, callback: false),
        .init(service: "sns", displayName: "Amazon SNS", actions: ["publish"], sync: false, callback: true),
        .init(service: "sqs", displayName: "Amazon SQS", actions: ["sendMessage"], sync: false, callback: true),
        .init(
            service: "states", displayName: "Step Functions", actions: ["startExecution"], sync: true, callback: true),
    ]
}
