import ASLCommands
import Testing

/// Text from a definition never reaches a terminal or a CI log as control characters, and never
/// starts a line (where GitHub Actions would read `::warning file=…::` as a command).
@Suite struct TerminalSafetyTests {
    /// A state name with ESC sequences, BEL, CR and a newline followed by a workflow command.
    static let hostileName = #"A\u001b[2J\u0007\r\n::warning file=x.json::pwned"#

    static func hasRawControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    static func linesStartingACommand(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix("::") }
    }

    @Test(arguments: ["text", "github"])
    func validateEscapesNamesInEveryTextFormat(format: String) async {
        let definition = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "\#(Self.hostileName)"}}}"#
        let fake = FakeIO(files: ["m.json": definition])
        let code = await ASLMain.main(arguments: ["asl", "validate", "m.json", "--format", format], io: fake.io)
        #expect(code == .failure)
        let output = fake.stdout + fake.stderr
        #expect(!Self.hasRawControls(output))
        #expect(output.contains(#"\u{1B}[2J\u{7}\r\n::warning"#))
        if format == "github" {
            // Only the renderer's own commands start lines.
            #expect(Self.linesStartingACommand(output).allSatisfy { $0.hasPrefix("::error ") })
        } else {
            #expect(Self.linesStartingACommand(output).isEmpty)
        }
    }

    @Test func pathsAndArgumentsInErrorsAreEscaped() async {
        let fake = FakeIO()
        let code = await ASLMain.main(
            arguments: ["asl", "validate", "a\u{1B}[2J.json", "--formt\u{07}", "json"], io: fake.io)
        #expect(code == .usage)
        #expect(!Self.hasRawControls(fake.stderr))
        #expect(fake.stderr.contains(#"unknown option '--formt\u{7}'"#))
        let validate = FakeIO()
        _ = await ASLMain.main(arguments: ["asl", "validate", "a\u{1B}[2J\n::error::x.json"], io: validate.io)
        #expect(
            validate.stderr == #"error: cannot read 'a\u{1B}[2J\n::error::x.json': No such file or directory"# + "\n")
    }

    @Test func rawControlBytesInTheSourceAreEscapedInTheExcerpt() async {
        // A raw ESC inside a string is invalid JSON; the excerpt shows the line without the byte.
        let definition = "{\"StartAt\": \"A\u{1B}[31m\u{07}\", \"States\": {}}"
        let fake = FakeIO(files: ["m.json": definition])
        let code = await ASLMain.main(arguments: ["asl", "validate", "m.json"], io: fake.io)
        #expect(code == .failure)
        #expect(fake.stderr.contains(#"error[ASL-E001]"#))
        #expect(fake.stderr.contains(#"A\u{1B}[31m\u{7}"#))
        #expect(!Self.hasRawControls(fake.stderr))
    }

    @Test func runEscapesProgressAndSummaryAndCapsLongNames() async {
        let long = String(repeating: "E", count: 200)
        let definition = #"""
            {"StartAt": "\#(Self.hostileName)", "States": {
              "\#(Self.hostileName)": {"Type": "Pass", "Next": "Stop"},
              "Stop": {"Type": "Fail", "Error": "\#(long)\u001b[1m", "Cause": "line\n::error::x"}}}
            """#
        let fake = FakeIO(files: ["m.json": definition])
        let code = await ASLMain.main(arguments: ["asl", "run", "m.json"], io: fake.io)
        #expect(code == .failure)
        #expect(!Self.hasRawControls(fake.stderr))
        #expect(Self.linesStartingACommand(fake.stderr).isEmpty)
        #expect(fake.stderr.contains(#"▶ A\u{1B}[2J\u{7}\r\n::warning file=x.json::pwned (Pass)"#))
        // The progress line caps the error name; the final line gives it whole, escaped.
        #expect(fake.stderr.contains("✗ Stop (Fail) " + String(repeating: "E", count: 79) + "…: line\\n::error::x\n"))
        #expect(fake.stderr.contains(#"\#(long)\u{1B}[1m: line\n::error::x"#))
    }
}
