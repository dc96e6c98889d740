/// Which query language a field belongs to.
enum FieldLanguage: Sendable {
    case both
    case jsonPath
    case jsonata

    func allows(_ language: QueryLanguage) -> Bool {
        switch self {
        case .both: true
        case .jsonPath: language == .jsonPath
        case .jsonata: language == .jsonata
        }
    }
}

/// The fields an object of one kind accepts, as data.
///
/// Source: the field matrix in the AWS developer guide pages per
/// state type, "Transforming data with JSONata", "Passing data between states with variables",
/// statelint's test cases); every generous choice is in SPEC-NOTES.md §2.
struct FieldSet: Sendable {
    let fields: [String: FieldLanguage]

    init(_ fields: [String: FieldLanguage]) { self.fields = fields }

    func merging(_ other: [String: FieldLanguage]) -> FieldSet {
        FieldSet(fields.merging(other) { _, new in new })
    }

    subscript(key: String) -> FieldLanguage? { fields[key] }

    /// The names usable in `language`, for did-you-mean.
    func names(in language: QueryLanguage) -> [String] {
        fields.filter { $0.value.allows(language) }.map(\.key).sorted()
    }
}

enum FieldCatalog {
    private static let common: [String: FieldLanguage] = [
        "Type": .both, "Comment": .both, "QueryLanguage": .both,
    ]
    private static let transition: [String: FieldLanguage] = ["Next": .both, "End": .both]
    private static let inputOutputPaths: [String: FieldLanguage] = ["InputPath": .jsonPath, "OutputPath": .jsonPath]
    private static let resultHandling: [String: FieldLanguage] = [
        "ResultSelector": .jsonPath, "ResultPath": .jsonPath,
    ]
    private static let errorHandling: [String: FieldLanguage] = ["Retry": .both, "Catch": .both]
    private static let output: [String: FieldLanguage] = ["Output": .jsonata]
    private static let assign: [String: FieldLanguage] = ["Assign": .both]

    static let pass = FieldSet(common).merging(transition).merging(inputOutputPaths).merging(output)
        .merging(assign).merging(["Parameters": .jsonPath, "ResultPath": .jsonPath, "Result": .jsonPath])

    static let task = FieldSet(common).merging(transition).merging(inputOutputPaths).merging(resultHandling)
        .merging(output).merging(assign).merging(errorHandling)
        .merging([
            "Resource": .both, "Parameters": .jsonPath, "Arguments": .jsonata,
            "TimeoutSeconds": .both, "TimeoutSecondsPath": .jsonPath,
            "HeartbeatSeconds": .both, "HeartbeatSecondsPath": .jsonPath, "Credentials": .both,
        ])

    static let choice = FieldSet(common).merging(inputOutputPaths).merging(output).merging(assign)
        .merging(["Choices": .both, "Default": .both])

    static let wait = FieldSet(common).merging(transition).merging(inputOutputPaths).merging(output)
        .merging(assign)
        .merging(["Seconds": .both, "Timestamp": .both, "SecondsPath": .jsonPath, "TimestampPath": .jsonPath])

    static let succeed = FieldSet(common).merging(inputOutputPaths).merging(output)

    static let fail = FieldSet(common).merging([
        "Error": .both, "ErrorPath": .jsonPath, "Cause": .both, "CausePath": .jsonPath,
    ])

    static let parallel = FieldSet(common).merging(transition).merging(inputOutputPaths).merging(resultHandling)
        .merging(output).merging(assign).merging(errorHandling)
        .merging(["Branches": .both, "Parameters": .jsonPath, "Arguments": .jsonata])

    static let map = FieldSet(common).merging(transition).merging(inputOutputPaths).merging(resultHandling)
        .merging(output).merging(assign).merging(errorHandling)
        .merging([
            "ItemProcessor": .both, "Iterator": .both, "ItemsPath": .jsonPath, "Items": .jsonata,
            "ItemSelector": .both, "Parameters": .jsonPath, "ItemReader": .both, "ItemBatcher": .both,
            "ResultWriter": .both, "MaxConcurrency": .both, "MaxConcurrencyPath": .jsonPath,
            "ToleratedFailurePercentage": .both, "ToleratedFailurePercentagePath": .jsonPath,
            "ToleratedFailureCount": .both, "ToleratedFailureCountPath": .jsonPath, "Label": .both,
        ])

