public import Foundation
public import JSONCore
import StatesLanguage
import StatesRuntime

/// The run configuration of every `asl run`: the local services a state machine runs against,
/// read from `asl.config.json` beside the definition (every field is documented in
/// `Examples/clickstream/CONFIG.md`).
///
///     var plugins = LocalPlugins()             // function kinds and Glue engines from above
///     let config = try RunConfiguration.load(from: URL(filePath: "asl.config.json"), plugins: plugins)
///     config.functions.map(\.name)
///
/// Parsing rejects unknown fields with a "did you mean", and every error names the file,
/// line:column and the JSON Pointer of the value (``RunConfigurationError``). What is specific to
/// one pipeline (a function's `"handler"` kind, a Glue job's `"engine"`) plugs in through
/// ``LocalPlugins``.
public struct RunConfiguration: Sendable, Hashable {
    /// Where the local services keep their data; relative paths are resolved by the caller
    /// (the CLI: against the current directory).
    public var dataDirectory: String = ".asl-data"
    /// The seed of every simulated random value; `nil` leaves it to the caller.
    public var seed: UInt64?
    public var region: String = "us-east-1"
    public var account: String = "123456789012"
    public var streams: [StreamConfig] = []
    public var functions: [FunctionConfig] = []
    public var glueJobs: [GlueJobConfig] = []
    public var athena = AthenaConfig()
    public var topics: [SNSTopic] = []
    /// `stateMachineName`: the name in `$$.StateMachine.Name` and in ARNs (default: the
    /// definition's file name).
    public var stateMachineName: String?
    /// `resources`: handlers for exact Task `Resource` texts (activities, other ARNs).
    public var resources: [ResourceHandlerConfig] = []
    /// `services`: handlers for `arn:aws:states:::service:action` integrations, keyed
    /// `"service:action"`.
    public var services: [ServiceHandlerConfig] = []

    public init() {}

    /// The data directory as a URL, relative paths taken from `base`.
    public func resolvedDataDirectory(relativeTo base: URL) -> URL {
        dataDirectory.hasPrefix("/") ? URL(filePath: dataDirectory) : base.appending(path: dataDirectory)
    }

    /// Whether any shipped service keeps data (a stream, the simulator or ingest function, a Glue
    /// job, Athena setup, an SNS topic): a configuration of local handlers only has nothing to
    /// summarise.
    public var hasDataServices: Bool {
        !streams.isEmpty || !glueJobs.isEmpty || !topics.isEmpty || !athena.setup.isEmpty
            || functions.contains {
                if case .local = $0 { return false }
                return true
            }
    }

    /// The stream named `name`.
    public func stream(_ name: String) -> StreamConfig? { streams.first { $0.name == name } }

    /// The Glue job named `name`.
    public func glueJob(_ name: String) -> GlueJobConfig? { glueJobs.first { $0.name == name } }
}

/// A Kinesis data stream (`streams.<name>`).
public struct StreamConfig: Sendable, Hashable {
    public var name: String
    /// 1 ... ``LocalStream/maximumShardCount``; default 1.
    public var shards: Int = 1

    public init(name: String, shards: Int = 1) {
        self.name = name
        self.shards = shards
    }
}

/// A Lambda function served locally (`functions.<name>`).
public enum FunctionConfig: Sendable, Hashable {
    /// `"handler": "ingest"`, LocalAWS's own kind: a stream's event source.
    case ingest(IngestFunctionConfig)
    /// `"handler": "<kind>"` for a kind registered in ``LocalPlugins`` (e.g. `simulator`).
    case registered(RegisteredFunctionConfig)
    /// A function served by a local program or a fixed answer.
    case local(name: String, handler: LocalHandler)

    public var name: String {
        switch self {
        case .ingest(let config): config.name
        case .registered(let config): config.name
        case .local(let name, _): name
        }
    }
}

/// A function whose `"handler"` names a kind registered in ``LocalPlugins``.
public struct RegisteredFunctionConfig: Sendable, Hashable {
    public var name: String
    /// The `"handler"` value: the registered ``LambdaFunctionKind``'s name.
    public var kind: String
    /// The kind's own fields as its parser returned them (defaults filled in).
    public var settings: JSON

    public init(name: String, kind: String, settings: JSON) {
        self.name = name
        self.kind = kind
        self.settings = settings
    }
}

/// `resources.<resource>`: a handler for one exact Task `Resource`.
public struct ResourceHandlerConfig: Sendable, Hashable {
    public var resource: String
    public var handler: LocalHandler
}

/// `services."<service>:<action>"`: a handler for an `arn:aws:states:::service:action` integration.
public struct ServiceHandlerConfig: Sendable, Hashable {
    public var service: String
    public var action: String
    public var handler: LocalHandler
}

/// `"handler": "ingest"`: triggered by a stream (an event source mapping), writes each record to
/// the raw bucket.
public struct IngestFunctionConfig: Sendable, Hashable {
    public var name: String
    public var stream: String
    /// Records per invocation (Lambda's `BatchSize`, 1 ... 10000); default 100.
    public var batchSize: Int = 100
    public var startingPosition: StartingPosition = .trimHorizon
    /// The bucket the records go to; default `clickstream-raw`.
    public var rawBucket: String = "clickstream-raw"

    public init(
        name: String, stream: String, batchSize: Int = 100, startingPosition: StartingPosition = .trimHorizon,
        rawBucket: String = "clickstream-raw"
    ) {
        self.name = name
        self.stream = stream
        self.batchSize = batchSize
        self.startingPosition = startingPosition
        self.rawBucket = rawBucket
    }
}

/// A Glue job (`glueJobs.<name>`), run by `arn:aws:states:::glue:startJobRun(.sync)` with
/// `JobName`, on the engine its `engine` names (registered in ``LocalPlugins``).
public struct GlueJobConfig: Sendable, Hashable {
    public var name: String
    /// The engine that runs it; default ``defaultEngine``.
    public var engine: String = GlueJobConfig.defaultEngine
    /// Where the job reads its input (recursively); `nil` only for an engine whose
    /// ``GlueEngine/requiresLocations`` is `false` when the job names none.
    public var input: S3Location?
    /// Where the job writes its output (replaced as a whole); `nil` as `input`.
    public var output: S3Location?
    /// The engine's own fields (e.g. `partitionKeys`, `compression`) as its parser returned them.
    public var parameters: JSON = .object(JSONObject())

    public init(name: String, engine: String = GlueJobConfig.defaultEngine, input: S3Location?, output: S3Location?) {
        self.name = name
        self.engine = engine
        self.input = input
        self.output = output
    }

    /// `native`: a transform compiled into `asl` and registered under that name.
    public static let defaultEngine = "native"
}

/// Athena settings (`athena`).
public struct AthenaConfig: Sendable, Hashable {
    /// The workgroup named in query results; default `primary`.
    public var workGroup: String = "primary"
    /// The workgroup's query result location, used when a query gives none.
    public var outputLocation: String?
    /// DDL run when the environment is set up, in order (read from the files `setup` lists).
    public var setup: [SetupScript] = []

    public init() {}

    /// A DDL file's text and where it came from.
    public struct SetupScript: Sendable, Hashable {
        /// The path as written in the configuration (for messages).
        public var source: String
        public var sql: String

        public init(source: String, sql: String) {
            self.source = source
            self.sql = sql
        }
    }
}
