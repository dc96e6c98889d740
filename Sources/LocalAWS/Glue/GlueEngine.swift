public import Foundation
public import JSONCore

/// Something that runs a Glue job locally, chosen by the job's `"engine"` (default
/// `"native"`): a transform compiled into `asl` (the clickstream ETL), later Spark.
///
/// The engine reads its own fields of `glueJobs.<name>` when the configuration is parsed;
/// ``GlueJobRunner`` calls ``run(_:)`` for `glue:startJobRun` and reports the result as
/// `GetJobRun`'s `JobRun`.
public protocol GlueEngine: Sendable {
    /// The `"engine"` value that selects it.
    var name: String { get }
    /// The fields a job on this engine may have besides `engine`, `input` and `output`.
    var fields: [String] { get }
    /// Reads and checks those fields; what it returns is kept as ``GlueJobConfig/parameters``
    /// and handed back in ``GlueEngineJob/parameters``.
    func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON
    /// Runs the job to its end. It may block its thread: the runner calls it on a Dispatch
    /// thread, not on the cooperative pool. The output is replaced as a whole or left unchanged.
    func run(_ job: GlueEngineJob) throws(ETLError) -> ETLReport
}

/// One run of a Glue job, as its engine gets it.
public struct GlueEngineJob: Sendable {
    /// The job's name (`JobName`).
    public var name: String
    /// The local folder of the job's `input`.
    public var inputDirectory: URL
    /// The local folder of the job's `output` (created when missing).
    public var outputDirectory: URL
    /// What the engine's ``GlueEngine/parse(_:)`` returned.
    public var parameters: JSON
    /// The data directory the two folders lie in, when they do: an engine reaches them by its
    /// rule, never through a symbolic link (``DataDirectory``).
    public var dataDirectory: DataDirectory?
    /// Where the engine reports the rows written so far and the number of input files (for the
    /// live progress line); called from the engine's thread.
    public var progress: @Sendable (_ rows: Int, _ files: Int) -> Void

    public init(
        name: String, inputDirectory: URL, outputDirectory: URL, parameters: JSON, dataDirectory: DataDirectory? = nil,
        progress: @escaping @Sendable (_ rows: Int, _ files: Int) -> Void = { _, _ in }
    ) {
        self.name = name
        self.inputDirectory = inputDirectory
        self.outputDirectory = outputDirectory
        self.parameters = parameters
        self.dataDirectory = dataDirectory
        self.progress = progress
    }
}
