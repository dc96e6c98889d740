/// What the layers above LocalAWS plug into a run configuration: Lambda function kinds (chosen
/// by a function's `"handler"`) and Glue engines (chosen by a Glue job's `"engine"`).
///
/// LocalAWS knows no pipeline: the clickstream simulator and its ETL transform are registered
/// here by `Clickstream`, and `asl run` hands the registry to both the parser and the services.
///
///     var plugins = LocalPlugins()
///     plugins.register(MyFunctionKind())      // "handler": "my-kind"
///     plugins.register(MyGlueEngine())        // "engine": "my-engine"
public struct LocalPlugins: Sendable {
    /// The registered function kinds, in registration order.
    public private(set) var functionKinds: [any LambdaFunctionKind] = []
    /// The registered Glue engines, in registration order.
    public private(set) var glueEngines: [any GlueEngine] = []

    public init() {}

    /// Adds a function kind, replacing one of the same name.
    public mutating func register(_ kind: any LambdaFunctionKind) {
        functionKinds.removeAll { $0.name == kind.name }
        functionKinds.append(kind)
    }

    /// Adds a Glue engine, replacing one of the same name.
    public mutating func register(_ engine: any GlueEngine) {
        glueEngines.removeAll { $0.name == engine.name }
        glueEngines.append(engine)
    }

    public func functionKind(_ name: String) -> (any LambdaFunctionKind)? {
        functionKinds.first { $0.name == name }
    }

    public func glueEngine(_ name: String) -> (any GlueEngine)? {
        glueEngines.first { $0.name == name }
    }
}
