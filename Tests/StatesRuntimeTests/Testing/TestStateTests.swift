import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// `Executor.testState` on every state type, in JSONPath and JSONata, against what AWS's TestState
/// returned for the same definitions (LocalStack snapshots recorded on AWS under
/// `tests/aws/services/stepfunctions/v2/test_state/`; SPEC-NOTES.md §15).
@Suite struct TestStateTests {
    static let ioInput =
        #"{"initialData": {"fieldFromInput": "value from input", "otherField": "other"}, "#
        + #""unrelatedData": {"someOtherField": 1234}}"#

    static let choice = #"""
        {"Type": "Choice", "Choices": [
          {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
          {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"},
          {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                   {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"}],
         "Default": "DefaultState"}
        """#
    static let choiceTargets =
        #""Public": {"Type": "Succeed"}, "ValueIsZero": {"Type": "Succeed"}, "#
        + #""ValueInTwenties": {"Type": "Succeed"}, "DefaultState": {"Type": "Succeed"}"#

    static let retryTask = #"""
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
         "Arguments": {"FunctionName": "foo", "Payload": "bar"},
         "Retry": [{"ErrorEquals": ["MockException"], "IntervalSeconds": 1, "MaxAttempts": 5, "BackoffRate": 2.0}],
         "End": true}
        """#

    static let parallel = #"""
        {"Type": "Parallel", "ResultPath": "$.parallelResult", "Branches": [
          {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Parameters": {"one.$": "$"}, "End": true}}},
          {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "End": true}}}], "Next": "Done"}
        """#

    static let values = #"{"Values": ["first", "second", "third"]}"#
    static let valuesText = #"{\"Values\":[\"first\",\"second\",\"third\"]}"#

    static let cases: [TestStateCase] = [
        TestStateCase(
            name: "JSONPath Pass, DEBUG: every stage equals the input",
            definition: single(#"{"Type": "Pass", "End": true}"#),
            state: "S", input: #"{"Value": "HelloWorld"}"#,
            expected: #"""
                {"output": "{\"Value\":\"HelloWorld\"}", "inspectionData": {"input": "{\"Value\":\"HelloWorld\"}",
                 "afterInputPath": "{\"Value\":\"HelloWorld\"}", "afterParameters": "{\"Value\":\"HelloWorld\"}",
                 "afterResultSelector": "{\"Value\":\"HelloWorld\"}", "afterResultPath": "{\"Value\":\"HelloWorld\"}"},
                 "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Pass, INFO: no inspectionData", definition: single(#"{"Type": "Pass", "End": true}"#),
            state: "S", input: #"{"Value": 1}"#, level: .info,
            expected: #"{"output": "{\"Value\":1}", "status": "SUCCEEDED"}"#),
        TestStateCase(
            name: "JSONPath Pass, TRACE: as DEBUG (no HTTP call)",
            definition: single(#"{"Type": "Pass", "End": true}"#), state: "S", input: "[1]", level: .trace,
            expected: #"""
                {"output": "[1]", "inspectionData": {"input": "[1]", "afterInputPath": "[1]", "afterParameters": "[1]",
                 "afterResultSelector": "[1]", "afterResultPath": "[1]"}, "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Pass with InputPath, Parameters and ResultPath",
            definition: single(
                #"{"Type": "Pass", "InputPath": "$.initialData", "Parameters": {"staticValue": "some value", "#
                    + #""inputValue.$": "$.fieldFromInput"}, "ResultPath": "$.modifiedData", "End": true}"#),
            state: "S", input: ioInput,
            expected: #"""
                {"output": "{\"initialData\":{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"},\"unrelatedData\":{\"someOtherField\":1234},\"modifiedData\":{\"staticValue\":\"some value\",\"inputValue\":\"value from input\"}}",
                 "inspectionData": {
                  "input": "{\"initialData\":{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"},\"unrelatedData\":{\"someOtherField\":1234}}",
                  "afterInputPath": "{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"}",
                  "afterParameters": "{\"staticValue\":\"some value\",\"inputValue\":\"value from input\"}",
                  "afterResultSelector": "{\"staticValue\":\"some value\",\"inputValue\":\"value from input\"}",
                  "afterResultPath": "{\"initialData\":{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"},\"unrelatedData\":{\"someOtherField\":1234},\"modifiedData\":{\"staticValue\":\"some value\",\"inputValue\":\"value from input\"}}"},
                 "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Pass with Result: result instead of afterInputPath and afterParameters",
            definition: single(
                #"{"Type": "Pass", "InputPath": "$.initialData", "Parameters": {"staticValue": "some value"}, "#
                    + #""Result": {"resultKey": "result value"}, "ResultPath": "$.modifiedData", "End": true}"#),
            state: "S", input: ioInput,
            expected: #"""
                {"output": "{\"initialData\":{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"},\"unrelatedData\":{\"someOtherField\":1234},\"modifiedData\":{\"resultKey\":\"result value\"}}",
                 "inspectionData": {
                  "input": "{\"initialData\":{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"},\"unrelatedData\":{\"someOtherField\":1234}}",
                  "result": "{\"resultKey\":\"result value\"}",
                  "afterResultSelector": "{\"resultKey\":\"result value\"}",
                  "afterResultPath": "{\"initialData\":{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"},\"unrelatedData\":{\"someOtherField\":1234},\"modifiedData\":{\"resultKey\":\"result value\"}}"},
                 "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Choice: nextState is the matching rule's Next",
            definition: single(choice, extra: choiceTargets), state: "S", input: #"{"type": "Private", "value": 22}"#,
            expected: #"""
                {"output": "{\"type\":\"Private\",\"value\":22}", "inspectionData": {"input": "{\"type\":\"Private\",\"value\":22}",
                 "afterInputPath": "{\"type\":\"Private\",\"value\":22}"}, "nextState": "ValueInTwenties", "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Choice: Default", definition: single(choice, extra: choiceTargets), state: "S",
            input: #"{"type": "Private", "value": 5}"#, level: .info,
            expected:
                #"{"output": "{\"type\":\"Private\",\"value\":5}", "nextState": "DefaultState", "status": "SUCCEEDED"}"#
        ),
        TestStateCase(
            name: "JSONPath Fail, INFO",
            definition: single(
                #"{"Type": "Fail", "Error": "SomeFailure", "Cause": "This state machines raises a 'SomeFailure' failure."}"#
            ), state: "S", input: #"{"Value": "HelloWorld"}"#, level: .info,
            expected: #"""
                {"error": "SomeFailure", "cause": "This state machines raises a 'SomeFailure' failure.", "status": "FAILED"}
                """#),
        TestStateCase(
            name: "JSONPath Fail, DEBUG: afterInputPath is the input",
            definition: single(#"{"Type": "Fail", "Error": "SomeFailure", "Cause": "why"}"#), state: "S",
            input: #"{"Value": "HelloWorld"}"#,
            expected: #"""
                {"error": "SomeFailure", "cause": "why", "inspectionData": {"input": "{\"Value\":\"HelloWorld\"}",
                 "afterInputPath": "{\"Value\":\"HelloWorld\"}"}, "status": "FAILED"}
                """#),
        TestStateCase(
            name: "JSONPath Succeed, DEBUG", definition: single(#"{"Type": "Succeed", "InputPath": "$.a"}"#),
            state: "S", input: #"{"a": {"b": 1}}"#,
            expected: #"""
                {"output": "{\"b\":1}", "inspectionData": {"input": "{\"a\":{\"b\":1}}", "afterInputPath": "{\"b\":1}"},
                 "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Wait: no waiting, nextState",
            definition: single(
                #"{"Type": "Wait", "Seconds": 86400, "Next": "Done"}"#, extra: #""Done": {"Type": "Succeed"}"#),
            state: "S", input: #"{"x": 1}"#,
            expected: #"""
                {"output": "{\"x\":1}", "inspectionData": {"input": "{\"x\":1}", "afterInputPath": "{\"x\":1}"},
                 "nextState": "Done", "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONata Wait: input only",
            definition: single(
                #"{"Type": "Wait", "Seconds": "{% 5 %}", "Output": {"w": true}, "End": true}"#, queryLanguage: "JSONata"
            ),
            state: "S", input: #"{"x": 1}"#,
            expected: #"{"output": "{\"w\":true}", "inspectionData": {"input": "{\"x\":1}"}, "status": "SUCCEEDED"}"#),
        TestStateCase(
            name: "JSONPath Task with a mocked result: every stage",
            definition: single(
                #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "#
                    + #""Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"p.$": "$.Payload"}, "#
                    + #""ResultPath": "$.r", "OutputPath": "$.r", "Next": "Done"}"#,
                extra: #""Done": {"Type": "Succeed"}"#),
            state: "S", input: #"{"a": 1}"#, mock: .result(parsed(#"{"Payload": {"ok": true}, "StatusCode": 200}"#)),
            expected: #"""
                {"output": "{\"p\":{\"ok\":true}}", "inspectionData": {"input": "{\"a\":1}", "afterInputPath": "{\"a\":1}",
                 "afterParameters": "{\"FunctionName\":\"f\",\"Payload\":{\"a\":1}}",
                 "result": "{\"Payload\":{\"ok\":true},\"StatusCode\":200}", "afterResultSelector": "{\"p\":{\"ok\":true}}",
                 "afterResultPath": "{\"a\":1,\"r\":{\"p\":{\"ok\":true}}}"}, "nextState": "Done", "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONata Task, mocked error, retrier with retries left: RETRIABLE and the backoff",
            definition: single(retryTask, queryLanguage: "JSONata"), state: "S", input: values,
            mock: .error(name: "MockException", cause: "Mock the cause of the error."),
            configuration: TestStateConfiguration(retrierRetryCount: 4),
            expected: #"""
                {"error": "MockException", "cause": "Mock the cause of the error.", "inspectionData": {
                 "input": "\#(valuesText)", "afterArguments": "{\"FunctionName\":\"foo\",\"Payload\":\"bar\"}",
                 "errorDetails": {"retryIndex": 0, "retryBackoffIntervalSeconds": 16}}, "status": "RETRIABLE"}
                """#),
        TestStateCase(
            name: "JSONata Task, mocked error, retrier used up: FAILED with the retrier's index",
            definition: single(retryTask, queryLanguage: "JSONata"), state: "S", input: values,
            mock: .error(name: "MockException", cause: "Mock the cause of the error."),
            configuration: TestStateConfiguration(retrierRetryCount: 5),
            expected: #"""
                {"error": "MockException", "cause": "Mock the cause of the error.", "inspectionData": {
                 "input": "\#(valuesText)", "afterArguments": "{\"FunctionName\":\"foo\",\"Payload\":\"bar\"}",
                 "errorDetails": {"retryIndex": 0}}, "status": "FAILED"}
                """#),
        TestStateCase(
            name: "JSONata Task, mocked error, caught: CAUGHT_ERROR, the error output, the catcher's Next",
            definition: single(
                #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "foo"}, "#
                    + #""Catch": [{"ErrorEquals": ["MockException"], "Next": "HandleMockError"}, "#
                    + #"{"ErrorEquals": ["States.TaskFailed"], "Next": "HandleThreshold"}], "End": true}"#,
                extra: #""HandleMockError": {"Type": "Succeed"}, "HandleThreshold": {"Type": "Succeed"}"#,
                queryLanguage: "JSONata"),
            state: "S", input: #"{"Value": "HelloWorld"}"#,
            mock: .error(name: "States.TaskFailed", cause: "The task failed."),
            expected: #"""
                {"output": "{\"Error\":\"States.TaskFailed\",\"Cause\":\"The task failed.\"}", "error": "States.TaskFailed",
                 "cause": "The task failed.", "inspectionData": {"input": "{\"Value\":\"HelloWorld\"}",
                 "afterArguments": "{\"FunctionName\":\"foo\"}", "errorDetails": {"catchIndex": 1}},
                 "nextState": "HandleThreshold", "status": "CAUGHT_ERROR"}
                """#),
        TestStateCase(
            name: "JSONPath Task, mocked error, caught with ResultPath",
            definition: single(
                #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "#
                    + #""Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}], "End": true}"#,
                extra: #""Recover": {"Type": "Pass", "End": true}"#),
            state: "S", input: #"{"a": 1}"#, level: .info, mock: .error(name: "Boom", cause: nil),
            expected: #"""
                {"output": "{\"a\":1,\"error\":{\"Error\":\"Boom\",\"Cause\":\"\"}}", "error": "Boom",
                 "nextState": "Recover", "status": "CAUGHT_ERROR"}
                """#),
        TestStateCase(
            name: "JSONPath Task, mocked error a retrier retries: RETRIABLE with IntervalSeconds × BackoffRate^n",
            definition: single(
                #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "q"}, "#
                    + #""Retry": [{"ErrorEquals": ["Other"]}, {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3, "#
                    + #""BackoffRate": 1.5, "MaxAttempts": 4}], "End": true}"#),
            state: "S", mock: .error(name: "SQS.Throttled", cause: "busy"),
            configuration: TestStateConfiguration(retrierRetryCount: 2),
            expected: #"""
                {"error": "SQS.Throttled", "cause": "busy", "inspectionData": {"input": "{}", "afterInputPath": "{}",
                 "afterParameters": "{\"QueueUrl\":\"q\"}", "errorDetails": {"retryIndex": 1,
                 "retryBackoffIntervalSeconds": 6}}, "status": "RETRIABLE"}
                """#),
        TestStateCase(
            name: "JSONPath Task, mocked error nothing handles: FAILED, INFO",
            definition: single(
                #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "q"}, "#
                    + #""Retry": [{"ErrorEquals": ["Other"]}], "Next": "Done"}"#, extra: #""Done": {"Type": "Succeed"}"#
            ),
            state: "S", level: .info, mock: .error(name: "SQS.Throttled", cause: "busy"),
            expected: #"{"error": "SQS.Throttled", "cause": "busy", "status": "FAILED"}"#),
        TestStateCase(
            name: "JSONata Task, mocked result: Output and Assign see $states.result",
            definition: single(
                #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "#
                    + #""Arguments": {"FunctionName": "f", "Payload": "{% $states.input.n %}"}, "#
                    + #""Output": "{% $states.result.Payload * 2 %}", "Assign": {"last": "{% $states.result.Payload %}"}, "#
                    + #""End": true}"#, queryLanguage: "JSONata"),
            state: "S", input: #"{"n": 4}"#, mock: .result(["Payload": 21]),
            expected: #"""
                {"output": "42", "inspectionData": {"input": "{\"n\":4}",
                 "afterArguments": "{\"FunctionName\":\"f\",\"Payload\":4}", "result": "{\"Payload\":21}",
                 "variables": "{\"last\":21}"}, "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONata Choice: Condition, Output and nextState",
            definition: single(
                #"{"Type": "Choice", "Choices": [{"Condition": "{% $states.input.v > 1 %}", "Next": "Big", "#
                    + #""Output": {"big": true}}], "Default": "Small"}"#,
                extra: #""Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}"#, queryLanguage: "JSONata"),
            state: "S", input: #"{"v": 2}"#,
            expected: #"""
                {"output": "{\"big\":true}", "inspectionData": {"input": "{\"v\":2}"}, "nextState": "Big",
                 "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONata Succeed: Output",
            definition: single(
                #"{"Type": "Succeed", "Output": "{% $states.input.a %}"}"#, queryLanguage: "JSONata"),
            state: "S", input: #"{"a": [1]}"#, level: .trace,
            expected: #"{"output": "[1]", "inspectionData": {"input": "{\"a\":[1]}"}, "status": "SUCCEEDED"}"#),
        TestStateCase(
            name: "JSONata Fail: Error and Cause from expressions",
            definition: single(
                #"{"Type": "Fail", "Error": "{% $states.input.e %}", "Cause": "{% 'bad ' & $states.input.c %}"}"#,
                queryLanguage: "JSONata"),
            state: "S", input: #"{"e": "Custom", "c": "thing"}"#,
            expected: #"""
                {"error": "Custom", "cause": "bad thing", "inspectionData": {"input": "{\"e\":\"Custom\",\"c\":\"thing\"}"},
                 "status": "FAILED"}
                """#),
        TestStateCase(
            name: "JSONata Pass: given and assigned variables",
            definition: single(
                #"{"Type": "Pass", "Assign": {"y": "{% $x + 1 %}"}, "Output": "{% $x %}", "End": true}"#,
                queryLanguage: "JSONata"),
            state: "S", variables: #"{"x": 1}"#,
            expected: #"""
                {"output": "1", "inspectionData": {"input": "{}", "variables": "{\"x\":1,\"y\":2}"}, "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONata Pass: TestState's context object",
            definition: single(
                #"{"Type": "Pass", "Output": "{% $states.context %}", "End": true}"#, queryLanguage: "JSONata"),
            state: "S", level: .info,
            expected: #"""
                {"output": "{\"Execution\":{\"Id\":\"arn:aws:states:us-east-1:123456789012:express:Machine:test-execution\",\"Input\":{},\"Name\":\"test-execution\",\"RoleArn\":null,\"StartTime\":\"2024-01-01T00:00:00.000Z\"},\"StateMachine\":{\"Id\":\"arn:aws:states:us-east-1:123456789012:stateMachine:Machine\",\"Name\":\"Machine\"},\"State\":{\"Name\":\"StateName\",\"EnteredTime\":\"2024-01-01T00:00:00.000Z\"}}",
                 "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Task: a given context object replaces $$",
            definition: single(
                #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"ctx.$": "$$"}, "End": true}"#
            ), state: "S", level: .info, mock: .result(.null), context: #"{"Execution": {"Name": "given"}}"#,
            expected: #"{"output": "null", "status": "SUCCEEDED"}"#),
        TestStateCase(
            name: "a state inside a Parallel branch, by name",
            definition: single(parallel, extra: #""Done": {"Type": "Succeed"}"#), state: "B1", input: #"{"z": 0}"#,
            level: .info, expected: #"{"output": "{\"one\":{\"z\":0}}", "status": "SUCCEEDED"}"#),
    ]

    @Test(arguments: cases)
    func response(_ c: TestStateCase) async throws {
        let outcome = try await testState(
            c.definition, state: c.state, input: c.input, level: c.level, mock: c.mock, variables: c.variables,
            context: c.context, configuration: c.configuration)
        let result = try outcome.get()
        #expect(JSONWriter.compact(result.json) == JSONWriter.compact(try json(c.expected)))
    }

    /// A `.waitForTaskToken` Task gets a token in `$$.Task.Token` beside TestState's context; a
    /// given context's `Task.Token` wins.
    @Test func taskTokenBesideTheTestContext() async throws {
        let definition = single(
            #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "#
                + #""Parameters": {"QueueUrl": "q", "MessageBody": {"TaskToken.$": "$$.Task.Token"}}, "End": true}"#)
        let generated = try await testState(definition, state: "S", mock: .result(["ok": 1])).get()
        let parameters = try #require(generated.inspectionData?["afterParameters"]?.stringValue)
        let token = try json(parameters)["MessageBody"]?["TaskToken"]?.stringValue
        #expect(token?.count == 64)
        let given = try await testState(
            definition, state: "S", mock: .result(["ok": 1]), context: #"{"Task": {"Token": "abcd123"}}"#
        ).get()
        #expect(
            given.inspectionData?["afterParameters"]
                == #"{"QueueUrl":"q","MessageBody":{"TaskToken":"abcd123"}}"#)
    }

    @Test func givenContextIsWhatTheStateReads() async throws {
        let definition = single(
            #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"ctx.$": "$$"}, "End": true}"#
        )
        let result = try await testState(
            definition, state: "S", mock: .result(.null), context: #"{"Execution": {"Name": "given"}}"#
        ).get()
        let parameters = try #require(result.inspectionData?["afterParameters"]?.stringValue)
        #expect(parameters == #"{"ctx":{"Execution":{"Name":"given"}}}"#)
    }
}
