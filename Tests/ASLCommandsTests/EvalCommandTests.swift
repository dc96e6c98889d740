import ASLCommands
import Testing

@Suite struct EvalCommandTests {
    func eval(_ arguments: [String], files: [String: String] = [:], stdin: String? = nil) async -> (ExitCode, FakeIO) {
        let fake = FakeIO(files: files, stdin: stdin)
        let code = await ASLMain.main(arguments: ["asl", "eval"] + arguments, io: fake.io)
        return (code, fake)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let code: Int32
        let stdout: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let jsonCases: [Case] = [
        .init(arguments: ["$states.input.a + 1", "--input", #"{"a": 41}"#], code: 0, stdout: #"{"result":42}"#),
        .init(arguments: ["$states.input"], code: 0, stdout: #"{"undefined":true}"#),
        // The context `$` is undefined, as in a state.
        .init(arguments: ["$", "--input", "[1]"], code: 0, stdout: #"{"undefined":true}"#),
        .init(arguments: ["$range(0, 10, 2)"], code: 0, stdout: #"{"result":[0,2,4,6,8,10]}"#),
        .init(arguments: ["$partition([1,2,3], 2)"], code: 0, stdout: #"{"result":[[1,2],[3]]}"#),
        .init(
            arguments: [#"$eval("1+1")"#], code: 1,
            stdout: #"{"error":{"code":"T1006","message":"Attempted to invoke a non-function","position":6}}"#),
        .init(
            arguments: ["1 +"], code: 1,
            stdout: #"{"error":{"code":"S0207","message":"Unexpected end of expression","position":3}}"#),
        .init(
            arguments: ["$now()", "--clock", "2024-01-02T03:04:05.678Z"], code: 0,
            stdout: #"{"result":"2024-01-02T03:04:05.678Z"}"#),
        .init(arguments: ["$random(42)"], code: 0, stdout: #"{"result":0.7275636800328681}"#),
    ]

    @Test(arguments: Self.jsonCases)
    func jsonFormat(_ c: Case) async {
        let (code, fake) = await eval(c.arguments + ["--format", "json"])
        #expect(code.rawValue == c.code)
        #expect(fake.stdout == c.stdout + "\n")
        #expect(fake.stderr.isEmpty)
    }

    @Test func textFormatPrintsPrettyJSON() async {
        let (code, fake) = await eval(["{'a': [1, 2]}"])
        #expect(code == .success)
        #expect(fake.stdout == "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n")
    }

    @Test func undefinedPrintsNothingAndANote() async {
        let (code, fake) = await eval(["$nothing"])
        #expect(code == .success)
        #expect(fake.stdout.isEmpty)
        #expect(fake.stderr.contains("undefined"))
    }

    @Test func anErrorGoesToStandardErrorWithItsCode() async {
        let (code, fake) = await eval(["1 + {}"])
        #expect(code == .failure)
        #expect(fake.stdout.isEmpty)
        #expect(fake.stderr.contains(#"T2002: The right side of the "+" operator must evaluate to a number"#))
    }

    @Test func inputFileAndStandardInputAndBindings() async {
        let files = ["in.json": #"{"n": 2}"#, "vars.json": #"{"x": 10, "$y": 5}"#]
        let (code, fake) = await eval(
            ["$states.input.n * $x + $y", "--input-file", "in.json", "--bindings", "vars.json"], files: files)
        #expect(code == .success)
        #expect(fake.stdout == "25\n")
        let (stdinCode, stdinFake) = await eval(["$states.input * 6", "--input-file", "-"], stdin: "7")
        #expect(stdinCode == .success)
        #expect(stdinFake.stdout == "42\n")
        #expect(stdinFake.stderr.isEmpty)
    }

    @Test func topLevelFieldsGetANoteThatAWSRefusesThem() async {
        let (code, fake) = await eval(["phone", "--format", "json"])
        #expect(code == .success)
        #expect(fake.stdout == #"{"undefined":true}"# + "\n")
        #expect(fake.stderr.contains("Reference to 'phone' at the top level is not supported."))
    }

    @Test func theSeedMakesUUIDsReproducible() async {
        let (_, first) = await eval(["$uuid()", "--seed", "9"])
        let (_, second) = await eval(["$uuid()", "--seed", "9"])
        let (_, other) = await eval(["$uuid()", "--seed", "10"])
        #expect(first.stdout == second.stdout)
        #expect(first.stdout != other.stdout)
    }

    static let usageCases: [([String], String)] = [
        ([], "missing argument 'EXPRESSION'"),
        (["1", "--input", "{}", "--input-file", "x"], "cannot be used together"),
        (["1", "--clock", "yesterday"], "for '--clock'"),
        (["1", "--seed", "-1"], "for '--seed'"),
        (["1", "--input", "{"], "--input is not valid JSON"),
        (["1", "--bindings", "missing.json"], "cannot read 'missing.json'"),
        (["1", "--bindings", "list.json"], "must be a JSON object"),
        (["1", "--bindings", "reserved.json"], "'states' is reserved"),
    ]

    @Test(arguments: Self.usageCases)
    func usageProblemsExitTwo(_ arguments: [String], _ message: String) async {
        let files = ["list.json": "[1]", "reserved.json": #"{"states": 1}"#]
        let (code, fake) = await eval(arguments, files: files)
        #expect(code == .usage)
        #expect(fake.stderr.contains(message))
        #expect(fake.stdout.isEmpty)
    }

    @Test func helpNamesTheOptions() async {
        let (code, fake) = await eval(["--help"])
        #expect(code == .success)
        for option in ["--input", "--input-file", "--bindings", "--format", "--clock", "--seed"] {
            #expect(fake.stdout.contains(option))
        }
    }
}
