import Foundation

/// Finds what a Spark job needs and is missing, before the run starts: a Java runtime (PySpark
/// starts a JVM) and either `spark-submit` or a Python that imports `pyspark`.
///
/// The checks are injectable: ``init(check:)`` replaces them all (tests), and the default looks at
/// the environment's `PATH` and `JAVA_HOME` and runs `<python> -c "import pyspark"`.
public struct SparkDependencyProbe: Sendable {
    /// What is missing for `launcher` under `environment`, as a sentence naming what to install;
    /// `nil` when nothing is.
    public let check: @Sendable (_ launcher: SparkLauncher, _ environment: [String: String]) -> String?

    public init(check: @escaping @Sendable (_ launcher: SparkLauncher, _ environment: [String: String]) -> String?) {
        self.check = check
    }

    /// The real checks.
    public init() {
        check = { launcher, environment in Self.realCheck(launcher, environment) }
    }

    func missing(_ launcher: SparkLauncher, _ environment: [String: String]) -> String? {
        check(launcher, environment)
    }

    static let installJava =
        "Java is not installed (no 'java' on PATH and no JAVA_HOME): Spark needs a Java 17 runtime, e.g. "
        + "'apt-get install openjdk-17-jre-headless'"

    static func installPySpark(_ python: String) -> String {
        "PySpark is not installed ('\(python) -c \"import pyspark\"' fails): install it with "
            + "'\(python) -m pip install pyspark', or name a Python that has it in the job's \"python\""
    }

    static func realCheck(_ launcher: SparkLauncher, _ environment: [String: String]) -> String? {
        var problems: [String] = []
        if (environment["PATH"] ?? "").isEmpty {
            problems.append(
                "the environment the local services were given has no PATH (a program embedding them passes "
                    + "its environment as LocalServices' processEnvironment)")
        }
        if javaPath(environment) == nil { problems.append(installJava) }
        switch resolve(launcher, environment) {
        case .sparkSubmit(let program):
            if executable(program, environment) == nil {
                problems.append(
                    "spark-submit is not found at '\(program)': install Apache Spark or PySpark "
                        + "('python3 -m pip install pyspark'), or fix the job's \"sparkSubmit\"")
            }
        case .python(let program):
            if executable(program, environment) == nil {
                problems.append("Python is not found at '\(program)': install python3 or fix the job's \"python\"")
            } else if !imports(program, "pyspark", environment) {
                problems.append(installPySpark(program))
            }
        case .automatic:
            break
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// `automatic` made concrete: `spark-submit` on `PATH` when there is one, else `python3`.
    static func resolve(_ launcher: SparkLauncher, _ environment: [String: String]) -> SparkLauncher {
        guard case .automatic = launcher else { return launcher }
        if let path = executable("spark-submit", environment) { return .sparkSubmit(path) }
        return .python("python3")
    }

    static func javaPath(_ environment: [String: String]) -> String? {
        if let home = environment["JAVA_HOME"], !home.isEmpty {
            let path = home + "/bin/java"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return executable("java", environment)
    }

    /// `program`'s path: itself when it has a `/`, else the first match on `PATH`.
    static func executable(_ program: String, _ environment: [String: String]) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let path = folder + "/" + program
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func imports(_ python: String, _ module: String, _ environment: [String: String]) -> Bool {
        guard let path = executable(python, environment) else { return false }
        let process = Process()
        process.executableURL = URL(filePath: path)
        process.arguments = ["-c", "import \(module)"]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
