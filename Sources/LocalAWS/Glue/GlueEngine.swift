public import Foundation
public import JSONCore
import Synchronization

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
    /// Whether a job on this engine must name `input` and `output` (default `true`). An engine
    /// whose job decides by itself what it reads and writes (a Spark script) makes them optional.
    var requiresLocations: Bool { get }
    /// Reads and checks those fields; what it returns is kept as ``GlueJobConfig/parameters``
    /// and handed back in ``GlueEngineJob/parameters``.
    func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON
    /// Runs the job to its end. It may block its thread: the runner calls it on a Dispatch
    /// thread, not on the cooperative pool. The output is replaced as a whole or left unchanged.
    func run(_ job: GlueEngineJob) throws(ETLError) -> ETLReport
    /// What is missing for this engine to run the job configured with `parameters` (e.g. Java
    /// or PySpark), as a sentence naming what to install; `nil` when nothing is. Checked when the
    /// services start, before any run; the default finds nothing missing.
    func preflight(_ parameters: JSON, environment: [String: String]) -> String?
}

extension GlueEngine {
    public var requiresLocations: Bool { true }

    public func preflight(_ parameters: JSON, environment: [String: String]) -> String? { nil }
}

/// One run of a Glue job, as its engine gets it.
public struct GlueEngineJob: Sendable {
    /// The job's name (`JobName`).
    public var name: String
    /// The local folder of the job's `input` (the object store's root when the job names none:
    /// see ``locationsGiven``).
    public var inputDirectory: URL
    /// The local folder of the job's `output` (created when missing; the object store's root
    /// when the job names none).
    public var outputDirectory: URL
    /// Whether the job named `input` and `output` (only an engine whose
    /// ``GlueEngine/requiresLocations`` is `false` gets `false`).
    public var locationsGiven = true
    /// What the engine's ``GlueEngine/parse(_:)`` returned.
    public var parameters: JSON
    /// The data directory the two folders lie in, when they do: an engine reaches them by its
    /// rule, never through a symbolic link (``DataDirectory``).
    public var dataDirectory: DataDirectory?
    /// Where the engine reports the rows written so far and the number of input files (for the
    /// live progress line); called from the engine's thread.
    public var progress: @Sendable (_ rows: Int, _ files: Int) -> Void
    /// The run's id (`JobRunId`).
    public var runID: String = ""
    /// The run's `Arguments` (`startJobRun`'s `Parameters.Arguments`), as Glue gets them.
    public var arguments: [String: String] = [:]
    /// Real seconds the run may take (the task's `TimeoutSeconds` left, Glue's `Timeout`);
    /// `nil` for no limit. An engine running a program stops it when they pass.
    public var timeLimitSeconds: Double?
    /// Set when the task is cancelled (a timeout, an abort): an engine running a program stops it.
    public var cancellation = GlueCancellation()
    /// The environment a program the engine starts runs with (the CLI passes its own).
    public var environment: [String: String] = [:]

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

/// Cancellation of one Glue run, shared by the runner (which cancels) and the engine (which
/// registers what stops its work).
public final class GlueCancellation: Sendable {
    private let state = Mutex<(cancelled: Bool, handlers: [@Sendable () -> Void])>((false, []))

    public init() {}

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Runs `handler` on cancellation, at once when already cancelled.
    public func onCancel(_ handler: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.cancelled { return true }
            state.handlers.append(handler)
            return false
        }
        if now { handler() }
    }

    /// Cancels: runs every handler once.
    public func cancel() {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.cancelled else { return [] }
            state.cancelled = true
            defer { state.handlers = [] }
            return state.handlers
        }
        for handler in handlers { handler() }
    }
}
