import Foundation
import JSONCore
import StatesLanguage
import Testing

@testable import ASLCommands

/// `asl validate` in-process with fake files and a fake analysis: `ERROR` in a file is an error
/// at that offset, `WARN` a warning, `${x}` a placeholder (reported with reportPlaceholders) and a
/// substituted `${x}` a note naming its value.
@Suite struct ValidateCommandTests {
    static let analyze: @Sendable (SourceFile, AnalysisOptions) -> [Diagnostic] = { source, options in
        let text = String(decoding: source.bytes, as: UTF8.self)
        var diagnostics: [Diagnostic] = []
        for (word, rule, severity) in [("ERROR", "ASL-E104", Severity.error), ("WARN", "ASL-W001", .warning)] {
            var searchStart = text.startIndex
            while let range = text.range(of: word, range: searchStart..<text.endIndex) {
                let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                diagnostics.append(
                    Diagnostic(
                        rule: RuleID(rule), severity: severity, message: "found \(word)", pointer: ["States", "A"],
                        offset: offset))
                searchStart = range.upperBound
            }
        }
        if let open = text.range(of: "${"), let close = text.range(of: "}", range: open.upperBound..<text.endIndex) {
            let name = String(text[open.upperBound..<close.lowerBound])
            if let value = options.substitutions[name] {
                diagnostics.append(
                    Diagnostic(rule: "ASL-N001", severity: .note, message: "\(name)=\(value.typeName)", pointer: .root))
            } else if options.reportPlaceholders {
                diagnostics.append(
                    Diagnostic(rule: "ASL-E900", severity: .error, message: "placeholder \(name)", pointer: .root))
            }
        }
        return diagnostics.sorted { ($0.offset ?? 0) < ($1.offset ?? 0) }
    }

