import Testing

@testable import StatesLanguage

@Suite struct ResourceShapeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let resource: String
        let shape: TaskResourceShape
        var testDescription: String { resource }
    }

    static let cases: [Case] = [
        Case(
            resource: "arn:aws:lambda:us-east-1:123456789012:function:Fn:live", shape: .lambdaFunction(name: "Fn")),
        Case(resource: "arn:aws:states:eu-west-1:123456789012:activity:Act", shape: .activity(name: "Act")),
        Case(
            resource: "arn:aws:states:::glue:startJobRun.sync",
            shape: .optimized(service: "glue", action: "startJobRun", pattern: ".sync")),
        Case(
            resource: "arn:aws:states:::states:startExecution.sync:2",
            shape: .optimized(service: "states", action: "startExecution", pattern: ".sync:2")),
        Case(
            resource: "arn:aws:states:::aws-sdk:s3:listObjectsV2",
            shape: .sdk(service: "s3", action: "listObjectsV2", pattern: "")),
        Case(resource: "not an arn", shape: .invalid(.notAnARN)),
        Case(resource: "arn:gcp:states:::lambda:invoke", shape: .invalid(.unknownPartition("gcp"))),
        Case(resource: "arn:aws:lambda:us-east-1:123456789012:Fn", shape: .invalid(.malformedLambda)),
        Case(resource: "arn:aws:states:us-east-1::activity:Act", shape: .invalid(.malformedStates)),
        Case(resource: "arn:aws:sqs:us-east-1:123456789012:q", shape: .invalid(.unsupportedService("sqs"))),
    ]

    @Test(arguments: cases) func parse(_ testCase: Case) {
        #expect(TaskResourceShape.parse(testCase.resource) == testCase.shape)
    }

    @Test(arguments: ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-eusc"])
    func partitions(_ partition: String) {
        #expect(TaskResourceShape.isPartition(partition))
    }

    @Test(arguments: ["", "aw", "awscn", "aws-", "AWS", "aws--cn"])
    func notPartitions(_ partition: String) {
        #expect(!TaskResourceShape.isPartition(partition))
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
