import StatesLanguage

/// `asl run`'s command line as typed values, checked once before anything is read or run.
struct RunOptions: Sendable, Hashable {
    enum Format: String, CaseIterable, Sendable {
        case text
        case json
    }

    enum Clock: String, CaseIterable, Sendable {
        case virtual
        case real
    }

    /// Where the execution input comes from.
    enum InputSource: Sendable, Hashable {
        /// `--input JSON`.
        case text(String)
        /// `--input-file FILE` (`-` for standard input).
        case file(String)
        /// Standard input when it is not a terminal and not the definition's; `{}` otherwise.
        case standardInputOrEmpty
    }

    /// The definition's path, `-` for standard input.
    var definitionPath: String
    var input: InputSource = .standardInputOrEmpty
    var configurationPath: String?
    var clock: Clock = .virtual
    var historyPath: String?
    var format: Format = .text
    var dataDirectory: String?
    /// `--seed`; `nil` takes the configuration's (or 0).
    var seed: UInt64?
    var executionName: String?
    var liftsQuotas = false
    var substitutionsPath: String?

    /// The definition's name in messages.
    var definitionName: String { definitionPath == "-" ? "<stdin>" : definitionPath }

    /// Reads the parsed arguments; every problem is a usage error naming its option.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let path = arguments.positionals.first else { throw UsageError("missing argument 'DEFINITION'") }
        definitionPath = path
        switch (arguments.value("input"), arguments.value("input-file")) {
        case (.some, .some):
            throw UsageError("--input and --input-file cannot be used together")
        case (.some(let text), nil):
            // An empty `--input` is almost always an unset shell variable: say so rather than run on `{}`.
            guard text.contains(where: { !$0.isWhitespace }) else {
                throw UsageError("option '--input' is empty; give JSON text (for an empty input, --input '{}')")
            }
            input = .text(text)
        case (nil, .some(let file)):
            guard !file.isEmpty else { throw UsageError("option '--input-file' is empty; give a file path") }
            input = .file(file)
        case (nil, nil):
            input = .standardInputOrEmpty
        }
        configurationPath = try Self.nonEmpty(arguments, "config")
        clock = arguments.value("clock").flatMap(Clock.init(rawValue:)) ?? .virtual
        historyPath = try Self.nonEmpty(arguments, "history")
        format = arguments.value("format").flatMap(Format.init(rawValue:)) ?? .text
        dataDirectory = try Self.nonEmpty(arguments, "data-dir")
        if let text = arguments.value("seed") {
            seed = try Self.seed(text)
        }
        if let name = arguments.value("name") { executionName = try Self.executionName(name) }
        liftsQuotas = arguments.flag("no-quotas")
        substitutionsPath = try Self.nonEmpty(arguments, "substitutions")
        let stdinReads = [definitionPath, substitutionsPath, input == .file("-") ? "-" : nil].filter { $0 == "-" }
        if stdinReads.count > 1 {
            throw UsageError("standard input ('-') can be read only once")
        }
    }

    /// `--name NAME`: a name StartExecution accepts (API reference, StartExecution `name`): 1 to 80
    /// characters, no white space, brackets `< > { } [ ]`, wildcards `? *`, special characters
    /// `" # % \ ^ | ~ ` $ & , ; : /` or control characters (U+0000–001F, U+007F–009F).
    static func executionName(_ name: String) throws(UsageError) -> String {
        let forbidden = Set("<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars)
        let problem: String? =
            if name.isEmpty {
                "it is empty"
            } else if name.count > 80 {
                "it is \(name.count) characters long (at most 80)"
            } else if let bad = name.unicodeScalars.first(where: {
                forbidden.contains($0) || $0.properties.isWhitespace || $0.value < 0x20
                    || (0x7F...0x9F).contains($0.value)
            }) {
                "it contains '\(TerminalText.escaped(String(Character(bad))))'"
            } else {
                nil
            }
        guard let problem else { return name }
        throw UsageError(
            "invalid value '\(TerminalText.name(name))' for '--name': \(problem); StartExecution would refuse it "
                + "(InvalidName)")
    }

    /// `--seed N`: an unsigned 64-bit integer.
    static func seed(_ text: String) throws(UsageError) -> UInt64 {
        if let seed = UInt64(text) { return seed }
        let problem =
            if text.hasPrefix("-"), Int64(text) != nil || text.dropFirst().allSatisfy(\.isNumber) {
                "is negative"
            } else if !text.isEmpty, text.allSatisfy(\.isNumber) {
                "is larger than \(UInt64.max)"
            } else {
                "is not a whole number"
            }
        throw UsageError(
            "invalid value '\(TerminalText.name(text))' for '--seed': it \(problem); use an integer from 0 to \(UInt64.max)"
        )
    }

    private static func nonEmpty(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> String? {
        guard let value = arguments.value(name) else { return nil }
        guard !value.isEmpty else { throw UsageError("option '--\(name)' is empty; give a path") }
        return value
    }
}