    static let files: [String: String] = [
        "ok.json": #"{"StartAt": "A"}"#,
        "bad.json": "{\n  \"Next\": \"ERROR\"\n}",
        "warn.json": #"{"Comment": "WARN"}"#,
        "both.json": #"{"a": "ERROR", "b": "WARN"}"#,
        "placeholder.json": #"{"Resource": "${Fn}"}"#,
        "subs.json": #"{"Fn": "arn:aws:lambda:us-east-1:1:function:f"}"#,
        "subs-array.json": #"["Fn"]"#,
        "subs-broken.json": #"{"Fn": }"#,
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var stdin: String? = nil
        var exit: ExitCode
        var stderr: [String] = []
        var stdout: [String] = []
        var stderrExcludes: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "clean file", arguments: ["ok.json"], exit: .success, stderr: ["✓ ok.json is valid\n"]),
        Case(
            name: "quiet clean file prints nothing", arguments: ["-q", "ok.json"], exit: .success,
            stderrExcludes: ["✓"]),
        Case(
            name: "error exits 1 with excerpt and total", arguments: ["bad.json", "ok.json"], exit: .failure,
            stderr: [
                "bad.json:2:12: error[ASL-E104]: found ERROR\n  at /States/A\n2 |   \"Next\": \"ERROR\"\n  |            ^\n",
                "✓ ok.json is valid\n", "1 error in 1 file\n",
            ],
            stderrExcludes: ["✓ bad.json"]),
        Case(
            name: "no excerpt", arguments: ["--no-excerpt", "bad.json"], exit: .failure,
            stderr: ["bad.json:2:12: error[ASL-E104]: found ERROR\n  at /States/A\n1 error in 1 file\n"]),
        Case(
            name: "warning alone exits 0", arguments: ["warn.json"], exit: .success,
            stderr: ["warning[ASL-W001]", "✓ warn.json is valid (1 warning)\n", "1 warning in 1 file\n"]),
        Case(
            name: "strict makes warnings errors", arguments: ["--strict", "warn.json"], exit: .failure,
            stderr: ["warn.json:1:14: error[ASL-W001]: found WARN", "1 error in 1 file\n"],
            stderrExcludes: ["✓", "warning["]),
        Case(
            name: "totals across files", arguments: ["both.json", "bad.json", "warn.json"], exit: .failure,
            stderr: ["2 errors, 2 warnings in 3 files\n"]),
        Case(
            name: "missing file exits 2 but others are checked", arguments: ["nope.json", "bad.json"], exit: .usage,
            stderr: ["error: cannot read 'nope.json': No such file or directory\n", "bad.json:2:12: error[ASL-E104]"]),
        Case(
            name: "directory", arguments: ["dir/"], exit: .usage,
            stderr: ["error: cannot read 'dir/': Is a directory\n"]),
        Case(
            name: "stdin", arguments: ["-"], stdin: "{\"x\": \"ERROR\"}", exit: .failure,
            stderr: ["<stdin>:1:8: error[ASL-E104]"]),
        Case(
            name: "stdin twice is a usage error", arguments: ["-", "--substitutions", "-"], stdin: "{}", exit: .usage,
            stderr: ["error: standard input ('-') can be read only once\nusage: asl validate FILE..."]),
        Case(
            name: "placeholders tolerated by default", arguments: ["placeholder.json"], exit: .success,
            stderr: ["✓ placeholder.json is valid\n"]),
        Case(
            name: "--no-placeholders reports them", arguments: ["--no-placeholders", "placeholder.json"],
            exit: .failure, stderr: ["error[ASL-E900]: placeholder Fn"]),
        Case(
            name: "substitutions reach the analysis",
            arguments: ["--substitutions", "subs.json", "--no-placeholders", "placeholder.json"], exit: .success,
            stderr: ["note[ASL-N001]: Fn=string"]),
        Case(
            name: "substitutions from stdin", arguments: ["--substitutions=-", "placeholder.json"],
            stdin: #"{"Fn": 3}"#, exit: .success, stderr: ["note[ASL-N001]: Fn=number"]),
        Case(
            name: "unreadable substitutions", arguments: ["--substitutions", "none.json", "ok.json"], exit: .usage,
            stderr: ["error: cannot read substitutions file 'none.json': No such file or directory\n"],
            stderrExcludes: ["✓"]),
        Case(
            name: "substitutions not an object", arguments: ["--substitutions", "subs-array.json", "ok.json"],
            exit: .usage,
            stderr: [
                "error: substitutions file 'subs-array.json' must hold a JSON object of placeholder names and values, "
                    + "not an array\n"
            ]),
        Case(
            name: "substitutions not JSON", arguments: ["--substitutions", "subs-broken.json", "ok.json"],
            exit: .usage, stderr: ["error: substitutions file 'subs-broken.json' is not valid JSON: 1:"]),
        Case(
            name: "github format on stdout", arguments: ["--format", "github", "bad.json", "ok.json"], exit: .failure,
            stdout: ["::error file=bad.json,line=2,col=12,title=ASL-E104::found ERROR\n"],
            stderrExcludes: ["✓", "error in"]),
        Case(
            name: "usage error points at the option", arguments: ["--formt", "json", "ok.json"], exit: .usage,
            stderr: [
                "error: unknown option '--formt' (did you mean '--format'?)\n"
                    + "  asl validate --formt json ok.json\n"
                    + "               ^~~~~~~\n"
                    + "usage: asl validate FILE... [--format"
            ]),
        Case(name: "no files", arguments: [], exit: .usage, stderr: ["error: missing argument 'FILE'\n"]),
        Case(
            name: "help", arguments: ["--help"], exit: .success,
            stdout: ["OVERVIEW: Check state machine definitions", "USAGE: asl validate FILE..."]),
    ]

    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], terminal: Bool = false
    )
        async -> (FakeIO, ExitCode)
    {
        let fake = FakeIO(files: files, stdin: stdin, environment: environment, terminal: terminal)
        let code = await ASLMain.main(arguments: ["asl", "validate"] + arguments, io: fake.io, analyze: analyze)
        return (fake, code)
    }

    @Test(arguments: cases)
    func validate(_ c: Case) async {
        let (fake, code) = await Self.run(c.arguments, stdin: c.stdin)
        #expect(code == c.exit, "stderr: \(fake.stderr)")
        for part in c.stderr {
            #expect(fake.stderr.contains(part), "stderr was:\n\(fake.stderr)")
        }
        for part in c.stderrExcludes {
            #expect(!fake.stderr.contains(part), "stderr was:\n\(fake.stderr)")
        }
        for part in c.stdout {
            #expect(fake.stdout.contains(part), "stdout was:\n\(fake.stdout)")
        }
        if c.stdout.isEmpty { #expect(fake.stdout.isEmpty) }
    }

    @Test func jsonFormatIsOneParsableDocument() async throws {
        let (fake, code) = await Self.run(["--format", "json", "--strict", "both.json", "ok.json", "nope.json"])
        #expect(code == .usage)
        #expect(fake.stderr == "error: cannot read 'nope.json': No such file or directory\n")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(fake.stdout.utf8)) as? [String: Any])
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["both.json", "ok.json"])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 2)
        #expect(summary["warnings"] as? Int == 0)
    }

    @Test func sarifFormatCarriesTheVersion() async throws {
        let (fake, code) = await Self.run(["--format=sarif", "bad.json"])
        #expect(code == .failure)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(fake.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
        #expect(driver?["version"] as? String == ASLMain.version)
    }

    @Test func errorPrefixIsColouredOnATerminal() async {
        let (fake, code) = await Self.run(["nope.json"], terminal: true)
        #expect(code == .usage)
        #expect(fake.stderr == "\u{1B}[1;31merror:\u{1B}[0m cannot read 'nope.json': No such file or directory\n")
    }

    @Test(arguments: [
        ([String: String](), true, true),
        (["NO_COLOR": "1"], true, false),
        (["NO_COLOR": ""], true, true),
        (["TERM": "dumb"], true, false),
        ([:], false, false),
    ])
    func colourFollowsTerminalAndNoColor(environment: [String: String], terminal: Bool, coloured: Bool) async {
        let (fake, _) = await Self.run(["bad.json"], environment: environment, terminal: terminal)
        #expect(fake.stderr.contains("\u{1B}[") == coloured)
    }
}
