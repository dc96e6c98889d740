public import JSONCore
import StatesLanguage
public import StatesRuntime

/// A handler given in the configuration itself: `{"command": [...]}` (a local program: the task
/// input as JSON on standard input, its JSON result on standard output), `{"returns": value}` or
/// `{"throws": {"error": …, "cause": …}}`.
public enum LocalHandler: Sendable, Hashable {
    case command(arguments: [String], environment: [String: String], workingDirectory: String)
    case returns(JSON)
    case fails(error: String, cause: String?)

    /// The handler this describes; a local program starts with `baseEnvironment` plus its own
    /// `environment`.
    public func makeHandler(baseEnvironment: [String: String] = [:]) -> any TaskHandler {
        switch self {
        case .command(let arguments, let environment, let workingDirectory):
            CommandTaskHandler(
                arguments, workingDirectory: workingDirectory,
                environment: baseEnvironment.merging(environment) { _, own in own })
        case .returns(let value):
            StaticTaskHandler(.returns(value))
        case .fails(let error, let cause):
            StaticTaskHandler(.fails(StatesError(StatesErrorName(error), cause)))
        }
    }
}