    static func fields(for kind: StateKind) -> FieldSet {
        switch kind {
        case .pass: pass
        case .task: task
        case .choice: choice
        case .wait: wait
        case .succeed: succeed
        case .fail: fail
        case .parallel: parallel
        case .map: map
        }
    }

    /// Which input/output fields a state of `kind` written in `language` accepts (what
    /// ``DefinitionBuilder/inputOutput(_:)`` reads), looked up once per kind and language
    /// instead of hashing each field name for every state.
    static func inputOutputFields(for kind: StateKind, language: QueryLanguage) -> InputOutputFields {
        let kindIndex = StateKind.allCases.firstIndex(of: kind) ?? 0
        return inputOutputTable[kindIndex * 2 + (language == .jsonPath ? 0 : 1)]
    }

    private static let inputOutputTable: [InputOutputFields] = StateKind.allCases.flatMap { kind in
        [QueryLanguage.jsonPath, .jsonata].map { InputOutputFields(fields(for: kind), language: $0) }
    }

    /// Every field some state type accepts: a key in here that this type does not accept is
    /// ASL-E102 (not supported by this type) rather than ASL-E101 (unknown).
    static let allStateFields: Set<String> = {
        var names = Set<String>()
        for kind in StateKind.allCases { names.formUnion(fields(for: kind).fields.keys) }
        return names
    }()

    /// Top level. `QueryLanguage` is also accepted on branches and item processors (generous).
    static let topLevel = FieldSet([
        "StartAt": .both, "States": .both, "Comment": .both, "Version": .both, "TimeoutSeconds": .both,
        "QueryLanguage": .both,
    ])
    static let branch = FieldSet(["StartAt": .both, "States": .both, "Comment": .both, "QueryLanguage": .both])
    static let itemProcessor = branch.merging(["ProcessorConfig": .both])

    static let retrier = FieldSet([
        "ErrorEquals": .both, "IntervalSeconds": .both, "MaxAttempts": .both, "BackoffRate": .both,
        "MaxDelaySeconds": .both, "JitterStrategy": .both, "Comment": .both,
    ])
    static let catcher = FieldSet([
        "ErrorEquals": .both, "Next": .both, "ResultPath": .jsonPath, "Output": .jsonata, "Assign": .both,
        "Comment": .both,
    ])

    static let processorConfig = FieldSet(["Mode": .both, "ExecutionType": .both])
    static let itemReader = FieldSet([
        "Resource": .both, "Parameters": .jsonPath, "Arguments": .jsonata, "ReaderConfig": .both,
    ])
    static let readerConfig = FieldSet([
        "InputType": .both, "CSVHeaderLocation": .both, "CSVHeaders": .both, "CSVDelimiter": .both,
        "MaxItems": .both, "MaxItemsPath": .jsonPath, "ManifestType": .both, "ItemsPointer": .both,
    ])
    static let itemBatcher = FieldSet([
        "MaxItemsPerBatch": .both, "MaxItemsPerBatchPath": .jsonPath, "MaxInputBytesPerBatch": .both,
        "MaxInputBytesPerBatchPath": .jsonPath, "BatchInput": .both,
    ])
    static let resultWriter = FieldSet([
        "Resource": .both, "Parameters": .jsonPath, "Arguments": .jsonata, "WriterConfig": .both,
    ])
    static let writerConfig = FieldSet(["OutputType": .both, "Transformation": .both])
    static let credentials = FieldSet(["RoleArn": .both, "RoleArn.$": .jsonPath])
}

/// The input/output fields one kind of state accepts in one query language.
struct InputOutputFields: Sendable {
    var inputPath: Bool
    var outputPath: Bool
    var resultPath: Bool
    var resultSelector: Bool
    var parameters: Bool
    var arguments: Bool
    var output: Bool

    init(_ fields: FieldSet, language: QueryLanguage) {
        func has(_ key: String) -> Bool { fields[key]?.allows(language) ?? false }
        inputPath = has("InputPath")
        outputPath = has("OutputPath")
        resultPath = has("ResultPath")
        resultSelector = has("ResultSelector")
        parameters = has("Parameters")
        arguments = has("Arguments")
        output = has("Output")
    }
}
