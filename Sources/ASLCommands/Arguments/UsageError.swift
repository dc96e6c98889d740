import StatesLanguage

/// A command line the parser rejected, with the position of the offending argument.
///
/// Printed as `error: <message>`, then the command's usage line and a pointer to `--help`; the
/// command exits with ``ExitCode/usage``.
struct UsageError: Error, Sendable, Hashable {
    var message: String
    /// Index of the offending argument within the arguments given to the command, when one is to blame.
    var argumentIndex: Int?

    init(_ message: String, at argumentIndex: Int? = nil) {
        self.message = message
        self.argumentIndex = argumentIndex
    }

    static func unknownOption(_ option: String, suggestion: String?, at index: Int) -> UsageError {
        UsageError("unknown option '\(option)'" + NameSuggestion.didYouMean(suggestion), at: index)
    }

    static func missingValue(_ option: OptionSpec, at index: Int) -> UsageError {
        var valueName = "a value"
        if case .value(let name, let choices) = option.kind {
            valueName = choices.isEmpty ? name : choices.joined(separator: ", ")
        }
        return UsageError("option '\(option.longForm)' needs a value (\(valueName))", at: index)
    }

    static func unexpectedValue(_ option: OptionSpec, at index: Int) -> UsageError {
        UsageError("option '\(option.longForm)' does not take a value", at: index)
    }

    static func invalidValue(_ value: String, for option: OptionSpec, choices: [String], at index: Int) -> UsageError {
        let suggestion = NameSuggestion.nearest(value, in: choices)
        return UsageError(
            "invalid value '\(value)' for '\(option.longForm)'" + NameSuggestion.didYouMean(suggestion)
                + "; expected one of: \(choices.joined(separator: ", "))",
            at: index
        )
    }

    static func missingPositional(_ positional: PositionalSpec) -> UsageError {
        UsageError("missing argument '\(positional.name)'")
    }

    static func unexpectedArgument(_ argument: String, at index: Int) -> UsageError {
        UsageError("unexpected argument '\(argument)'", at: index)
    }
}
