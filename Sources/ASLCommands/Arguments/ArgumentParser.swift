import StatesLanguage

/// What the parser found: which flags were set, each option's value, and the positionals in order.
struct ParsedArguments: Sendable, Hashable {
    var flags: Set<String> = []
    var values: [String: String] = [:]
    var positionals: [String] = []
    /// `--help` or `-h` appeared before any `--`.
    var wantsHelp = false

    func flag(_ name: String) -> Bool { flags.contains(name) }
    func value(_ name: String) -> String? { values[name] }
}

/// Parses a command's arguments (everything after the command name) against its ``CommandSpec``.
///
/// Accepted forms: `--flag`, `--option value`, `--option=value`, `-x` for an option with a short
/// alias, positionals anywhere, `-` as a positional (standard input), and `--` after which every
/// argument is positional. A repeated option keeps its last value. `--help`/`-h` anywhere before
/// `--` asks for help and skips every other check.
enum ArgumentParser {
    static func parse(_ arguments: [String], as spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        if let terminator = arguments.firstIndex(of: "--") {
            parsed.wantsHelp = arguments[..<terminator].contains { $0 == "--help" || $0 == "-h" }
        } else {
            parsed.wantsHelp = arguments.contains { $0 == "--help" || $0 == "-h" }
        }
        if parsed.wantsHelp { return parsed }

        var positionalIndices: [Int] = []
        var index = 0
        var terminated = false
        while index < arguments.count {
            let argument = arguments[index]
            defer { index += 1 }
            if terminated || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                positionalIndices.append(index)
                continue
            }
            if argument == "--" {
                terminated = true
                continue
            }
            let (option, inlineValue) = try lookUp(argument, at: index, in: spec)
            switch option.kind {
            case .flag:
                if inlineValue != nil { throw .unexpectedValue(option, at: index) }
                parsed.flags.insert(option.name)
            case .value(_, let choices):
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if index + 1 < arguments.count, Self.canBeValue(arguments[index + 1]) {
                    index += 1
                    value = arguments[index]
                } else {
                    throw .missingValue(option, at: index)
                }
                if !choices.isEmpty, !choices.contains(value) {
                    throw .invalidValue(value, for: option, choices: choices, at: index)
                }
                parsed.values[option.name] = value
            }
        }

        if let positionals = spec.positionals {
            if parsed.positionals.count < positionals.minimum { throw .missingPositional(positionals) }
            if let maximum = positionals.maximum, parsed.positionals.count > maximum {
                throw .unexpectedArgument(parsed.positionals[maximum], at: positionalIndices[maximum])
            }
        } else if let first = parsed.positionals.first {
            throw .unexpectedArgument(first, at: positionalIndices[0])
        }
        return parsed
    }

    /// The option an argument names and its `=value`, if any.
    private static func lookUp(_ argument: String, at index: Int, in spec: CommandSpec) throws(UsageError)
        -> (OptionSpec, String?)
    {
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let option = spec.option(named: name) else {
                let names = spec.options.map(\.name) + ["help"]
                let suggestion = NameSuggestion.nearest(name, in: names).map { "--\($0)" }
                throw .unknownOption("--\(name)", suggestion: suggestion, at: index)
            }
            return (option, inlineValue)
        }
        let body = argument.dropFirst()
        if body.count == 1, let letter = body.first, let option = spec.option(short: letter) {
            return (option, nil)
        }
        // `-format` for `--format` is a common slip; suggest the long form.
        let longNames = spec.options.map(\.name)
        let suggestion =
            longNames.contains(String(body))
            ? "--\(body)" : NameSuggestion.nearest(String(body), in: longNames).map { "--\($0)" }
        throw .unknownOption(argument, suggestion: suggestion, at: index)
    }

    /// Whether the argument after an option can be its value: anything but another option
    /// (`-` alone, standard input, is a value, and so is a negative number such as `-1`, which
    /// no option's name looks like, so the command can say what is wrong with it).
    private static func canBeValue(_ argument: String) -> Bool {
        if argument == "-" || !argument.hasPrefix("-") { return true }
        let rest = argument.dropFirst()
        return rest.first?.isASCII == true && rest.first?.isNumber == true
    }
}
