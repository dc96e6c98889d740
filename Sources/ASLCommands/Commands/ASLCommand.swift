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
    /// standard error is a colour terminal. The message's control characters (from a path, a
    /// name, a cause) are shown escaped (``TerminalText``), so it stays one line.
    func writeErrorMessage(_ message: String) {
        let prefix = TerminalColor.isEnabled(for: io) ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        io.writeError("\(prefix) \(TerminalText.message(message))\n")
    }

    /// Prints `error: …`, the command line with the offending argument underlined (when the
    /// error names one), the usage line and a pointer to `--help`; returns ``ExitCode/usage``.
    ///
    ///     error: unknown option '--formt' (did you mean '--format'?)
    ///       asl validate x.json --formt json
    ///                           ^~~~~~~
    ///     usage: asl validate FILE... [--format text|json|sarif|github] …
    ///     See 'asl validate --help' for more information.
    ///
    /// - Parameter arguments: The arguments `error.argumentIndex` counts in: those after the
    ///   command name, or after the program name when `spec` is `nil`.
    func reportUsageError(_ error: UsageError, spec: CommandSpec?, arguments: [String] = []) -> ExitCode {
        writeErrorMessage(error.message)
        var text = ""
        if let index = error.argumentIndex, arguments.indices.contains(index) {
            text += Self.pointer(at: index, in: arguments, prefix: [program] + (spec.map { [$0.name] } ?? []))
        }
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

    /// Two lines: the command line as typed (arguments with spaces or quotes shell-quoted) and
    /// `^~~~` under `arguments[index]`.
    static func pointer(at index: Int, in arguments: [String], prefix: [String]) -> String {
        let shown = arguments.map { TerminalText.escaped(shellQuoted($0)) }
        let before = (prefix + shown[..<index]).joined(separator: " ")
        let line = (prefix + shown).joined(separator: " ")
        let width = max(1, shown[index].count)
        return "  \(line)\n  " + String(repeating: " ", count: before.count + 1) + "^"
            + String(repeating: "~", count: width - 1) + "\n"
    }

    static func shellQuoted(_ argument: String) -> String {
        let plain =
            !argument.isEmpty
            && argument.unicodeScalars.allSatisfy { !" \t\n'\"\\$`".unicodeScalars.contains($0) }
        if plain { return argument }
        var quoted = "'"
        for character in argument {
            quoted += character == "'" ? #"'\''"# : String(character)
        }
        return quoted + "'"
    }
}
