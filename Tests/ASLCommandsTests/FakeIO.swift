import ASLCommands
import Synchronization

/// A `CommandIO` over in-memory files and captured output, for running commands in-process.
final class FakeIO: Sendable {
    private let captured = Mutex<(stdout: String, stderr: String)>(("", ""))
    private let written = Mutex<[String: [UInt8]]>([:])
    private let reads = Mutex<[String]>([])
    private let chunks = Mutex<[String: Int]>([:])
    let files: [String: [UInt8]]
    let stdin: [UInt8]?
    let environment: [String: String]
    let terminal: Bool
    /// Paths whose folder cannot be written: creating or writing them fails.
    let unwritable: Set<String>
    /// Paths whose final rename fails, after every write succeeded.
    let failsCommit: Set<String>
    /// Sizes reported for paths instead of their contents' (a large file without the bytes).
    let sizes: [String: Int]

    init(
        files: [String: String] = [:], stdin: String? = nil, environment: [String: String] = [:],
        terminal: Bool = false, unwritable: Set<String> = [], failsCommit: Set<String> = [], sizes: [String: Int] = [:]
    ) {
        self.files = files.mapValues { Array($0.utf8) }
        self.stdin = stdin.map { Array($0.utf8) }
        self.environment = environment
        self.terminal = terminal
        self.unwritable = unwritable
        self.failsCommit = failsCommit
        self.sizes = sizes
    }

    var stdout: String { captured.withLock { $0.stdout } }
    /// Files the command wrote, by path.
    var writtenFiles: [String: String] { written.withLock { $0.mapValues { String(decoding: $0, as: UTF8.self) } } }
    var stderr: String { captured.withLock { $0.stderr } }
    /// Every path read with `readFile`, in order.
    var readPaths: [String] { reads.withLock { $0 } }
    /// How many writes each streamed file (`createFile`) received before its commit.
    var streamedWrites: [String: Int] { chunks.withLock { $0 } }

    var io: CommandIO {
        CommandIO(
            writeOutput: { text in self.captured.withLock { $0.stdout += text } },
            writeError: { text in self.captured.withLock { $0.stderr += text } },
            readStandardInput: {
                guard let stdin = self.stdin else { throw FileReadError(reason: "Bad file descriptor") }
                return stdin
            },
            readFile: { path in
                self.reads.withLock { $0.append(path) }
                if path.hasSuffix("/") { throw FileReadError(reason: "Is a directory") }
                guard let bytes = self.files[path] else { throw FileReadError(reason: "No such file or directory") }
                return bytes
            },
            writeFile: { path, bytes in
                if self.unwritable.contains(path) { throw FileReadError(reason: "Permission denied") }
                self.written.withLock { $0[path] = bytes }
            },
            createFile: { path in
                if self.unwritable.contains(path) { throw FileReadError(reason: "Permission denied") }
                let pending = Mutex<[UInt8]>([])
                return OutputFile(
                    write: { bytes in
                        pending.withLock { $0 += bytes }
                        self.chunks.withLock { $0[path, default: 0] += 1 }
                    },
                    commit: {
                        if self.failsCommit.contains(path) { throw FileReadError(reason: "No space left on device") }
                        let bytes = pending.withLock { $0 }
                        self.written.withLock { $0[path] = bytes }
                    },
                    discard: { pending.withLock { $0 = [] } })
            },
            fileExists: { path in self.files[path] != nil },
            fileSize: { path in self.sizes[path] ?? self.files[path]?.count },
            environment: environment,
            currentDirectory: "/work",
            stderrIsTerminal: terminal
        )
    }
}
