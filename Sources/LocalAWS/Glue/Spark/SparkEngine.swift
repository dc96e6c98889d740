import Foundation
public import JSONCore
import StatesLanguage

/// The `spark` Glue engine: runs a real AWS Glue PySpark script, unchanged, on Apache Spark
/// (`local[*]` by default, or an existing cluster), as a child process.
///
/// Its fields in `glueJobs.<name>` (SPEC-NOTES.md §19, `Examples/clickstream/CONFIG.md`):
/// `script` (the job's script, Glue's `Command.ScriptLocation`: a path relative to the
/// configuration file, or `s3://bucket/key` in the data directory's object store), `master`
/// (default `local[*]`), `defaultArguments` (the job's `DefaultArguments`, `{"--key": "value"}`),
/// `sparkConf` (`{"spark.x": "value"}`), and `python` or `sparkSubmit` to choose the launcher.
///
/// A run passes the script Glue's arguments (``SparkArguments``), writes everything it prints to
/// `<data-dir>/glue/<job>/<run-id>.log`, and fails with the Python exception's last line when the
/// script fails (``SparkJobProcess``).
public struct SparkEngine: GlueEngine {
    public static let engineName = "spark"
    /// `master` when the job names none.
    public static let defaultMaster = "local[*]"

    /// Finds what a job needs and is missing (Java, PySpark); injected by tests.
    public var probe: SparkDependencyProbe

    public init(probe: SparkDependencyProbe = SparkDependencyProbe()) {
        self.probe = probe
    }

    public var name: String { Self.engineName }
    public var fields: [String] { ["script", "master", "defaultArguments", "sparkConf", "python", "sparkSubmit"] }
    /// A script decides what it reads and writes: `input` and `output` are optional (they feed
    /// the run's `LocalReport` when given).
    public var requiresLocations: Bool { false }

    public func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON {
        var result = JSONObject()
        result["script"] = .string(try script(fields))
        let master = try fields.string("master") ?? Self.defaultMaster
        if let problem = Self.masterProblem(master) { throw fields.error("master", problem) }
        result["master"] = .string(master)
        result["defaultArguments"] = .object(
            try stringMap(fields, "defaultArguments", example: #"{"--raw_path": "s3://bucket/raw/"}"#) { key in
                key.hasPrefix("--") && key.count > 2
                    ? nil
                    : "a job argument is named '--key' (Glue's DefaultArguments), e.g. '--\(key.drop { $0 == "-" })'"
            })
        result["sparkConf"] = .object(
            try stringMap(fields, "sparkConf", example: #"{"spark.executor.memory": "2g"}"#) { key in
                key.isEmpty || key.contains(" ") || key.contains("=")
                    ? "a Spark property name has no spaces or '=', e.g. 'spark.executor.memory'" : nil
            })
        let python = try fields.string("python")
        let sparkSubmit = try fields.string("sparkSubmit")
        if python != nil && sparkSubmit != nil {
            throw fields.error(
                "sparkSubmit", "give 'python' or 'sparkSubmit', not both: they choose how the job starts")
        }
        for (key, value) in [("python", python), ("sparkSubmit", sparkSubmit)] where value?.isEmpty == true {
            throw fields.error(
                key, "'\(key)' cannot be empty: name a program, e.g. '\(key == "python" ? "python3" : "spark-submit")'")
        }
        if let python { result["python"] = .string(Self.program(python, base: fields.baseDirectory)) }
        if let sparkSubmit { result["sparkSubmit"] = .string(Self.program(sparkSubmit, base: fields.baseDirectory)) }
        return .object(result)
    }

    public func preflight(_ parameters: JSON, environment: [String: String]) -> String? {
        guard let settings = SparkSettings(parameters) else { return "its settings are not the Spark engine's" }
        return probe.missing(settings.launcher, environment)
    }

    public func run(_ job: GlueEngineJob) throws(ETLError) -> ETLReport {
        guard let settings = SparkSettings(job.parameters) else {
            throw ETLError(
                .invalidSpec, path: job.name, "Glue job '\(job.name)': its settings are not the Spark engine's")
        }
        guard let data = job.dataDirectory else {
            throw ETLError(
                .invalidSpec, path: job.name, "Glue job '\(job.name)': the Spark engine needs a data directory")
        }
        if let missing = probe.missing(settings.launcher, job.environment) {
            throw ETLError(.invalidSpec, path: settings.script, missing)
        }
        let process = SparkJobProcess(job: job, settings: settings, data: data)
        return try process.run()
    }

    /// A relative program path (`venv/bin/python3`) is read from the configuration's folder; a
    /// bare name (`python3`) is looked up on `PATH`.
    static func program(_ text: String, base: URL?) -> String {
        guard text.contains("/"), !text.hasPrefix("/"), let base else { return text }
        return base.appending(path: text).standardizedFileURL.path(percentEncoded: false)
    }

