import Foundation

/// One input file.
package struct InputFile: Sendable, Hashable {
    /// Relative to the input directory, `/`-separated.
    package var relativePath: String
    /// The absolute path (for messages).
    package var path: String
    package var size: Int64
}

/// The job's input: every regular file below a folder, in a deterministic order, reached the way
/// every local service reaches its files (``LocalAWS/DataDirectory``): folder by folder from the
/// input folder's descriptor, never through a symbolic link. A link below the input folder stops
/// the job with an error naming it, so a file outside the data directory is never read (and
/// never counted as a malformed record).
///
/// Rationale: listing and reading use POSIX calls (`readdir`, `openat`) rather than
/// `FileManager` and `URL` resource values, which cost tens of microseconds per file: the
/// one-object-per-file layout has as many files as events.
package enum InputFiles {
    /// Lists the files below `root`, sorted by relative path (as unsigned UTF-8 bytes). Files
    /// and folders whose name starts with `.` or `_` are skipped, as Spark's file index skips
    /// hidden and metadata files.
    /// - Throws: ``ETLError`` `.inputUnreadable` naming a symbolic link or an unreadable folder.
    package static func list(_ root: InputRoot) throws(ETLError) -> [InputFile] {
        var files: [InputFile] = []
        try collect(root.folder, prefix: "", into: &files, depth: 0)
        files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        return files
    }

    /// Folder depth beyond which listing stops.
    package static let maximumDepth = 64

    private static func collect(
        _ folder: DirectoryHandle, prefix: String, into files: inout [InputFile], depth: Int
    ) throws(ETLError) {
        guard depth < maximumDepth else {
            throw ETLError(
                .inputUnreadable, path: folder.path, "'\(folder.path)' is nested more than \(maximumDepth) folders deep"
            )
        }
        for entry in folder.entries() where !entry.name.hasPrefix(".") && !entry.name.hasPrefix("_") {
            switch entry.kind {
            case .directory:
                let child: DirectoryHandle?
                do {
                    child = try folder.directory(entry.name, create: false)
                } catch {
                    throw ETLError(.inputUnreadable, path: error.path, "cannot read the input: \(error)")
                }
                if let child { try collect(child, prefix: prefix + entry.name + "/", into: &files, depth: depth + 1) }
            case .file:
                files.append(
                    InputFile(
                        relativePath: prefix + entry.name, path: folder.childPath(entry.name),
                        size: Int64(folder.size(entry.name) ?? 0)))
            case .link:
                let error = folder.linkRefusal(entry.name, operation: "read")
                throw ETLError(.inputUnreadable, path: error.path, "cannot read the input: \(error)")
            case .missing, .other:
                continue
            }
        }
    }
}

/// The opened input folder, and the reading of its files by relative path without following a
/// link. Keeps the folder of the last file read open, since files come in path order.
package final class InputRoot: @unchecked Sendable {
    // @unchecked: the cache is used by the one producer thread only, after `list` on the caller's.
    package let folder: DirectoryHandle
    private var cachedFolder: (relative: String, handle: DirectoryHandle)?

    package init(_ folder: DirectoryHandle) { self.folder = folder }

    /// Opens `directory`: walked from the data directory's root when it lies inside it, else
    /// opened as given.
    /// - Throws: ``ETLError`` `.inputMissing` when it does not exist or is not a folder,
    ///   `.inputUnreadable` for a link on the way.
    package static func open(_ directory: URL, within data: DataDirectory?) throws(ETLError) -> InputRoot {
        let path = directory.path
        guard let handle = try AnchoredFolder.open(directory, within: data, create: false) else {
            throw ETLError(.inputMissing, path: path, "input directory '\(path)' does not exist")
        }
        return InputRoot(handle)
    }

    /// Reads a whole file into `buffer` (grown as needed, reused between files); returns its length.
    package func read(_ file: InputFile, into buffer: inout [UInt8]) throws(ETLError) -> Int {
        let failure = { (reason: String) in
            ETLError(.inputUnreadable, path: file.path, "cannot read '\(file.path)': \(reason)")
        }
        var names = file.relativePath.split(separator: "/").map(String.init)
        guard let name = names.popLast() else { throw failure("no file name") }
        let parentPath = names.joined(separator: "/")
        let descriptor: Int32
        do throws(FileIOError) {
            let parent: DirectoryHandle
            if let cached = cachedFolder, cached.relative == parentPath {
                parent = cached.handle
            } else {
                guard let opened = try folder.directory(components: names, create: false) else {
                    throw FileIOError(operation: "open", path: file.path, code: ENOENT)
                }
                parent = opened
                cachedFolder = (parentPath, opened)
            }
            guard let opened = try parent.openFile(name, flags: O_RDONLY, operation: "open") else {
                throw FileIOError(operation: "open", path: file.path, code: ENOENT)
            }
            descriptor = opened
        } catch {
            throw failure(error.reason)
        }
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
                if errno == EINTR || errno == EAGAIN { continue }
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

/// A folder the job works in, opened by the data directory's rule.
package enum AnchoredFolder {
    /// Opens `directory`: walked from `data`'s root without following links when it lies inside
    /// it; otherwise (a job run on folders of the caller's choosing) opened as given. `nil` when
    /// missing and not created.
    package static func open(_ directory: URL, within data: DataDirectory?, create: Bool) throws(ETLError)
        -> DirectoryHandle?
    {
        let path = directory.path
        do {
            if let data, let relative = data.relativePath(of: path) {
                return try data.directory(relative, create: create)
            }
            return try DirectoryHandle.open(path: path, create: create)
        } catch {
            if error.code == ENOTDIR && error.linkTarget == nil {
                throw ETLError(
                    create ? .outputUnwritable : .inputMissing, path: error.path, "'\(error.path)' is not a directory")
            }
            throw ETLError(create ? .outputUnwritable : .inputUnreadable, path: error.path, "\(error)")
        }
    }
}
