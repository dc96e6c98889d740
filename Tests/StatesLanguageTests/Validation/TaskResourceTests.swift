import Testing

@testable import StatesLanguage

@Suite struct TaskResourceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let resource: String
        let kind: TaskResource.Kind
        var region: String? = nil
        var account: String? = nil
        var testDescription: String { resource }
    }

    static let cases: [Case] = [
        Case(
            resource: "arn:aws:lambda:us-east-1:123456789012:function:Fn:live",
            kind: .lambdaFunction(name: "Fn", qualifier: "live"), region: "us-east-1", account: "123456789012"),
        Case(
            resource: "arn:aws:lambda:us-east-1:123456789012:function:Fn",
            kind: .lambdaFunction(name: "Fn", qualifier: nil),
            region: "us-east-1", account: "123456789012"),
        Case(
            resource: "arn:aws:states:eu-west-1:123456789012:activity:Act", kind: .activity(name: "Act"),
            region: "eu-west-1", account: "123456789012"),
        Case(
            resource: "arn:aws:states:::glue:startJobRun.sync",
            kind: .optimized(service: "glue", action: "startJobRun", pattern: .sync)),
        Case(
            resource: "arn:aws:states:::states:startExecution.sync:2",
            kind: .optimized(service: "states", action: "startExecution", pattern: .sync2)),
        Case(
            resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            kind: .optimized(service: "sqs", action: "sendMessage", pattern: .waitForTaskToken)),
        Case(
            resource: "arn:aws:states:::glue:startJobRun.syncc",
            kind: .optimized(service: "glue", action: "startJobRun", pattern: .unknown(".syncc"))),
        Case(
            resource: "arn:aws:states:::aws-sdk:s3:listObjectsV2",
            kind: .sdk(service: "s3", action: "listObjectsV2", pattern: .requestResponse)),
        // Region and account are optional in integration ARNs (developer guide, "Specifying Resource ARNs").
        Case(
            resource: "arn:aws:states:us-east-1:123456789012:lambda:invoke",
            kind: .optimized(service: "lambda", action: "invoke", pattern: .requestResponse), region: "us-east-1",
            account: "123456789012"),
        Case(
            resource: "arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject",
            kind: .sdk(service: "s3", action: "getObject", pattern: .requestResponse), region: "us-east-1",
            account: "123456789012"),
        Case(
            resource: "arn:aws-cn:states:cn-north-1::states:startExecution.sync:2",
            kind: .optimized(service: "states", action: "startExecution", pattern: .sync2), region: "cn-north-1"),
        Case(resource: "not an arn", kind: .unrecognized(.notAnARN)),
        Case(resource: "", kind: .unrecognized(.notAnARN)),
        Case(resource: "arn:gcp:states:::lambda:invoke", kind: .unrecognized(.unknownPartition("gcp"))),
        Case(
            resource: "arn:aws:lambda:us-east-1:123456789012:Fn", kind: .unrecognized(.malformedLambda),
            region: "us-east-1", account: "123456789012"),
        Case(
            resource: "arn:aws:states:us-east-1::activity:Act", kind: .unrecognized(.malformedStates),
            region: "us-east-1"),
        Case(resource: "arn:aws:states:::aws-sdk:s3", kind: .unrecognized(.malformedStates)),
        Case(
            resource: "arn:aws:states:us-east-1:123456789012:stateMachine:Child",
            kind: .unrecognized(.malformedStates), region: "us-east-1", account: "123456789012"),
        Case(
            resource: "arn:aws:sqs:us-east-1:123456789012:q", kind: .unrecognized(.unsupportedService("sqs")),
            region: "us-east-1", account: "123456789012"),
    ]

    @Test(arguments: cases) func parse(_ testCase: Case) {
        let resource = TaskResource(testCase.resource)
        #expect(resource.kind == testCase.kind)
        #expect(resource.region == testCase.region)
        #expect(resource.account == testCase.account)
        #expect(resource.text == testCase.resource)
    }

    @Test func historyNamesAndRegionlessForm() {
        let sdk = TaskResource("arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject.waitForTaskToken")
        #expect(sdk.resourceType == "aws-sdk:s3")
        #expect(sdk.resourceName == "getObject.waitForTaskToken")
        #expect(sdk.integrationKey == "aws-sdk:s3:getObject")
        #expect(sdk.regionlessText == "arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken")
        let function = TaskResource("arn:aws:lambda:us-east-1:123456789012:function:Fn")
        #expect(function.resourceType == "lambda")
        #expect(function.resourceName == function.text)
        #expect(function.regionlessText == nil)
        #expect(TaskResource("arn:aws:states:::glue:startJobRun.sync").resourceName == "startJobRun.sync")
    }

    @Test(arguments: ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-eusc"])
    func partitions(_ partition: String) {
        #expect(TaskResource.isPartition(partition))
    }

    @Test(arguments: ["", "aw", "awscn", "aws-", "AWS", "aws--cn", "aws-é"])
    func notPartitions(_ partition: String) {
        #expect(!TaskResource.isPartition(partition))
    }

    @Test(arguments: [
        "2016-08-18T17:33:00Z", "2016-08-18T17:33:00.5Z", "2016-08-18T17:33:00-07:00", "2024-02-29T23:59:60Z",
    ])
    func timestamps(_ text: String) {
        #expect(WaitValues.isTimestamp(text))
    }

    @Test(arguments: [
        "2016-08-18t17:33:00Z", "2016-08-18T17:33:00z", "2016-08-18 17:33:00Z", "2016-08-18T17:33:00",
        "2016-08-18T24:00:00Z", "2016-00-18T17:33:00Z", "2016-08-18T17:33:00+0700", "2016-08-18T17:33:00.Z",
        "2016-08-18",
    ])
    func notTimestamps(_ text: String) {
        #expect(!WaitValues.isTimestamp(text))
    }

    @Test func placeholders() {
        #expect("${Fn}".containsPlaceholder)
        #expect("arn:aws:lambda:${AWS::Region}:1:function:x".containsPlaceholder)
        #expect(!"$5 {x}".containsPlaceholder)
        #expect(!"${unterminated".containsPlaceholder)
    }
}
