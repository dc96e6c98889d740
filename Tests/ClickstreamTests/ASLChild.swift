import Foundation
import StatesTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `asl` binary run as a child process (for what only a separate process shows: a
/// kill in the middle of a write, files left by a dead process).
struct ASLChild {
    let process: Process
    let stderrURL: URL

    /// The `asl` beside the test bundle, or `$ASL_BINARY`.
    static func binary() -> URL? { BuiltBinary.asl() }

    /// Starts `asl <arguments>` in `folder`, standard output and error to files there.
    static func start(_ arguments: [String], in folder: URL) throws -> ASLChild {
        guard let binary = Self.binary() else { throw MissingBinary() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let stderrURL = folder.appending(path: ".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stderrURL.path(percentEncoded: false), contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return ASLChild(process: process, stderrURL: stderrURL)
    }

    /// Runs `asl <arguments>` to its end; returns the exit status and standard error.
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, stderr: String) {
        let child = try start(arguments, in: folder)
        child.process.waitUntilExit()
        return (child.process.terminationStatus, child.standardError)
    }

    struct MissingBinary: Error, CustomStringConvertible {
        var description: String { "the asl binary is not built beside the tests (swift build --build-tests)" }
    }

    var standardError: String {
        let text = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: stderrURL)
        return text
    }

    var isRunning: Bool { process.isRunning }

    /// SIGKILL, then reaps the child.
    func kill() {
        killProcess(process.processIdentifier)
        process.waitUntilExit()
    }
}

/// `kill(pid, SIGKILL)` (at file scope, where `kill` is the C function).
private func killProcess(_ pid: Int32) { _ = kill(pid, SIGKILL) }
