/// One option a command accepts: a flag (`--strict`) or an option taking a value
/// (`--format json`, `--format=json`), optionally restricted to a set of choices.
struct OptionSpec: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case flag
        /// `valueName` is what help shows (`FILE`); `choices`, when not empty, are the only
        /// accepted values.
        case value(valueName: String, choices: [String])
    }

    /// The long name without dashes: `format` for `--format`.
    var name: String
    /// A one-letter alias used as `-q`.
    var short: Character?
    var kind: Kind
    var help: String

    static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, kind: .flag, help: help)
    }

    static func value(
        _ name: String, short: Character? = nil, valueName: String, choices: [String] = [], help: String
    ) -> OptionSpec {
        OptionSpec(name: name, short: short, kind: .value(valueName: valueName, choices: choices), help: help)
    }

    var longForm: String { "--\(name)" }

    /// `--format text|json` or `--strict`, as the usage line shows it.
    var usage: String {
        switch kind {
        case .flag: longForm
        case .value(let valueName, let choices):
            "\(longForm) \(choices.isEmpty ? valueName : choices.joined(separator: "|"))"
        }
    }

    /// `-q, --quiet` or `--format <format>`, as the help's left column shows it.
    var helpLabel: String {
        var label = short.map { "-\($0), " } ?? ""
        label += longForm
        if case .value(let valueName, _) = kind { label += " <\(valueName.lowercased())>" }
        return label
    }
}

/// The positional arguments a command accepts, e.g. `FILE...` (one or more).
struct PositionalSpec: Sendable, Hashable {
    var name: String
    var help: String
    var minimum: Int
    /// `nil` for no upper bound.
    var maximum: Int?

    var usage: String {
        let variadic = maximum.map { $0 > 1 } ?? true
        let base = variadic ? "\(name)..." : name
        return minimum == 0 ? "[\(base)]" : base
    }
}

/// A command's name, what it does and what it accepts; help and usage text are generated from it.
struct CommandSpec: Sendable {
    var name: String
    var summary: String
    var discussion: String?
    var positionals: PositionalSpec?
    var options: [OptionSpec]

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
    func option(short: Character) -> OptionSpec? { options.first { $0.short == short } }

    /// `asl validate FILE... [--format text|json|sarif|github] [--strict]`.
    func usage(program: String) -> String {
        var parts = [program, name]
        if let positionals { parts.append(positionals.usage) }
        for option in options { parts.append("[\(option.usage)]") }
        return parts.joined(separator: " ")
    }

    /// The full `--help` text.
    func help(program: String) -> String {
        var text = "OVERVIEW: \(summary)\n\n"
        if let discussion { text += discussion + "\n\n" }
        text += "USAGE: \(usage(program: program))\n"
        if let positionals {
            text += "\nARGUMENTS:\n" + HelpTable.rows([(positionals.usage, positionals.help)])
        }
        var rows = options.map { ($0.helpLabel, $0.help) }
        rows.append(("-h, --help", "Show help information."))
        text += "\nOPTIONS:\n" + HelpTable.rows(rows)
        return text
    }
}

/// Two-column help text: labels padded to a common width, descriptions after.
enum HelpTable {
    static func rows(_ rows: [(String, String)]) -> String {
        let width = min(28, (rows.map { $0.0.count }.max() ?? 0) + 2)
        var text = ""
        for (label, description) in rows {
            if label.count + 2 > width {
                text += "  \(label)\n" + String(repeating: " ", count: width + 2) + description + "\n"
            } else {
                text += "  " + label + String(repeating: " ", count: width - label.count) + description + "\n"
            }
        }
        return text
    }
}
