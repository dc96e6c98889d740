import ASLCommands
import JSONCore
import Testing

/// `asl test-state`: the response on standard output, exit codes, and the errors for bad
/// arguments and refused requests (SPEC-NOTES.md §15).
@Suite struct TestStateCommandTests {
    static let machine = #"""
        {"StartAt": "Charge", "States": {
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "ResultSelector": {"ok.$": "$.Payload.ok"},
            "ResultPath": "$.charge",
            "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3}],
            "Catch": [{"ErrorEquals": ["Refused"], "ResultPath": "$.error", "Next": "Refund"}],
            "Next": "Route"},
          "Route": {"Type": "Choice", "Choices": [{"Variable": "$.charge.ok", "BooleanEquals": true, "Next": "Done"}],
            "Default": "Refund"},
          "Refund": {"Type": "Pass", "Result": "refunded", "ResultPath": "$.refund", "Next": "Fan"},
          "Fan": {"Type": "Parallel", "Branches": [{"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}}],
            "End": true},
          "Done": {"Type": "Succeed"}}}
        """#

    func testState(_ arguments: [String], files: [String: String]? = nil) async -> (ExitCode, FakeIO) {
        let fake = FakeIO(files: files ?? ["m.asl.json": Self.machine])
        let code = await ASLMain.main(arguments: ["asl", "test-state"] + arguments, io: fake.io)
        return (code, fake)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var code: Int32
        /// The response, compared as compact JSON.
        var stdout: String

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Task with a mocked result, DEBUG",
            arguments: [
                "m.asl.json", "--state", "Charge", "--input", #"{"amount": 3}"#, "--mock-result",
                #"{"Payload": {"ok": true}}"#, "--inspection-level", "DEBUG",
            ], code: 0,
            stdout: #"""
                {"output": "{\"amount\":3,\"charge\":{\"ok\":true}}", "inspectionData": {"input": "{\"amount\":3}",
                 "afterInputPath": "{\"amount\":3}", "afterParameters": "{\"FunctionName\":\"charge\",\"Payload\":{\"amount\":3}}",
                 "result": "{\"Payload\":{\"ok\":true}}", "afterResultSelector": "{\"ok\":true}",
                 "afterResultPath": "{\"amount\":3,\"charge\":{\"ok\":true}}"}, "nextState": "Route", "status": "SUCCEEDED"}
                """#),
        Case(
            name: "Task with a mocked error a retrier retries: RETRIABLE, exit 0",
            arguments: [
                "m.asl.json", "--state", "Charge", "--mock-error", "Lambda.TooManyRequestsException", "--mock-cause",
                "slow", "--retry-count", "1", "--inspection-level", "TRACE",
            ], code: 0,
            stdout: #"""
                {"error": "Lambda.TooManyRequestsException", "cause": "slow", "inspectionData": {"input": "{}",
                 "afterInputPath": "{}", "afterParameters": "{\"FunctionName\":\"charge\",\"Payload\":{}}",
                 "errorDetails": {"retryIndex": 0, "retryBackoffIntervalSeconds": 4}}, "status": "RETRIABLE"}
                """#),
        Case(
            name: "retries used up and no catcher: FAILED, exit 1",
            arguments: [
                "m.asl.json", "--state", "Charge", "--mock-error", "Lambda.TooManyRequestsException",
                "--state-configuration", #"{"retrierRetryCount": 3}"#,
            ], code: 1, stdout: #"{"error": "Lambda.TooManyRequestsException", "status": "FAILED"}"#),
        Case(
            name: "a caught error: CAUGHT_ERROR, the catcher's Next",
            arguments: ["m.asl.json", "--state", "Charge", "--mock-error", "Refused", "--mock-cause", "no"], code: 0,
            stdout: #"""
                {"output": "{\"error\":{\"Error\":\"Refused\",\"Cause\":\"no\"}}", "error": "Refused", "cause": "no",
                 "nextState": "Refund", "status": "CAUGHT_ERROR"}
                """#),
        Case(
            name: "Choice: nextState",
            arguments: ["m.asl.json", "--state", "Route", "--input", #"{"charge": {"ok": false}}"#], code: 0,
            stdout: #"{"output": "{\"charge\":{\"ok\":false}}", "nextState": "Refund", "status": "SUCCEEDED"}"#),
        Case(
            name: "Pass with Result",
            arguments: ["m.asl.json", "--state", "Refund"], code: 0,
            stdout: #"{"output": "{\"refund\":\"refunded\"}", "nextState": "Fan", "status": "SUCCEEDED"}"#),
        Case(
            name: "Parallel with a mock, End: no nextState",
            arguments: ["m.asl.json", "--state", "Fan", "--mock-result", "[1]"], code: 0,
            stdout: #"{"output": "[1]", "status": "SUCCEEDED"}"#),
        Case(
            name: "a state inside a branch", arguments: ["m.asl.json", "--state", "Inner", "--input", "7"], code: 0,
            stdout: #"{"output": "7", "status": "SUCCEEDED"}"#),
        Case(
            name: "variables are reported after the state",
            arguments: [
                "m.asl.json", "--state", "Done", "--variables", #"{"v": [1]}"#, "--inspection-level", "DEBUG",
            ], code: 0,
            stdout: #"""
                {"output": "{}", "inspectionData": {"input": "{}", "afterInputPath": "{}", "variables": "{\"v\":[1]}"},
                 "status": "SUCCEEDED"}
                """#),
    ]

    @Test(arguments: cases)
    func response(_ c: Case) async throws {
        let (code, fake) = await testState(c.arguments)
        #expect(code.rawValue == c.code, "stderr: \(fake.stderr)")
        let printed = try JSONReader.read(fake.stdout).value
        #expect(JSONWriter.compact(printed) == JSONWriter.compact(try JSONReader.read(c.stdout).value))
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// What standard error must contain.
        var message: String

        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            name: "a misspelt option", arguments: ["m.asl.json", "--state", "Charge", "--mock-reslt", "1"],
            message: "unknown option '--mock-reslt' (did you mean '--mock-result'?)"),
        ErrorCase(
            name: "no --state", arguments: ["m.asl.json"], message: "missing option '--state NAME'"),
        ErrorCase(
            name: "a state not in the definition", arguments: ["m.asl.json", "--state", "Chrage", "--mock-error", "E"],
            message: #"m.asl.json: ValidationException: State not found in definition (no state is named "Chrage"; "#
                + #"did you mean "Charge"?)"#),
        ErrorCase(
            name: "both mocks",
            arguments: ["m.asl.json", "--state", "Charge", "--mock-result", "1", "--mock-error", "E"],
            message:
                "ValidationException: A test mock should have only one of the following fields: [result, errorOutput]."
        ),
        ErrorCase(
            name: "a mock that is not JSON", arguments: ["m.asl.json", "--state", "Charge", "--mock-result", "{bad"],
            message: "ValidationException: Mocked result must be valid JSON"),
        ErrorCase(
            name: "a cause without an error", arguments: ["m.asl.json", "--state", "Charge", "--mock-cause", "x"],
            message: "--mock-cause needs --mock-error NAME"),
        ErrorCase(
            name: "a Task without a mock or handler", arguments: ["m.asl.json", "--state", "Charge"],
            message: "The Task state 'Charge' calls arn:aws:states:::lambda:invoke, which a local test cannot call. "
                + "(pass --mock-result JSON or --mock-error NAME"),
        ErrorCase(
            name: "a mock for a Pass state", arguments: ["m.asl.json", "--state", "Refund", "--mock-result", "1"],
            message: "ValidationException: State type 'Pass' is not supported when a mock is specified"),
        ErrorCase(
            name: "a Parallel without a mock", arguments: ["m.asl.json", "--state", "Fan"],
            message: "InvalidDefinition: TestState API does not support Map or Parallel states."),
        ErrorCase(
            name: "an unknown state configuration member",
            arguments: ["m.asl.json", "--state", "Charge", "--state-configuration", #"{"retrierRetryCont": 1}"#],
            message: "--state-configuration: unknown member 'retrierRetryCont' (did you mean 'retrierRetryCount'?)"),
        ErrorCase(
            name: "an inspection level AWS does not have",
            arguments: ["m.asl.json", "--state", "Charge", "--inspection-level", "DEBG"],
            message: "invalid value 'DEBG' for '--inspection-level' (did you mean 'DEBUG'?)"),
        ErrorCase(
            name: "input that is not JSON", arguments: ["m.asl.json", "--state", "Done", "--input", "{"],
            message: "the value of '--input' is not valid JSON"),
        ErrorCase(
            name: "variables that are not an object",
            arguments: ["m.asl.json", "--state", "Done", "--variables", "[]"],
            message: "option '--variables' must be a JSON object"),
        ErrorCase(
            name: "a missing definition", arguments: ["nope.json", "--state", "Done"],
            message: "cannot read 'nope.json'"),
        ErrorCase(
            name: "a mocked result the integration's model refuses",
            arguments: ["m.asl.json", "--state", "Charge", "--mock-result", #"{"StatusCode": "200"}"#],
            message: "m.asl.json: ValidationException: Mock result schema validation error: Field 'StatusCode' must be "
                + "a number (--field-validation-mode NONE skips this check)"),
        ErrorCase(
            name: "a negative retry count", arguments: ["m.asl.json", "--state", "Charge", "--retry-count", "-1"],
            message: "invalid value '-1' for '--retry-count'"),
    ]

    @Test(arguments: errorCases)
    func error(_ c: ErrorCase) async {
        let (code, fake) = await testState(c.arguments)
        #expect(code == .usage)
        #expect(fake.stdout.isEmpty)
        #expect(fake.stderr.contains(c.message), "stderr: \(fake.stderr)")
    }

    /// An unmocked Task is served by the run configuration beside the definition, as `asl run`
    /// serves it.
    @Test func theRunConfigurationServesAnUnmockedTask() async throws {
        let (code, fake) = await testState(
            ["dir/m.json", "--state", "Charge"],
            files: [
                "dir/m.json": Self.machine,
                "dir/asl.config.json": #"{"functions": {"charge": {"returns": {"ok": true}}}}"#,
            ])
        #expect(code == .success, "stderr: \(fake.stderr)")
        let printed = try JSONReader.read(fake.stdout).value
        #expect(
            JSONWriter.compact(printed)
                == #"{"output":"{\"charge\":{\"ok\":true}}","nextState":"Route","status":"SUCCEEDED"}"#)
    }

    /// `--config FILE` names it; its `throws` handler's error goes through Retry and Catch.
    @Test func anExplicitConfigurationsErrorIsCaught() async throws {
        let (code, fake) = await testState(
            ["m.asl.json", "--state", "Charge", "--config", "c.json"],
            files: [
                "m.asl.json": Self.machine,
                "c.json": #"{"functions": {"charge": {"throws": {"error": "Refused", "cause": "card"}}}}"#,
            ])
        #expect(code == .success, "stderr: \(fake.stderr)")
        let printed = try JSONReader.read(fake.stdout).value
        #expect(printed["status"] == "CAUGHT_ERROR")
        #expect(printed["nextState"] == "Refund")
        #expect(printed["cause"] == "card")
    }

    /// A definition that is one state runs as TestState runs it without `stateName`: named
    /// `StateName`, its transitions naming states that need not exist (AWS's `BASE_CHOICE_STATE`).
    @Test func aLoneStateRunsWithoutState() async throws {
        let choice = #"""
            {"Type": "Choice", "Choices": [
              {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
              {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                       {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"}],
             "Default": "DefaultState"}
            """#
        let (code, fake) = await testState(
            ["choice.json", "--input", #"{"type": "Private", "value": 22}"#], files: ["choice.json": choice])
        #expect(code == .success, "stderr: \(fake.stderr)")
        let printed = try JSONReader.read(fake.stdout).value
        #expect(
            JSONWriter.compact(printed)
                == #"{"output":"{\"type\":\"Private\",\"value\":22}","nextState":"ValueInTwenties","status":"SUCCEEDED"}"#
        )
    }

    @Test func aLoneStateIsNamedStateName() async throws {
        let (code, fake) = await testState(
            ["pass.json"],
            files: [
                "pass.json":
                    #"{"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.context.State.Name %}", "End": true}"#
            ])
        #expect(code == .success, "stderr: \(fake.stderr)")
        #expect(try JSONReader.read(fake.stdout).value["output"] == #""StateName""#)
    }

    @Test func aLoneFailStateFails() async throws {
        let (code, fake) = await testState(
            ["fail.json"], files: ["fail.json": #"{"Type": "Fail", "Error": "SomeFailure", "Cause": "why"}"#])
        #expect(code == .failure)
        #expect(
            JSONWriter.compact(try JSONReader.read(fake.stdout).value)
                == #"{"error":"SomeFailure","cause":"why","status":"FAILED"}"#)
    }

    @Test func aLoneStateTakesNoStateName() async {
        let (code, fake) = await testState(
            ["pass.json", "--state", "P"], files: ["pass.json": #"{"Type": "Pass", "End": true}"#])
        #expect(code == .usage)
        #expect(fake.stderr.contains("pass.json is one state, not a state machine: leave out --state"))
    }

    /// An error in a lone state is reported at the file's own line.
    @Test func aLoneStatesDiagnosticsKeepTheFilesLines() async {
        let (code, fake) = await testState(
            ["bad.json"], files: ["bad.json": "{\n  \"Type\": \"Pass\",\n  \"Reslt\": 1,\n  \"End\": true\n}\n"])
        #expect(code == .usage)
        #expect(fake.stderr.contains("bad.json:3:3: error[ASL-E101]"), "stderr: \(fake.stderr)")
        #expect(fake.stderr.contains("bad.json is not a valid state; nothing was run"))
    }

    /// On the file's first line too: the column and the excerpt are the file's, not the text of
    /// the machine the lone state is wrapped in; a problem of the state's object is at its `{`.
    @Test(arguments: [
        (#"{"Type": "Pas", "End": true}"#, "one.json:1:10: error[ASL-E109]", #"1 | {"Type": "Pas", "End": true}"#),
        (#"{"Type": "Pass"}"#, "one.json:1:1: error[ASL-E108]", #"1 | {"Type": "Pass"}"#),
    ])
    func aLoneStatesFirstLineDiagnosticsAreOnTheFilesText(_ text: String, _ location: String, _ excerpt: String)
        async
    {
        let (code, fake) = await testState(["one.json"], files: ["one.json": text])
        #expect(code == .usage)
        #expect(fake.stderr.contains(location), "stderr: \(fake.stderr)")
        #expect(fake.stderr.contains(excerpt), "stderr: \(fake.stderr)")
        #expect(!fake.stderr.contains("StartAt"), "stderr: \(fake.stderr)")
    }

    @Test func inputFromAFile() async throws {
        let (code, fake) = await testState(
            ["m.asl.json", "--state", "Inner", "--input-file", "in.json"],
            files: ["m.asl.json": Self.machine, "in.json": #"{"from": "file"}"#])
        #expect(code == .success, "stderr: \(fake.stderr)")
        #expect(try JSONReader.read(fake.stdout).value["output"] == #"{"from":"file"}"#)
    }

    @Test func inputFileThatIsNotJSON() async {
        let (code, fake) = await testState(
            ["m.asl.json", "--state", "Inner", "--input-file", "in.json"],
            files: ["m.asl.json": Self.machine, "in.json": "{\n  \"a\": \n}"])
        #expect(code == .usage)
        #expect(fake.stderr.contains("the input in 'in.json' is not valid JSON:"), "stderr: \(fake.stderr)")
        #expect(fake.stderr.contains("(at 3:1)"), "stderr: \(fake.stderr)")
    }

    @Test func anInvalidDefinitionIsNotRun() async {
        let (code, fake) = await testState(
            ["bad.json", "--state", "A"], files: ["bad.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}"#])
        #expect(code == .usage)
        #expect(fake.stderr.contains("bad.json is not a valid state machine; nothing was run"))
    }

    @Test func helpListsTheCommand() async {
        let fake = FakeIO()
        let code = await ASLMain.main(arguments: ["asl", "--help"], io: fake.io)
        #expect(code == .success)
        #expect(fake.stdout.contains("test-state"))
    }
}
