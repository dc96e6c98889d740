import JSONCore
import StatesLanguage

/// Resource and integration rules: E212, E213, E215, W202, W213, W214.
extension RuleCaseTests {
    static func tasks(_ resources: [String]) -> JSON {
        var states = JSONObject()
        for (index, resource) in resources.enumerated() {
            let next: JSONObject = index + 1 < resources.count ? ["Next": .string("S\(index + 1)")] : [:]
            states["S\(index)"] = task(resource, next)
        }
        return machine(.object(states), startAt: "S0")
    }

    static let resourceCases: [Case] = [
        Case(
            "E212 unrecognized resources", rule: "ASL-E212",
            tasks([
                "arn value of your lambda function",
                "arn:aws:states:::glue:startJobRun.waitForTaskToken",
                "arn:aws:states:::dynamodb:getItem.sync",
                "arn:aws:states:::sns:publsh",
                "arn:aws:states:::gleu:startJobRun",
                "arn:aws:states:::aws-sdk:s3:getObject.sync",
                "arn:aws:lambda:us-east-1:123456789012:MyFunction",
                "arn:aws:sns:us-east-1:123456789012:Topic",
                "arn:azure:states:::lambda:invoke",
                "arn:aws:states:::lambda:invoke.sync:2",
                "arn:aws:states:::lambda:invoke.async",
            ]),
            expect: (0..<11).map { "/States/S\($0)/Resource" }),
        Case(
            "E212 recognized resources", rule: "ASL-E212",
            tasks([
                "arn:aws:lambda:us-east-1:123456789012:function:Name",
                "arn:aws:lambda:us-east-1:123456789012:function:Name:prod",
                "arn:aws-cn:states:cn-north-1:123456789012:activity:Review",
                "arn:aws:states:::lambda:invoke.waitForTaskToken",
                "arn:aws:states:::glue:startJobRun.sync",
                "arn:aws:states:::athena:startQueryExecution.sync",
                "arn:aws:states:::states:startExecution.sync:2",
                "arn:aws:states:::ecs:runTask.waitForTaskToken",
                "arn:aws-us-gov:states:::aws-sdk:dynamodb:query",
                "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess.waitForTaskToken",
                "arn:aws:states:::http:invoke",
                "arn:aws-iso-b:states:::sagemaker:createTrainingJob.sync",
                "${ProcessFunctionArn}",
                "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}",
            ]), expect: []),
        Case(
            "E213 ItemReader and ResultWriter resources", rule: "ASL-E213",
            single([
                "Type": "Map", "End": true, "ItemProcessor": distributedProcessor,
                "ItemReader": [
                    "Resource": "arn:aws:states:::s3:getObjects", "Parameters": ["Bucket": "b", "Key": "k"],
                ],
                "ResultWriter": [
                    "Resource": "arn:aws:states:::s3:getObject", "Parameters": ["Bucket": "b", "Prefix": "p"],
                ],
            ]), expect: ["/States/A/ItemReader/Resource", "/States/A/ResultWriter/Resource"]),
        Case(
            "E213 allowed S3 resources", rule: "ASL-E213",
            single([
                "Type": "Map", "End": true, "ItemProcessor": distributedProcessor,
                "ItemReader": ["Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": ["Bucket": "b"]],
                "ResultWriter": [
                    "Resource": "arn:aws-cn:states:::s3:putObject", "Parameters": ["Bucket": "b", "Prefix": "p"],
                ],
            ]), expect: []),
        Case(
            "E215 Express rejects callbacks, jobs, activities, Distributed Map", rule: "ASL-E215",
            machine([
                "A": task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", ["TimeoutSeconds": 60, "Next": "B"]),
                "B": task("arn:aws:states:::glue:startJobRun.sync", ["Next": "C"]),
                "C": task(
                    "arn:aws:states:us-east-1:123456789012:activity:Review", ["TimeoutSeconds": 60, "Next": "D"]),
                "D": ["Type": "Map", "End": true, "ItemProcessor": distributedProcessor],
            ]),
            expect: [
                "/States/A/Resource", "/States/B/Resource", "/States/C/Resource",
                "/States/D/ItemProcessor/ProcessorConfig/Mode",
            ], options: ValidationOptions(isExpress: true)),
        Case(
            "E215 the same machine as STANDARD", rule: "ASL-E215",
            machine([
                "A": task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", ["TimeoutSeconds": 60, "Next": "B"]),
                "B": task("arn:aws:states:::glue:startJobRun.sync", ["Next": "D"]),
                "D": ["Type": "Map", "End": true, "ItemProcessor": distributedProcessor],
            ]), expect: []),
        Case(
            "W214 placeholder texts in integration parameters", rule: "ASL-W214",
            machine([
                "A": task(
                    "arn:aws:states:::sns:publish",
                    ["Parameters": ["TopicArn": "arn value of your topic", "Message": "m"], "Next": "B"]),
                "B": task(
                    "arn:aws:states:::athena:startQueryExecution.sync",
                    [
                        "Parameters": [
                            "QueryString": "SELECT 1",
                            "ResultConfiguration": ["OutputLocation": "s3 bucket for athena output storage"],
                        ], "Next": "C",
                    ]),
                "C": task(
                    "arn:aws:states:::lambda:invoke",
                    ["Parameters": ["FunctionName": "your function name"], "Next": "D"]),
                "D": task("arn:aws:states:::glue:startJobRun.sync", ["Parameters": ["JobName": ""]]),
            ]),
            expect: [
                "/States/A/Parameters/TopicArn", "/States/B/Parameters/ResultConfiguration/OutputLocation",
                "/States/C/Parameters/FunctionName", "/States/D/Parameters/JobName",
            ]),
        Case(
            "W214 real values, paths and placeholders", rule: "ASL-W214",
            machine([
                "A": task(
                    "arn:aws:states:::sns:publish",
                    [
                        "Parameters": ["TopicArn": "arn:aws:sns:us-east-1:123456789012:Done", "Message": "m"],
                        "Next": "B",
                    ]),
                "B": task(
                    "arn:aws:states:::sns:publish",
                    ["Parameters": ["TopicArn.$": "$.topic", "Message": "m"], "Next": "C"]),
                "C": task(
                    "arn:aws:states:::sns:publish",
                    ["Parameters": ["TopicArn": "${TopicArn}", "Message": "m"], "Next": "D"]),
                "D": task(
                    "arn:aws:states:::athena:startQueryExecution.sync",
                    [
                        "Parameters": [
                            "QueryString": "SELECT 1", "ResultConfiguration": ["OutputLocation": "s3://results/"],
                        ], "Next": "E",
                    ]),
                "E": task(
                    "arn:aws:states:::glue:startJobRun.sync",
                    ["Parameters": ["JobName": "your glue job name"], "Next": "F"]),
                "F": [
                    "Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::sns:publish", "End": true,
                    "Arguments": ["TopicArn": "{% $states.input.topic %}", "Message": "m"],
                ],
            ]), expect: []),
        Case(
            "W202 callback without a timeout", rule: "ASL-W202",
            machine([
                "A": task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", ["Next": "B"]),
                "B": task("arn:aws:states:us-east-1:123456789012:activity:Review"),
            ]), expect: ["/States/A", "/States/B"]),
        Case(
            "W202 Lambda needs no timeout; callback with HeartbeatSeconds", rule: "ASL-W202",
            machine([
                "A": task("arn:aws:states:::lambda:invoke", ["Next": "B"]),
                "B": task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", ["HeartbeatSeconds": 600]),
            ]), expect: []),
        Case(
            "W213 SQS QueueUrl that is not a URL", rule: "ASL-W213",
            single(
                task("arn:aws:states:::sqs:sendMessage", ["Parameters": ["QueueUrl": "my-queue", "MessageBody": "m"]])),
            expect: ["/States/A/Parameters/QueueUrl"]),
        Case(
            "W213 SQS QueueUrl", rule: "ASL-W213",
            single(
                task(
                    "arn:aws:states:::sqs:sendMessage",
                    [
                        "Parameters": [
                            "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody": "m",
                        ]
                    ])),
            expect: []),
    ]
}
