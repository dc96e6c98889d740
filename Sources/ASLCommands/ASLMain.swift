import JSONCore
import StatesLanguage

/// The `asl` command line as a library, so tests run commands in-process with a fake
/// ``CommandIO``.
///
///     asl validate FILE... [--format text|json|sarif|github] [--strict] …
///     asl --help | asl help validate | asl validate --help | asl --version
public enum ASLMain {
    /// The version `asl --version` prints and SARIF logs carry.
    public static let version = "0.1.0"

    /// Runs one invocation. `arguments[0]` is the program name, as in `CommandLine.arguments`.
    /// - Returns: 0 success, 1 errors found, 2 usage or I/O problem, including output to standard
    ///   output or standard error that could not be written.
    public static func main(arguments: [String], io: CommandIO) async -> ExitCode {
        let code = await main(arguments: arguments, io: io) { source, options in
            DefinitionAnalyzer.analyze(source, options: options).diagnostics
        }
        guard io.writeFailed() else { return code }
        // Said on standard error, which may be the stream that failed.
        io.writeError("error: part of the output could not be written\n")
        return code.combined(with: .usage)
    }

    /// ``main(arguments:io:)`` with the analysis injected (tests).
    static func main(
        arguments: [String], io: CommandIO,
        analyze: @escaping @Sendable (SourceFile, AnalysisOptions) -> [Diagnostic]
    ) async -> ExitCode {
        let context = CommandContext(io: io, program: "asl", analyze: analyze)
        let rest = Array(arguments.dropFirst())
        guard let first = rest.first else {
            io.writeError(overview(program: context.program))
            return .usage
        }
        switch first {
        case "--help", "-h":
            io.writeOutput(overview(program: context.program))
            return .success
        case "--version":
            io.writeOutput("\(context.program) \(version)\n")
            return .success
        case "help":
            return help(topic: rest.dropFirst().first, context: context)
        default:
            break
        }
        guard let command = commands.first(where: { $0.spec.name == first }) else {
            return context.reportUsageError(unknownCommand(first), spec: nil, arguments: rest)
        }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(Array(rest.dropFirst()), as: command.spec)
        } catch {
            return context.reportUsageError(error, spec: command.spec, arguments: Array(rest.dropFirst()))
        }
        if parsed.wantsHelp {
            io.writeOutput(command.spec.help(program: context.program))
            return .success
        }
        return await command.run(parsed, in: context)
    }

    /// Every command, in the order help lists them.
    static var commands: [any ASLCommand.Type] {
        [
            ValidateCommand.self, RunCommand.self, EvalCommand.self, TestCommand.self, TestStateCommand.self,
            GraphCommand.self, ServeCommand.self, RulesCommand.self,
        ]
    }

    /// Names the user may type: the commands plus `help`.
    static var commandNames: [String] {
        commands.map { $0.spec.name } + ["help"]
    }

    private static func unknownCommand(_ name: String, at index: Int = 0) -> UsageError {
        if name.hasPrefix("-") {
            let suggestion = NameSuggestion.nearest(name, in: ["--help", "--version"])
            return .unknownOption(name, suggestion: suggestion, at: index)
        }
        // `asl machine.json`: a file where the command belongs.
        if name.hasSuffix(".json") || name.contains("/") {
            return UsageError("unknown command '\(name)' (did you mean 'asl validate \(name)'?)", at: index)
        }
        let suggestion = NameSuggestion.nearest(name, in: commandNames)
        return UsageError("unknown command '\(name)'" + NameSuggestion.didYouMean(suggestion), at: index)
    }

    private static func help(topic: String?, context: CommandContext) -> ExitCode {
        guard let topic else {
            context.io.writeOutput(overview(program: context.program))
            return .success
        }
        guard let command = commands.first(where: { $0.spec.name == topic }) else {
            return context.reportUsageError(
                unknownCommand(topic, at: 1), spec: nil, arguments: ["help", topic])
        }
        context.io.writeOutput(command.spec.help(program: context.program))
        return .success
    }

    static func overview(program: String) -> String {
        var rows = commands.map { ($0.spec.name, $0.spec.summary) }
        rows.append(("help", "Show help for a command."))
        return """
            OVERVIEW: A local toolkit for the Amazon States Language (AWS Step Functions).

            USAGE: \(program) <command> [options]

            COMMANDS:
            \(HelpTable.rows(rows))
            OPTIONS:
            \(HelpTable.rows([("-h, --help", "Show help information."), ("--version", "Show the version.")]))
            See '\(program) help <command>' for a command's options.

            """
    }
}
