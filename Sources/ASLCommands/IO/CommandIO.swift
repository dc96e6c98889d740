import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Everything a command may touch of its process: standard streams, files, environment, working
/// directory and whether standard error is a terminal.
///
/// Only `ASLCommands` sees these, and only through this value, so tests run commands in-process
/// with fakes (a dictionary of files, captured output) and ``standard`` wires the real ones.
public struct CommandIO: Sendable {
    /// Writes to standard output.
    public var writeOutput: @Sendable (String) -> Void
    /// Writes to standard error.
    public var writeError: @Sendable (String) -> Void
    /// Whether a write to standard output or standard error has failed (a full disk, a closed
    /// descriptor): the command then exits 2, since output the user asked for was lost.
    public var writeFailed: @Sendable () -> Bool
    /// Reads all of standard input.
    public var readStandardInput: @Sendable () throws -> [UInt8]
    /// Reads a whole file by the path the user gave. A thrown ``FileReadError`` supplies the
    /// reason printed after `cannot read 'path':`.
    public var readFile: @Sendable (String) throws -> [UInt8]
    /// Writes a whole file atomically (a temporary file beside it, then a rename), so a reader
    /// never sees half of it.
    public var writeFile: @Sendable (String, [UInt8]) throws -> Void
    /// Starts writing a file that appears, whole, only when ``OutputFile/commit`` succeeds (a
    /// temporary file in the same folder, renamed at the end), for output written as it is made
    /// (`asl run --history`).
    public var createFile: @Sendable (String) throws -> OutputFile
    /// Whether a path names an existing regular file.
    public var fileExists: @Sendable (String) -> Bool
    /// Registers what to do on the first interrupt (Ctrl-C, SIGTERM): `asl run` stops the
    /// execution so its history file is finished. A second interrupt ends the process at once.
    public var onInterrupt: @Sendable (@escaping @Sendable () -> Void) -> Void
    /// The size in bytes of the regular file at a path, or `nil` when unknown (not a regular
    /// file, cannot be read): lets a command refuse an oversized file without reading it.
    public var fileSize: @Sendable (String) -> Int?
    /// The names in a directory (not `.` and `..`), or `nil` when the path is not a directory
    /// that can be listed (`asl test DIR` finds its test files with it).
    public var listDirectory: @Sendable (String) -> [String]? = { _ in nil }
    /// Creates a directory and any missing parents (`asl run --history` puts each Distributed
    /// Map child's history in `<history>.children/<map-run-id>/`); the default does nothing, for
    /// in-memory file systems that need no folders.
    public var createDirectory: @Sendable (String) throws -> Void = { _ in }
    public var environment: [String: String]
    public var currentDirectory: String
    public var stderrIsTerminal: Bool
    public var stdinIsTerminal: Bool

    public init(
        writeOutput: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void,
        writeFailed: @escaping @Sendable () -> Bool = { false },
        readStandardInput: @escaping @Sendable () throws -> [UInt8] = { [] },
        readFile: @escaping @Sendable (String) throws -> [UInt8] = { _ in
            throw FileReadError(reason: "No such file or directory")
        },
        writeFile: @escaping @Sendable (String, [UInt8]) throws -> Void = { path, _ in
            throw FileReadError(reason: "cannot write \(path): no file system")
        },
        createFile: (@Sendable (String) throws -> OutputFile)? = nil,
        fileExists: @escaping @Sendable (String) -> Bool = { _ in false },
        fileSize: @escaping @Sendable (String) -> Int? = { _ in nil },
        onInterrupt: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void = { _ in },
        environment: [String: String] = [:],
        currentDirectory: String = "/",
        stderrIsTerminal: Bool = false,
        stdinIsTerminal: Bool = false
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.writeFailed = writeFailed
        self.readStandardInput = readStandardInput
        self.readFile = readFile
        self.writeFile = writeFile
        self.createFile = createFile ?? { path in OutputFile.buffered(path: path, writeFile: writeFile) }
        self.fileExists = fileExists
        self.fileSize = fileSize
        self.onInterrupt = onInterrupt
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stderrIsTerminal = stderrIsTerminal
        self.stdinIsTerminal = stdinIsTerminal
    }

    /// The real process: file descriptors 0, 1 and 2, POSIX file reads, `ProcessInfo`'s
    /// environment and working directory.
    public static var standard: CommandIO {
        var io = CommandIO(
            writeOutput: { StandardStream.write($0, to: STDOUT_FILENO) },
            writeError: { StandardStream.write($0, to: STDERR_FILENO) },
            writeFailed: { StandardStream.failed.load(ordering: .relaxed) },
            readStandardInput: { try FileReadError.readAll(descriptor: STDIN_FILENO) },
            readFile: { path in
                let descriptor = open(path, O_RDONLY)
                guard descriptor >= 0 else { throw FileReadError.fromErrno() }
                defer { close(descriptor) }
                return try FileReadError.readAll(descriptor: descriptor)
            },
            writeFile: { path, bytes in try AtomicFile.write(bytes, to: path) },
            createFile: { path in try AtomicFile.create(path) },
            fileExists: { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            },
            fileSize: { path in
                var status = stat()
                guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
                return Int(status.st_size)
            },
            onInterrupt: { handler in Interrupts.install(handler) },
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            stderrIsTerminal: isatty(STDERR_FILENO) == 1,
            stdinIsTerminal: isatty(STDIN_FILENO) == 1
        ).withDirectoryListing { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return nil
            }
            return try? FileManager.default.contentsOfDirectory(atPath: path)
        }
        io.createDirectory = { path in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        return io
    }

