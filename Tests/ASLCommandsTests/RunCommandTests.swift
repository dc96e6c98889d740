import ASLCommands
import JSONCore
import Testing

@Suite struct RunCommandTests {
    static let pass = #"""
        {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)"}, "End": true}}}
        """#
    static let failing = #"{"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Nope", "Cause": "because"}}}"#
    static let task = #"""
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:greeter", "End": true}}}
        """#

    func run(_ arguments: [String], files: [String: String], stdin: String? = nil) async -> (ExitCode, FakeIO) {
        let fake = FakeIO(files: files, stdin: stdin)
        let code = await ASLMain.main(arguments: ["asl", "run"] + arguments, io: fake.io)
        return (code, fake)
    }

    @Test func printsTheOutputAndProgress() async {
        let (code, fake) = await run(["m.json", "--input", #"{"name": "Ada"}"#], files: ["m.json": Self.pass])
        #expect(code == .success)
        #expect(fake.stdout == "{\n  \"greeting\": \"Hello, Ada!\"\n}\n")
        #expect(fake.stderr.contains("▶ Hello (Pass)"))
        #expect(fake.stderr.contains("✓ Hello (Pass)"))
        #expect(fake.stderr.contains("Execution SUCCEEDED"))
    }

    @Test func jsonFormatPrintsExactlyOneSummaryObject() async throws {
        let (code, fake) = await run(
            ["m.json", "--format", "json", "--input-file", "in.json"],
            files: ["m.json": Self.pass, "in.json": #"{"name": "Bo"}"#])
        #expect(code == .success)
        #expect(fake.stdout == #"{"status":"SUCCEEDED","output":{"greeting":"Hello, Bo!"}}"# + "\n")
        #expect(fake.stderr.isEmpty)
    }

    @Test func aFailedExecutionExitsOneWithErrorAndCause() async {
        let (code, fake) = await run(["m.json", "--format", "json"], files: ["m.json": Self.failing])
        #expect(code == .failure)
        #expect(fake.stdout == #"{"status":"FAILED","error":"Nope","cause":"because"}"# + "\n")
    }

    @Test func anInvalidDefinitionIsNotRun() async {
        let (code, fake) = await run(
            ["m.json"], files: ["m.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#])
        #expect(code == .usage)
        #expect(fake.stderr.contains("error[ASL-E104]"))
        #expect(fake.stderr.contains("is not a valid state machine; nothing was run"))
    }

    @Test func unservedResourcesAreReportedBeforeTheRun() async {
        let (code, fake) = await run(["m.json"], files: ["m.json": Self.task])
        #expect(code == .usage)
        #expect(
            fake.stderr.contains(
                #"state "Call": no handler for arn:aws:lambda:us-east-1:123456789012:function:greeter"#))
        #expect(fake.stderr.contains(#"register a handler for the Lambda function "greeter""#))
    }

    @Test func theConfigurationBesideTheDefinitionServesFunctions() async {
        let (code, fake) = await run(
            ["dir/m.json", "--format", "json"],
            files: ["dir/m.json": Self.task, "dir/asl.config.json": #"{"functions": {"greeter": {"returns": "hi"}}}"#])
        #expect(code == .success)
        #expect(fake.stdout == #"{"status":"SUCCEEDED","output":"hi"}"# + "\n")
    }

    /// The clickstream summary (events simulated, raw objects…) is for configurations with
    /// services that keep data; a configuration of local handlers only prints none.
    @Test func aConfigurationOfLocalHandlersPrintsNoServicesSummary() async {
        let (code, fake) = await run(
            ["dir/m.json"],
            files: ["dir/m.json": Self.task, "dir/asl.config.json": #"{"functions": {"greeter": {"returns": "hi"}}}"#])
        #expect(code == .success)
        #expect(fake.stderr.contains("Execution SUCCEEDED"))
        #expect(!fake.stderr.contains("Summary"))
        #expect(!fake.stderr.contains("events simulated"))
    }

    /// A JSONata machine runs end to end (SPEC-NOTES.md §13.1 lifted the refusal of 9.7).
    @Test func aJSONataMachineRuns() async {
        let definition = #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.a + 1 %}", "End": true}}}
            """#
        let (code, fake) = await run(
            ["m.json", "--format", "json", "--input", #"{"a": 41}"#], files: ["m.json": definition])
        #expect(code == .success)
        #expect(fake.stdout == #"{"status":"SUCCEEDED","output":42}"# + "\n")
    }

    /// `--name` takes only what StartExecution accepts (1–80 characters; no white space,
    /// brackets, wildcards, special or control characters): AWS refuses the rest (InvalidName).
    @Test(arguments: [
        ("a b", "it contains ' '"),
        ("run*", "it contains '*'"),
        ("a/b", "it contains '/'"),
        ("a\u{1B}", #"it contains '\u{1B}'"#),
        ("", "it is empty"),
        (String(repeating: "x", count: 81), "it is 81 characters long (at most 80)"),
    ])
    func anExecutionNameStartExecutionRefusesIsAUsageError(name: String, problem: String) async {
        let (code, fake) = await run(["m.json", "--name", name], files: ["m.json": Self.pass])
        #expect(code == .usage)
        #expect(fake.stderr.contains("for '--name': \(problem); StartExecution would refuse it (InvalidName)"))
        #expect(fake.stdout.isEmpty)
    }

    @Test func anExecutionNameOfEightyAllowedCharactersRuns() async {
        let name = "order-42_" + String(repeating: "x", count: 71)
        let (code, _) = await run(
            ["m.json", "--name", name, "--format", "json", "--input", #"{"name": "Ada"}"#], files: ["m.json": Self.pass]
        )
        #expect(code == .success)
    }

    @Test func configurationErrorsNameTheFileAndPointer() async {
        let (code, fake) = await run(
            ["m.json", "--config", "c.json"],
            files: ["m.json": Self.task, "c.json": #"{"functions": {"greeter": {"retuns": 1}}}"#])
        #expect(code == .usage)
        #expect(fake.stderr.hasPrefix("c.json:1:38: error: function 'greeter' needs"))
        #expect(fake.stderr.contains("did you mean 'returns'?"))
        #expect(fake.stderr.contains("at /functions/greeter/retuns"))
    }

    @Test func badInputIsAUsageErrorWithItsLocation() async {
        let (code, fake) = await run(["m.json", "--input", "{\"a\": }"], files: ["m.json": Self.pass])
        #expect(code == .usage)
        #expect(fake.stderr.contains("the input from --input is not valid JSON"))
        #expect(fake.stderr.contains("(at 1:7)"))
    }

    @Test func standardInputIsTheDefaultInput() async {
        let (code, fake) = await run(
            ["m.json", "--format", "json"], files: ["m.json": Self.pass], stdin: #"{"name": "Cy"}"#)
        #expect(code == .success)
        #expect(fake.stdout.contains("Hello, Cy!"))
    }

    @Test func historyIsWrittenAsGetExecutionHistoryEvents() async throws {
        let (code, fake) = await run(
            ["m.json", "--history", "h.json", "--format", "json", "--input", #"{"name": "Di"}"#],
            files: ["m.json": Self.pass])
        #expect(code == .success)
        let written = try #require(fake.writtenFiles["h.json"])
        let history = try JSONReader.read(written).value
        let types = history["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
        #expect(types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
    }

    @Test func placeholdersMustBeSubstitutedBeforeARun() async {
        let template = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "${Greeting}", "End": true}}}"#
        let (refused, fake) = await run(["m.json"], files: ["m.json": template])
        #expect(refused == .usage)
        #expect(fake.stderr.contains(#"Placeholder "${Greeting}" is not substituted"#))
        let (code, ran) = await run(
            ["m.json", "--format", "json", "--substitutions", "s.json"],
            files: ["m.json": template, "s.json": #"{"Greeting": "hi"}"#])
        #expect(code == .success)
        #expect(ran.stdout == #"{"status":"SUCCEEDED","output":"hi"}"# + "\n")
    }
}
