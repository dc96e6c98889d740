import Testing

@testable import ASLCommands

@Suite struct MainTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var exit: ExitCode
        var stdout: String? = nil
        var stderr: String? = nil
        var testDescription: String { arguments.isEmpty ? "(none)" : arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: [], exit: .usage, stderr: "USAGE: asl <command> [options]"),
        Case(arguments: ["--help"], exit: .success, stdout: "COMMANDS:\n  validate"),
        Case(arguments: ["-h"], exit: .success, stdout: "OVERVIEW: A local toolkit"),
        Case(arguments: ["help"], exit: .success, stdout: "OVERVIEW: A local toolkit"),
        Case(arguments: ["help", "validate"], exit: .success, stdout: "USAGE: asl validate FILE..."),
        Case(arguments: ["validate", "-h"], exit: .success, stdout: "USAGE: asl validate FILE..."),
        Case(
            arguments: ["help", "valdate"], exit: .usage,
            stderr: "error: unknown command 'valdate' (did you mean 'validate'?)\n"),
        Case(arguments: ["--version"], exit: .success, stdout: "asl \(ASLMain.version)\n"),
        Case(
            arguments: ["valiate", "x.json"], exit: .usage,
            stderr: "error: unknown command 'valiate' (did you mean 'validate'?)\n  asl valiate x.json\n      ^~~~~~~\n"
                + "usage: asl <command> [options]\n"),
        Case(
            arguments: ["help", "valdate"], exit: .usage, stderr: "  asl help valdate\n           ^~~~~~~\n"),
        Case(arguments: ["frobnicate"], exit: .usage, stderr: "error: unknown command 'frobnicate'\n"),
        Case(
            arguments: ["--verison"], exit: .usage,
            stderr: "error: unknown option '--verison' (did you mean '--version'?)\n"),
        Case(
            arguments: ["machine.json"], exit: .usage,
            stderr: "error: unknown command 'machine.json' (did you mean 'asl validate machine.json'?)\n"),
        Case(
            arguments: ["help", "run"], exit: .success,
            stdout: "OVERVIEW: Run a state machine locally and print its output."),
        Case(
            arguments: ["run", "x.json"], exit: .usage,
            stderr: "error: cannot read 'x.json': No such file or directory\n"),
    ]

    @Test(arguments: cases)
    func dispatch(_ c: Case) async {
        let fake = FakeIO()
        let code = await ASLMain.main(arguments: ["asl"] + c.arguments, io: fake.io) { _, _ in [] }
        #expect(code == c.exit)
        if let stdout = c.stdout { #expect(fake.stdout.contains(stdout), "stdout was:\n\(fake.stdout)") }
        if let stderr = c.stderr { #expect(fake.stderr.contains(stderr), "stderr was:\n\(fake.stderr)") }
    }

    @Test(arguments: [
        (["--format", "x y"], 1, "  asl validate --format 'x y'\n                        ^~~~~\n"),
        (["it's"], 0, "  asl validate 'it'\\''s'\n               ^~~~~~~~~\n"),
        ([""], 0, "  asl validate ''\n               ^~\n"),
    ])
    func pointerUnderlinesTheArgument(arguments: [String], index: Int, expected: String) {
        #expect(CommandContext.pointer(at: index, in: arguments, prefix: ["asl", "validate"]) == expected)
    }

    @Test func exitCodesCombineToTheWorst() {
        #expect(ExitCode.success.combined(with: .failure) == .failure)
        #expect(ExitCode.usage.combined(with: .failure) == .usage)
        #expect(ExitCode.failure.combined(with: .usage) == .usage)
    }
}