    /// This value with ``listDirectory`` set.
    public func withDirectoryListing(_ list: @escaping @Sendable (String) -> [String]?) -> CommandIO {
        var copy = self
        copy.listDirectory = list
        return copy
    }
}

/// Why a file could not be read, in the words of `strerror` ("No such file or directory").
public struct FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }

    static func fromErrno() -> FileReadError {
        FileReadError(reason: String(cString: strerror(errno)))
    }

    /// Reads a descriptor to its end, retrying interrupted reads.
    static func readAll(descriptor: Int32) throws(FileReadError) -> [UInt8] {
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw fromErrno()
            }
            if count == 0 { return contents }
            contents.append(contentsOf: buffer[0..<count])
        }
    }
}

/// Whole-file writes that never leave a half-written file: the bytes go to a temporary file in
/// the same directory, are flushed, and the temporary file is renamed over the target.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws(FileReadError) {
        let file = try Descriptor(target: path)
        do {
            try file.write(bytes)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// An ``OutputFile`` over a temporary file beside `path`.
    static func create(_ path: String) throws(FileReadError) -> OutputFile {
        let file = try Descriptor(target: path)
        return OutputFile(
            write: { bytes in try file.write(bytes) }, commit: { try file.commit() }, discard: { file.discard() })
    }

    /// A temporary file open for writing and the path it is renamed to. Calls must not overlap
    /// (the one writer serializes them).
    private final class Descriptor: Sendable {
        let target: String
        let temporary: String
        let descriptor: Int32

        init(target: String) throws(FileReadError) {
            self.target = target
            temporary = target + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else { throw FileReadError.fromErrno() }
        }

        func write(_ bytes: [UInt8]) throws(FileReadError) {
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return systemWrite(descriptor, base + written, buffer.count - written)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw FileReadError.fromErrno()
                }
                written += count
            }
        }

        func commit() throws(FileReadError) {
            guard fsync(descriptor) == 0 || errno == EINVAL else {
                let error = FileReadError.fromErrno()
                discard()
                throw error
            }
            close(descriptor)
            guard rename(temporary, target) == 0 else {
                let error = FileReadError.fromErrno()
                unlink(temporary)
                throw error
            }
        }

        func discard() {
            close(descriptor)
            unlink(temporary)
        }
    }
}

/// A file being written piece by piece that appears at its path, whole, only on ``commit``.
public struct OutputFile: Sendable {
    /// Appends bytes.
    public var write: @Sendable ([UInt8]) throws -> Void
    /// Finishes the file and puts it at its path.
    public var commit: @Sendable () throws -> Void
    /// Abandons it: nothing appears at the path.
    public var discard: @Sendable () -> Void

    public init(
        write: @escaping @Sendable ([UInt8]) throws -> Void, commit: @escaping @Sendable () throws -> Void,
        discard: @escaping @Sendable () -> Void
    ) {
        self.write = write
        self.commit = commit
        self.discard = discard
    }

    /// Collects the bytes in memory and hands them to `writeFile` on commit (for a ``CommandIO``
    /// built without its own `createFile`).
    static func buffered(path: String, writeFile: @escaping @Sendable (String, [UInt8]) throws -> Void)
        -> OutputFile
    {
        let bytes = Mutex<[UInt8]>([])
        return OutputFile(
            write: { chunk in bytes.withLock { $0 += chunk } },
            commit: { try writeFile(path, bytes.withLock { $0 }) },
            discard: { bytes.withLock { $0 = [] } })
    }
}

/// SIGINT and SIGTERM for the real process: the first of them runs the registered handler; the
/// next one restores the default action and raises the signal again, so a run that does not stop
/// can still be ended.
enum Interrupts {
    /// Keeps the installed signal sources alive for the life of the process. Rationale for
    /// `@unchecked`: the sources are only stored, never touched again after `resume()`.
    private final class Retained: @unchecked Sendable {
        let sources: [any DispatchSourceSignal]
        init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
    }

    private static let sources = Mutex<[Retained]>([])

    private final class Seen: Sendable {
        let flag = Atomic<Bool>(false)
    }

    static func install(_ handler: @escaping @Sendable () -> Void) {
        let seen = Seen()
        var installed: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if seen.flag.exchange(true, ordering: .relaxed) {
                    signal(number, SIG_DFL)
                    raise(number)
                } else {
                    handler()
                }
            }
            source.resume()
            installed.append(source)
        }
        let retained = Retained(installed)
        sources.withLock { $0.append(retained) }
    }
}

/// Writes to file descriptors 1 and 2 with `write(2)`, remembering a failure instead of trapping
/// (Foundation's `FileHandle.write` stops the process on an error).
enum StandardStream {
    static let failed = Atomic<Bool>(false)

    static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(descriptor, base + written, buffer.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                failed.store(true, ordering: .relaxed)
                return
            }
            written += count
        }
    }
}

/// `write(2)`, named apart from `CommandIO.writeFile` and friends.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}

extension FileReadError {
    /// Why reading or writing a file failed, for an "cannot read/write 'FILE': …" message: the
    /// reason of a ``FileReadError``, or the error's own description.
    static func reason(of error: any Error) -> String {
        (error as? FileReadError)?.reason ?? String(describing: error)
    }
}
