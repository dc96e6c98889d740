import JSONCore

/// One invocation of `asl`: a definition, an input and the arguments, with placeholders for the
/// files the runner writes into a fresh temporary folder.
///
/// `arguments` never holds a real path, so a case saved on one machine replays on another:
///
///     ["run", "{definition}", "--input-file", "{input}", "--clock", "virtual", "--data-dir", "{dataDir}"]
///
/// `{inputText}` stands for the input's text itself (for `--input`), `{history}` for a file in the
/// temporary folder.
public struct FuzzCase: Sendable, Hashable {
    public var definition: [UInt8]
    public var input: [UInt8]
    public var arguments: [String]

    public init(definition: [UInt8], input: [UInt8], arguments: [String]) {
        self.definition = definition
        self.input = input
        self.arguments = arguments
    }

    public static let definitionPlaceholder = "{definition}"
    public static let inputPlaceholder = "{input}"
    public static let inputTextPlaceholder = "{inputText}"
    public static let dataDirectoryPlaceholder = "{dataDir}"
    public static let historyPlaceholder = "{history}"

    /// The command (`run`, `validate`), or an empty string.
    public var command: String { arguments.first ?? "" }

    /// Whether the case runs with AWS's quotas lifted (`--no-quotas`), so that its work has no
    /// bound but the one-year deadline (a long run is then expected, not a hang).
    public var liftsQuotas: Bool { arguments.contains("--no-quotas") }

    /// The arguments with each placeholder replaced by a path inside `folder`.
    public func resolvedArguments(in folder: String) -> [String] {
        arguments.map { argument in
            switch argument {
            case Self.definitionPlaceholder: folder + "/definition.json"
            case Self.inputPlaceholder: folder + "/input.json"
            case Self.dataDirectoryPlaceholder: folder + "/data"
            case Self.historyPlaceholder: folder + "/history.json"
            case Self.inputTextPlaceholder: String(decoding: input, as: UTF8.self)
            default: argument
            }
        }
    }

    /// A short stable name for the case: FNV-1a (64-bit) over its three parts, as 12 hex digits.
    public var shortHash: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        mix(definition)
        mix([0])
        mix(input)
        for argument in arguments {
            mix([0])
            mix(argument.utf8)
        }
        let hex = String(hash, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return String(padded.prefix(12))
    }

    /// `args.json`: the arguments as a JSON array of strings.
    public var argumentsJSON: [UInt8] {
        JSONWriter.prettyBytes(.array(arguments.map { .string($0) })) + [0x0A]
    }
}
