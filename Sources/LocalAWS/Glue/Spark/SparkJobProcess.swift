import Dispatch
import Foundation
import JSONCore
import StatesRuntime
import Synchronization

/// One run of a Glue script on Spark, as a child process.
///
/// - Command: `python3 <runtime>/glue_runner.py <script> <arguments>` with `PYSPARK_SUBMIT_ARGS`
///   carrying the master and the conf, or `spark-submit --master … --conf k=v … glue_runner.py
///   <script> <arguments>`. The runner maps `s3://` into the data directory and runs the script
///   as `__main__` (``SparkPythonSources``).
/// - Everything the job prints (standard output and error, in the order printed) is written to
///   `<data-dir>/glue/<job>/<run-id>.log` once it ends (atomically, through the data directory's
///   rule); at most ``maximumLogBytes`` are kept, the end of the output.
/// - A non-zero exit fails the run with the Python exception's last line (the runner's marker
///   line, else the last line printed) as `ErrorMessage`.
/// - The time limit and cancellation stop the whole process tree (the runner leads its own process
///   group; Spark's JVM is its child): SIGTERM, then SIGKILL after ``graceSeconds``.
struct SparkJobProcess {
    static let maximumLogBytes = 64 << 20
    static let graceSeconds = 3.0
    static let errorMarker = "##ASL-GLUE-ERROR## "

    let job: GlueEngineJob
    let settings: SparkSettings
    let data: DataDirectory

    /// The default Spark properties (the job's `sparkConf` replaces any): UTC as on Glue,
    /// timestamps in Parquet as INT64 microseconds (as the native engine writes them and every
    /// Parquet reader reads them, rather than Spark's legacy INT96), no
    /// console progress bar or web UI, and the local file system without `.crc` side files (S3
    /// has none).
    static let defaultConf: [String: String] = [
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
        "spark.ui.showConsoleProgress": "false",
        "spark.ui.enabled": "false",
        "spark.hadoop.fs.file.impl": "org.apache.hadoop.fs.RawLocalFileSystem",
    ]

    var logRelativePath: String { "glue/\(job.name)/\(job.runID.isEmpty ? "run" : job.runID).log" }

    func run() throws(ETLError) -> ETLReport {
        let runtime = try SparkRuntime.install(in: data)
        let script = try scriptPath()
        let (program, arguments, environment) = command(runtime: runtime, script: script)
        let outcome = Self.execute(
            program: program, arguments: arguments, environment: environment,
            timeLimit: job.timeLimitSeconds, cancellation: job.cancellation)
        do {
            try data.writeAtomically(outcome.output, to: logRelativePath, sync: false)
        } catch {
            throw ETLError(.io, path: data.absolutePath(logRelativePath), "cannot write the job's log: \(error.reason)")
        }
        let log = data.absolutePath(logRelativePath)
        switch outcome.end {
        case .exited(0):
            guard job.locationsGiven else { return ETLReport() }
            return SparkOutputReport.read(input: job.inputDirectory, output: job.outputDirectory)
        case .exited(let status):
            throw ETLError(.io, path: log, Self.errorMessage(outcome.output, status: status))
        case .failedToStart(let reason):
            throw ETLError(.invalidSpec, path: program, "cannot start \(program): \(reason)")
        case .timedOut(let seconds):
            throw ETLError(.timedOut, path: log, "Job run timed out after \(Self.secondsText(seconds)) s (log: \(log))")
        case .cancelled:
            throw ETLError(.io, path: log, "Job run stopped: the task was cancelled (log: \(log))")
        }
    }

    private func scriptPath() throws(ETLError) -> String {
        guard settings.script.hasPrefix("s3://") else { return settings.script }
        do {
            let location = try S3Location(parsing: settings.script)
            let relative = "s3/\(location.bucket)/\(location.key)"
            guard try data.contents(of: relative) != nil else {
                throw ETLError(
                    .inputMissing, path: settings.script,
                    "the job's script \(settings.script) is not in the local object store "
                        + "(\(data.absolutePath(relative))): upload it first")
            }
            return data.absolutePath(relative)
        } catch let error as ETLError {
            throw error
        } catch {
            throw ETLError(.inputUnreadable, path: settings.script, "cannot read the job's script: \(error)")
        }
    }

    /// The program, its arguments and its environment.
    func command(runtime: String, script: String) -> (String, [String], [String: String]) {
        var conf = Self.defaultConf
        for (key, value) in settings.sparkConf { conf[key] = value }
        let scriptArguments = SparkArguments.commandLine(
            SparkArguments.merged(
                defaults: settings.defaultArguments, run: job.arguments, jobName: job.name, runID: job.runID))
        var environment = job.environment
        environment["ASL_GLUE_DATA_DIR"] = data.path
        environment["ASL_GLUE_MAP_S3A"] = settings.isLocalMaster ? "1" : "0"
        environment["TZ"] = environment["TZ"] ?? "UTC"
        environment["PYTHONUNBUFFERED"] = "1"
        let confArguments = conf.keys.sorted().flatMap { ["--conf", "\($0)=\(conf[$0] ?? "")"] }
        let runner = runtime + "/glue_runner.py"
        switch SparkDependencyProbe.resolve(settings.launcher, job.environment) {
        case .sparkSubmit(let program):
            environment["ASL_GLUE_SETPGID"] = "0"
            return (
                program, ["--master", settings.master] + confArguments + [runner, script] + scriptArguments, environment
            )
        case .python(let program):
            return pythonCommand(
                program, runner: runner, script: script, arguments: scriptArguments, conf: confArguments,
                environment: environment)
        case .automatic:
            return pythonCommand(
                "python3", runner: runner, script: script, arguments: scriptArguments, conf: confArguments,
                environment: environment)
        }
    }

