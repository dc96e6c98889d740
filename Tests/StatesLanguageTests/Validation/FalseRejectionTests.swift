import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// Definitions AWS deploys as written, each class once, through the whole pipeline (read, parse,
/// validate): none may carry an error, and the warnings they do get must be right.
@Suite struct FalseRejectionTests {
    @Test func integrationARNsMayCarryRegionAndAccount() {
        assertDiagnostics(
            #"""
            {"StartAt": "Get", "States": {
              "Get": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject",
                      "Parameters": {"Bucket": "b", "Key": "k"}, "Next": "Call"},
              "Call": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:lambda:invoke",
                       "Parameters": {"FunctionName": "fn", "Payload.$": "$"}, "Next": "Run"},
              "Run": {"Type": "Task", "Resource": "arn:aws-us-gov:states:us-gov-west-1:123456789012:glue:startJobRun.sync",
                      "Parameters": {"JobName": "j"}, "Next": "Start"},
              "Start": {"Type": "Task", "Resource": "arn:aws:states:eu-west-1::states:startExecution.sync:2",
                        "Parameters": {"StateMachineArn": "arn:aws:states:eu-west-1:123456789012:stateMachine:x"},
                        "End": true}
            }}
            """#, [])
    }

    @Test func regionalIntegrationARNsAreStillCheckedWithAValidFixIt() {
        let diagnostics = assertDiagnostics(
            #"""
            {"StartAt": "Get", "States": {
              "Get": {"Type": "Task", "Resource": 1️⃣"arn:aws:states:us-east-1:123456789012:dynamodb:getItem.sync",
                      "End": true}
            }}
            """#,
            [DiagnosticSpec("1️⃣", rule: "ASL-E212", severity: .error, message: "does not support")])
        #expect(
            diagnostics.first?.fixIt
                == #"use "arn:aws:states:us-east-1:123456789012:dynamodb:getItem" to call DynamoDB with Request Response"#
        )
    }

    @Test func readerMaxItemsZeroMeansNoLimit() {
        assertDiagnostics(
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                             "ReaderConfig": {"InputType": "JSON", "MaxItems": 0},
                             "Parameters": {"Bucket": "b", "Key": "k"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
            """#, [])
    }

    @Test func valuesCheckedOnlyWhenTheTaskRunsAreWarnings() {
        assertDiagnostics(
            #"""
            {"StartAt": "Notify", "States": {
              "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                         "Parameters": {"TopicArn": 1️⃣"TOPIC_ARN_PLACEHOLDER", "Message": "done"}, "End": true}
            }}
            """#,
            [
                DiagnosticSpec(
                    "1️⃣", rule: "ASL-W214", severity: .warning, message: #"TopicArn "TOPIC_ARN_PLACEHOLDER""#)
            ])
    }

    /// AWS accepts intrinsic calls with a wrong argument count or literal type at CreateStateMachine
    /// and fails them at run time with States.Runtime (conformance ARANGE-010, MADD-020, HASH-024,
    /// B64E-017): a warning, in Parameters and in a Fail state's CausePath alike.
    @Test func intrinsicArgumentMistakesAreWarnings() {
        assertDiagnostics(
            #"""
            {"StartAt": "Shape", "States": {
              "Shape": {"Type": "Pass", "Parameters": {"sum.$": 1️⃣"States.MathAdd($.count, 'one')",
                                                       "id.$": 2️⃣"States.UUID($.seed)"}, "Next": "Stop"},
              "Stop": {"Type": "Fail", "Error": "Stopped", "CausePath": 3️⃣"States.Hash($.why, 'SHA-3')"}
            }}
            """#,
            [
                DiagnosticSpec("1️⃣", rule: "ASL-W301", severity: .warning, message: "argument 2 of States.MathAdd"),
                DiagnosticSpec("2️⃣", rule: "ASL-W301", severity: .warning, message: "States.UUID takes no arguments"),
                DiagnosticSpec("3️⃣", rule: "ASL-W301", severity: .warning, message: "unsupported hash algorithm"),
            ])
    }

    /// A definition taken from a CloudFormation `Definition` object carries intrinsic functions
    /// where strings and numbers go; CloudFormation resolves them before Step Functions sees the
    /// definition, so they are placeholders, not type errors. Free-form values (Result) are
    /// untouched, and `--no-placeholders` still reports them.
    @Test func cloudFormationIntrinsicsAreValuesToFillIn() throws {
        let source = #"""
            {"StartAt": "Call", "TimeoutSeconds": {"Ref": "MachineTimeout"}, "States": {
              "Call": {"Type": "Task", "Resource": 1️⃣{"Fn::GetAtt": ["Worker", "Arn"]},
                       "HeartbeatSeconds": {"Fn::FindInMap": ["Limits", "Task", "Heartbeat"]}, "Next": "Keep"},
              "Keep": {"Type": "Pass", "Result": {"Ref": "not an intrinsic here"}, "End": true}
            }}
            """#
        assertDiagnostics(source, [])
        let strict = try ValidationRun(
            text: MarkedText(source).text, parseOptions: ParseOptions(allowsPlaceholders: false))
        let typeErrors = strict.parserDiagnostics.filter { $0.rule == "ASL-E105" }
        #expect(
            typeErrors.map(\.pointer.description) == [
                "/TimeoutSeconds", "/States/Call/Resource", "/States/Call/HeartbeatSeconds",
            ])
    }

    /// A JSONPath machine whose Distributed Map alone is JSONata, its ItemReader and ResultWriter
    /// taking `Arguments`: the shape CDK's integration test deploys
    /// (`integ.sm-jsonpath-with-distributed-map-jsonata`). The Map's own language governs its
    /// reader and writer.
    @Test func jsonataDistributedMapInAJSONPathMachine() {
        assertDiagnostics(
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "QueryLanguage": "JSONata", "End": true,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                             "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                             "Arguments": {"Bucket": "in", "Key": "rows.csv"}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                               "Arguments": {"Bucket": "out", "Prefix": "runs"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                "StartAt": "P", "States": {"P": {"Type": "Pass", "QueryLanguage": "JSONata",
                                                                 "End": true}}}}}}
            """#, [])
    }

    /// An ARN with an empty service field (`arn:aws::lambda:…`, a typo found in an AWS guide
    /// sample) stays an error, and the message says what is missing instead of naming an empty
    /// service.
    @Test func resourceWithoutAServiceSaysSo() {
        assertDiagnostics(
            #"""
            {"StartAt": "Poll", "States": {"Poll": {"Type": "Task", "End": true,
              "Resource": 1️⃣"arn:aws::lambda:us-east-1:111122223333:function:Poll"}}}
            """#,
            [
                DiagnosticSpec(
                    "1️⃣", rule: "ASL-E212", severity: .error,
                    message: .exact(
                        #"The resource provided "arn:aws::lambda:us-east-1:111122223333:function:Poll" is not "#
                            + "recognized: the ARN names no service between its partition and its region "
                            + "(arn:<partition>:<service>:<region>:<account>:…)"))
            ])
    }

    @Test func itemBatcherWithoutLimitsIsAWarning() {
        assertDiagnostics(
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "Next": "Again",
              "ItemBatcher": 1️⃣{"BatchInput": {"run": 1}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}},
              "Again": {"Type": "Map", "End": true, "ItemBatcher": 2️⃣{},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                                "StartAt": "Q", "States": {"Q": {"Type": "Pass", "End": true}}}}}}
            """#,
            [
                DiagnosticSpec("1️⃣", rule: "ASL-W215", severity: .warning, message: "specification requires"),
                DiagnosticSpec("2️⃣", rule: "ASL-W215", severity: .warning),
            ])
    }

    /// A Parallel catching `States.QuorumMet` raised by its branch's Fail state, and a Map
    /// catching a name its item processor's Fail state raises: both deliberate; a near miss
    /// of either is still reported.
    @Test func errorNamesRaisedByFailStatesAreKnown() {
        assertDiagnostics(
            #"""
            {"StartAt": "Vote", "States": {
              "Vote": {"Type": "Parallel", "Next": "Each",
                "Branches": [{"StartAt": "Enough", "States": {"Enough": {"Type": "Fail", "Error": "States.QuorumMet"}}}],
                "Catch": [{"ErrorEquals": ["States.QuorumMet"], "Next": "Each"},
                          {"ErrorEquals": [1️⃣"States.QuorumMett"], "Next": "Each"}]},
              "Each": {"Type": "Map", "End": true,
                "ItemProcessor": {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "States.ItemSkipped"}}},
                "Retry": [{"ErrorEquals": ["States.ItemSkipped"], "MaxAttempts": 1}]}
            }}
            """#,
            [DiagnosticSpec("1️⃣", rule: "ASL-W205", severity: .warning, message: "no Fail state")])
    }

    @Test func computedFailErrorsSilenceTheUnknownNameWarning() {
        assertDiagnostics(
            #"""
            {"StartAt": "Vote", "States": {
              "Vote": {"Type": "Parallel", "End": true,
                "Branches": [{"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "ErrorPath": "$.error"}}}],
                "Catch": [{"ErrorEquals": ["States.Custom"], "Next": "Done"}]},
              "Done": {"Type": "Succeed"}
            }}
            """#, [])
    }

    @Test func callbackWithoutTimeoutIsQuietWhenTheMachineHasOne() {
        let callback = #"""
            "Wait": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                                    "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}
            """#
        assertDiagnostics(#"{"TimeoutSeconds": 3600, "StartAt": "Wait", "States": {"# + callback + "}}", [])
        assertDiagnostics(
            #"{"StartAt": "Wait", "States": {1️⃣"# + callback + "}}",
            [
                DiagnosticSpec(
                    "1️⃣", rule: "ASL-W202", severity: .warning,
                    message: "one-year limit (the task's default TimeoutSeconds, 99999999 seconds, is about 3.2 years)")
            ])
    }

    @Test func pollingRetriesAreNotFlagged() {
        assertDiagnostics(
            #"""
            {"StartAt": "Poll", "States": {
              "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Parameters": {"FunctionName": "check"},
                       "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 60, "MaxAttempts": 500,
                                  "BackoffRate": 1.0},
                                 {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "MaxAttempts": 100,
                                  "BackoffRate": 2.0, "MaxDelaySeconds": 300}],
                       "End": true}
            }}
            """#, [])
    }
}

/// Every ARN a Task-resource fix-it proposes is accepted by the validator itself.
@Suite struct ResourceFixItTests {
    static let rejected = [
        "arn:aws:swf:us-east-1:123456789012:domain/x",
        "arn:aws:sns:us-east-1:123456789012:Topic",
        "arn:aws:sqs:us-east-1:123456789012:queue",
        "arn:aws:states:::swf:startWorkflowExecution",
        "arn:aws:states:::sfn:startExecution",
        "arn:aws:states:::gleu:startJobRun.sync",
        "arn:aws:states:::sns:publsh",
        "arn:aws:states:::sns:publishBatch.waitForTaskToken",
        "arn:aws:states:::dynamodb:getItem.sync",
        "arn:aws:states:us-east-1:123456789012:dynamodb:getItem.waitForTaskToken",
        "arn:aws:states:::aws-sdk:s3:getObject.sync",
        "arn:aws:states:::lambda:invoke.sync:2",
        "arn:aws:states:::s3:getObject",
        "arn:aws:states:::foo:bar.waitForTaskToken",
    ]

    @Test(arguments: rejected) func fixItsProposeAcceptedARNs(_ resource: String) throws {
        let run = try ValidationRun(machine(["A": task(resource)]))
        let findings = run.diagnostics.filter { $0.rule == "ASL-E212" }
        #expect(findings.count == 1, "\(resource): \(ValidationRun.describe(run.diagnostics))")
        for fixIt in findings.compactMap(\.fixIt) {
            for proposal in Self.arns(in: fixIt) {
                let concrete = proposal.replacingOccurrences(of: "<action>", with: "someAction")
                let check = try ValidationRun(machine(["A": task(concrete)]))
                #expect(check.pointers(of: "ASL-E212").isEmpty, "fix-it \"\(fixIt)\" proposes \(concrete)")
            }
        }
    }

    /// The fix-its of the common mistakes are concrete.
    @Test func typicalFixIts() throws {
        let cases: [(String, String?)] = [
            ("arn:aws:states:::gleu:startJobRun.sync", #"use "arn:aws:states:::glue:startJobRun.sync""#),
            (
                "arn:aws:states:::swf:startWorkflowExecution",
                #"use "arn:aws:states:::aws-sdk:swf:startWorkflowExecution""#
            ),
            ("arn:aws:states:::sns:publsh", #"did you mean "arn:aws:states:::sns:publish"?"#),
            ("arn:aws:states:::aws-sdk:s3:getObject.sync", #"use "arn:aws:states:::aws-sdk:s3:getObject""#),
        ]
        for (resource, expected) in cases {
            let run = try ValidationRun(machine(["A": task(resource)]))
            #expect(run.diagnostics.first { $0.rule == "ASL-E212" }?.fixIt == expected, "\(resource)")
        }
    }

    /// ItemReader/ResultWriter fix-its (ASL-E213) propose a resource that rule accepts.
    @Test(arguments: [
        ("ItemReader", "arn:aws:states:::s3:getObjects"), ("ItemReader", "arn:aws:states:::s3:listObjectV2"),
        ("ResultWriter", "arn:aws:states:::s3:putObjects"),
    ])
    func mapResourceFixItsAreAccepted(_ field: String, _ resource: String) throws {
        func map(_ resource: String) -> JSON {
            var object: JSONObject = [
                "Type": "Map", "End": true,
                "ItemProcessor": [
                    "ProcessorConfig": ["Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"], "StartAt": "P",
                    "States": ["P": ["Type": "Pass", "End": true]],
                ],
            ]
            object[field] = ["Resource": .string(resource), "Parameters": ["Bucket": "b"]]
            return machine(["A": .object(object)])
        }
        let run = try ValidationRun(map(resource))
        let fixIt = try #require(run.diagnostics.first { $0.rule == "ASL-E213" }?.fixIt)
        let proposals = Self.arns(in: fixIt)
        #expect(!proposals.isEmpty)
        for proposal in proposals {
            #expect(try ValidationRun(map(proposal)).pointers(of: "ASL-E213").isEmpty, "\(fixIt)")
        }
    }

    /// `arn:…` runs in a text, up to a quote, space or closing parenthesis.
    static func arns(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "arn:") {
            let tail = rest[start.lowerBound...]
            let end = tail.firstIndex { $0 == "\"" || $0 == " " || $0 == ")" } ?? tail.endIndex
            found.append(String(tail[..<end]))
            rest = tail[end...]
        }
        return found
    }
}
