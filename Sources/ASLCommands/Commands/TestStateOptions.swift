import JSONCore
import StatesLanguage
import StatesRuntime

/// `asl test-state`'s arguments, checked: which state, its input, the mock, the variables, the
/// context and the state configuration, each JSON value parsed (SPEC-NOTES.md §15.1).
struct TestStateOptions: Sendable {
    var definitionPath: String
    /// `--state`; `nil` for a definition that is one state (``LoneStateDefinition``).
    var stateName: String?
    var input: JSON = .object(JSONObject())
    /// `--input-file`: read by the command ('-' is standard input).
    var inputFile: String?
    var inspectionLevel: InspectionLevel = .info
    var mock: TestStateMock?
    var variables = JSONObject()
    var context: JSON?
    var configuration = TestStateConfiguration()
    var configurationPath: String?
    var seed: UInt64 = 0

    var definitionName: String { definitionPath == "-" ? "<stdin>" : definitionPath }

    /// The members `--state-configuration` may hold (API reference, `TestStateConfiguration`).
    static let configurationKeys = [
        "retrierRetryCount", "errorCausedByState", "mapIterationFailureCount", "mapItemReaderData",
    ]

    /// A problem with the arguments: a usage error, or a request AWS's TestState would refuse
    /// before reading the definition (its exception name and message).
    enum Problem: Error {
        case usage(UsageError)
        case rejected(TestStateRejection)
    }

    init(_ arguments: ParsedArguments) throws(Problem) {
        guard let path = arguments.positionals.first else { throw .usage(UsageError("missing argument 'DEFINITION'")) }
        definitionPath = path
        if let state = arguments.value("state") {
            guard !state.isEmpty else { throw .usage(UsageError("option '--state' is empty; give a state's name")) }
            stateName = state
        }
        if let text = arguments.value("input") { input = try Self.parse(text, option: "input") }
        if let file = arguments.value("input-file") {
            guard arguments.value("input") == nil else {
                throw .usage(UsageError("--input and --input-file cannot be used together"))
            }
            guard !file.isEmpty else { throw .usage(UsageError("option '--input-file' is empty; give a file path")) }
            guard !(file == "-" && path == "-") else {
                throw .usage(UsageError("standard input ('-') can be read only once"))
            }
            inputFile = file
        }
        if let level = arguments.value("inspection-level") {
            inspectionLevel = InspectionLevel(rawValue: level) ?? .info
        }
        mock = try Self.mock(arguments)
        if let text = arguments.value("variables") {
            guard case .object(let object) = try Self.parse(text, option: "variables") else {
                throw .usage(UsageError("option '--variables' must be a JSON object of variables ({\"x\": 1})"))
            }
            variables = object
        }
        if let text = arguments.value("context") { context = try Self.parse(text, option: "context") }
        if let text = arguments.value("state-configuration") {
            configuration = try Self.configuration(try Self.parse(text, option: "state-configuration"))
        }
        if let text = arguments.value("retry-count") {
            guard let count = Int(text), count >= 0 else {
                throw .usage(UsageError("invalid value '\(text)' for '--retry-count': give a whole number ≥ 0"))
            }
            if let given = configuration.retrierRetryCount, given != count {
                throw .usage(
                    UsageError("--retry-count \(count) and --state-configuration's retrierRetryCount \(given) disagree")
                )
            }
            configuration.retrierRetryCount = count
        }
        configurationPath = arguments.value("config")
        if let text = arguments.value("seed") {
            do {
                seed = try RunOptions.seed(text)
            } catch {
                throw .usage(error)
            }
        }
    }

    /// `--mock-result JSON` or `--mock-error NAME [--mock-cause TEXT]`, and
    /// `--field-validation-mode`.
    private static func mock(_ arguments: ParsedArguments) throws(Problem) -> TestStateMock? {
        let result = arguments.value("mock-result")
        let error = arguments.value("mock-error")
        let cause = arguments.value("mock-cause")
        if result != nil, error != nil {
            // AWS's message for a mock with both fields (observed).
            throw .rejected(
                TestStateRejection(
                    .validationException,
                    "A test mock should have only one of the following fields: [result, errorOutput].",
                    hint: "give --mock-result or --mock-error, not both"))
        }
        if cause != nil, error == nil {
            throw .usage(UsageError("--mock-cause needs --mock-error NAME: the error the cause belongs to"))
        }
        let mode = arguments.value("field-validation-mode").flatMap(MockFieldValidationMode.init(rawValue:))
        if let result {
            let value: JSON
            do {
                value = try JSONReader.read(Array(result.utf8), options: .init(duplicateKeys: .keepLast)).value
            } catch {
                throw .rejected(
                    TestStateRejection(
                        .validationException, "Mocked result must be valid JSON",
                        hint: "--mock-result: \(error.message) at character \(error.offset + 1)"))
            }
            return TestStateMock(.result(value), fieldValidationMode: mode ?? .strict)
        }
        if let error {
            return TestStateMock(.error(name: error, cause: cause), fieldValidationMode: mode ?? .strict)
        }
        if mode != nil {
            throw .usage(UsageError("--field-validation-mode applies to a mock: give --mock-result JSON too"))
        }
        return nil
    }

    private static func configuration(_ value: JSON) throws(Problem) -> TestStateConfiguration {
        guard case .object(let object) = value else {
            throw .usage(UsageError("option '--state-configuration' must be a JSON object"))
        }
        var configuration = TestStateConfiguration()
        for (key, member) in object {
            switch key {
            case "retrierRetryCount":
                configuration.retrierRetryCount = try count(member, key)
            case "mapIterationFailureCount":
                configuration.mapIterationFailureCount = try count(member, key)
            case "errorCausedByState":
                guard case .string(let name) = member, (1...80).contains(name.count) else {
                    throw .usage(UsageError("--state-configuration: errorCausedByState must be a state's name"))
                }
                configuration.errorCausedByState = name
            case "mapItemReaderData":
                guard case .string(let text) = member else {
                    throw .usage(
                        UsageError("--state-configuration: mapItemReaderData must be a string (the data as read)"))
                }
                configuration.mapItemReaderData = text
            default:
                let suggestion = NameSuggestion.nearest(key, in: configurationKeys)
                throw .usage(
                    UsageError(
                        "--state-configuration: unknown member '\(key)'" + NameSuggestion.didYouMean(suggestion)
                            + "; expected one of: \(configurationKeys.joined(separator: ", "))"))
            }
        }
        return configuration
    }

    private static func count(_ value: JSON, _ key: String) throws(Problem) -> Int {
        guard let number = value.numberValue?.integralValue, number >= 0, number <= Int64(Int32.max) else {
            throw .usage(UsageError("--state-configuration: \(key) must be a whole number ≥ 0"))
        }
        return Int(number)
    }

    private static func parse(_ text: String, option: String) throws(Problem) -> JSON {
        do {
            return try parse(Array(text.utf8))
        } catch {
            throw .usage(UsageError("the value of '--\(option)' is not valid JSON: \(error)"))
        }
    }

    /// JSON text; an error says what is wrong and at which line:column.
    static func parse(_ bytes: [UInt8]) throws(JSONParseProblem) -> JSON {
        do {
            return try JSONReader.read(bytes, options: .init(duplicateKeys: .keepLast)).value
        } catch {
            let location = SourceLineTable(bytes).location(ofOffset: error.offset)
            throw JSONParseProblem(text: "\(error.message) (at \(location.line):\(location.column))")
        }
    }

    struct JSONParseProblem: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }
}
