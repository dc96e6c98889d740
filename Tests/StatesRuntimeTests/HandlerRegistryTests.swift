import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// ``HandlerRegistry`` resolves on the parsed ``TaskResource``: an integration ARN that carries
/// region and account is the same integration as the regionless one.
@Suite struct HandlerRegistryTests {
    static func registry() -> HandlerRegistry {
        var registry = HandlerRegistry()
        registry.register(ClosureTaskHandler { $0.parameters }, lambdaFunction: "echo")
        registry.register(ClosureTaskHandler { _ in "glue" }, service: "glue", action: "startJobRun")
        registry.register(ClosureTaskHandler { _ in "s3" }, service: "aws-sdk:s3", action: "getObject")
        registry.register(ClosureTaskHandler { _ in "sns" }, resource: "arn:aws:states:::sns:publish")
        return registry
    }

    @Test(arguments: [
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:us-east-1:123456789012:lambda:invoke",
        "arn:aws:lambda:us-east-1:123456789012:function:echo",
        "arn:aws:lambda:us-east-1:123456789012:function:echo:live",
        "arn:aws:states:::glue:startJobRun.sync",
        "arn:aws:states:eu-west-1:123456789012:glue:startJobRun",
        "arn:aws:states:::aws-sdk:s3:getObject",
        "arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject",
        "arn:aws:states:::sns:publish",
        "arn:aws:states:us-east-1:123456789012:sns:publish",
    ])
    func resolves(_ resource: String) {
        #expect(Self.registry().resolve(TaskResource(resource)) != nil)
    }

    @Test(arguments: [
        "arn:aws:states:::glue:getJobRun",
        "arn:aws:states:::aws-sdk:s3:putObject",
        "arn:aws:states:us-east-1:123456789012:activity:approve",
        "arn:aws:lambda:us-east-1:123456789012:function:other",
        "arn:aws:states:us-east-1:123456789012:sns:publish.waitForTaskToken",
        "not an arn",
    ])
    func doesNotResolve(_ resource: String) {
        #expect(Self.registry().resolve(TaskResource(resource)) == nil)
    }

    @Test func regionalLambdaInvokeRunsTheFunction() async throws {
        let result = try await run(
            #"""
            {"StartAt": "Call", "States": {"Call": {"Type": "Task",
              "Resource": "arn:aws:states:us-east-1:123456789012:lambda:invoke",
              "Parameters": {"FunctionName": "echo", "Payload": {"x": 1}}, "OutputPath": "$.Payload", "End": true}}}
            """#, handlers: Self.registry())
        #expect(result.status == .succeeded)
        #expect(result.output == ["x": 1])
    }
}
