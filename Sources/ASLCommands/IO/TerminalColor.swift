/// Whether diagnostics on standard error get ANSI colour: only when it is a terminal and the
/// user has not opted out with a non-empty `NO_COLOR` (https://no-color.org) or `TERM=dumb`.
enum TerminalColor {
    static func isEnabled(for io: CommandIO) -> Bool {
        guard io.stderrIsTerminal else { return false }
        if let noColor = io.environment["NO_COLOR"], !noColor.isEmpty { return false }
        return io.environment["TERM"] != "dumb"
    }
}
