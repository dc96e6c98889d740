import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// JSONata states executed end to end: per state kind, the output and the variables AWS records
/// (SPEC-NOTES.md §13.1).
@Suite struct JSONataRunTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var states: String
        var input: String = "{}"
        var output: String
        var testDescription: String { name }
    }

    static func definition(_ states: String) -> String {
        #"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"# + states + "}}"
    }

    static let succeeding: [Case] = [
        Case(
            name: "Pass without Output passes its input", states: #""S": {"Type": "Pass", "End": true}"#,
            input: #"{"a": 1}"#, output: #"{"a":1}"#),
        Case(
            name: "Pass Output template at any depth",
            states:
                #""S": {"Type": "Pass", "Output": {"x": "{% $states.input.a * 2 %}", "l": [1, "{% 'b' %}"], "k.$": "$"}, "End": true}"#,
            input: #"{"a": 21}"#, output: #"{"x":42,"l":[1,"b"],"k.$":"$"}"#),
        Case(
            name: "literals with blanks outside the delimiters stay literal",
            states: #""S": {"Type": "Pass", "Output": " {% 1 %} ", "End": true}"#, output: #"" {% 1 %} ""#),
        Case(
            name: "Assign and Output both see the variables from state entry",
            states: #""S": {"Type": "Pass", "Assign": {"x": 5}, "Next": "T"},"#
                + #""T": {"Type": "Pass", "Assign": {"x": 42, "old": "{% $x %}"}, "Output": "{% $x %}", "Next": "U"},"#
                + #""U": {"Type": "Pass", "Output": {"x": "{% $x %}", "old": "{% $old %}"}, "End": true}"#,
            output: #"{"x":42,"old":5}"#),
        Case(
            name: "Choice rule Output replaces the state's",
            states: #""S": {"Type": "Choice", "Output": "default", "Default": "E", "Choices": ["#
                + #"{"Condition": "{% $states.input.n > 1 %}", "Output": "rule", "Next": "E"}]},"#
                + #""E": {"Type": "Succeed"}"#,
            input: #"{"n": 2}"#, output: #""rule""#),
        Case(
            name: "Choice with no match uses the state's Output and Default",
            states: #""S": {"Type": "Choice", "Output": "default", "Default": "E", "Choices": ["#
                + #"{"Condition": "{% $states.input.n > 1 %}", "Output": "rule", "Next": "E"}]},"#
                + #""E": {"Type": "Succeed"}"#,
            input: #"{"n": 0}"#, output: #""default""#),
        Case(
            name: "Succeed Output",
            states: #""S": {"Type": "Succeed", "Output": "{% $states.context.State.Name %}"}"#, output: #""S""#),
        Case(
            name: "Wait Seconds from an expression, then Output",
            states: #""S": {"Type": "Wait", "Seconds": "{% 3 %}", "Output": "{% $states.input %}", "End": true}"#,
            input: "[1]", output: "[1]"),
        Case(
            name: "Parallel Arguments feed every branch; the result is the branch outputs",
            states: #""S": {"Type": "Parallel", "Arguments": "{% $states.input.n %}", "Branches": ["#
                + #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $states.input + 1 %}", "End": true}}},"#
                + #"{"StartAt": "B", "States": {"B": {"Type": "Pass", "Output": "{% $states.input * 2 %}", "End": true}}}"#
                + #"], "Output": {"r": "{% $states.result %}", "in": "{% $states.input.n %}"}, "End": true}"#,
            input: #"{"n": 5}"#, output: #"{"r":[6,10],"in":5}"#),
        Case(
            name: "Map Items, ItemSelector with the item context, and outer variables read inside",
            states: #""S": {"Type": "Pass", "Assign": {"bias": 100}, "Next": "M"},"#
                + #""M": {"Type": "Map", "Items": "{% $states.input.xs %}", "MaxConcurrency": "{% 1 %}","#
                + #""ItemSelector": {"i": "{% $states.context.Map.Item.Index %}", "v": "{% $states.context.Map.Item.Value %}"},"#
                + #""ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass","#
                + #""Output": "{% $states.input.v + $states.input.i + $bias %}", "End": true}}}, "End": true}"#,
            input: #"{"xs": [10, 20]}"#, output: "[110,121]"),
        Case(
            name: "Map with no Items iterates over its input array",
            states: #""S": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass","#
                + #""Output": "{% $states.input * 3 %}", "End": true}}}, "End": true}"#,
            input: "[1, 2]", output: "[3,6]"),
        Case(
            name: "a non-finite result is a string: AWS answers 1/0 with \"Infinity\"",
            states: #""S": {"Type": "Pass", "Output": {"r": "{% 1/0 %}", "l": "{% [1, -1/0, 0/0] %}"}, "End": true}"#,
            output: #"{"r":"Infinity","l":[1,"-Infinity","NaN"]}"#),
        Case(
            name: "$now() is the execution's clock",
            states: #""S": {"Type": "Pass", "Output": "{% $now() %}", "End": true}"#,
            output: #""2024-01-01T00:00:00.000Z""#),
        Case(
            name: "AWS's functions are bound in a state",
            states: #""S": {"Type": "Pass", "Output": {"p": "{% $partition([1, 2, 3], 2) %}","#
                + #""r": "{% $range(1, 5, 2) %}", "h": "{% $hash('a', 'SHA-256') %}","#
                + #""j": "{% $parse('{\"k\": [1]}') %}"}, "End": true}"#,
            output:
                #"{"p":[[1,2],[3]],"r":[1,3,5],"h":"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb","j":{"k":[1]}}"#
        ),
    ]

    @Test(arguments: succeeding)
    func succeeds(_ test: Case) async throws {
        let result = try await run(Self.definition(test.states), input: test.input)
        #expect(result.status == .succeeded, "\(result.error ?? "") \(result.cause ?? "")")
        #expect(result.output == (try json(test.output)))
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        var name: String
        var states: String
        var input: String = "{}"
        var cause: String
        var location: String?
        var error = "States.QueryEvaluationError"
        var testDescription: String { name }
    }

    static let prefix = "An error occurred while executing the state 'S' (entered at the event id #2). "

    static let failing: [Failure] = [
        Failure(
            name: "a function result has no JSON form",
            states: #""S": {"Type": "Pass", "Output": {"f": "{% $sum %}"}, "End": true}"#,
            cause: prefix
                + "The JSONata expression '$sum' specified for the field 'Output/f' returned an unsupported result type.",
            location: "Output/f"),
        Failure(
            name: "undefined Output",
            states: #""S": {"Type": "Pass", "Output": "{% $doesNotExist %}", "End": true}"#,
            cause: prefix
                + "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).",
            location: "Output"),
        Failure(
            name: "undefined nested Output key",
            states: #""S": {"Type": "Pass", "Output": {"result": "{%   $states.input.missing  %}"}, "End": true}"#,
            cause: prefix
                + "The JSONata expression '$states.input.missing' specified for the field 'Output/result' returned "
                + "nothing (undefined).",
            location: "Output/result"),
        Failure(
            name: "undefined Assign value",
            states: #""S": {"Type": "Pass", "Assign": {"result": "{% $nothing %}"}, "End": true}"#,
            cause: prefix
                + "The JSONata expression '$nothing' specified for the field 'Assign/result' returned nothing (undefined).",
            location: "Assign/result"),
        Failure(
            name: "an evaluation error keeps jsonata's code and message, no final period",
            states: #""S": {"Type": "Pass", "Output": {"FunctionResult": "{% $randomSeeded(1) %}"}, "End": true}"#,
            cause: prefix
                + "The JSONata expression '$randomSeeded(1)' specified for the field 'Output/FunctionResult' threw an "
                + "error during evaluation. T1006: Attempted to invoke a non-function",
            location: "Output/FunctionResult"),
        Failure(
            name: "$eval is undefined on AWS",
            states: #""S": {"Type": "Pass", "Output": {"r": "{% $eval(\"1+1\") %}"}, "End": true}"#,
            cause: prefix
                + "The JSONata expression '$eval(\"1+1\")' specified for the field 'Output/r' threw an error during "
                + "evaluation. T1006: Attempted to invoke a non-function",
            location: "Output/r"),
        Failure(
            name: "Wait Timestamp that does not parse",
            states: #""S": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true}"#,
            input: #"{"t": "2016-12-05 21:29:29Z"}"#,
            cause: prefix
                + "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "
                + "2016-12-05 21:29:29Z",
            location: "Timestamp"),
        Failure(
            name: "Fail Error and Cause from expressions",
            states: #""S": {"Type": "Fail", "Error": "{% $states.input.e %}", "Cause": "{% 'because' %}"}"#,
            input: #"{"e": "Boom"}"#, cause: "because", location: nil, error: "Boom"),
    ]

    @Test(arguments: failing)
    func fails(_ test: Failure) async throws {
        let result = try await run(Self.definition(test.states), input: test.input)
        #expect(result.status == .failed)
        #expect(result.error == test.error)
        #expect(result.cause == test.cause)
        guard test.error == "States.QueryEvaluationError" else { return }
        let types = result.eventTypes
        #expect(types.count == 4)
        #expect(types.last == "ExecutionFailed")
        #expect(types.dropLast().last == "EvaluationFailed")
        let failed = try #require(result.history.first { $0.type.rawValue == "EvaluationFailed" })
        var expected: JSONObject = ["error": "States.QueryEvaluationError", "cause": .string(test.cause)]
        if let location = test.location { expected["location"] = .string(location) }
        expected["state"] = "S"
        #expect(failed.details.json() == .object(expected))
        // A Pass names the entered event's predecessor; a Wait's Timestamp the entered event itself.
        #expect(failed.previousEventId == (test.location == "Timestamp" ? 2 : 0))
        #expect(result.history.last?.previousEventId == failed.id)
    }

    /// Map `Items` of the wrong type and a Map input that is not an array: AWS's texts, then
    /// `EvaluationFailed` before `MapStateFailed` (the second without a `location`).
    @Test(arguments: [
        (
            #""Items": "{% {'foo': 'bar'} %}","#, "{}",
            "The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an unexpected result "
                + #"type. Expected 'array', but was 'object' for value: {"foo":"bar"}"#, "Items"
        ),
        (
            "", #""string""#, #"Map state input must be an array but was: "string""#, nil
        ),
        (
            // Recorded on AWS: LocalStack snapshot `scenarios/test_base_scenarios`,
            // `test_map_state_items_eval_jsonata_fail[function]`.
            #""Items": "{% $fn := function($x){$x} %}","#, "{}",
            "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an "
                + "unsupported result type.", "Items"
        ),
    ])
    func mapItemsFailures(items: String, input: String, detail: String, location: String?) async throws {
        let states =
            #""S": {"Type": "Map", "# + items
            + #""ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}"#
        let result = try await run(Self.definition(states), input: input)
        #expect(result.cause == Self.prefix + detail)
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed",
            ])
        let failed = try #require(result.history.first { $0.type.rawValue == "EvaluationFailed" })
        #expect(failed.details.json()?["location"] == location.map(JSON.string))
        #expect(failed.previousEventId == 0)
        #expect(result.history[3].previousEventId == failed.id)
    }

    /// A failure inside an iteration: the inner state's EvaluationFailed, then MapIterationFailed
    /// and MapStateFailed both naming it (AWS's recording, `test_map_catch_error`).
    @Test func failureInsideAnIteration() async throws {
        let states =
            #""S": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass","#
            + #""Output": {"error": "{% $nothing %}"}, "End": true}}}, "End": true}"#
        let result = try await run(Self.definition(states), input: "[1]")
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered",
                "EvaluationFailed", "MapIterationFailed", "MapStateFailed", "ExecutionFailed",
            ])
        #expect(
            result.cause
                == "An error occurred while executing the state 'I' (entered at the event id #5). The JSONata expression "
                + "'$nothing' specified for the field 'Output/error' returned nothing (undefined).")
        let failed = result.history[5]
        #expect(failed.previousEventId == result.history[4].previousEventId)
        #expect(result.history[6].previousEventId == failed.id)
        #expect(result.history[7].previousEventId == failed.id)
    }

    /// `assignedVariables` in the exited event: each value as JSON text, in Assign order.
    @Test func assignedVariablesAreRecorded() async throws {
        let states =
            #""S": {"Type": "Pass", "Assign": {"s": "{% 'x' %}", "n": 1, "o": {"k": "{% [1] %}"}}, "End": true}"#
        let result = try await run(Self.definition(states))
        let exited = try #require(result.history.first { $0.type.rawValue == "PassStateExited" })
        #expect(
            exited.details.json()?["assignedVariables"] == (try json(#"{"s": "\"x\"", "n": "1", "o": "{\"k\":[1]}"}"#)))
    }

    /// `"Assign": {}` writes no assignedVariables; assigned values over the payload quota fail.
    @Test func emptyAssignAndOversizedValues() async throws {
        let empty = try await run(Self.definition(#""S": {"Type": "Pass", "Assign": {}, "End": true}"#))
        let exited = try #require(empty.history.first { $0.type.rawValue == "PassStateExited" })
        #expect(exited.details.json()?["assignedVariables"] == nil)
        let big = try await run(
            Self.definition(
                #""S": {"Type": "Pass", "Assign": {"b": "{% $pad('', 300000, 'x') %}"}, "Output": 1, "End": true}"#))
        #expect(big.error == "States.DataLimitExceeded")
        #expect(
            big.cause
                == "The state 'S' assigned variables whose size exceeds the maximum number of bytes service limit "
                + "(262144 bytes).")
    }

    /// The total of an execution's variables (AWS: 10 MiB) counts every variable once, a
    /// reassigned one at its new size; an `Assign` that would pass it fails the state.
    @Test func variablesTotalQuota() async throws {
        #expect(Quotas().maximumVariablesBytes == 10_485_760)
        #expect(Quotas.unlimited.maximumVariablesBytes == nil)
        var options = ExecutionOptions()
        // {"a":"yyyyyyyyyy","b":"z"} is 26 bytes; with "c":1 as well, 32.
        options.quotas.maximumVariablesBytes = 31
        let states = #"""
            "S": {"Type": "Pass", "Assign": {"a": "xxxxxxxxxx"}, "Next": "T"},
            "T": {"Type": "Pass", "Assign": {"a": "yyyyyyyyyy"}, "Next": "U"},
            "U": {"Type": "Pass", "Assign": {"b": "z"}, "Next": "V"},
            "V": {"Type": "Pass", "Assign": {"c": 1}, "End": true}
            """#
        let result = try await run(Self.definition(states), options: options)
        #expect(result.error == "States.DataLimitExceeded")
        #expect(
            result.cause
                == "The state 'V' assigned variables that would make the execution's variables exceed the maximum "
                + "number of bytes service limit (31 bytes).")
        options.quotas.maximumVariablesBytes = 26
        let fits = try await run(
            Self.definition(states.replacingOccurrences(of: #""c": 1"#, with: #""b": "w""#)),
            options: options)
        #expect(fits.status == .succeeded)
    }

    /// Task: `Arguments` is the handler's input, `Output` sees `$states.result`, and a Catcher's
    /// `Assign` replaces the state's and sees `$states.errorOutput`.
    @Test func taskArgumentsOutputAndCatch() async throws {
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { request in
                if request.parameters["fail"] == .bool(true) { throw StatesError("Exception", "bad") }
                return ["echo": request.parameters]
            }, lambdaFunction: "f")
        let states = #"""
            "S": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                  "Arguments": {"v": "{% $states.input.v %}", "fail": "{% $states.input.fail %}"},
                  "Output": {"got": "{% $states.result.echo.v %}", "in": "{% $states.input.v %}"},
                  "Assign": {"r": "SUCCESS"},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"r": "{% $states.errorOutput %}"}, "Next": "C"}],
                  "Next": "C"},
            "C": {"Type": "Pass", "Output": {"out": "{% $states.input %}", "r": "{% $r %}"}, "End": true}
            """#
        let good = try await run(Self.definition(states), input: #"{"v": 7, "fail": false}"#, handlers: handlers)
        #expect(good.output == (try json(#"{"out": {"got": 7, "in": 7}, "r": "SUCCESS"}"#)))
        let bad = try await run(Self.definition(states), input: #"{"v": 7, "fail": true}"#, handlers: handlers)
        let errorOutput = #"{"Error": "Exception", "Cause": "bad"}"#
        #expect(bad.output == (try json(#"{"out": \#(errorOutput), "r": \#(errorOutput)}"#)))
    }

    /// `$states` has the members AWS gives each stage (`result` after the task, `errorOutput`
    /// in a Catcher), and its context, built only when read, is the state's context object.
    @Test func statesMembersPerStageAndContextOnDemand() async throws {
        var handlers = HandlerRegistry()
        handlers.register(
            ClosureTaskHandler { request in
                if request.parameters["fail"] == .bool(true) { throw StatesError("Exception", "bad") }
                return request.parameters
            }, lambdaFunction: "f")
        let states = #"""
            "S": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                  "Arguments": {"k": "{% $keys($states) %}", "fail": "{% $states.input.fail %}"},
                  "Output": {"args": "{% $states.result.k %}", "k": "{% $keys($states) %}",
                             "name": "{% $states.context.State.Name %}",
                             "v": "{% $states.context.Execution.Input.v %}",
                             "input": "{% $states.context.Execution.Input %}",
                             "state": "{% $keys($states.context.State) %}"},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $keys($states) %}", "Next": "C"}],
                  "Next": "C"},
            "C": {"Type": "Succeed"}
            """#
        let good = try await run(Self.definition(states), input: #"{"v": 7, "fail": false}"#, handlers: handlers)
        let expected =
            #"{"args": ["input", "context"], "k": ["input", "context", "result"], "name": "S", "v": 7, "#
            + #""input": {"v": 7, "fail": false}, "state": ["Name", "EnteredTime", "RetryCount"]}"#
        #expect(good.output == (try json(expected)))
        let bad = try await run(Self.definition(states), input: #"{"v": 7, "fail": true}"#, handlers: handlers)
        #expect(bad.output == (try json(#"["input", "context", "errorOutput"]"#)))
    }

    /// An undefined `Arguments` fails before the task is scheduled: no task events.
    @Test func undefinedArgumentsFailBeforeScheduling() async throws {
        var handlers = HandlerRegistry()
        handlers.register(ClosureTaskHandler { _ in 1 }, lambdaFunction: "f")
        let states = #"""
            "S": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                  "Arguments": {"FunctionName": "{% $doesNotExist %}"}, "End": true}
            """#
        let result = try await run(Self.definition(states), handlers: handlers)
        #expect(result.eventTypes == ["ExecutionStarted", "TaskStateEntered", "EvaluationFailed", "ExecutionFailed"])
        #expect(
            result.cause
                == Self.prefix
                + "The JSONata expression '$doesNotExist' specified for the field 'Arguments/FunctionName' returned "
                + "nothing (undefined).")
    }
}

extension JSONataRunTests {
    /// `TimeoutSeconds` from an expression reaches TaskScheduled (recorded on AWS with
    /// `"TimeoutSeconds": "{% $variable := 1 %}"`); a failing `Output` after the task succeeded is
    /// caught like any error, after its EvaluationFailed event.
    @Test func taskTimeoutExpressionAndCaughtOutputFailure() async throws {
        var handlers = HandlerRegistry()
        handlers.register(ClosureTaskHandler { _ in ["ok": true] }, lambdaFunction: "f")
        let states = #"""
            "S": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                  "TimeoutSeconds": "{% $variable := 1 %}", "Output": "{% $states.result.missing %}",
                  "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Output": "{% $states.errorOutput.Error %}",
                             "Next": "E"}], "Next": "E"},
            "E": {"Type": "Succeed"}
            """#
        let result = try await run(Self.definition(states), handlers: handlers)
        #expect(result.status == .succeeded)
        #expect(result.output == "States.QueryEvaluationError")
        #expect(
            result.eventTypes == [
                "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded",
                "EvaluationFailed", "TaskStateExited", "SucceedStateEntered", "SucceedStateExited",
                "ExecutionSucceeded",
            ])
        let scheduled = try #require(result.history.first { $0.type.rawValue == "LambdaFunctionScheduled" })
        #expect(scheduled.details.json()?["timeoutInSeconds"] == 1)
    }

    /// A Choice `Condition` that does not give a boolean fails the state (wording [ours]).
    @Test func nonBooleanCondition() async throws {
        let states = #"""
            "S": {"Type": "Choice", "Choices": [{"Condition": "{% 1 %}", "Next": "E"}], "Default": "E"},
            "E": {"Type": "Succeed"}
            """#
        let result = try await run(Self.definition(states))
        #expect(result.error == "States.QueryEvaluationError")
        #expect(
            result.cause
                == Self.prefix
                + "The JSONata expression '1' specified for the field 'Condition' returned an unexpected result type. "
                + "Expected 'boolean', but was 'number' for value: 1")
    }
}
