public import JSONCore
public import StatesRuntime

/// A kind of local Lambda function a layer above LocalAWS provides, chosen in the configuration
/// by `"handler": "<name>"` (`functions.<function>`), e.g. the clickstream simulator.
///
/// The kind reads its own fields when the configuration is parsed (so a misspelt field gets a
/// located "did you mean" before anything runs), and makes the function's handler when the
/// services open.
public protocol LambdaFunctionKind: Sendable {
    /// The `"handler"` value that selects this kind.
    var name: String { get }
    /// The fields a function of this kind may have besides `"handler"`.
    var fields: [String] { get }
    /// Reads and checks the fields; what it returns is kept as
    /// ``RegisteredFunctionConfig/settings`` and handed back to ``makeHandler(for:services:)``.
    func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON
    /// The handler that serves the function.
    func makeHandler(for function: RegisteredFunctionConfig, services: LocalServices) throws(LocalServicesError)
        -> any TaskHandler
}
