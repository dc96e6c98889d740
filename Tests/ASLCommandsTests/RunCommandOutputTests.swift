import ASLCommands
import JSONCore
import Testing

/// `asl run`: options that say what is wrong, warnings before the run, honest progress lines,
/// history streamed to its file and exit codes that report what could not be written.
@Suite struct RunCommandOutputTests {
    static let pass = RunCommandTests.pass
    /// Loops Pass → Choice until `$.stop` exists, which it never does.
    static let loop = #"""
        {"StartAt": "Loop", "States": {"Loop": {"Type": "Pass", "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}],
                    "Default": "Loop"},
          "Done": {"Type": "Succeed"}}}
        """#

    func run(_ arguments: [String], _ fake: FakeIO) async -> ExitCode {
        await ASLMain.main(arguments: ["asl", "run"] + arguments, io: fake.io)
    }

    @Test(arguments: [
        (["--input", ""], "option '--input' is empty; give JSON text (for an empty input, --input '{}')"),
        (["--input", "  "], "option '--input' is empty"),
        (
            ["--seed", "-1"],
            "invalid value '-1' for '--seed': it is negative; use an integer from 0 to 18446744073709551615"
        ),
        (["--seed", "12x"], "invalid value '12x' for '--seed': it is not a whole number"),
        (
            ["--seed", "99999999999999999999"],
            "invalid value '99999999999999999999' for '--seed': it is larger than 18446744073709551615"
        ),
        (["--history", ""], "option '--history' is empty; give a path"),
    ])
    func badOptionValuesAreUsageErrorsNamingTheOption(extra: [String], message: String) async {
        let fake = FakeIO(files: ["m.json": Self.pass])
        let code = await run(["m.json"] + extra, fake)
        #expect(code == .usage)
        #expect(fake.stderr.contains("error: " + message))
        #expect(!fake.stderr.contains("▶"))
    }

    @Test func warningsAreReportedOnStandardErrorBeforeTheRun() async throws {
        let definition = #"{"StartAt": "A", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#
        let fake = FakeIO(files: ["m.json": definition])
        let code = await run(["m.json"], fake)
        #expect(code == .success)
        let warning = try #require(fake.stderr.range(of: "warning[ASL-W001]"))
        let entered = try #require(fake.stderr.range(of: "▶ A (Pass)"))
        #expect(warning.lowerBound < entered.lowerBound)
        #expect(fake.stdout == "{}\n")
    }

    static let caught = #"""
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "End": true},
          "Recover": {"Type": "Pass", "End": true}}}
        """#

    @Test func aCaughtFailureIsShownOnceAsCaught() async {
        let fake = FakeIO(files: [
            "dir/m.json": Self.caught,
            "dir/asl.config.json": #"{"functions": {"flaky": {"throws": {"error": "Boom", "cause": "bad"}}}}"#,
        ])
        let code = await run(["dir/m.json"], fake)
        #expect(code == .success)
        #expect(fake.stderr.contains("↪ Call (Task) caught Boom → Recover: bad\n"))
        #expect(!fake.stderr.contains("✗"))
        #expect(!fake.stderr.contains("✓ Call"))
        #expect(fake.stderr.contains("✓ Recover (Pass)"))
    }

    @Test func aLambdaInvokeWithAnARNIsHintedByTheFunctionName() async {
        let definition = #"""
            {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:greeter:prod"},
              "End": true}}}
            """#
        let fake = FakeIO(files: ["m.json": definition])
        let code = await run(["m.json"], fake)
        #expect(code == .usage)
        #expect(fake.stderr.contains(#"register a handler for the Lambda function "greeter""#))
        #expect(fake.stderr.contains(#""functions": {"greeter": {"command": ["#))
        #expect(!fake.stderr.contains(#"Lambda function "arn:"#))
    }

    @Test func anUnwritableHistoryStopsTheRunBeforeItStarts() async {
        let fake = FakeIO(files: ["m.json": Self.pass], unwritable: ["out/h.json"])
        let code = await run(["m.json", "--history", "out/h.json"], fake)
        #expect(code == .usage)
        #expect(fake.stderr.contains("error: cannot write 'out/h.json': Permission denied; nothing was run"))
        #expect(!fake.stderr.contains("▶"))
        #expect(fake.stdout.isEmpty)
    }

    @Test func aHistoryThatCannotBeFinishedFailsASucceededRun() async {
        let fake = FakeIO(files: ["m.json": Self.pass], failsCommit: ["h.json"])
        let code = await run(["m.json", "--history", "h.json", "--format", "json", "--input", "{\"name\": 1}"], fake)
        #expect(code == .usage)
        #expect(fake.stderr.contains("error: cannot write 'h.json': No space left on device"))
        #expect(fake.stdout.contains(#""status":"SUCCEEDED""#))
        #expect(fake.writtenFiles["h.json"] == nil)
    }

    @Test func theHistoryIsStreamedAndReadsAsOneDocument() async throws {
        let fake = FakeIO(files: ["m.json": Self.loop])
        let code = await run(["m.json", "--history", "h.json", "--format", "json"], fake)
        #expect(code == .failure)
        let text = try #require(fake.writtenFiles["h.json"])
        // Written in many chunks as the execution ran, not once at the end.
        #expect((fake.streamedWrites["h.json"] ?? 0) > 10)
        let document = try JSONReader.read(text).value
        #expect(document["events"]?.arrayValue?.count == 25_000)
        // Byte for byte what writing the whole document at once gives.
        #expect(text == JSONWriter.pretty(document) + "\n")
    }

    @Test func aShortHistoryReadsAsTheWholeDocumentToo() async throws {
        let fake = FakeIO(files: ["m.json": Self.pass])
        let code = await run(["m.json", "--history", "h.json", "--format", "json", "--input", "{\"name\": 1}"], fake)
        #expect(code == .success)
        let text = try #require(fake.writtenFiles["h.json"])
        #expect(text == JSONWriter.pretty(try JSONReader.read(text).value) + "\n")
    }

    @Test func anOversizedDefinitionIsRefusedWithoutReadingIt() async {
        let fake = FakeIO(files: ["m.json": Self.pass], sizes: ["m.json": 50_000_000])
        let code = await run(["m.json"], fake)
        #expect(code == .usage)
        #expect(fake.stderr.contains("error[ASL-E002]: The definition is 50000000 bytes"))
        #expect(fake.readPaths.isEmpty)
    }
}

/// Output that could not be written (a full disk under `> file`) makes any command exit 2.
@Suite struct LostOutputTests {
    @Test(arguments: [
        ["asl", "--version"],
        ["asl", "validate", "m.json", "--format", "json"],
        ["asl", "run", "m.json", "--format", "json", "--input", #"{"name": 1}"#],
    ])
    func aFailedWriteToStandardOutputFailsTheCommand(arguments: [String]) async {
        let fake = FakeIO(files: ["m.json": RunCommandTests.pass])
        var io = fake.io
        io.writeFailed = { true }
        #expect(await ASLMain.main(arguments: arguments, io: io) == .usage)
        #expect(fake.stderr.hasSuffix("error: part of the output could not be written\n"))
        #expect(await ASLMain.main(arguments: arguments, io: fake.io) == .success)
    }
}

/// An interrupt stops the execution as StopExecution would, and the history file is finished.
@Suite struct InterruptTests {
    @Test func anInterruptAbortsTheRunAndFinishesTheHistory() async throws {
        let fake = FakeIO(files: ["m.json": RunCommandOutputTests.loop])
        var io = fake.io
        // The interrupt arrives as soon as the run registers for it.
        io.onInterrupt = { handler in handler() }
        let code = await ASLMain.main(
            arguments: ["asl", "run", "m.json", "--no-quotas", "--history", "h.json", "--format", "json"], io: io)
        #expect(code == .failure)
        #expect(
            fake.stdout
                == #"{"status":"ABORTED","cause":"Interrupted: asl run received SIGINT or SIGTERM"}"# + "\n")
        let history = try JSONReader.read(try #require(fake.writtenFiles["h.json"])).value
        #expect(history["events"]?.arrayValue?.last?["type"]?.stringValue == "ExecutionAborted")
    }
}
