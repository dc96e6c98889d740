import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// `Executor.testState` on Map and Parallel states, which TestState runs only with a mock standing
/// in for their iterations or branches (observed on AWS: LocalStack snapshots
/// `test_state/test_state_configuration`, `test_test_state_mock_scenarios`; SPEC-NOTES.md §15.5).
@Suite struct TestStateMapParallelTests {
    static let mapTask = #"""
        {"Type": "Map", "Items": "{% $states.input.Values %}",
         "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
           "StartAt": "Item", "States": {"Item": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Arguments": {"FunctionName": "foo", "Payload": "bar"}, "End": true}}},
         "Output": {"result": "{% $map($states.result, function($v) { $v = 1 ? 'pass' : 'failed' }) %}",
                    "successCount": "{% $count($states.result[$ = 1]) %}",
                    "failedCount": "{% $count($states.result[$ = 0]) %}"},
         "ToleratedFailureCount": 1,
         "Retry": [{"ErrorEquals": ["MockException"], "MaxAttempts": 3},
                   {"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "MaxAttempts": 2}],
         "End": true}
        """#

    static let pathMap = #"""
        {"StartAt": "State0", "States": {"State0": {"Type": "Map", "ItemsPath": "$.Values",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "HandleItem", "States": {"HandleItem": {"Type": "Pass", "End": true}}},
          "ToleratedFailureCount": 2, "End": true}}}
        """#

    static let cases: [TestStateCase] = [
        TestStateCase(
            name: "JSONPath Parallel, mocked error caught",
            definition: single(
                #"{"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "#
                    + #""Catch": [{"ErrorEquals": ["States.BranchFailed", "Boom"], "ResultPath": "$.failure", "#
                    + #""Next": "Recover"}], "End": true}"#, extra: #""Recover": {"Type": "Succeed"}"#),
            state: "S", input: #"{"k": 1}"#, mock: .error(name: "Boom", cause: "in B"),
            configuration: TestStateConfiguration(errorCausedByState: "B"),
            expected: #"""
                {"output": "{\"k\":1,\"failure\":{\"Error\":\"Boom\",\"Cause\":\"in B\"}}", "error": "Boom",
                 "cause": "in B", "inspectionData": {"input": "{\"k\":1}", "errorDetails": {"catchIndex": 0}},
                 "nextState": "Recover", "status": "CAUGHT_ERROR"}
                """#),
        TestStateCase(
            name: "JSONata Map, mocked result, DEBUG: maxConcurrency from the definition",
            definition: single(
                #"{"Type": "Map", "Items": "{% $states.input.xs %}", "MaxConcurrency": 2, "#
                    + #""ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "#
                    + #""Output": "{% $sum($states.result) %}", "End": true}"#, queryLanguage: "JSONata"),
            state: "S", input: #"{"xs": [1, 2]}"#, mock: .result([3, 4]),
            expected: #"""
                {"output": "7", "inspectionData": {"input": "{\"xs\":[1,2]}", "maxConcurrency": 2},
                 "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONata Map, mocked result within the tolerated failures",
            definition: single(mapTask, queryLanguage: "JSONata"), state: "S", input: TestStateTests.values,
            level: .info,
            mock: .result([1, 1, 1]), configuration: TestStateConfiguration(mapIterationFailureCount: 1),
            expected: #"""
                {"output": "{\"result\":[\"pass\",\"pass\",\"pass\"],\"successCount\":3,\"failedCount\":0}",
                 "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONata Map, failures past ToleratedFailureCount: the second retrier makes it RETRIABLE",
            definition: single(mapTask, queryLanguage: "JSONata"), state: "S", input: TestStateTests.values,
            mock: .result([0, 0, 1]), configuration: TestStateConfiguration(mapIterationFailureCount: 2),
            expected: #"""
                {"error": "States.ExceedToleratedFailureThreshold", "cause": "The specified tolerated failure threshold was exceeded",
                 "inspectionData": {"input": "\#(TestStateTests.valuesText)", "errorDetails": {"retryIndex": 1, "retryBackoffIntervalSeconds": 1},
                 "toleratedFailureCount": 1, "maxConcurrency": 0}, "status": "RETRIABLE"}
                """#),
        TestStateCase(
            name: "JSONPath Map, mocked error from a state inside: FAILED with the items",
            definition: pathMap, state: "State0", input: TestStateTests.values,
            mock: .error(name: "MockException", cause: "Mock the error cause."),
            configuration: TestStateConfiguration(errorCausedByState: "HandleItem", mapIterationFailureCount: 0),
            expected: #"""
                {"error": "MockException", "cause": "Mock the error cause.", "inspectionData": {"input": "\#(TestStateTests.valuesText)",
                 "afterInputPath": "\#(TestStateTests.valuesText)", "afterItemsPath": "[\"first\",\"second\",\"third\"]",
                 "toleratedFailureCount": 2, "maxConcurrency": 0}, "status": "FAILED"}
                """#),
        TestStateCase(
            name: "JSONPath Map, mocked result: ResultSelector and ResultPath",
            definition: single(
                #"{"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "ToleratedFailurePercentage": 1, "#
                    + #""ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "#
                    + #""ResultSelector": {"n.$": "States.ArrayLength($)"}, "ResultPath": "$.count", "End": true}"#),
            state: "S", input: #"{"items": [1, 2]}"#, mock: .result(["a", "b"]),
            expected: #"""
                {"output": "{\"items\":[1,2],\"count\":{\"n\":2}}", "inspectionData": {"input": "{\"items\":[1,2]}",
                 "afterInputPath": "{\"items\":[1,2]}", "afterResultSelector": "{\"n\":2}",
                 "afterResultPath": "{\"items\":[1,2],\"count\":{\"n\":2}}", "afterItemsPath": "[1,2]",
                 "toleratedFailurePercentage": 1.0, "maxConcurrency": 1}, "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Map with ItemSelector: afterItemSelector holds each iteration's input",
            definition: single(
                #"{"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"i.$": "$$.Map.Item.Index", "#
                    + #""v.$": "$$.Map.Item.Value", "k.$": "$.k"}, "#
                    + #""ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}"#
            ),
            state: "S", input: #"{"items": [10, 20], "k": "z"}"#, mock: .result([]),
            expected: #"""
                {"output": "[]", "inspectionData": {"input": "{\"items\":[10,20],\"k\":\"z\"}",
                 "afterInputPath": "{\"items\":[10,20],\"k\":\"z\"}", "afterResultSelector": "[]",
                 "afterResultPath": "[]", "afterItemsPath": "[10,20]",
                 "afterItemSelector": "[{\"i\":0,\"v\":10,\"k\":\"z\"},{\"i\":1,\"v\":20,\"k\":\"z\"}]",
                 "maxConcurrency": 0}, "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONPath Parallel, mocked result: the branches' array through ResultPath",
            definition: single(TestStateTests.parallel, extra: #""Done": {"Type": "Succeed"}"#), state: "S",
            input: #"{"parallelInput": {"data": "input_value"}}"#,
            mock: .result(parsed(#"[{"branch1": "result"}, {"branch2": "result"}]"#)),
            expected: #"""
                {"output": "{\"parallelInput\":{\"data\":\"input_value\"},\"parallelResult\":[{\"branch1\":\"result\"},{\"branch2\":\"result\"}]}",
                 "inspectionData": {"input": "{\"parallelInput\":{\"data\":\"input_value\"}}",
                 "afterResultSelector": "[{\"branch1\":\"result\"},{\"branch2\":\"result\"}]",
                 "afterResultPath": "{\"parallelInput\":{\"data\":\"input_value\"},\"parallelResult\":[{\"branch1\":\"result\"},{\"branch2\":\"result\"}]}"},
                 "nextState": "Done", "status": "SUCCEEDED"}
                """#),
        TestStateCase(
            name: "JSONata Parallel, mocked result: input only",
            definition: single(
                #"{"Type": "Parallel", "Output": {"in": "{% $states.input %}", "out": "{% $states.result %}"}, "#
                    + #""Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "End": true}"#,
                queryLanguage: "JSONata"),
            state: "S", input: #"{"k": "v"}"#, mock: .result([7]),
            expected: #"""
                {"output": "{\"in\":{\"k\":\"v\"},\"out\":[7]}", "inspectionData": {"input": "{\"k\":\"v\"}"},
                 "status": "SUCCEEDED"}
                """#),
    ]

    @Test(arguments: cases)
    func response(_ c: TestStateCase) async throws {
        let outcome = try await testState(
            c.definition, state: c.state, input: c.input, level: c.level, mock: c.mock, variables: c.variables,
            context: c.context, configuration: c.configuration)
        let result = try outcome.get()
        #expect(JSONWriter.compact(result.json) == JSONWriter.compact(try json(c.expected)))
    }
}