    private func pythonCommand(
        _ program: String, runner: String, script: String, arguments: [String], conf: [String],
        environment: [String: String]
    ) -> (String, [String], [String: String]) {
        var environment = environment
        environment["ASL_GLUE_SETPGID"] = "1"
        let submit = (["--master", settings.master] + conf + ["pyspark-shell"]).map(Self.shellQuoted)
        environment["PYSPARK_SUBMIT_ARGS"] = submit.joined(separator: " ")
        environment["PYSPARK_PYTHON"] = environment["PYSPARK_PYTHON"] ?? program
        return (program, [runner, script] + arguments, environment)
    }

    /// Quoted for `shlex.split`, which is how PySpark reads `PYSPARK_SUBMIT_ARGS`.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=[]*,@+".contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\"'\"'") + "'"
    }

    static func secondsText(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }

    /// `ErrorMessage`: the runner's marker line (the exception's class and first message line),
    /// else the last non-empty line printed, else the exit status.
    static func errorMessage(_ output: [UInt8], status: Int32) -> String {
        let text = String(decoding: output, as: UTF8.self)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
        if let marked = lines.last(where: { $0.hasPrefix(errorMarker) }) {
            let payload = Array(marked.dropFirst(errorMarker.count).utf8)
            if let json = try? JSONReader.read(payload).value, let message = json["message"]?.stringValue {
                return message
            }
        }
        if let last = lines.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            return String(last.trimmingCharacters(in: .whitespaces))
        }
        return "Command failed with exit code \(status)"
    }

    enum End: Equatable {
        case exited(Int32)
        case failedToStart(String)
        case timedOut(Double)
        case cancelled
    }

    /// Runs `program` to its end, or stops it at the time limit or on cancellation.
    static func execute(
        program: String, arguments: [String], environment: [String: String], timeLimit: Double?,
        cancellation: GlueCancellation
    ) -> (end: End, output: [UInt8]) {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(filePath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(filePath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        process.environment = environment
        let pipe = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe
        process.standardError = pipe
        let collector = OutputCollector(limit: maximumLogBytes)
        let readDone = DispatchSemaphore(value: 0)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let stop = Mutex<End?>(nil)
        do {
            try ChildProcess.withNoSignalBlocked { try process.run() }
        } catch {
            return (.failedToStart(error.localizedDescription), [])
        }
        try? pipe.fileHandleForWriting.close()
        let reading = pipe.fileHandleForReading
        Thread {
            while let chunk = try? reading.read(upToCount: 1 << 16), !chunk.isEmpty { collector.append(chunk) }
            readDone.signal()
        }.start()
        let pid = process.processIdentifier
        let stopTree: @Sendable (End) -> Void = { reason in
            let first = stop.withLock { current -> Bool in
                guard current == nil else { return false }
                current = reason
                return true
            }
            guard first else { return }
            ProcessTree.stop(pid, graceSeconds: graceSeconds)
        }
        cancellation.onCancel { stopTree(.cancelled) }
        if let timeLimit {
            if exited.wait(timeout: .now() + max(0, timeLimit)) == .timedOut {
                stopTree(.timedOut(timeLimit))
                exited.wait()
            }
        } else {
            exited.wait()
        }
        // Spark's JVM ends with the runner; wait for the rest of its output a little, not forever
        // (a grandchild that kept the pipe open must not hang the run).
        _ = readDone.wait(timeout: .now() + 10)
        let reason = stop.withLock { $0 }
        return (reason ?? .exited(process.terminationStatus), collector.bytes)
    }
}

/// What a job printed: everything up to the limit, then the end of it.
final class OutputCollector: Sendable {
    private let state = Mutex<[UInt8]>([])
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func append(_ data: Data) {
        state.withLock { bytes in
            bytes.append(contentsOf: data)
            if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
        }
    }

    var bytes: [UInt8] { state.withLock { $0 } }
}

/// Stopping a program and everything it started.
enum ProcessTree {
    /// The process and its descendants (from `/proc`), the process first.
    static func members(of root: Int32) -> [Int32] {
        var children: [Int32: [Int32]] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, let parent = Int32(fields[1]) else { continue }
            children[parent, default: []].append(pid)
        }
        var result = [root]
        var index = 0
        while index < result.count {
            result += children[result[index]] ?? []
            index += 1
        }
        return result
    }

    /// SIGTERM to the tree and the root's process group, then SIGKILL to what is left after
    /// `graceSeconds` (on a thread of its own).
    static func stop(_ root: Int32, graceSeconds: Double) {
        let tree = members(of: root)
        if getpgid(root) == root { _ = killpg(root, SIGTERM) }
        for pid in tree { _ = kill(pid, SIGTERM) }
        Thread {
            Thread.sleep(forTimeInterval: graceSeconds)
            let again = Set(tree + members(of: root))
            if getpgid(root) == root { _ = killpg(root, SIGKILL) }
            for pid in again { _ = kill(pid, SIGKILL) }
        }.start()
    }
}
