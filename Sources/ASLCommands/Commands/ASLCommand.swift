import JSONCore
import StatesLanguage

/// What a command gets besides its arguments: the process (``CommandIO``), the program name for
/// messages, and the analysis to run, injectable so tests can stand in their own.
struct CommandContext: Sendable {
    var io: CommandIO
    var program: String
    var analyze: @Sendable (SourceFile, AnalysisOptions) -> [Diagnostic]
}

/// One `asl` subcommand: a declarative spec (options, positionals, help) and a body.
protocol ASLCommand {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode
}

extension CommandContext {
    /// Writes `error: <message>` and a newline to standard error, `error:` in bold red when
    /// standard error is a colour terminal.
    func writeErrorMessage(_ message: String) {
        let prefix = TerminalColor.isEnabled(for: io) ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        io.writeError("\(prefix) \(message)\n")
    }

    /// Prints `error: …`, the usage line and a pointer to `--help`; returns ``ExitCode/usage``.
    func reportUsageError(_ error: UsageError, spec: CommandSpec?) -> ExitCode {
        writeErrorMessage(error.message)
        var text = ""
        if let spec {
            text += "usage: \(spec.usage(program: program))\n"
            text += "See '\(program) \(spec.name) --help' for more information.\n"
        } else {
            text += "usage: \(program) <command> [options]\n"
            text += "See '\(program) --help' for more information.\n"
        }
        io.writeError(text)
        return .usage
    }
}
