import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

/// The `spark` Glue engine without Spark: configuration, argument merging, the failed run's
/// cause, the time limit and cancellation (scripts that need no PySpark, run by `python3`), and
/// the missing-dependency report.
@Suite struct SparkEngineTests {
    /// Nothing is missing: parsing and runs with a plain `python3` need no probe.
    static let nothingMissing = SparkDependencyProbe { _, _ in nil }

    static func plugins(_ probe: SparkDependencyProbe = nothingMissing) -> LocalPlugins {
        var plugins = LocalPlugins()
        plugins.register(SparkEngine(probe: probe))
        return plugins
    }

    static func parse(_ text: String, base: URL) throws(RunConfigurationError) -> RunConfiguration {
        try RunConfiguration.parse(Array(text.utf8), path: "asl.config.json", baseDirectory: base, plugins: plugins())
    }

    static func job(_ fields: String) -> String {
        #"{"glueJobs": {"j": {"engine": "spark", "input": "s3://raw/", "output": "s3://out/", "#
            + fields + "}}}"
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func aSparkJobParsesWithItsDefaults() async throws {
        try await TemporaryDirectory.with { directory in
            try Self.write("print('hi')\n", to: directory.url.appending(path: "glue/job.py"))
            let config = try Self.parse(
                Self.job(
                    #""script": "glue/job.py", "defaultArguments": {"--raw_path": "s3://raw/", "--n": 3}, "#
                        + #""sparkConf": {"spark.executor.memory": "2g"}"#), base: directory.url)
            let job = try #require(config.glueJob("j"))
            #expect(job.engine == "spark")
            let settings = try #require(SparkSettings(job.parameters))
            #expect(settings.script == directory.url.appending(path: "glue/job.py").standardizedFileURL.path)
            #expect(settings.master == "local[*]")
            #expect(settings.defaultArguments == ["--raw_path": "s3://raw/", "--n": "3"])
            #expect(settings.sparkConf == ["spark.executor.memory": "2g"])
            #expect(settings.launcher == .automatic)
            #expect(settings.isLocalMaster)
        }
    }

    @Test func anS3ScriptAndAClusterMasterAreKept() async throws {
        try await TemporaryDirectory.with { directory in
            let config = try Self.parse(
                Self.job(#""script": "s3://scripts/etl.py", "master": "spark://host:7077", "python": "python3""#),
                base: directory.url)
            let job = try #require(config.glueJob("j"))
            let settings = try #require(SparkSettings(job.parameters))
            #expect(settings.script == "s3://scripts/etl.py")
            #expect(settings.master == "spark://host:7077" && !settings.isLocalMaster)
            #expect(settings.launcher == .python("python3"))
        }
    }

    @Test func inputAndOutputAreOptionalForASparkJobButCheckedWhenGiven() async throws {
        try await TemporaryDirectory.with { directory in
            try Self.write("print('hi')\n", to: directory.url.appending(path: "job.py"))
            let bare = try Self.parse(
                #"{"glueJobs": {"j": {"engine": "spark", "script": "job.py"}}}"#, base: directory.url)
            #expect(bare.glueJob("j")?.input == nil && bare.glueJob("j")?.output == nil)
            #expect(throws: RunConfigurationError.self) {
                try Self.parse(
                    #"{"glueJobs": {"j": {"engine": "spark", "script": "job.py", "input": "s3://a/../b"}}}"#,
                    base: directory.url)
            }
        }
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var fields: String
        var pointer: String
        var message: String
        var testDescription: String { message }
    }

    static let mistakes: [Mistake] = [
        Mistake(
            fields: #""master": "local[*]""#, pointer: "/glueJobs/j", message: "Glue job 'j' needs the field 'script'"),
        Mistake(
            fields: #""scrip": "x.py""#, pointer: "/glueJobs/j/scrip",
            message: "unknown field 'scrip' in Glue job 'j' (did you mean 'script'?)"),
        Mistake(
            fields: #""script": "missing.py""#, pointer: "/glueJobs/j/script",
            message: "no such script: <base>/missing.py ('script' is read relative to the configuration file's "
                + "folder, e.g. \"glue/clickstream_etl.py\")"),
        Mistake(
            fields: #""script": "s3://scripts/""#, pointer: "/glueJobs/j/script",
            message: "'s3://scripts/' names a folder: 'script' is the job's .py file, e.g. s3://bucket/scripts/job.py"),
        Mistake(
            fields: #""script": "job.py", "master": "locl[*]""#, pointer: "/glueJobs/j/master",
            message: "'locl[*]' is not a Spark master: use 'local[*]', 'local[N]', 'spark://host:7077', 'yarn' or "
                + "'k8s://https://host:443' (did you mean 'local[*]'?)"),
        Mistake(
            fields: #""script": "job.py", "defaultArguments": ["--a"]"#, pointer: "/glueJobs/j/defaultArguments",
            message: "'defaultArguments' must be an object of strings, e.g. {\"--raw_path\": \"s3://bucket/raw/\"}, "
                + "not array"),
        Mistake(
            fields: #""script": "job.py", "defaultArguments": {"raw_path": "x"}"#,
            pointer: "/glueJobs/j/defaultArguments",
            message: "'raw_path' in 'defaultArguments': a job argument is named '--key' (Glue's DefaultArguments), "
                + "e.g. '--raw_path'"),
        Mistake(
            fields: #""script": "job.py", "sparkConf": {"spark.x": {"a": 1}}"#, pointer: "/glueJobs/j/sparkConf",
            message: "'spark.x' in 'sparkConf' must be a string, not object"),
        Mistake(
            fields: #""script": "job.py", "python": "python3", "sparkSubmit": "spark-submit""#,
            pointer: "/glueJobs/j/sparkSubmit",
            message: "give 'python' or 'sparkSubmit', not both: they choose how the job starts"),
    ]

    @Test(arguments: mistakes)
    func configurationMistakesAreLocated(_ c: Mistake) async throws {
        try await TemporaryDirectory.with { directory in
            try Self.write("print('hi')\n", to: directory.url.appending(path: "job.py"))
            do throws(RunConfigurationError) {
                _ = try Self.parse(Self.job(c.fields), base: directory.url)
                Issue.record("accepted \(c.fields)")
            } catch {
                let base = directory.url.standardizedFileURL.path(percentEncoded: false)
                #expect(error.message == c.message.replacingOccurrences(of: "<base>/", with: base + "/"))
                #expect(error.pointer.description == c.pointer)
                #expect(error.location != nil)
            }
        }
    }

    struct Merge: Sendable {
        var defaults: [String: String]
        var run: [String: String]
        var commandLine: [String]
    }

    static let merges: [Merge] = [
        Merge(defaults: [:], run: [:], commandLine: ["--JOB_NAME", "etl", "--JOB_RUN_ID", "jr_1"]),
        Merge(
            defaults: ["--raw_path": "s3://a/", "--b": "1"], run: ["--raw_path": "s3://override/"],
            commandLine: ["--JOB_NAME", "etl", "--JOB_RUN_ID", "jr_1", "--b", "1", "--raw_path", "s3://override/"]),
        Merge(
            defaults: ["--JOB_NAME": "other"], run: ["--JOB_NAME": "mine", "--extra": ""],
            commandLine: ["--JOB_NAME", "etl", "--JOB_RUN_ID", "jr_1", "--extra", ""]),
    ]

    @Test(arguments: merges)
    func argumentsMergeAsGlueMergesThem(_ c: Merge) {
        let merged = SparkArguments.merged(defaults: c.defaults, run: c.run, jobName: "etl", runID: "jr_1")
        #expect(SparkArguments.commandLine(merged) == c.commandLine)
    }

    /// A job whose script needs no Spark, run by `python3` in `directory`'s data directory.
    static func engineJob(
        _ script: String, in directory: URL, arguments: [String: String] = [:], defaults: JSONObject = [:]
    ) throws -> (SparkEngine, GlueEngineJob) {
        let scriptURL = directory.appending(path: "job.py")
        try write(script, to: scriptURL)
        let parameters: JSON = [
            "script": .string(scriptURL.path), "master": "local[1]", "defaultArguments": .object(defaults),
            "sparkConf": [:], "python": "python3",
        ]
        let data = directory.appending(path: "data")
        var job = GlueEngineJob(
            name: "etl", inputDirectory: data.appending(path: "s3/raw"),
            outputDirectory: data.appending(path: "s3/out"),
            parameters: parameters, dataDirectory: DataDirectory(data))
        job.runID = "jr_test"
        job.arguments = arguments
        job.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        return (SparkEngine(probe: nothingMissing), job)
    }

    @Test func theScriptGetsTheMergedArgumentsAndItsOutputIsLogged() async throws {
        try await TemporaryDirectory.with { directory in
            let (engine, job) = try Self.engineJob(
                """
                import sys
                from awsglue.utils import getResolvedOptions
                args = getResolvedOptions(sys.argv, ["JOB_NAME", "raw_path", "b"])
                print("args", args["JOB_NAME"], args["raw_path"], args["b"])
                """, in: directory.url, arguments: ["--raw_path": "s3://run/"],
                defaults: ["--raw_path": "s3://default/", "--b": "2"])
            _ = try engine.run(job)
            let log = try String(
                contentsOf: directory.url.appending(path: "data/glue/etl/jr_test.log"), encoding: .utf8)
            #expect(log.contains("args etl s3://run/ 2"))
        }
    }

    @Test func anS3ScriptIsReadFromTheObjectStore() async throws {
        try await TemporaryDirectory.with { directory in
            var (engine, job) = try Self.engineJob("", in: directory.url)
            var parameters = try #require(job.parameters.objectValue)
            parameters["script"] = "s3://scripts/etl/job.py"
            job.parameters = .object(parameters)
            #expect {
                _ = try engine.run(job)
            } throws: { error in
                (error as? ETLError)?.message
                    == "the job's script s3://scripts/etl/job.py is not in the local object store ("
                    + directory.url.appending(path: "data/s3/scripts/etl/job.py").standardizedFileURL.path
                    + "): upload it first"
            }
            try Self.write("print('from the store')\n", to: directory.url.appending(path: "data/s3/scripts/etl/job.py"))
            _ = try engine.run(job)
            let log = try String(
                contentsOf: directory.url.appending(path: "data/glue/etl/jr_test.log"), encoding: .utf8)
            #expect(log.contains("from the store"))
        }
    }

    struct Failure: Sendable {
        var script: String
        var message: String
    }

    static let failures: [Failure] = [
        Failure(
            script: "raise ValueError('bad input: s3://raw/x')\n", message: "ValueError: bad input: s3://raw/x"),
        Failure(
            script:
                "import sys\nfrom awsglue.utils import getResolvedOptions\ngetResolvedOptions(sys.argv, ['missing'])\n",
            message: "job.py: error: the following arguments are required: --missing"),
        Failure(script: "import sys\nsys.exit(3)\n", message: "Command failed with exit code 3"),
        Failure(
            script: "class AnalysisException(Exception): pass\n"
                + "raise AnalysisException('[PATH_NOT_FOUND] Path does not exist: file:' + __import__('os')"
                + ".environ['ASL_GLUE_DATA_DIR'] + '/s3/raw/in. SQLSTATE: 42K03')\n",
            message: "AnalysisException: Path does not exist: s3://raw/in."),
    ]

    @Test(arguments: failures)
    func aFailingScriptFailsTheRunWithTheExceptionsLastLine(_ c: Failure) async throws {
        try await TemporaryDirectory.with { directory in
            let (engine, job) = try Self.engineJob(c.script, in: directory.url)
            #expect {
                _ = try engine.run(job)
            } throws: { error in
                (error as? ETLError)?.message == c.message
            }
            #expect(
                FileManager.default.fileExists(atPath: directory.url.appending(path: "data/glue/etl/jr_test.log").path))
        }
    }

    @Test func aFailedRunFailsTheTaskWithAGetJobRunShapedCause() async throws {
        try await TemporaryDirectory.with { directory in
            try Self.write("raise RuntimeError('boom')\n", to: directory.url.appending(path: "job.py"))
            var plugins = LocalPlugins()
            plugins.register(SparkEngine(probe: Self.nothingMissing))
            let config = try RunConfiguration.parse(
                Array(#"{"glueJobs": {"j": {"engine": "spark", "script": "job.py", "python": "python3"}}}"#.utf8),
                path: "asl.config.json", baseDirectory: directory.url, plugins: plugins)
            #expect(config.glueJob("j")?.input == nil && config.glueJob("j")?.output == nil)
            let services = try LocalServices(
                config: config, dataDirectory: directory.url.appending(path: "data"),
                processEnvironment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                plugins: plugins)
            var registry = HandlerRegistry()
            try services.register(into: &registry)
            let arn = TaskResource("arn:aws:states:::glue:startJobRun.sync")
            let parameters: JSON = ["JobName": "j", "Arguments": ["--x": "1"]]
            let handler = try #require(registry.resolve(arn, parameters: parameters))
            do {
                _ = try await handler.handle(
                    TaskRequest(
                        resource: arn, stateName: "S", parameters: parameters,
                        context: ["Execution": ["Id": "e"], "State": ["Name": "S"]],
                        clock: VirtualClock(start: Date(timeIntervalSince1970: 1_704_456_000))))
                Issue.record("the run succeeded")
            } catch let error as StatesError {
                #expect(error.name == .taskFailed)
                let cause = try JSONReader.read(Array((error.cause ?? "").utf8)).value
                #expect(cause["JobRunState"] == "FAILED")
                #expect(cause["ErrorMessage"] == "RuntimeError: boom")
                #expect(cause["JobName"] == "j")
                #expect(cause["Arguments"] == ["--x": "1"])
            }
        }
    }

    /// Whether `pid` has ended (gone, or a zombie nobody reaped).
    static func hasEnded(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    @Test func theTimeLimitStopsTheScriptAndWhatItStarted() async throws {
        try await TemporaryDirectory.with { directory in
            let pidFile = directory.url.appending(path: "child.pid").path
            var (engine, job) = try Self.engineJob(
                """
                import subprocess, time
                child = subprocess.Popen(["sleep", "300"])
                open(\(String(reflecting: pidFile)), "w").write(str(child.pid))
                time.sleep(300)
                """, in: directory.url)
            job.timeLimitSeconds = 3
            #expect {
                _ = try engine.run(job)
            } throws: { error in
                (error as? ETLError)?.message.hasPrefix("Job run timed out after 3 s") == true
                    && (error as? ETLError)?.kind == .timedOut
            }
            let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8)))
            var ended = Self.hasEnded(pid)
            for _ in 0..<50 where !ended {
                try await Task.sleep(nanoseconds: 100_000_000)
                ended = Self.hasEnded(pid)
            }
            #expect(ended, "the script's child \(pid) still runs")
        }
    }

