#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call on a file, with the path and `errno`.
struct FileIOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done: `open`, `write`, `rename`, ….
    var operation: String
    var path: String
    /// The `errno` value.
    var code: Int32

    /// `errno`'s text, e.g. "No such file or directory".
    var reason: String { String(cString: strerror(code)) }

    var description: String { "cannot \(operation) \(path): \(reason)" }
}

/// The few file operations the clickstream handlers need, on raw POSIX calls so that durability
/// is explicit: every whole-file write goes to a temporary file in the same directory, is
/// `fsync`ed, renamed over the target and the directory `fsync`ed, so a crash leaves either the
/// old file or the new one, never half of one. Appends are one `write` on an `O_APPEND`
/// descriptor followed by `fsync`.
///
/// Rationale: `rename(2)` within one directory is atomic on POSIX file systems; the directory
/// `fsync` makes the rename itself durable (see the Linux `fsync(2)` manual page, "Calling fsync()
/// does not necessarily ensure that the entry in the directory containing the file has also
/// reached disk").
enum FileIO {
    /// Names of temporary files start with this; listings skip such names.
    static let temporaryPrefix = ".asl-tmp-"

    /// Replaces (or creates) the file at `path` with `bytes`, atomically and durably.
    /// - Parameter sync: `false` skips both `fsync`s: the replacement is still atomic (a reader or
    ///   a killed process sees the old file or the new one), but only durable against a power
    ///   loss once the caller syncs the file system (``syncFileSystem(containing:)``), as the
    ///   stream consumer does before it moves a checkpoint (SPEC-NOTES.md §12.4).
    static func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(FileIOError) {
        let directory = parentDirectory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        var generator = SystemRandomNumberGenerator()
        let suffix = String(generator.next() as UInt64, radix: 16)
        let temporary = directory + "/" + temporaryPrefix + suffix + "-" + name
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileIOError(operation: "create", path: temporary, code: errno) }
        do throws(FileIOError) {
            try writeAll(bytes, to: descriptor, path: temporary)
            guard !sync || fsync(descriptor) == 0 else {
                throw FileIOError(operation: "fsync", path: temporary, code: errno)
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileIOError(operation: "rename a temporary file to", path: path, code: code)
        }
        if sync { syncDirectory(directory) }
    }

    /// Appends `bytes` (one whole record, normally a line ending in `\n`) to `path` with a single
    /// `write` on an `O_APPEND` descriptor, then `fsync`s (unless `sync` is `false`: the caller
    /// syncs later, see ``sync(_:)``). Creates the file when missing.
    static func append(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(FileIOError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileIOError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
        guard !sync || fsync(descriptor) == 0 else { throw FileIOError(operation: "fsync", path: path, code: errno) }
    }

    /// The file's bytes, or `nil` when it does not exist.
    static func contents(of path: String) throws(FileIOError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileIOError(operation: "open", path: path, code: errno)
        }
        defer { close(descriptor) }
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

    /// Cuts the file at `path` down to `length` bytes and `fsync`s it.
    static func truncate(_ path: String, to length: Int) throws(FileIOError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileIOError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw FileIOError(operation: "truncate", path: path, code: errno)
        }
        guard fsync(descriptor) == 0 else { throw FileIOError(operation: "fsync", path: path, code: errno) }
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

    /// The size of the regular file at `path`, or `nil`.
    static func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The entries of a directory (without `.` and `..`), unsorted; empty when it cannot be read.
    static func entries(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes a file; a missing file is not an error.
    static func remove(_ path: String) throws(FileIOError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw FileIOError(operation: "delete", path: path, code: errno)
        }
    }

    /// Removes an empty directory; returns whether it was removed.
    @discardableResult
    static func removeEmptyDirectory(_ path: String) -> Bool {
        rmdir(path) == 0
    }

    /// The canonical absolute path (symbolic links resolved), or `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileIOError) {
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

    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
