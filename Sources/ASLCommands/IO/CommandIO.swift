import Foundation

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
    /// Reads all of standard input.
    public var readStandardInput: @Sendable () throws -> [UInt8]
    /// Reads a whole file by the path the user gave. A thrown ``FileReadError`` supplies the
    /// reason printed after `cannot read 'path':`.
    public var readFile: @Sendable (String) throws -> [UInt8]
    /// Writes a whole file atomically (a temporary file beside it, then a rename), so a reader
    /// never sees half of it.
    public var writeFile: @Sendable (String, [UInt8]) throws -> Void
    /// Whether a path names an existing regular file.
    public var fileExists: @Sendable (String) -> Bool
    public var environment: [String: String]
    public var currentDirectory: String
    public var stderrIsTerminal: Bool
    public var stdinIsTerminal: Bool

    public init(
        writeOutput: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void,
        readStandardInput: @escaping @Sendable () throws -> [UInt8] = { [] },
        readFile: @escaping @Sendable (String) throws -> [UInt8] = { _ in
            throw FileReadError(reason: "No such file or directory")
        },
        writeFile: @escaping @Sendable (String, [UInt8]) throws -> Void = { path, _ in
            throw FileReadError(reason: "cannot write \(path): no file system")
        },
        fileExists: @escaping @Sendable (String) -> Bool = { _ in false },
        environment: [String: String] = [:],
        currentDirectory: String = "/",
        stderrIsTerminal: Bool = false,
        stdinIsTerminal: Bool = false
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readStandardInput = readStandardInput
        self.readFile = readFile
        self.writeFile = writeFile
        self.fileExists = fileExists
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stderrIsTerminal = stderrIsTerminal
        self.stdinIsTerminal = stdinIsTerminal
    }

    /// The real process: file descriptors 0, 1 and 2, POSIX file reads, `ProcessInfo`'s
    /// environment and working directory.
    public static var standard: CommandIO {
        CommandIO(
            writeOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            readStandardInput: { try FileReadError.readAll(descriptor: STDIN_FILENO) },
            readFile: { path in
                let descriptor = open(path, O_RDONLY)
                guard descriptor >= 0 else { throw FileReadError.fromErrno() }
                defer { close(descriptor) }
                return try FileReadError.readAll(descriptor: descriptor)
            },
            writeFile: { path, bytes in try AtomicFile.write(bytes, to: path) },
            fileExists: { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            },
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            stderrIsTerminal: isatty(STDERR_FILENO) == 1,
            stdinIsTerminal: isatty(STDIN_FILENO) == 1
        )
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
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw FileReadError.fromErrno() }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(descriptor, base + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let error = FileReadError.fromErrno()
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = FileReadError.fromErrno()
            unlink(temporary)
            throw error
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
