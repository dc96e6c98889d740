#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call on a file, with the path and `errno`.
package struct FileIOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done: `open`, `write`, `rename`, ….
    package var operation: String
    package var path: String
    /// The `errno` value.
    package var code: Int32
    /// Replaces `errno`'s text when the refusal is ours (a symbolic link, a file that is not regular).
    package var explanation: String? = nil
    /// Set when the operation was refused because `path` is a symbolic link: where the link points.
    package var linkTarget: String? = nil

    package init(
        operation: String, path: String, code: Int32, explanation: String? = nil, linkTarget: String? = nil
    ) {
        self.operation = operation
        self.path = path
        self.code = code
        self.explanation = explanation
        self.linkTarget = linkTarget
    }

    /// `errno`'s text, e.g. "No such file or directory", or the explanation of a refusal.
    package var reason: String { explanation ?? String(cString: strerror(code)) }

    package var description: String { "cannot \(operation) \(path): \(reason)" }
}

/// File operations by path, for files outside the data directory (the configuration, its setup
/// files' folder, `/proc`). Everything inside the data directory goes through ``DataDirectory``
/// and ``DirectoryHandle``, which never follow a link; there, every whole-file write goes to a
/// temporary file in the same folder, is `fsync`ed, renamed over the target and the folder
/// `fsync`ed, so a crash leaves either the old file or the new one, never half of one.
///
/// Rationale: `rename(2)` within one directory is atomic on POSIX file systems; the directory
/// `fsync` makes the rename itself durable (see the Linux `fsync(2)` manual page, "Calling fsync()
/// does not necessarily ensure that the entry in the directory containing the file has also
/// reached disk").
enum FileIO {
    /// Names of temporary files start with this; listings skip such names.
    static let temporaryPrefix = ".asl-tmp-"

    /// `.asl-tmp-<owner>-<random>-<name>`: the owner is this process (``ProcessIdentity``), so a
    /// later run can tell a dead process's leftover from a live one's file.
    static func temporaryName(for name: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let suffix = String(generator.next() as UInt64, radix: 16)
        return temporaryPrefix + ProcessIdentity.current.token + "-" + suffix + "-" + name
    }

    /// The file's bytes, or `nil` when it does not exist.
    static func contents(of path: String) throws(FileIOError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileIOError(operation: "open", path: path, code: errno)
        }
        defer { close(descriptor) }
        return try readAll(descriptor, path: path)
    }

    /// Everything left to read from the open file `descriptor` (`path` names it in an error).
    static func readAll(_ descriptor: Int32, path: String) throws(FileIOError) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileIOError(operation: "read", path: path, code: errno)
            }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    /// Creates `path` and its missing parents (mode 0755).
    static func createDirectories(_ path: String) throws(FileIOError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw FileIOError(operation: "create the folder", path: current, code: errno)
            }
        }
        guard kind(of: path) == .directory else {
            throw FileIOError(operation: "create the folder", path: path, code: ENOTDIR)
        }
    }

    enum Kind { case missing, file, directory, other }

    /// What is at `path`, following symbolic links.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileIOError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileIOError(operation: "write", path: path, code: errno)
            }
            offset += written
        }
    }
}
