import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

@testable import ASLCommands

/// `asl validate` with the real analysis, and `assertDiagnostics` over the full pipeline.
@Suite struct EndToEndTests {
    static let broken = """
        {
          "StartAt": "Load",
          "States": {
            "Load": {
              "Type": "Pass",
              "Comment": "café ☕",
              "Next": "Lod"
            },
            "Done": {"Type": "Succeed"}
          }
        }
        """

    static let valid = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#

    static let placeholder = #"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Fn}", "End": true}}}"#

    static func run(_ arguments: [String], files: [String: String], stdin: String? = nil) async -> (FakeIO, ExitCode) {
        let fake = FakeIO(files: files, stdin: stdin)
        let code = await ASLMain.main(arguments: ["asl", "validate"] + arguments, io: fake.io)
        return (fake, code)
    }

    @Test func unknownNextWithExcerptAndFixIt() async {
        let (fake, code) = await Self.run(["broken.json"], files: ["broken.json": Self.broken])
        #expect(code == .failure)
        #expect(
            fake.stderr.contains(
                """
                broken.json:7:15: error[ASL-E104]: State "Load" has Next "Lod", which is not a state in this scope
                """))
        #expect(fake.stderr.contains("  at /States/Load/Next\n7 |       \"Next\": \"Lod\"\n  |               ^"))
        #expect(fake.stderr.hasSuffix(" in 1 file\n"))
    }

    @Test func validFileAndStdin() async {
        let (fake, code) = await Self.run(["ok.json", "-"], files: ["ok.json": Self.valid], stdin: Self.valid)
        #expect(code == .success)
        #expect(fake.stderr == "✓ ok.json is valid\n✓ <stdin> is valid\n")
    }

    @Test func syntaxErrorIsADiagnostic() async {
        let (fake, code) = await Self.run(["-"], files: [:], stdin: "{\"StartAt\": }")
        #expect(code == .failure)
        #expect(fake.stderr.hasPrefix("<stdin>:1:13: error["))
    }

    @Test func placeholdersAndSubstitutions() async {
        let files = [
            "p.json": Self.placeholder, "subs.json": #"{"Fn": "arn:aws:lambda:us-east-1:123456789012:function:F"}"#,
        ]
        let (reported, reportedCode) = await Self.run(["--no-placeholders", "p.json"], files: files)
        #expect(reportedCode == .failure, "\(reported.stderr)")
        let (substituted, substitutedCode) = await Self.run(
            ["--no-placeholders", "--substitutions", "subs.json", "p.json"], files: files)
        #expect(substitutedCode == .success, "\(substituted.stderr)")
    }

    @Test func sarifForTheExample() async throws {
        let (fake, code) = await Self.run(["--format", "sarif", "broken.json"], files: ["broken.json": Self.broken])
        #expect(code == .failure)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(fake.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.contains { $0["ruleId"] as? String == "ASL-E104" })
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let registered = Set(RuleRegistry.all.map(\.id.rawValue))
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            // Registered rules carry their registry summary rather than a result's message.
            if registered.contains(id) {
                let summary = RuleRegistry.all.first { $0.id.rawValue == id }?.summary
                #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == summary)
            }
        }
    }

    @Test func assertDiagnosticsOverTheAnalyzer() {
        assertDiagnostics(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": 1️⃣"B"}, "B2": {"Type": "Succeed"}}}"#,
            [DiagnosticSpec("1️⃣", rule: "ASL-E104", severity: .error, message: "not a state in this scope")])
    }
}
