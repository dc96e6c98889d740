import JSONCore
import StatesLanguage
import StatesRuntime

/// `asl test [PATH…]`: runs the cases of test files (`*.asl-test.json`; directories are searched
/// recursively) with mocked Task states on the virtual clock and reports them; `asl test --init
/// DEFINITION` writes a starter test file. SPEC-NOTES.md §14.1.
///
/// Exit: 0 every case passed, 1 a case failed, 2 a usage problem or a file that could not run
/// (the other files still run), which wins.
enum TestCommand: ASLCommand {
    enum Format: String, CaseIterable {
        case text
        case junit
        case json
    }

    static let suffix = ".asl-test.json"

    static var spec: CommandSpec {
        CommandSpec(
            name: "test",
            summary: "Run the test cases of *.asl-test.json files.",
            discussion: """
                PATHs are test files or directories searched recursively for *\(suffix) (default: the
                current directory). Cases run in parallel on a virtual clock, each with a seed fixed by its file
                and name. Exit status: 0 when every case passes, 1 when one fails, 2 for a usage problem or a
                test file that cannot run.
                """,
            positionals: PositionalSpec(
                name: "PATH", help: "Test files or directories (default: .).", minimum: 0, maximum: nil),
            options: [
                .value(
                    "format", valueName: "format", choices: Format.allCases.map(\.rawValue),
                    help: "text (default), junit (JUnit XML) or json."),
                .value(
                    "output", valueName: "FILE",
                    help: "Write the report to FILE (atomically) instead of standard output."),
                .value("filter", valueName: "PATTERN", help: "Run only cases whose name contains PATTERN."),
                .value(
                    "init", valueName: "DEFINITION",
                    help: "Write a starter <name>\(suffix) beside DEFINITION, every Task state mocked."),
                .flag("force", help: "With --init, replace an existing test file."),
                .flag(
                    "coverage",
                    help: "Print, per definition, which states were entered and which transitions were taken."),
                .value(
                    "coverage-lcov", valueName: "FILE",
                    help:
                        "Write the coverage as LCOV on the definitions' own lines (states as lines, branches as branches)."
                ),
                .value(
                    "coverage-json", valueName: "FILE",
                    help: "Write the coverage as JSON (what asl graph --coverage reads); one file per definition."),
            ]
        )
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        if let definition = arguments.value("init") {
            guard arguments.positionals.isEmpty else {
                return context.reportUsageError(UsageError("--init takes no test PATH"), spec: spec)
            }
            return await TestInit.run(definition: definition, force: arguments.flag("force"), in: context)
        }
        if arguments.flag("force") {
            return context.reportUsageError(UsageError("--force goes with --init"), spec: spec)
        }
        let io = context.io
        let format = arguments.value("format").flatMap(Format.init(rawValue:)) ?? .text
        let paths = arguments.positionals.isEmpty ? ["."] : arguments.positionals
        var code = ExitCode.success
        var files: [String] = []
        for path in paths {
            if path.hasSuffix(suffix) || io.fileExists(path) {
                files.append(path)
            } else if let found = find(in: path, io: io) {
                if found.isEmpty {
                    context.writeErrorMessage("no *\(suffix) files under '\(TerminalText.escaped(path))'")
                }
                files += found
            } else {
                context.writeErrorMessage("cannot read '\(TerminalText.escaped(path))': No such file or directory")
                code = code.combined(with: .usage)
            }
        }
        if files.isEmpty {
            if code == .success { code = .usage }
            return code
        }

        var loaded: [(path: String, cases: [PreparedTestCase], problem: [String]?)] = []
        var coverage = TestCoverage()
        var coverageSlots: [Int] = []
        for path in files {
            switch TestLoader.load(path, io: io) {
            case .success(let file):
                for warning in file.warnings { io.writeError(warning + "\n") }
                var cases = file.cases
                if let pattern = arguments.value("filter") { cases = cases.filter { $0.name.contains(pattern) } }
                loaded.append((path, cases, nil))
                let slot = coverage.slot(for: file.definition)
                coverageSlots += Array(repeating: slot, count: cases.count)
            case .failure(let failure):
                loaded.append((path, [], failure.lines))
                if format != .text { for line in failure.lines { io.writeError(line + "\n") } }
                code = code.combined(with: .usage)
            }
        }
        let all = loaded.flatMap(\.cases)
        if let pattern = arguments.value("filter"), all.isEmpty {
            // A CI job that runs nothing must not pass quietly.
            context.writeErrorMessage("no case name contains '\(TerminalText.escaped(pattern))'")
            code = code.combined(with: .usage)
        } else if all.isEmpty, loaded.contains(where: { $0.problem == nil }) {
            // Test files whose "cases" (and mock file test cases) are empty: nothing ran, and a CI
            // job must not pass on that either.
            context.writeErrorMessage(
                "the test files hold no case; add one to \"cases\" (or a test case to the mock configuration file)")
            code = code.combined(with: .usage)
        }
        let wantsCoverage =
            arguments.flag("coverage") || arguments.value("coverage-lcov") != nil
            || arguments.value("coverage-json") != nil
        let recorders = wantsCoverage ? coverage.recorders() : []
        let slots = coverageSlots
        let results = await TestRunner.run(all, maximumConcurrency: 2) { index, options in
            guard wantsCoverage else { return }
            options.observer = recorders[slots[index]].observer
        }
        var report = TestRunReport(files: [])
        var offset = 0
        for file in loaded {
            let slice = Array(results[offset..<offset + file.cases.count])
            offset += file.cases.count
            report.files.append(TestRunReport.File(path: file.path, results: slice, problem: file.problem))
        }
        if report.failed > 0 { code = code.combined(with: .failure) }

        var text: String
        switch format {
        case .text: text = report.text(color: arguments.value("output") == nil && TerminalColor.isEnabled(for: io))
        case .junit: text = report.junit
        case .json: text = JSONWriter.pretty(report.json) + "\n"
        }
        if wantsCoverage {
            let written = coverage.write(
                recorders: recorders, table: arguments.flag("coverage"), lcov: arguments.value("coverage-lcov"),
                json: arguments.value("coverage-json"), in: context)
            code = code.combined(with: written.code)
            if let table = written.table {
                // On standard output after a text report, or alone when the report goes to a file;
                // on standard error when a JUnit or JSON report is on standard output, which stays
                // parseable.
                if arguments.value("output") != nil {
                    io.writeOutput(table)
                } else if format == .text {
                    text += "\n" + table
                } else {
                    io.writeError(table)
                }
            }
        }
        if let output = arguments.value("output") {
            do {
                try io.writeFile(output, Array(text.utf8))
            } catch {
                context.writeErrorMessage(
                    "cannot write '\(TerminalText.escaped(output))': \(FileReadError.reason(of: error))")
                // The cases ran: their outcome is not lost with the report.
                io.writeError(report.summary + "\n")
                return code.combined(with: .usage)
            }
            io.writeError(report.summary + "\n")
        } else {
            io.writeOutput(text)
        }
        return code
    }

    /// Test files under a directory, recursively, in name order; `nil` when `path` is not a
    /// directory. Hidden folders and `.build` are skipped.
    static func find(in path: String, io: CommandIO, depth: Int = 0) -> [String]? {
        guard depth < 32, let names = io.listDirectory(path) else { return nil }
        var found: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = path == "." ? name : (path.hasSuffix("/") ? path + name : path + "/" + name)
            if name.hasSuffix(suffix), io.fileExists(child) {
                found.append(child)
            } else if let nested = find(in: child, io: io, depth: depth + 1) {
                found += nested
            }
        }
        return found
    }
}