    @Test func cancellationStopsTheScript() async throws {
        try await TemporaryDirectory.with { directory in
            let (engine, job) = try Self.engineJob("import time\ntime.sleep(300)\n", in: directory.url)
            job.cancellation.cancel()
            #expect {
                _ = try engine.run(job)
            } throws: { error in
                (error as? ETLError)?.message.hasPrefix("Job run stopped: the task was cancelled") == true
            }
        }
    }

    @Test func cancellingTheTaskStopsTheJobThroughTheRunner() async throws {
        try await TemporaryDirectory.with { directory in
            let started = directory.url.appending(path: "started").path
            try Self.write(
                "import os, time\nopen(\(String(reflecting: started)), 'w').write(str(os.getpid()))\ntime.sleep(300)\n",
                to: directory.url.appending(path: "job.py"))
            var plugins = LocalPlugins()
            plugins.register(SparkEngine(probe: Self.nothingMissing))
            let config = try RunConfiguration.parse(
                Array(#"{"glueJobs": {"j": {"engine": "spark", "script": "job.py", "python": "python3"}}}"#.utf8),
                path: "asl.config.json", baseDirectory: directory.url, plugins: plugins)
            let services = try LocalServices(
                config: config, dataDirectory: directory.url.appending(path: "data"),
                processEnvironment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                plugins: plugins)
            var registry = HandlerRegistry()
            try services.register(into: &registry)
            let arn = TaskResource("arn:aws:states:::glue:startJobRun.sync")
            let parameters: JSON = ["JobName": "j"]
            let handler = try #require(registry.resolve(arn, parameters: parameters))
            let request = TaskRequest(
                resource: arn, stateName: "S", parameters: parameters,
                context: ["Execution": ["Id": "e"], "State": ["Name": "S"]], clock: SystemClock())
            let task = Task { try await handler.handle(request) }
            // Wait for the script to have started (it writes its pid), then cancel the task.
            var pidText: String?
            for _ in 0..<600 where pidText == nil {
                pidText = try? String(contentsOfFile: started, encoding: .utf8)
                if pidText == nil || pidText?.isEmpty == true {
                    pidText = nil
                    try await Task.sleep(nanoseconds: 50_000_000)
                }
            }
            let pid = try #require(pidText.flatMap { Int32($0) })
            task.cancel()
            let result = await task.result
            guard case .failure(let error as StatesError) = result else {
                Issue.record("the cancelled run did not fail: \(result)")
                return
            }
            let cause = try JSONReader.read(Array((error.cause ?? "").utf8)).value
            #expect(cause["ErrorMessage"]?.stringValue?.hasPrefix("Job run stopped: the task was cancelled") == true)
            var ended = Self.hasEnded(pid)
            for _ in 0..<50 where !ended {
                try await Task.sleep(nanoseconds: 100_000_000)
                ended = Self.hasEnded(pid)
            }
            #expect(ended, "the script \(pid) still runs")
        }
    }

    @Test func missingJavaOrPySparkIsReportedBeforeTheRun() async throws {
        try await TemporaryDirectory.with { directory in
            try Self.write("print('hi')\n", to: directory.url.appending(path: "job.py"))
            let probe = SparkDependencyProbe { launcher, _ in
                launcher == .automatic ? SparkDependencyProbe.installJava : nil
            }
            var plugins = LocalPlugins()
            plugins.register(SparkEngine(probe: probe))
            let config = try RunConfiguration.parse(
                Array(Self.job(#""script": "job.py""#).utf8), path: "asl.config.json", baseDirectory: directory.url,
                plugins: plugins)
            let services = try LocalServices(
                config: config, dataDirectory: directory.url.appending(path: "data"), plugins: plugins)
            var registry = HandlerRegistry()
            #expect {
                try services.register(into: &registry)
            } throws: { error in
                "\(error)" == "Glue job 'j' (engine 'spark'): \(SparkDependencyProbe.installJava)"
            }
        }
    }

    @Test func theRealProbeNamesWhatToInstall() {
        let missing = SparkDependencyProbe().missing(.python("python3"), ["PATH": ""]) ?? ""
        #expect(missing.contains("openjdk-17-jre-headless"))
        #expect(missing.contains("Python is not found at 'python3'"))
        #expect(missing.contains("has no PATH"))
    }

    /// An engine whose run always passes its time limit.
    struct TimingOutEngine: GlueEngine {
        var name: String { "slow" }
        var fields: [String] { [] }
        func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON { [:] }
        func run(_ job: GlueEngineJob) throws(ETLError) -> ETLReport {
            throw ETLError(.timedOut, path: job.name, "Job run timed out after 60 s")
        }
    }

    @Test func aRunStoppedAtItsTimeLimitIsATimeoutJobRun() async throws {
        try await TemporaryDirectory.with { directory in
            var plugins = LocalPlugins()
            plugins.register(TimingOutEngine())
            let config = try RunConfiguration.parse(
                Array(#"{"glueJobs": {"j": {"engine": "slow", "input": "s3://raw/", "output": "s3://out/"}}}"#.utf8),
                path: "asl.config.json", baseDirectory: directory.url, plugins: plugins)
            let services = try LocalServices(
                config: config, dataDirectory: directory.url.appending(path: "data"), plugins: plugins)
            var registry = HandlerRegistry()
            try services.register(into: &registry)
            let arn = TaskResource("arn:aws:states:::glue:startJobRun.sync")
            let parameters: JSON = ["JobName": "j", "Timeout": 1]
            let handler = try #require(registry.resolve(arn, parameters: parameters))
            do {
                _ = try await handler.handle(
                    TaskRequest(
                        resource: arn, stateName: "S", parameters: parameters,
                        context: ["Execution": ["Id": "e"], "State": ["Name": "S"]],
                        clock: VirtualClock(start: Date(timeIntervalSince1970: 1_704_456_000))))
                Issue.record("the run succeeded")
            } catch let error as StatesError {
                #expect(error.name == .taskFailed)
                let cause = try JSONReader.read(Array((error.cause ?? "").utf8)).value
                #expect(cause["JobRunState"] == "TIMEOUT")
                #expect(cause["ErrorMessage"] == "Job run timed out after 60 s")
            }
        }
    }

    @Test func glueTimeoutAndTheTaskDeadlineGiveTheTimeLimit() {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_704_456_000))
        let arn = TaskResource("arn:aws:states:::glue:startJobRun.sync")
        var request = TaskRequest(
            resource: arn, stateName: "S", parameters: ["JobName": "j", "Timeout": 2], context: [:], clock: clock)
        #expect(GlueJobRunner.timeLimit(request) == 120)
        request.deadline = Date(timeIntervalSince1970: 1_704_456_030)
        #expect(GlueJobRunner.timeLimit(request) == 30)
        request.parameters = ["JobName": "j"]
        request.deadline = nil
        #expect(GlueJobRunner.timeLimit(request) == nil)
    }
}
