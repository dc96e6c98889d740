import JSONCore
import StatesLanguage

/// `asl validate FILE...`: reads each definition, analyzes it and reports what is wrong.
///
/// Text goes to standard error (diagnostics, then `✓ x.json is valid` per file without errors,
/// then a total); `json`, `sarif` and `github` write one document or command stream to standard
/// output. Exit: 0 no errors, 1 errors (warnings count with `--strict`), 2 a usage or I/O
/// problem, which wins when both happen.
enum ValidateCommand: ASLCommand {
    enum Format: String, CaseIterable {
        case text
        case json
        case sarif
        case github
    }

    static var spec: CommandSpec {
        CommandSpec(
            name: "validate",
            summary: "Check state machine definitions and report problems.",
            discussion: """
                Exit status: 0 when no file has errors, 1 when one has, 2 for a usage problem or a file that
                cannot be read (the other files are still checked).
                """,
            positionals: PositionalSpec(
                name: "FILE", help: "Definition files to check; '-' reads standard input.", minimum: 1, maximum: nil),
            options: [
                .value(
                    "format", valueName: "format", choices: Format.allCases.map(\.rawValue),
                    help: "text (default, on standard error), or json, sarif, github on standard output."),
                .flag("strict", help: "Treat warnings as errors."),
                .value(
                    "substitutions", valueName: "FILE",
                    help: "A JSON object of placeholder names and the values to put for ${name}."),
                .flag("no-placeholders", help: "Report ${placeholder}s that remain in a definition."),
                .flag("no-excerpt", help: "Do not show the source line under each diagnostic."),
                .flag("quiet", short: "q", help: "Do not print a line for each valid file."),
            ]
        )
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        let io = context.io
        let format = arguments.value("format").flatMap(Format.init(rawValue:)) ?? .text
        let substitutionsPath = arguments.value("substitutions")
        let stdinReads = arguments.positionals.filter { $0 == "-" }.count + (substitutionsPath == "-" ? 1 : 0)
        if stdinReads > 1 {
            return context.reportUsageError(UsageError("standard input ('-') can be read only once"), spec: spec)
        }

        var options = AnalysisOptions()
        if let substitutionsPath {
            switch Substitutions.load(substitutionsPath, io: io) {
            case .success(let substitutions): options.substitutions = substitutions
            case .failure(let error):
                context.writeErrorMessage(error.message)
                return .usage
            }
        }
        if arguments.flag("no-placeholders") { options.reportPlaceholders = true }

        let strict = arguments.flag("strict")
        let quiet = arguments.flag("quiet")
        let textRenderer = TextRenderer(
            showsExcerpt: !arguments.flag("no-excerpt"), usesColor: TerminalColor.isEnabled(for: io))
        var exitCode = ExitCode.success
        var reports: [DiagnosticReport] = []
        var total = DiagnosticCounts()
        var filesWithProblems = 0

        for path in arguments.positionals {
            let name = path == "-" ? "<stdin>" : path
            // An oversized definition is refused from its size, before it is parsed (and, for a
            // file, before it is read): parsing 50 MB to say "larger than 1 MB" cost seconds and
            // more than a gigabyte.
            let statedSize = path == "-" ? nil : io.fileSize(path)
            var bytes: [UInt8] = []
            var size = statedSize ?? 0
            if statedSize.flatMap(DefinitionAnalyzer.sizeDiagnostic(byteCount:)) == nil {
                defer { size = bytes.count }
                do {
                    bytes = path == "-" ? try io.readStandardInput() : try io.readFile(path)
                } catch {
                    context.writeErrorMessage(
                        "cannot read '\(TerminalText.escaped(name))': \(FileReadError.reason(of: error))")
                    exitCode = exitCode.combined(with: .usage)
                    continue
                }
            }
            if let tooLarge = DefinitionAnalyzer.sizeDiagnostic(byteCount: size) {
                total = total + DiagnosticCounts([tooLarge])
                exitCode = exitCode.combined(with: .failure)
                filesWithProblems += 1
                let report = DiagnosticReport(source: SourceFile(path: name, bytes: bytes), diagnostics: [tooLarge])
                reports.append(report)
                if format == .text { io.writeError(textRenderer.render([report])) }
                continue
            }
            let source = SourceFile(path: name, bytes: bytes)
            var diagnostics = context.analyze(source, options)
            if strict {
                for index in diagnostics.indices where diagnostics[index].severity == .warning {
                    diagnostics[index].severity = .error
                }
            }
            let counts = DiagnosticCounts(diagnostics)
            total = total + counts
            if counts.errors > 0 { exitCode = exitCode.combined(with: .failure) }
            if !counts.isEmpty { filesWithProblems += 1 }
            let report = DiagnosticReport(source: source, diagnostics: diagnostics)
            reports.append(report)
            if format == .text {
                io.writeError(textRenderer.render([report]))
                if counts.errors == 0 && !quiet {
                    let warnings = counts.warnings > 0 ? " (\(plural(counts.warnings, "warning")))" : ""
                    let check = TerminalColor.isEnabled(for: io) ? "\u{1B}[1;32m✓\u{1B}[0m" : "✓"
                    io.writeError("\(check) \(TerminalText.escaped(name)) is valid\(warnings)\n")
                }
            }
        }

        switch format {
        case .text:
            if !total.isEmpty {
                io.writeError("\(total) in \(plural(filesWithProblems, "file"))\n")
            }
        case .json:
            io.writeOutput(JSONRenderer().render(reports))
        case .sarif:
            io.writeOutput(
                SARIFRenderer(
                    toolVersion: ASLMain.version, ruleSummaries: Self.ruleSummaries, sourceRoot: io.currentDirectory
                ).render(reports))
        case .github:
            io.writeOutput(GitHubRenderer().render(reports))
        }
        return exitCode
    }

    /// Each registered rule's summary, for SARIF's `shortDescription`.
    static var ruleSummaries: [RuleID: String] {
        Dictionary(RuleRegistry.all.map { ($0.id, $0.summary) }, uniquingKeysWith: { first, _ in first })
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
