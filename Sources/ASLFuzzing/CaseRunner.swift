import Foundation

/// Runs cases through the built `asl` binary, each in its own child process and temporary
/// folder, so a trap kills the child and not the fuzzer or the test that replays it.
public struct CaseRunner: Sendable {
    /// The `asl` executable.
    public var executable: URL
    /// How long one case may run before it counts as a hang and is killed.
    public var timeout: Double
    /// Whether the child prints Swift's backtrace on a crash (slow: only when saving a crasher).
    public var backtraces: Bool

    public init(executable: URL, timeout: Double = 20, backtraces: Bool = false) {
        self.executable = executable
        self.timeout = timeout
        self.backtraces = backtraces
    }

    /// The `asl` beside the running executable (the fuzzer's or the test bundle's, both in the
    /// build folder), or `ASL_BINARY` when that is set.
    public static func locateASL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let explicit = environment["ASL_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        let selfPath = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidates = [
            selfPath.deletingLastPathComponent().appendingPathComponent("asl"),
            Bundle.main.bundleURL.appendingPathComponent("asl"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("asl"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Writes the case's files into a fresh temporary folder, runs `asl` there and removes the
    /// folder afterwards.
    /// - Throws: only when the folder cannot be made or the process cannot start.
    public func run(_ fuzzCase: FuzzCase) throws -> CaseResult {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("asl-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(fuzzCase.definition).write(to: folder.appendingPathComponent("definition.json"))
        try Data(fuzzCase.input).write(to: folder.appendingPathComponent("input.json"))
        return try runProcess(arguments: fuzzCase.resolvedArguments(in: folder.path), in: folder)
    }

    /// Runs `executable` with `arguments`, standard input empty, both outputs to files in
    /// `folder`; kills it (SIGKILL) once `timeout` has passed.
    public func runProcess(arguments: [String], in folder: URL) throws -> CaseResult {
        let outputURL = folder.appendingPathComponent(".stdout")
        let errorURL = folder.appendingPathComponent(".stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = backtraces ? "enable=yes,interactive=no,color=no" : "enable=no"
        process.environment = environment
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        let outcome: CaseOutcome
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            outcome = .timedOut(seconds: timeout)
        } else {
            outcome =
                process.terminationReason == .uncaughtSignal
                ? .signaled(process.terminationStatus) : .exited(process.terminationStatus)
        }
        let standardOutput = (try? Data(contentsOf: outputURL)) ?? Data()
        let standardError = (try? Data(contentsOf: errorURL)) ?? Data()
        return CaseResult(
            outcome: outcome,
            standardOutput: String(decoding: standardOutput.prefix(64 * 1024), as: UTF8.self),
            standardError: String(decoding: standardError.prefix(64 * 1024), as: UTF8.self))
    }
}
