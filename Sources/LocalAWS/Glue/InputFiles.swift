import Foundation

/// One input file.
package struct InputFile: Sendable, Hashable {
    /// Relative to the input directory, `/`-separated.
    package var relativePath: String
    /// The absolute path.
    package var path: String
    package var size: Int64
}

/// The job's input: every regular file below a directory, in a deterministic order.
///
/// Rationale: listing and reading use POSIX calls (`opendir`/`readdir`/`stat`, `open`/`read`)
/// rather than `FileManager` and `URL` resource values, which cost tens of microseconds per
/// file: the one-object-per-file layout has as many files as events.
package enum InputFiles {
    /// Lists the files below `directory`, sorted by relative path (as unsigned UTF-8 bytes).
    /// Files and folders whose name starts with `.` or `_` are skipped, as Spark's file index
    /// skips hidden and metadata files. Symbolic links are followed; dangling ones are skipped.
    package static func list(_ directory: URL) throws(ETLError) -> [InputFile] {
        let root = directory.path
        var info = stat()
        guard stat(root, &info) == 0 else {
            throw ETLError(.inputMissing, path: root, "input directory '\(root)' does not exist")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ETLError(.inputMissing, path: root, "input '\(root)' is not a directory")
        }
        var files: [InputFile] = []
        try collect(root, prefix: "", into: &files, depth: 0)
        files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        return files
    }

    /// Folder depth beyond which listing stops (a symbolic-link loop would otherwise recurse forever).
    static let maximumDepth = 64

    private static func collect(
        _ directory: String, prefix: String, into files: inout [InputFile], depth: Int
    ) throws(ETLError) {
        guard depth < maximumDepth else {
            throw ETLError(
                .inputUnreadable, path: directory, "'\(directory)' is nested more than \(maximumDepth) folders deep")
        }
        guard let stream = opendir(directory) else {
            throw ETLError(
                .inputUnreadable, path: directory, "cannot list '\(directory)': \(String(cString: strerror(errno)))")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix("."), !name.hasPrefix("_") { names.append(name) }
        }
        for name in names {
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try collect(path, prefix: prefix + name + "/", into: &files, depth: depth + 1)
            case S_IFREG:
                files.append(InputFile(relativePath: prefix + name, path: path, size: Int64(info.st_size)))
            default:
                continue
            }
        }
    }

    /// Reads a whole file into `buffer` (grown as needed, reused between files); returns its length.
    package static func read(_ file: InputFile, into buffer: inout [UInt8]) throws(ETLError) -> Int {
        let failure = { (reason: String) in
            ETLError(.inputUnreadable, path: file.path, "cannot read '\(file.path)': \(reason)")
        }
        let descriptor = open(file.path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(String(cString: strerror(errno))) }
        var length = 0
        var capacity = max(Int(info.st_size) + 1, 4096)
        while true {
            if buffer.count < capacity { buffer = [UInt8](repeating: 0, count: capacity) }
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.read(descriptor, base + length, raw.count - length)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(String(cString: strerror(errno)))
            }
            if got == 0 { return length }
            length += got
            if length == buffer.count {
                // The file grew since fstat: keep what was read and make room for more.
                capacity = buffer.count * 2
                var larger = [UInt8](repeating: 0, count: capacity)
                larger.withUnsafeMutableBytes { target in
                    buffer.withUnsafeBytes { source in target.copyMemory(from: source) }
                }
                buffer = larger
            }
        }
    }
}
