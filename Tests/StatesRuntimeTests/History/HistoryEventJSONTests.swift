import Foundation
import JSONCore
import StatesRuntime
import Testing

/// Each details family encodes to the event object `GetExecutionHistory` returns. The expected
/// texts are events recorded on AWS (LocalStack snapshots, named in each example) with the
/// members put back in the API model's order (the snapshots sort keys alphabetically and parse
/// the payload strings; AWS sends them as compact JSON text).
@Suite struct HistoryEventJSONTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var source: String
        var event: HistoryEvent
        var expected: String
        var testDescription: String { source }
    }

    static let time = Date(timeIntervalSince1970: 1_709_720_954.123)

    static func event(_ id: Int, _ previous: Int, _ type: HistoryEventType, _ details: HistoryEvent.Details = .none)
        -> HistoryEvent
    {
        HistoryEvent(id: id, previousEventId: previous, timestamp: time, type: type, details: details)
    }

    static let lambdaARN = "arn:aws:lambda:us-east-1:111111111111:function:f"
    static let head = #"{"timestamp":1709720954.123,"type":"#

    static let stateExamples: [Example] = [
        Example(
            source: "test_base: test_state_pass_result ExecutionStarted",
            event: event(
                1, 0, .executionStarted, .executionStarted(.init(input: [:], roleArn: "arn:aws:iam::1:role/r"))),
            expected: head + #""ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":"#
                + #"{"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::1:role/r"}}"#
        ),
        Example(
            source: "test_base: test_state_pass_result PassStateEntered",
            event: event(2, 0, .passStateEntered, .stateEntered(.init(name: "State_1", input: [:]))),
            expected: head + #""PassStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":"#
                + #"{"name":"State_1","input":"{}","inputDetails":{"truncated":false}}}"#
        ),
        Example(
            source: "test_base: test_state_pass_result PassStateExited",
            event: event(3, 2, .passStateExited, .stateExited(.init(name: "State_1", output: ["Arg1": "argument1"]))),
            expected: head + #""PassStateExited","id":3,"previousEventId":2,"stateExitedEventDetails":"#
                + #"{"name":"State_1","output":"{\"Arg1\":\"argument1\"}","outputDetails":{"truncated":false}}}"#
        ),
        Example(
            source: "test_base: test_state_pass_result ExecutionSucceeded",
            event: event(4, 3, .executionSucceeded, .output(.init(output: ["Arg1": "argument1"]))),
            expected: head + #""ExecutionSucceeded","id":4,"previousEventId":3,"executionSucceededEventDetails":"#
                + #"{"output":"{\"Arg1\":\"argument1\"}","outputDetails":{"truncated":false}}}"#
        ),
        Example(
            source: "test_base: test_state_fail ExecutionFailed",
            event: event(
                3, 2, .executionFailed,
                .failure(.init(error: "SomeFailure", cause: "This state machines raises a 'SomeFailure' failure."))),
            expected: head + #""ExecutionFailed","id":3,"previousEventId":2,"executionFailedEventDetails":"#
                + #"{"error":"SomeFailure","cause":"This state machines raises a 'SomeFailure' failure."}}"#
        ),
        Example(
            source: "test_base: test_state_fail_empty ExecutionFailed",
            event: event(3, 2, .executionFailed, .failure(.init())),
            expected: head + #""ExecutionFailed","id":3,"previousEventId":2,"executionFailedEventDetails":{}}"#
        ),
        Example(
            source: "test_base_scenarios: test_parallel_state ParallelStateEntered (array input)",
            event: event(
                4, 3, .parallelStateEntered, .stateEntered(.init(name: "ParallelState", input: [1, 2, 3, 4]))),
            expected: head + #""ParallelStateEntered","id":4,"previousEventId":3,"stateEnteredEventDetails":"#
                + #"{"name":"ParallelState","input":"[1,2,3,4]","inputDetails":{"truncated":false}}}"#
        ),
        Example(
            source: "test_base_scenarios: test_parallel_state ParallelStateStarted",
            event: event(5, 4, .parallelStateStarted),
            expected: head + #""ParallelStateStarted","id":5,"previousEventId":4}"#
        ),
        Example(
            source: "test_assign_base: BASE_CONSTANT_LITERALS PassStateExited",
            event: event(
                3, 2, .passStateExited,
                .stateExited(
                    .init(
                        name: "State0",
                        output: ["input_value": "input_value_literal"],
                        assignedVariables: [
                            "constant_null": nil, "constant_int": 0, "constant_str": "constant string",
                            "constant_lst": [nil, 0, "$$"], "constant_obj_empty": [:],
                        ]))),
            expected: head + #""PassStateExited","id":3,"previousEventId":2,"stateExitedEventDetails":"#
                + #"{"name":"State0","output":"{\"input_value\":\"input_value_literal\"}","#
                + #""outputDetails":{"truncated":false},"assignedVariables":{"constant_null":"null","#
                + #""constant_int":"0","constant_str":"\"constant string\"","constant_lst":"[null,0,\"$$\"]","#
                + #""constant_obj_empty":"{}"},"assignedVariablesDetails":{"truncated":false}}}"#
        ),
        Example(
            source: "ExecutionAborted (StopExecution error and cause)",
            event: event(7, 6, .executionAborted, .failure(.init(error: "Stopped", cause: "by the test"))),
            expected: head + #""ExecutionAborted","id":7,"previousEventId":6,"executionAbortedEventDetails":"#
                + #"{"error":"Stopped","cause":"by the test"}}"#
        ),
        Example(
            source: "ExecutionRedriven",
            event: event(9, 8, .executionRedriven, .executionRedriven(.init(redriveCount: 1))),
            expected: head + #""ExecutionRedriven","id":9,"previousEventId":8,"executionRedrivenEventDetails":"#
                + #"{"redriveCount":1}}"#
        ),
        Example(
            source: "EvaluationFailed (JSONata)",
            event: event(
                3, 2, .evaluationFailed,
                .evaluationFailed(
                    .init(error: "States.QueryEvaluationError", cause: "bad", location: "Output", state: "S"))),
            expected: head + #""EvaluationFailed","id":3,"previousEventId":2,"evaluationFailedEventDetails":"#
                + #"{"error":"States.QueryEvaluationError","cause":"bad","location":"Output","state":"S"}}"#
        ),
    ]

    static let taskExamples: [Example] = [
        Example(
            source: "test_timeouts: test_fixed_timeout_lambda LambdaFunctionScheduled",
            event: event(
                3, 2, .lambdaFunctionScheduled,
                .lambdaFunctionScheduled(.init(resource: lambdaARN, input: ["Payload": nil], timeoutInSeconds: 5))),
            expected: head + #""LambdaFunctionScheduled","id":3,"previousEventId":2,"#
                + #""lambdaFunctionScheduledEventDetails":{"resource":""# + lambdaARN + #"","#
                + #""input":"{\"Payload\":null}","inputDetails":{"truncated":false},"timeoutInSeconds":5}}"#
        ),
        Example(
            source: "test_task_lambda: test_raise_exception LambdaFunctionStarted",
            event: event(4, 3, .lambdaFunctionStarted),
            expected: head + #""LambdaFunctionStarted","id":4,"previousEventId":3}"#
        ),
        Example(
            source: "test_lambda_task: test_invoke_pipe LambdaFunctionSucceeded",
            event: event(5, 4, .lambdaFunctionSucceeded, .output(.init(output: ["Return": "HelloWorld"]))),
            expected: head + #""LambdaFunctionSucceeded","id":5,"previousEventId":4,"#
                + #""lambdaFunctionSucceededEventDetails":{"output":"{\"Return\":\"HelloWorld\"}","#
                + #""outputDetails":{"truncated":false}}}"#
        ),
        Example(
            source: "test_task_lambda: test_raise_exception LambdaFunctionFailed",
            event: event(
                5, 4, .lambdaFunctionFailed, .failure(.init(error: "Exception", cause: #"{"errorType": "E"}"#))),
            expected: head + #""LambdaFunctionFailed","id":5,"previousEventId":4,"#
                + #""lambdaFunctionFailedEventDetails":{"error":"Exception","cause":"{\"errorType\": \"E\"}"}}"#
        ),
        Example(
            source: "test_timeouts: test_fixed_timeout_lambda LambdaFunctionTimedOut",
            event: event(5, 4, .lambdaFunctionTimedOut, .failure(.init(error: "States.Timeout"))),
            expected: head + #""LambdaFunctionTimedOut","id":5,"previousEventId":4,"#
                + #""lambdaFunctionTimedOutEventDetails":{"error":"States.Timeout"}}"#
        ),
        Example(
            source: "test_task_service_lambda: test_raise_exception TaskScheduled",
            event: event(
                3, 2, .taskScheduled,
                .taskScheduled(
                    .init(
                        resourceType: "lambda", resource: "invoke", region: "us-east-1",
                        parameters: ["FunctionName": "f", "Payload": nil]))),
            expected: head + #""TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":"#
                + #"{"resourceType":"lambda","resource":"invoke","region":"us-east-1","#
                + #""parameters":"{\"FunctionName\":\"f\",\"Payload\":null}"}}"#
        ),
        Example(
            source: "test_heartbeats: test_heartbeat_timeout TaskScheduled (timeout, heartbeat, credentials)",
            event: event(
                3, 2, .taskScheduled,
                .taskScheduled(
                    .init(
                        resourceType: "sqs", resource: "sendMessage.waitForTaskToken", region: "us-east-1",
                        parameters: ["QueueUrl": "q"], timeoutInSeconds: 600, heartbeatInSeconds: 5,
                        taskCredentials: .init(roleArn: "arn:aws:iam::1:role/t")))),
            expected: head + #""TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":"#
                + #"{"resourceType":"sqs","resource":"sendMessage.waitForTaskToken","region":"us-east-1","#
                + #""parameters":"{\"QueueUrl\":\"q\"}","timeoutInSeconds":600,"heartbeatInSeconds":5,"#
                + #""taskCredentials":{"roleArn":"arn:aws:iam::1:role/t"}}}"#
        ),
        Example(
            source: "test_task_service_lambda: test_raise_exception TaskStarted",
            event: event(4, 3, .taskStarted, .taskStarted(.init(resourceType: "lambda", resource: "invoke"))),
            expected: head + #""TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":"#
                + #"{"resourceType":"lambda","resource":"invoke"}}"#
        ),
        Example(
            source: "test_heartbeats: test_heartbeat_timeout TaskSubmitted",
            event: event(
                5, 4, .taskSubmitted,
                .taskOutput(
                    .init(resourceType: "sqs", resource: "sendMessage.waitForTaskToken", output: ["MessageId": "m"]))),
            expected: head + #""TaskSubmitted","id":5,"previousEventId":4,"taskSubmittedEventDetails":"#
                + #"{"resourceType":"sqs","resource":"sendMessage.waitForTaskToken","#
                + #""output":"{\"MessageId\":\"m\"}","outputDetails":{"truncated":false}}}"#
        ),
        Example(
            source: "test_lambda_task_service: test_invoke TaskSucceeded",
            event: event(
                5, 4, .taskSucceeded,
                .taskOutput(.init(resourceType: "lambda", resource: "invoke", output: ["StatusCode": 200]))),
            expected: head + #""TaskSucceeded","id":5,"previousEventId":4,"taskSucceededEventDetails":"#
                + #"{"resourceType":"lambda","resource":"invoke","output":"{\"StatusCode\":200}","#
                + #""outputDetails":{"truncated":false}}}"#
        ),
        Example(
            source: "test_task_service_lambda: test_no_such_function TaskFailed",
            event: event(
                5, 4, .taskFailed,
                .taskFailure(
                    .init(
                        resourceType: "lambda", resource: "invoke", error: "Lambda.ResourceNotFoundException",
                        cause: "Function not found"))),
            expected: head + #""TaskFailed","id":5,"previousEventId":4,"taskFailedEventDetails":"#
                + #"{"resourceType":"lambda","resource":"invoke","error":"Lambda.ResourceNotFoundException","#
                + #""cause":"Function not found"}}"#
        ),
        Example(
            source: "test_timeouts: test_fixed_timeout_service_lambda TaskTimedOut",
            event: event(
                5, 4, .taskTimedOut,
                .taskFailure(.init(resourceType: "lambda", resource: "invoke", error: "States.Timeout"))),
            expected: head + #""TaskTimedOut","id":5,"previousEventId":4,"taskTimedOutEventDetails":"#
                + #"{"resourceType":"lambda","resource":"invoke","error":"States.Timeout"}}"#
        ),
        Example(
            source: "ActivityScheduled and ActivityStarted",
            event: event(
                3, 2, .activityScheduled,
                .activityScheduled(.init(resource: "arn:a", input: [:], timeoutInSeconds: 60, heartbeatInSeconds: 10))),
            expected: head + #""ActivityScheduled","id":3,"previousEventId":2,"activityScheduledEventDetails":"#
                + #"{"resource":"arn:a","input":"{}","inputDetails":{"truncated":false},"timeoutInSeconds":60,"#
                + #""heartbeatInSeconds":10}}"#
        ),
        Example(
            source: "ActivityStarted",
            event: event(4, 3, .activityStarted, .activityStarted(.init(workerName: "w1"))),
            expected: head + #""ActivityStarted","id":4,"previousEventId":3,"activityStartedEventDetails":"#
                + #"{"workerName":"w1"}}"#
        ),
    ]

    static let mapExamples: [Example] = [
        Example(
            source: "test_base_scenarios: test_map_state MapStateStarted",
            event: event(5, 4, .mapStateStarted, .mapStateStarted(.init(length: 8))),
            expected: head + #""MapStateStarted","id":5,"previousEventId":4,"mapStateStartedEventDetails":"#
                + #"{"length":8}}"#
        ),
        Example(
            source: "test_base_scenarios: test_map_state MapIterationStarted",
            event: event(6, 5, .mapIterationStarted, .mapIteration(.init(name: "MapState", index: 0))),
            expected: head + #""MapIterationStarted","id":6,"previousEventId":5,"#
                + #""mapIterationStartedEventDetails":{"name":"MapState","index":0}}"#
        ),
        Example(
            source: "test_base_scenarios: test_map_state_catch MapIterationFailed",
            event: event(8, 7, .mapIterationFailed, .mapIteration(.init(name: "MapState", index: 0))),
            expected: head + #""MapIterationFailed","id":8,"previousEventId":7,"#
                + #""mapIterationFailedEventDetails":{"name":"MapState","index":0}}"#
        ),
        Example(
            source: "test_timeouts: test_service_lambda_map_timeout MapIterationAborted",
            event: event(26, 20, .mapIterationAborted, .mapIteration(.init(name: "MapWait", index: 1))),
            expected: head + #""MapIterationAborted","id":26,"previousEventId":20,"#
                + #""mapIterationAbortedEventDetails":{"name":"MapWait","index":1}}"#
        ),
        Example(
            source: "test_base_scenarios: test_map_state MapStateSucceeded",
            event: event(38, 37, .mapStateSucceeded),
            expected: head + #""MapStateSucceeded","id":38,"previousEventId":37}"#
        ),
        Example(
            source: "MapRunStarted, MapRunFailed, MapRunRedriven",
            event: event(6, 5, .mapRunStarted, .mapRunStarted(.init(mapRunArn: "arn:m"))),
            expected: head + #""MapRunStarted","id":6,"previousEventId":5,"mapRunStartedEventDetails":"#
                + #"{"mapRunArn":"arn:m"}}"#
        ),
        Example(
            source: "MapRunFailed",
            event: event(7, 6, .mapRunFailed, .failure(.init(error: "States.ExceedToleratedFailureThreshold"))),
            expected: head + #""MapRunFailed","id":7,"previousEventId":6,"mapRunFailedEventDetails":"#
                + #"{"error":"States.ExceedToleratedFailureThreshold"}}"#
        ),
        Example(
            source: "MapRunRedriven",
            event: event(8, 7, .mapRunRedriven, .mapRunRedriven(.init(mapRunArn: "arn:m", redriveCount: 2))),
            expected: head + #""MapRunRedriven","id":8,"previousEventId":7,"mapRunRedrivenEventDetails":"#
                + #"{"mapRunArn":"arn:m","redriveCount":2}}"#
        ),
    ]

    @Test(arguments: stateExamples + taskExamples + mapExamples)
    func encodesLikeGetExecutionHistory(_ example: Example) {
        #expect(JSONWriter.compact(example.event.json()) == example.expected)
        #expect(example.event.details.fits(example.event.type))
    }

    @Test(arguments: [
        (0.0, "0.000"), (1.5, "1.500"), (-0.25, "-0.250"), (1_709_720_954.123, "1709720954.123"),
        (1_709_720_954.0004, "1709720954.000"), (1_709_720_954.9996, "1709720955.000"),
    ])
    func timestampIsEpochSecondsWithMilliseconds(_ seconds: Double, _ text: String) {
        let event = HistoryEvent(
            id: 1, previousEventId: 0, timestamp: Date(timeIntervalSince1970: seconds), type: .parallelStateStarted)
        #expect(event.json()["timestamp"] == .number(JSONNumber(uncheckedText: text, isInteger: false)))
    }

    @Test func detailsOfTheWrongFamilyAreNotWrittenUnderAKeylessType() {
        let event = Self.event(5, 4, .parallelStateStarted, .mapStateStarted(.init(length: 1)))
        #expect(!event.details.fits(.parallelStateStarted))
        #expect(JSONWriter.compact(event.json()) == Self.head + #""ParallelStateStarted","id":5,"previousEventId":4}"#)
    }

    @Test func payloadsAreWrittenWithAWSEscaping() {
        let details = HistoryEvent.Details.stateEntered(.init(name: "S", input: ["t": "a\tb/é\u{1}"]))
        #expect(
            JSONWriter.compact(details.json() ?? nil) == #"{"name":"S","input":"{\"t\":\"a\\tb/é\\u0001\"}","#
                + #""inputDetails":{"truncated":false}}"#)
    }
}
