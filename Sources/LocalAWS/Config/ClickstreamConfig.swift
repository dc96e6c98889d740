public import Foundation
public import JSONCore
import StatesLanguage
public import StatesRuntime

/// The local stand-ins the clickstream pipeline runs on, read from `asl.config.json` beside the
/// state machine definition (every field is documented in `Examples/clickstream/CONFIG.md`).
///
///     let config = try ClickstreamConfig.load(from: URL(filePath: "Examples/clickstream/asl.config.json"))
///     config.functions.map(\.name)   // ["clickstream-simulator", "clickstream-ingest"]
///
/// Parsing rejects unknown fields with a "did you mean", and every error names the file,
/// line:column and the JSON Pointer of the value (``ClickstreamConfigError``).
public struct ClickstreamConfig: Sendable, Hashable {
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
    case simulator(SimulatorFunctionConfig)
    case ingest(IngestFunctionConfig)
    /// A function served by a local program or a fixed answer.
    case local(name: String, handler: LocalHandler)

    public var name: String {
        switch self {
        case .simulator(let config): config.name
        case .ingest(let config): config.name
        case .local(let name, _): name
        }
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

/// `"handler": "simulator"`: puts simulated clickstream events into a stream.
public struct SimulatorFunctionConfig: Sendable, Hashable {
    public var name: String
    /// The stream it puts into (one of ``ClickstreamConfig/streams``).
    public var stream: String
    /// `RECORD_COUNT`; default 20.
    public var recordCount: Int = 20
    /// The largest `recordCount` accepted: 2^53, the largest whole number a JSON number carries
    /// exactly everywhere. Whether the machine can hold that many is checked when the simulator
    /// runs (SPEC-NOTES.md §12.4).
    public static let largestCount = 1 << 53
    /// Pacing on the execution clock; default 1.
    public var eventsPerSecond: Double = 1

    public init(name: String, stream: String, recordCount: Int = 20, eventsPerSecond: Double = 1) {
        self.name = name
        self.stream = stream
        self.recordCount = recordCount
        self.eventsPerSecond = eventsPerSecond
    }
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

/// A Glue ETL job (`glueJobs.<name>`), run by `arn:aws:states:::glue:startJobRun(.sync)` with
/// `JobName`.
public struct GlueJobConfig: Sendable, Hashable {
    public var name: String
    /// Where the raw JSON objects are read from (recursively).
    public var input: S3Location
    /// Where the partitioned Parquet output is written (overwritten).
    public var output: S3Location
    /// The partition columns, in folder order; default `["event_date"]`.
    public var partitionKeys: [String] = ["event_date"]
    /// Parquet compression codec: `snappy` (Glue's default) or `uncompressed`.
    public var compression: String = "snappy"
    /// Rows per Parquet row group; default 100000.
    public var rowGroupRows: Int = 100_000

    public init(name: String, input: S3Location, output: S3Location) {
        self.name = name
        self.input = input
        self.output = output
    }

    public static let compressions = ["snappy", "uncompressed"]
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
