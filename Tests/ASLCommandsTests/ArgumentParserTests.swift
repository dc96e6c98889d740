import StatesLanguage
import Testing

@testable import ASLCommands

@Suite struct ArgumentParserTests {
    static let spec = CommandSpec(
        name: "demo",
        summary: "A demo command.",
        discussion: nil,
        positionals: PositionalSpec(name: "FILE", help: "Files.", minimum: 1, maximum: nil),
        options: [
            .value("format", valueName: "format", choices: ["text", "json", "sarif", "github"], help: "Format."),
            .value("substitutions", valueName: "FILE", help: "Substitutions."),
            .flag("strict", help: "Strict."),
            .flag("quiet", short: "q", help: "Quiet."),
        ]
    )

    enum Outcome: Sendable, Hashable {
        case parsed(flags: Set<String>, values: [String: String], positionals: [String])
        case help
        case error(String, at: Int?)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var outcome: Outcome
        var testDescription: String { arguments.isEmpty ? "(none)" : arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["a.json"], outcome: .parsed(flags: [], values: [:], positionals: ["a.json"])),
        Case(
            arguments: ["--format", "json", "a.json", "b.json"],
            outcome: .parsed(flags: [], values: ["format": "json"], positionals: ["a.json", "b.json"])),
        Case(
            arguments: ["a.json", "--format=sarif"],
            outcome: .parsed(flags: [], values: ["format": "sarif"], positionals: ["a.json"])),
        Case(
            arguments: ["--format=json", "--format", "text", "a"],
            outcome: .parsed(flags: [], values: ["format": "text"], positionals: ["a"])),
        Case(
            arguments: ["--strict", "-q", "a"],
            outcome: .parsed(flags: ["strict", "quiet"], values: [:], positionals: ["a"])),
        Case(arguments: ["-"], outcome: .parsed(flags: [], values: [:], positionals: ["-"])),
        Case(
            arguments: ["--substitutions", "-", "a"],
            outcome: .parsed(flags: [], values: ["substitutions": "-"], positionals: ["a"])),
        Case(
            arguments: ["--substitutions=", "a"],
            outcome: .parsed(flags: [], values: ["substitutions": ""], positionals: ["a"])),
        Case(
            arguments: ["a", "--", "--strict", "-q", "-"],
            outcome: .parsed(flags: [], values: [:], positionals: ["a", "--strict", "-q", "-"])),
        Case(arguments: ["--help"], outcome: .help),
        Case(arguments: ["--formt", "json", "-h"], outcome: .help),
        Case(arguments: ["a", "-h"], outcome: .help),
        Case(
            arguments: ["--", "--help"],
            outcome: .parsed(flags: [], values: [:], positionals: ["--help"])),
        Case(
            arguments: ["a", "--formt", "json"],
            outcome: .error("unknown option '--formt' (did you mean '--format'?)", at: 1)),
        Case(
            arguments: ["--fromat=json", "a"],
            outcome: .error("unknown option '--fromat' (did you mean '--format'?)", at: 0)),
        Case(
            arguments: ["--strcit", "a"],
            outcome: .error("unknown option '--strcit' (did you mean '--strict'?)", at: 0)),
        Case(arguments: ["--verbose", "a"], outcome: .error("unknown option '--verbose'", at: 0)),
        Case(
            arguments: ["-strict", "a"],
            outcome: .error("unknown option '-strict' (did you mean '--strict'?)", at: 0)),
        Case(arguments: ["-x", "a"], outcome: .error("unknown option '-x'", at: 0)),
        Case(
            arguments: ["a", "--format"],
            outcome: .error("option '--format' needs a value (text, json, sarif, github)", at: 1)),
        Case(
            arguments: ["--substitutions", "--strict", "a"],
            outcome: .error("option '--substitutions' needs a value (FILE)", at: 0)),
        Case(
            arguments: ["--format", "jsn", "a"],
            outcome: .error(
                "invalid value 'jsn' for '--format' (did you mean 'json'?); expected one of: text, json, sarif, github",
                at: 1)),
        Case(
            arguments: ["--format=xml", "a"],
            outcome: .error("invalid value 'xml' for '--format'; expected one of: text, json, sarif, github", at: 0)),
        Case(arguments: ["--strict=yes", "a"], outcome: .error("option '--strict' does not take a value", at: 0)),
        Case(arguments: [], outcome: .error("missing argument 'FILE'", at: nil)),
        Case(arguments: ["--strict"], outcome: .error("missing argument 'FILE'", at: nil)),
    ]

    @Test(arguments: cases)
    func parse(_ c: Case) {
        let outcome: Outcome
        do {
            let parsed = try ArgumentParser.parse(c.arguments, as: Self.spec)
            outcome =
                parsed.wantsHelp
                ? .help : .parsed(flags: parsed.flags, values: parsed.values, positionals: parsed.positionals)
        } catch {
            outcome = .error(error.message, at: error.argumentIndex)
        }
        #expect(outcome == c.outcome)
    }

    @Test func atMostAndNoPositionals() {
        var spec = Self.spec
        spec.positionals = PositionalSpec(name: "FILE", help: "", minimum: 0, maximum: 1)
        #expect(throws: UsageError("unexpected argument 'b'", at: 2)) {
            try ArgumentParser.parse(["a", "--strict", "b"], as: spec)
        }
        spec.positionals = nil
        #expect(throws: UsageError("unexpected argument 'x'", at: 1)) {
            try ArgumentParser.parse(["-q", "x"], as: spec)
        }
    }

    @Test func usageLineAndHelp() {
        #expect(
            Self.spec.usage(program: "asl")
                == "asl demo FILE... [--format text|json|sarif|github] [--substitutions FILE] [--strict] [--quiet]")
        let help = Self.spec.help(program: "asl")
        #expect(help.contains("  -q, --quiet"))
        #expect(help.contains("  --format <format>"))
        #expect(help.contains("  -h, --help"))
    }
}

@Suite struct SuggestionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var candidates: [String]
        var expected: String?
        var testDescription: String { "\(input) → \(expected ?? "nil")" }
    }

    static let cases: [Case] = [
        Case(input: "formt", candidates: ["format", "strict"], expected: "format"),
        Case(input: "fromat", candidates: ["format", "strict"], expected: "format"),
        Case(input: "jsn", candidates: ["text", "json", "sarif"], expected: "json"),
        // One policy for the package: case is ignored, so a choice typed in capitals is found.
        Case(input: "SARIF", candidates: ["text", "json", "sarif"], expected: "sarif"),
        Case(input: "valdiate", candidates: ["validate", "rules"], expected: "validate"),
        Case(input: "no-placeholder", candidates: ["no-placeholders", "no-excerpt"], expected: "no-placeholders"),
        Case(input: "substitution-file", candidates: ["substitutions"], expected: nil),
        Case(input: "substitutionz", candidates: ["substitutions"], expected: "substitutions"),
        Case(input: "x", candidates: ["q", "h"], expected: nil),
        Case(input: "zzz", candidates: ["format"], expected: nil),
    ]

    @Test(arguments: cases)
    func nearest(_ c: Case) {
        #expect(NameSuggestion.nearest(c.input, in: c.candidates) == c.expected)
    }

    @Test(arguments: [
        ("", "abc", 3), ("abc", "abc", 0), ("abc", "acb", 1), ("kitten", "sitting", 3), ("é", "e", 1),
    ])
    func editDistance(_ a: String, _ b: String, _ expected: Int) {
        #expect(NameSuggestion.editDistance(Array(a), Array(b)) == expected)
        #expect(NameSuggestion.editDistance(Array(b), Array(a)) == expected)
    }
}
