import Foundation
import JSONCore
import Synchronization
import Testing

@testable import ASLCommands

/// `asl test` in-process (SPEC-NOTES.md §14.1).
@Suite struct TestCommandTests {
    static let machine = #"""
        {"StartAt": "Load", "States": {
          "Load": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "load", "Payload.$": "$"}, "ResultSelector": {"orders.$": "$.Payload.orders"},
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Report"}], "Next": "Done"},
          "Report": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true},
          "Done": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()", "orders.$": "$.orders"}, "End": true}}}
        """#

    static func testFile(cases: String) -> String {
        #"{"definition": "m.asl.json", "cases": \#(cases)}"#
    }

    static let passing = #"""
        [{"name": "loads", "input": {"day": 1},
          "mocks": {"Load": {"Return": {"Payload": {"orders": [1, 2, {"total": 5}]}}}},
          "expect": {"outputContains": {"orders": [1, 2, {"total": 5}]}, "states": ["Load", "Done"],
                     "state": {"Load": {"input": {"day": 1}, "outputContains": {"orders": [1, 2, {"total": 5}]}}}}},
         {"name": "load fails <&\"'>", "mocks": {"Load": {"Throw": {"Error": "Lambda.Unknown", "Cause": "x"}},
                                        "Report": {"Return": {"MessageId": "m"}}},
          "expect": {"output": {"MessageId": "m"}, "statesInclude": ["Load", "Report"], "maxTransitions": 2}}]
        """#

    /// A `CommandIO` over `files`, with directory listing derived from the paths.
    static func io(_ fake: FakeIO, files: [String: String]) -> CommandIO {
        let paths = Array(files.keys)
        return fake.io.withDirectoryListing { directory in
            let prefix = directory == "." ? "" : directory + "/"
            let names = Set(
                paths.filter { $0.hasPrefix(prefix) }.compactMap {
                    $0.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
                })
            return names.isEmpty ? nil : Array(names)
        }
    }

    func run(_ arguments: [String], files: [String: String]) async -> (ExitCode, FakeIO) {
        let fake = FakeIO(files: files)
        let code = await ASLMain.main(arguments: ["asl", "test"] + arguments, io: Self.io(fake, files: files))
        return (code, fake)
    }

    @Test func passingCasesExitZeroWithOneLinePerCase() async {
        let (code, fake) = await run(
            ["cases/t.asl-test.json"],
            files: ["cases/m.asl.json": Self.machine, "cases/t.asl-test.json": Self.testFile(cases: Self.passing)])
        #expect(code == .success, "\(fake.stdout)\(fake.stderr)")
        #expect(fake.stdout.contains("  ✓ loads\n"))
        #expect(fake.stdout.hasSuffix("2 passed, 0 failed (2 cases in 1 file)\n"))
    }

    @Test func directoriesAreSearchedRecursively() async {
        let (code, fake) = await run(
            [],
            files: [
                "a/m.asl.json": Self.machine, "a/b/m.asl.json": Self.machine,
                "a/t.asl-test.json": Self.testFile(cases: Self.passing),
                "a/b/u.asl-test.json": Self.testFile(cases: Self.passing), "a/notes.json": "{}",
            ])
        #expect(code == .success, "\(fake.stderr)")
        #expect(fake.stdout.contains("a/b/u.asl-test.json\n"))
        #expect(fake.stdout.contains("a/t.asl-test.json\n"))
        #expect(fake.stdout.contains("(4 cases in 2 files)"))
    }

    @Test func aFailedCaseShowsTheFirstDifferenceWithItsPath() async {
        let cases = #"""
            [{"name": "wrong total", "mocks": {"Load": {"Return": {"Payload": {"orders": [1, 2, {"total": 5}]}}}},
              "expect": {"outputContains": {"orders": [1, 2, {"total": 4}]}}}]
            """#
        let (code, fake) = await run(
            ["t.asl-test.json"], files: ["m.asl.json": Self.machine, "t.asl-test.json": Self.testFile(cases: cases)])
        #expect(code == .failure)
        #expect(fake.stdout.contains("  ✗ wrong total\n      output differs at $.orders[2].total\n"))
        #expect(fake.stdout.contains("        expected: 4\n        actual:   5\n"))
        #expect(fake.stdout.contains("0 passed, 1 failed"))
    }

    @Test func anUnmockedStateWithoutHandlerNamesBothWaysToServeIt() async {
        let cases = #"[{"name": "report unserved", "mocks": {"Load": {"Throw": {"Error": "E", "Cause": "c"}}}}]"#
        let (code, fake) = await run(
            ["t.asl-test.json"], files: ["m.asl.json": Self.machine, "t.asl-test.json": Self.testFile(cases: cases)])
        #expect(code == .failure)
        #expect(fake.stdout.contains("state 'Report'"))
        #expect(fake.stdout.contains("\"services\" entry in the run configuration"))
        #expect(fake.stdout.contains("or mock the state in the test case"))
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var testDescription: String { message }
    }

    static let badFiles: [BadFile] = [
        BadFile(
            text: #"{"definition": "m.asl.json", "cases": [{"name": "x", "expect": {"outptu": 1}}]}"#,
            message: #"t.asl-test.json:1:65: error: unknown field "outptu" in "expect" (did you mean 'output'?)"#),
        BadFile(
            text: #"{"definition": "m.asl.json", "cases": [{"name": "x", "mocks": {"Lod": {"Return": 1}}}]}"#,
            message: #"t.asl-test.json:1:64: error: the definition has no state "Lod" (did you mean 'Load'?)"#),
        BadFile(
            text: #"{"definition": "m.asl.json", "cases": [{"name": "x", "mocks": {"Done": {"Return": 1}}}]}"#,
            message: #"t.asl-test.json:1:64: error: "Done" is a Pass state; only Task states can be mocked"#),
        BadFile(
            text:
                #"{"definition": "m.asl.json", "cases": [{"name": "x", "mocks": {"Load": {"0": {"Return": 1}, "2": {"Return": 2}}}}]}"#,
            message: "t.asl-test.json:1:72: error: the mock of \"Load\": invocation 1 has no response"),
        BadFile(
            text: #"{"definition": "m.asl.json", "cases": [{"name": "x", "mocks": {"Load": {"1-0": {"Return": 1}}}}]}"#,
            message: #"t.asl-test.json:1:73: error: "1-0" is not an attempt number"#),
        BadFile(
            text: #"{"definition": "missing.json", "cases": []}"#,
            message: "t.asl-test.json:1:16: error: cannot read the definition 'missing.json': No such file or directory"
        ),
        BadFile(
            text:
                "{\"definition\": \"m.asl.json\",\n \"cases\": [{\"name\": \"x\", \"expect\": {\"status\": \"SUCEEDED\"}}]}",
            message:
                #"t.asl-test.json:2:47: error: "status" must be one of SUCCEEDED, FAILED, TIMED_OUT, ABORTED (did you mean 'SUCCEEDED'?)"#
        ),
        BadFile(
            text: #"{"definition": "m.asl.json", "cases": [{"name": "x"}, {"name": "x"}]}"#,
            message: #"t.asl-test.json:1:64: error: two cases are named "x""#),
        BadFile(
            text: #"{"definition": "m.asl.json", "mockConfigFile": "mocks/missing.json"}"#,
            message:
                "t.asl-test.json:1:48: error: cannot read the mock configuration file 'mocks/missing.json': No such file"
        ),
        BadFile(
            text: #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
            message:
                "t.asl-test.json:1:1: error: this is a state machine definition, not a test file; write a test file"),
        BadFile(
            text: #"{"definition": "", "cases": [{"name": "x"}]}"#,
            message: #"t.asl-test.json:1:16: error: "definition" must not be empty"#),
        BadFile(
            text: #"{"definition": "m.asl.json", "cases": [}"#,
            message: "t.asl-test.json:1:40: error: the test file is not valid JSON"),
    ]

    @Test(arguments: badFiles)
    func aMalformedTestFileIsReportedWithItsPlace(_ bad: BadFile) async {
        let (code, fake) = await run(
            ["t.asl-test.json"], files: ["m.asl.json": Self.machine, "t.asl-test.json": bad.text])
        #expect(code == .usage)
        #expect(fake.stdout.contains(bad.message), "\(fake.stdout)")
    }

    @Test func junitIsValidXMLWithEscapedNames() async throws {
        let cases = #"""
            [{"name": "ok", "mocks": {"Load": {"Return": {"Payload": {"orders": []}}}}},
             {"name": "a <b> & \"c\"", "mocks": {"Load": {"Return": {"Payload": {"orders": []}}}},
              "expect": {"output": {"orders": [1]}}}]
            """#
        let (code, fake) = await run(
            ["t.asl-test.json", "--format", "junit", "--output", "report.xml"],
            files: ["m.asl.json": Self.machine, "t.asl-test.json": Self.testFile(cases: cases)])
        #expect(code == .failure)
        let xml = try #require(fake.writtenFiles["report.xml"])
        #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(xml.contains(#"<testsuites name="asl test" tests="2" failures="1" errors="0">"#))
        #expect(xml.contains(#"<testcase name="ok" classname="t.asl-test.json" time="0"/>"#))
        #expect(xml.contains(#"<testcase name="a &lt;b&gt; &amp; &quot;c&quot;""#))
        #expect(xml.contains(#"<failure message="output differs at $.orders[0]" type="ExpectationFailed">"#))
        #expect(fake.stdout.isEmpty)
        #expect(fake.stderr.contains("1 passed, 1 failed"))
    }

    @Test func xmlEscapingReplacesCharactersXMLForbids() {
        #expect(TestRunReport.xml("a\u{1}b\u{FFFF}<'>\n") == "a\u{FFFD}b\u{FFFD}&lt;&apos;&gt;\n")
    }

    @Test func jsonFormatAndFilter() async throws {
        let (code, fake) = await run(
            ["t.asl-test.json", "--format", "json", "--filter", "fails"],
            files: ["m.asl.json": Self.machine, "t.asl-test.json": Self.testFile(cases: Self.passing)])
        #expect(code == .success)
        let report = try JSONReader.read(fake.stdout).value
        #expect(report["passed"] == 1)
        #expect(report["files"]?[0]?["cases"]?[0]?["name"] == "load fails <&\"'>")
    }

    @Test func aFilterThatMatchesNothingIsAUsageProblem() async {
        let (code, fake) = await run(
            ["t.asl-test.json", "--filter", "nothing like it"],
            files: ["m.asl.json": Self.machine, "t.asl-test.json": Self.testFile(cases: Self.passing)])
        #expect(code == .usage)
        #expect(fake.stderr.contains("error: no case name contains 'nothing like it'"))
    }

    @Test func rerunsAreIdenticalAndSeedsDependOnFileAndCase() async {
        let files = ["m.asl.json": Self.machine, "t.asl-test.json": Self.testFile(cases: Self.passing)]
        let first = await run(["t.asl-test.json", "--format", "json"], files: files)
        let second = await run(["t.asl-test.json", "--format", "json"], files: files)
        #expect(first.1.stdout == second.1.stdout)
        #expect(first.1.stdout.contains("\"passed\": 2"))
    }

    static let simple = #"""
        {"StartAt": "Load", "States": {
          "Load": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "load", "Payload.$": "$"}, "OutputPath": "$.Payload",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Report"}], "End": true},
          "Report": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}
        """#

    @Test func initWarnsWhenTheSkeletonDoesNotSucceedAndStillPasses() async throws {
        let (code, fake) = await run(["--init", "m.asl.json"], files: ["m.asl.json": Self.machine])
        #expect(code == .success)
        #expect(fake.stderr.contains("warning: with these mocks and input {} the execution ends FAILED"))
        let written = try #require(fake.writtenFiles["m.asl-test.json"])
        // Named for what it expects, not "succeeds".
        #expect(written.contains(#""name": "starter (ends FAILED: adjust its mocks or input)""#), "\(written)")
        let rerun = await run(["m.asl-test.json"], files: ["m.asl.json": Self.machine, "m.asl-test.json": written])
        #expect(rerun.0 == .success, "\(rerun.1.stdout)")
    }

    @Test func initWritesAStarterFileThatPassesAndRefusesToOverwrite() async throws {
        let (code, fake) = await run(["--init", "flows/m.asl.json"], files: ["flows/m.asl.json": Self.simple])
        #expect(code == .success, "\(fake.stderr)")
        let written = try #require(fake.writtenFiles["flows/m.asl-test.json"])
        let file = try JSONReader.read(written).value
        #expect(file["definition"] == "m.asl.json")
        #expect(file["cases"]?[0]?["mocks"]?["Load"]?["Return"]?["StatusCode"] == 200)
        #expect(file["cases"]?[0]?["mocks"]?["Report"]?["Return"]?["MessageId"] != nil)
        #expect(file["cases"]?[0]?["expect"]?["status"] == "SUCCEEDED")
        let rerun = await run(
            ["flows/m.asl-test.json"], files: ["flows/m.asl.json": Self.simple, "flows/m.asl-test.json": written])
        #expect(rerun.0 == .success, "\(rerun.1.stdout)")
        let again = await run(
            ["--init", "flows/m.asl.json"], files: ["flows/m.asl.json": Self.simple, "flows/m.asl-test.json": written])
        #expect(again.0 == .usage)
        #expect(again.1.stderr.contains("add --force to replace it"))
        let forced = await run(
            ["--init", "flows/m.asl.json", "--force"],
            files: ["flows/m.asl.json": Self.simple, "flows/m.asl-test.json": written])
        #expect(forced.0 == .success)
    }

    /// A test file with `"cases": []` (or a mock file without test cases) runs nothing: exit 2, as
    /// a `--filter` matching nothing is, so a CI job cannot pass having run nothing.
    @Test func testFilesWithoutAnyCaseAreAUsageProblem() async {
        let (code, fake) = await run(
            ["t.asl-test.json"],
            files: ["m.asl.json": Self.machine, "t.asl-test.json": Self.testFile(cases: "[]")])
        #expect(code == .usage)
        #expect(fake.stderr.contains("error: the test files hold no case"), "\(fake.stderr)")
    }

    /// A mocked state inside a Map that runs iterations at once, with responses that differ by
    /// invocation, gets a warning at the mock (the outcome may vary between runs); the same mock
    /// under `MaxConcurrency: 1`, or one response for every invocation, gets none.
    @Test(arguments: [
        (#""MaxConcurrency": 0, "#, #"{"0": {"Return": 1}, "1": {"Throw": {"Error": "E"}}}"#, true),
        ("", #"{"0": {"Return": 1}, "1": {"Throw": {"Error": "E"}}}"#, true),
        (#""MaxConcurrency": 1, "#, #"{"0": {"Return": 1}, "1": {"Throw": {"Error": "E"}}}"#, false),
        ("", #"{"0-1": {"Return": 1}}"#, false),
        ("", #"{"0": {"Return": 1}, "1": {"Return": 1}}"#, false),
    ])
    func aConcurrentMapsVaryingMockIsWarnedAbout(_ concurrency: String, _ mock: String, _ warned: Bool) async {
        let machine = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", \(concurrency)"ItemProcessor": {
              "StartAt": "Branches", "States": {"Branches": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                 "End": true}}}]}}}, "End": true}}}
            """
        let test =
            #"{"definition": "m.asl.json", "cases": [{"name": "x", "input": [1, 2], "mocks": {"Work": \#(mock)}, "expect": {"status": "FAILED"}}]}"#
        let (_, fake) = await run(["t.asl-test.json"], files: ["m.asl.json": machine, "t.asl-test.json": test])
        let warning =
            #"t.asl-test.json:1:81: warning: the responses of "Work" differ by invocation, but the Map state "Each""#
        #expect(fake.stderr.contains(warning) == warned, "\(fake.stderr)")
    }

    /// A report that cannot be written exits 2, and the summary of the cases that ran still
    /// reaches standard error.
    @Test func anUnwritableReportExitsTwoAndStillGivesTheSummary() async {
        let files = ["m.asl.json": Self.machine, "t.asl-test.json": Self.testFile(cases: Self.passing)]
        let fake = FakeIO(files: files, unwritable: ["locked/r.xml"])
        let code = await ASLMain.main(
            arguments: ["asl", "test", "t.asl-test.json", "--format", "junit", "--output", "locked/r.xml"],
            io: Self.io(fake, files: files))
        #expect(code == .usage)
        #expect(fake.stderr.contains("error: cannot write 'locked/r.xml'"), "\(fake.stderr)")
        #expect(fake.stderr.hasSuffix("2 passed, 0 failed (2 cases in 1 file)\n"), "\(fake.stderr)")
    }

    @Test func noTestFilesIsAUsageProblem() async {
        let (code, fake) = await run(["nowhere"], files: [:])
        #expect(code == .usage)
        #expect(fake.stderr.contains("cannot read 'nowhere'"))
    }

    @Test func aCaseSetsTheContextObject() async {
        let machine = #"""
            {"StartAt": "P", "States": {"P": {"Type": "Pass",
              "Parameters": {"name.$": "$$.Execution.Name", "machine.$": "$$.StateMachine.Name", "role.$": "$$.Execution.RoleArn"},
              "End": true}}}
            """#
        let cases = #"""
            [{"name": "c", "context": {"Execution": {"Name": "run-1", "RoleArn": "arn:aws:iam::1:role/r"},
                                       "StateMachine": {"Name": "orders"}},
              "expect": {"output": {"name": "run-1", "machine": "orders", "role": "arn:aws:iam::1:role/r"}}}]
            """#
        let (code, fake) = await run(
            ["t.asl-test.json"], files: ["m.asl.json": machine, "t.asl-test.json": Self.testFile(cases: cases)])
        #expect(code == .success, "\(fake.stdout)")
    }

    @Test func aMockFileNamingAnUnknownStateIsReportedInTheMockFile() async {
        let mockFile = #"""
            {"StateMachines": {"m": {"TestCases": {"T": {"Lod": "R"}}}},
             "MockedResponses": {"R": {"0": {"Return": 1}}}}
            """#
        let (code, fake) = await run(
            ["t.asl-test.json"],
            files: [
                "m.asl.json": Self.machine, "mocks.json": mockFile,
                "t.asl-test.json": #"{"definition": "m.asl.json", "mockConfigFile": "mocks.json"}"#,
            ])
        #expect(code == .usage)
        #expect(
            fake.stdout.contains(#"mocks.json:1:46: error: the definition has no state "Lod" (did you mean 'Load'?)"#),
            "\(fake.stdout)")
    }

    @Test func aMergedCaseChecksItsOwnStateNames() async {
        let mockFile =
            #"{"StateMachines": {"m": {"TestCases": {"T": {"Load": "R"}}}}, "MockedResponses": {"R": {"0": {"Return": 1}}}}"#
        let (code, fake) = await run(
            ["t.asl-test.json"],
            files: [
                "m.asl.json": Self.machine, "mocks.json": mockFile,
                "t.asl-test.json":
                    #"{"definition": "m.asl.json", "mockConfigFile": "mocks.json", "cases": [{"name": "T", "expect": {"statesInclude": ["Reprot"]}}]}"#,
            ])
        #expect(code == .usage)
        #expect(
            fake.stdout.contains(#"error: the definition has no state "Reprot" (did you mean 'Report'?)"#),
            "\(fake.stdout)")
    }

    @Test func mockFileCasesTakeInputAndExpectationsFromTheSameNamedCase() async {
        let mockFile = #"""
            {"StateMachines": {"m": {"TestCases": {"T": {"Load": "R"}, "U": {"Load": "Fails", "Report": "Sent"}}}},
             "MockedResponses": {"R": {"0": {"Return": {"Payload": {"orders": [7]}}}},
                                 "Fails": {"0": {"Throw": {"Error": "E"}}}, "Sent": {"0": {"Return": {"MessageId": "x"}}}}}
            """#
        let file = #"""
            {"definition": "m.asl.json", "mockConfigFile": "mocks.json",
             "cases": [{"name": "T", "input": {"day": 2}, "expect": {"outputContains": {"orders": [7]}, "state": {"Load": {"input": {"day": 2}}}}},
                       {"name": "extra", "mocks": {"Load": {"Return": {"Payload": {"orders": []}}}}}]}
            """#
        let (code, fake) = await run(
            ["t.asl-test.json"], files: ["m.asl.json": Self.machine, "mocks.json": mockFile, "t.asl-test.json": file])
        #expect(code == .success, "\(fake.stdout)")
        #expect(fake.stdout.contains("  ✓ T\n  ✓ U\n  ✓ extra\n"), "\(fake.stdout)")
    }

    @Test func aRunConfigurationServesTheStatesACaseDoesNotMock() async {
        let data = FileManager.default.temporaryDirectory.appending(path: "asl-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let config =
            #"{"dataDirectory": "\#(data)", "services": {"sns:publish": {"returns": {"MessageId": "from-config"}}}}"#
        let file = #"""
            {"definition": "m.asl.json", "config": "asl.config.json",
             "cases": [{"name": "report", "mocks": {"Load": {"Throw": {"Error": "E"}}},
                        "expect": {"output": {"MessageId": "from-config"}}}]}
            """#
        let (code, fake) = await run(
            ["t.asl-test.json"],
            files: ["m.asl.json": Self.machine, "asl.config.json": config, "t.asl-test.json": file])
        #expect(code == .success, "\(fake.stdout)\(fake.stderr)")
    }

    @Test func aCaseMayNameAMockedResponseOfTheMockFile() async {
        let mockFile = #"""
            {"StateMachines": {"m": {"TestCases": {}}},
             "MockedResponses": {"TwoFailures": {"0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException"}},
                                                 "2": {"Return": {"Payload": {"orders": [3]}}}}}}
            """#
        let machine = Self.machine.replacingOccurrences(
            of: #""Catch": [{"#, with: #""Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"]}], "Catch": [{"#)
        let good = #"""
            {"definition": "m.asl.json", "mockConfigFile": "mocks.json",
             "cases": [{"name": "retried twice", "mocks": {"Load": "TwoFailures"}, "expect": {"outputContains": {"orders": [3]}}}]}
            """#
        let (code, fake) = await run(
            ["t.asl-test.json"], files: ["m.asl.json": machine, "mocks.json": mockFile, "t.asl-test.json": good])
        #expect(code == .success, "\(fake.stdout)")
        let misspelt = good.replacingOccurrences(of: #""Load": "TwoFailures""#, with: #""Load": "TwoFailure""#)
        let (badCode, bad) = await run(
            ["t.asl-test.json"], files: ["m.asl.json": machine, "mocks.json": mockFile, "t.asl-test.json": misspelt])
        #expect(badCode == .usage)
        #expect(
            bad.stdout.contains(
                #"error: the mock configuration file has no mocked response "TwoFailure" (did you mean 'TwoFailures'?)"#
            ),
            "\(bad.stdout)")
        let (noFileCode, noFile) = await run(
            ["t.asl-test.json"],
            files: [
                "m.asl.json": machine,
                "t.asl-test.json": Self.testFile(cases: #"[{"name": "x", "mocks": {"Load": "R"}}]"#),
            ])
        #expect(noFileCode == .usage)
        #expect(
            noFile.stdout.contains(#"t.asl-test.json:1:72: error: the mock of "Load" names the mocked response "R""#),
            "\(noFile.stdout)")
    }

    @Test func placeholdersTakeTheTestFilesSubstitutions() async {
        let machine = #"""
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"topic": "${TopicArn}"}, "End": true}}}
            """#
        let cases = #"[{"name": "c", "expect": {"output": {"topic": "arn:aws:sns:us-east-1:1:t"}}}]"#
        let inline =
            #"{"definition": "m.asl.json", "substitutions": {"TopicArn": "arn:aws:sns:us-east-1:1:t"}, "cases": \#(cases)}"#
        let (code, fake) = await run(["t.asl-test.json"], files: ["m.asl.json": machine, "t.asl-test.json": inline])
        #expect(code == .success, "\(fake.stdout)")
        let fromFile = #"{"definition": "m.asl.json", "substitutions": "values.json", "cases": \#(cases)}"#
        let (fileCode, fileFake) = await run(
            ["t.asl-test.json"],
            files: [
                "m.asl.json": machine, "values.json": #"{"TopicArn": "arn:aws:sns:us-east-1:1:t"}"#,
                "t.asl-test.json": fromFile,
            ])
        #expect(fileCode == .success, "\(fileFake.stdout)")
        let missing = #"{"definition": "m.asl.json", "cases": \#(cases)}"#
        let (missingCode, missingFake) = await run(
            ["t.asl-test.json"], files: ["m.asl.json": machine, "t.asl-test.json": missing])
        #expect(missingCode == .usage)
        #expect(
            missingFake.stdout.contains("m.asl.json: error: the definition is not a valid state machine"),
            "\(missingFake.stdout)")
    }

    // MARK: On the real file system

    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// Runs `asl test` on real files, capturing standard output and error.
    static func runOnDisk(_ arguments: [String]) async -> (ExitCode, String, String) {
        let out = Mutex("")
        let err = Mutex("")
        var io = CommandIO.standard
        io.writeOutput = { text in out.withLock { $0 += text } }
        io.writeError = { text in err.withLock { $0 += text } }
        io.currentDirectory = root
        let code = await ASLMain.main(arguments: ["asl", "test"] + arguments, io: io)
        return (code, out.withLock { $0 }, err.withLock { $0 })
    }

    @Test func theClickstreamTestsPass() async {
        let (code, out, err) = await Self.runOnDisk([Self.root + "/Examples/clickstream/tests"])
        #expect(code == .success, "\(out)\(err)")
        #expect(out.contains("8 passed, 0 failed (8 cases in 3 files)"), "\(out)")
        let (junitCode, junit, _) = await Self.runOnDisk([
            Self.root + "/Examples/clickstream/tests", "--format", "junit",
        ])
        #expect(junitCode == .success)
        #expect(junit.contains(#"<testsuites name="asl test" tests="8" failures="0" errors="0">"#))
        #expect(junit.components(separatedBy: "<testcase ").count == 9)
    }

    @Test func theDeveloperGuideMockFileRunsUnchanged() async {
        let (code, out, err) = await Self.runOnDisk([Self.root + "/Tests/Fixtures/sfn-local"])
        #expect(code == .success, "\(out)\(err)")
        #expect(out.contains("  ✓ HappyPath\n  ✓ RetryPath\n  ✓ HybridPath\n"), "\(out)")
    }
}
