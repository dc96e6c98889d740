import ASLCommands
import Synchronization

/// A `CommandIO` over in-memory files and captured output, for running commands in-process.
final class FakeIO: Sendable {
    private let captured = Mutex<(stdout: String, stderr: String)>(("", ""))
    private let written = Mutex<[String: [UInt8]]>([:])
    let files: [String: [UInt8]]
    let stdin: [UInt8]?
    let environment: [String: String]
    let terminal: Bool

    init(
        files: [String: String] = [:], stdin: String? = nil, environment: [String: String] = [:],
        terminal: Bool = false
    ) {
        self.files = files.mapValues { Array($0.utf8) }
        self.stdin = stdin.map { Array($0.utf8) }
        self.environment = environment
        self.terminal = terminal
    }

    var stdout: String { captured.withLock { $0.stdout } }
    /// Files the command wrote, by path.
    var writtenFiles: [String: String] { written.withLock { $0.mapValues { String(decoding: $0, as: UTF8.self) } } }
    var stderr: String { captured.withLock { $0.stderr } }

    var io: CommandIO {
        CommandIO(
            writeOutput: { text in self.captured.withLock { $0.stdout += text } },
            writeError: { text in self.captured.withLock { $0.stderr += text } },
            readStandardInput: {
                guard let stdin = self.stdin else { throw FileReadError(reason: "Bad file descriptor") }
                return stdin
            },
            readFile: { path in
                if path.hasSuffix("/") { throw FileReadError(reason: "Is a directory") }
                guard let bytes = self.files[path] else { throw FileReadError(reason: "No such file or directory") }
                return bytes
            },
            writeFile: { path, bytes in self.written.withLock { $0[path] = bytes } },
            fileExists: { path in self.files[path] != nil },
            environment: environment,
            currentDirectory: "/work",
            stderrIsTerminal: terminal
        )
    }
}