    /// The script: `s3://…` as written, else a file relative to the configuration's folder that
    /// must exist.
    private func script(_ fields: ConfigFields) throws(RunConfigurationError) -> String {
        let text = try fields.requiredString("script")
        if text.hasPrefix("s3://") {
            do {
                let location = try S3Location(parsing: text)
                guard !location.isPrefix else {
                    throw fields.error(
                        "script",
                        "'\(text)' names a folder: 'script' is the job's .py file, e.g. s3://bucket/scripts/job.py")
                }
            } catch let error as RunConfigurationError {
                throw error
            } catch {
                throw fields.error("script", "'\(text)' is not an S3 location: \(error)")
            }
            return text
        }
        if text.hasPrefix("s3a://") || text.hasPrefix("s3n://") || text.contains("://") {
            throw fields.error(
                "script", "'\(text)': a script is a path relative to the configuration file or an s3:// location")
        }
        guard !text.isEmpty else { throw fields.error("script", "'script' cannot be empty: name the job's .py file") }
        let url =
            text.hasPrefix("/")
            ? URL(filePath: text) : (fields.baseDirectory ?? URL(filePath: ".")).appending(path: text)
        let path = url.standardizedFileURL.path(percentEncoded: false)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw fields.error(
                "script",
                "no such script: \(path) ('script' is read relative to the configuration file's folder, "
                    + "e.g. \"glue/clickstream_etl.py\")")
        }
        return path
    }

    private func stringMap(
        _ fields: ConfigFields, _ key: String, example: String, keyProblem: (String) -> String?
    ) throws(RunConfigurationError) -> JSONObject {
        guard let value = fields.object[key] else { return JSONObject() }
        guard case .object(let members) = value else {
            throw fields.error(key, "'\(key)' must be an object of strings, e.g. \(example), not \(value.typeName)")
        }
        var result = JSONObject()
        for (name, item) in members {
            if let problem = keyProblem(name) { throw fields.error(key, "'\(name)' in '\(key)': \(problem)") }
            switch item {
            case .string(let text): result[name] = .string(text)
            case .number(let number): result[name] = .string(number.text)
            case .bool(let flag): result[name] = .string(flag ? "true" : "false")
            default:
                throw fields.error(key, "'\(name)' in '\(key)' must be a string, not \(item.typeName)")
            }
        }
        return result
    }

    /// Why `master` is not a Spark master URL, or `nil`.
    static func masterProblem(_ master: String) -> String? {
        let patterns = [
            #"^local$"#, #"^local\[(\*|[1-9][0-9]*)\]$"#, #"^local\[(\*|[1-9][0-9]*),[1-9][0-9]*\]$"#,
            #"^spark://[^\s/]+(:[0-9]+)?(,[^\s/]+(:[0-9]+)?)*$"#, #"^yarn$"#, #"^k8s://\S+$"#, #"^mesos://\S+$"#,
        ]
        if patterns.contains(where: { master.range(of: $0, options: .regularExpression) != nil }) { return nil }
        let hint = NameSuggestion.didYouMean(master, in: ["local[*]", "local", "yarn"])
        return "'\(master)' is not a Spark master: use 'local[*]', 'local[N]', 'spark://host:7077', 'yarn' or "
            + "'k8s://https://host:443'\(hint)"
    }
}

/// The Spark engine's settings of one job, as ``SparkEngine/parse(_:)`` returned them.
struct SparkSettings: Sendable {
    var script: String
    var master: String
    var defaultArguments: [String: String]
    var sparkConf: [String: String]
    var launcher: SparkLauncher

    init?(_ parameters: JSON) {
        guard let script = parameters["script"]?.stringValue, let master = parameters["master"]?.stringValue,
            case .object(let arguments)? = parameters["defaultArguments"],
            case .object(let conf)? = parameters["sparkConf"]
        else { return nil }
        self.script = script
        self.master = master
        defaultArguments = arguments.reduce(into: [:]) { $0[$1.key] = $1.value.stringValue }
        sparkConf = conf.reduce(into: [:]) { $0[$1.key] = $1.value.stringValue }
        if let program = parameters["sparkSubmit"]?.stringValue {
            launcher = .sparkSubmit(program)
        } else if let program = parameters["python"]?.stringValue {
            launcher = .python(program)
        } else {
            launcher = .automatic
        }
    }

    /// Whether the master runs on this machine (`local…`): then `s3a://` and `s3n://` also map
    /// into the data directory; on a cluster they reach real S3.
    var isLocalMaster: Bool { master == "local" || master.hasPrefix("local[") }
}

/// How a Spark job starts.
public enum SparkLauncher: Sendable, Hashable {
    /// `spark-submit` on `PATH` when there is one, else `python3` with `pyspark` importable.
    case automatic
    /// `python3 glue_runner.py …` with `PYSPARK_SUBMIT_ARGS` carrying the master and the conf.
    case python(String)
    /// `spark-submit --master … --conf … glue_runner.py …`.
    case sparkSubmit(String)
}
