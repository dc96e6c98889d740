import Foundation
import JSONCore
import Testing

@testable import ASLCommands

/// `asl test --coverage`, `--coverage-lcov` and `--coverage-json` (SPEC-NOTES.md §16.5): the
/// coverage recorder wired into the test runner, on a machine with a Choice, a Catch and a Map.
@Suite struct TestCoverageCommandTests {
    /// Line numbers matter: LCOV places each state on the line of its name.
    static let machine = """
        {"StartAt": "Route",
         "States": {
          "Route": {"Type": "Choice",
                    "Choices": [{"Variable": "$.kind", "StringEquals": "bulk", "Next": "Each"}],
                    "Default": "Call"},
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "call"},
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}],
                   "End": true},
          "Fallback": {"Type": "Pass", "End": true},
          "Each": {"Type": "Map", "ItemsPath": "$.items",
                   "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Pass", "End": true}}},
                   "End": true}}}
        """

    static let tests = #"""
        {"definition": "m.asl.json", "cases": [
          {"name": "bulk", "input": {"kind": "bulk", "items": [1, 2, 3]}, "expect": {"status": "SUCCEEDED"}},
          {"name": "single", "input": {"kind": "one"}, "mocks": {"Call": {"Return": {"Payload": 1}}},
           "expect": {"status": "SUCCEEDED"}}]}
        """#

    func run(_ arguments: [String], files: [String: String]) async -> (ExitCode, FakeIO) {
        let fake = FakeIO(files: files)
        let code = await ASLMain.main(
            arguments: ["asl", "test"] + arguments, io: TestCommandTests.io(fake, files: files))
        return (code, fake)
    }

    static let files = ["t/m.asl.json": machine, "t/t.asl-test.json": tests]

    @Test func theTableFollowsTheReportAndNamesWhatWasNotTaken() async {
        let (code, fake) = await run(["t/t.asl-test.json", "--coverage"], files: Self.files)
        #expect(code == .success, "\(fake.stdout)\(fake.stderr)")
        let expected = """
            Coverage of t/m.asl.json:
            State     Type    Entered  Branches  Not taken
            Route     Choice        2  2/2
            Call      Task          1  1/2       Catch[0] → Fallback
            Fallback  Pass          0  0/1       End
            Each      Map           1  1/1
              One     Pass          3  1/1
            States: 4/5 (80.0%)  Branches: 5/7 (71.4%)

            """
        #expect(fake.stdout.hasSuffix(expected), "\(fake.stdout)")
    }

    @Test func lcovPutsStatesAndBranchesOnTheDefinitionsOwnLines() async {
        let (code, fake) = await run(
            ["t/t.asl-test.json", "--coverage-lcov", "out/c.lcov"], files: Self.files)
        #expect(code == .success, "\(fake.stderr)")
        let lcov = fake.writtenFiles["out/c.lcov"] ?? ""
        #expect(lcov.hasPrefix("TN:\nSF:t/m.asl.json\n"), "\(lcov)")
        // Route (line 3) entered twice; Fallback (line 10) never; One (line 12, inside the Map) thrice.
        #expect(lcov.contains("DA:3,2\n"))
        #expect(lcov.contains("DA:10,0\n"))
        #expect(lcov.contains("DA:12,3\n"))
        // The Choice rule and Default on their own lines; the Catcher never taken.
        #expect(lcov.contains("BRDA:4,0,0,1\nBRDA:5,0,1,1\n"))
        #expect(lcov.contains("BRDA:8,1,1,0\n"))
        #expect(lcov.contains("BRF:7\nBRH:5\n"))
        #expect(lcov.contains("LF:5\nLH:4\nend_of_record\n"))
        // Nothing but the report on standard output.
        #expect(!fake.stdout.contains("Coverage of"))
    }

    @Test func theJSONFileIsWhatAslGraphReads() async {
        let (code, fake) = await run(
            ["t/t.asl-test.json", "--coverage-json", "c.json", "--format", "junit"], files: Self.files)
        #expect(code == .success, "\(fake.stderr)")
        let text = fake.writtenFiles["c.json"] ?? ""
        let json = try? JSONReader.read(Array(text.utf8)).value
        #expect(json?["format"]?.stringValue == "asl-coverage")
        #expect(json?["definition"]?.stringValue == "t/m.asl.json")
        #expect(fake.stdout.hasPrefix("<?xml"), "the JUnit report stays alone on standard output")

        let graph = FakeIO(files: ["t/m.asl.json": Self.machine, "c.json": text])
        let graphCode = await ASLMain.main(
            arguments: ["asl", "graph", "t/m.asl.json", "--coverage", "c.json"], io: graph.io)
        #expect(graphCode == .success, "\(graph.stderr)")
        #expect(graph.stdout.contains("Fallback"))
    }

    @Test func oneDefinitionReachedFromTwoFoldersIsCountedOnce() async {
        // The fake file system does not resolve `..`: each spelling is a file of its own.
        let files = [
            "a/../m.asl.json": Self.machine, "a/b/../../m.asl.json": Self.machine,
            "a/t.asl-test.json": Self.tests.replacingOccurrences(of: "\"m.asl.json\"", with: "\"../m.asl.json\""),
            "a/b/t.asl-test.json": Self.tests.replacingOccurrences(
                of: "\"m.asl.json\"", with: "\"../../m.asl.json\""),
        ]
        let (code, fake) = await run(["a", "--coverage"], files: files)
        #expect(code == .success, "\(fake.stderr)")
        #expect(fake.stdout.components(separatedBy: "Coverage of").count == 2, "\(fake.stdout)")
        #expect(fake.stdout.contains("Coverage of m.asl.json:\n"))
        #expect(fake.stdout.contains("Route     Choice        4  2/2"))
    }

    @Test func anUnwritableCoverageFileIsAFileProblem() async {
        let fake = FakeIO(files: Self.files, unwritable: ["out/c.lcov"])
        let code = await ASLMain.main(
            arguments: ["asl", "test", "t/t.asl-test.json", "--coverage-lcov", "out/c.lcov"],
            io: TestCommandTests.io(fake, files: Self.files))
        #expect(code == .usage)
        #expect(fake.stderr.contains("cannot write 'out/c.lcov'"))
    }

    @Test(arguments: [
        ("a/../m.json", "m.json"), ("./a/./b/../c.json", "a/c.json"), ("../x/../y.json", "../y.json"),
        ("/a/../../b.json", "/b.json"), ("a/..", "."),
    ])
    func pathsAreNormalizedLexically(_ path: String, _ expected: String) {
        #expect(TestCoverage.lexicallyNormalized(path) == expected)
    }

    @Test func severalDefinitionsGetOneJSONFileEach() {
        #expect(TestCoverage.jsonPaths("c.json", definitions: ["m.json"]) == ["c.json"])
        #expect(
            TestCoverage.jsonPaths("out/c.json", definitions: ["x/orders.asl.json", "billing.json", "y/orders.json"])
                == ["out/c.orders.json", "out/c.billing.json", "out/c.orders-2.json"])
    }
}
