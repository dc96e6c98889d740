import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `open(2)` of a folder by path (at file scope, where `open` is the C function).
private func openPath(_ path: String) -> Int32 { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }

/// An open folder, and every file operation the local services need, relative to it and without
/// ever following a symbolic link below it.
///
/// A path below the folder is walked one component at a time: each folder is opened with
/// `openat(parent, name, O_DIRECTORY | O_NOFOLLOW)`, and the last component is opened, created,
/// renamed or removed with the `*at` call on the descriptor of its parent (`O_NOFOLLOW`,
/// `AT_SYMLINK_NOFOLLOW`). A symbolic link anywhere below the folder is refused with an error
/// naming it and where it points; nothing is ever read or written through one. Files are
/// opened `O_NONBLOCK` and must be regular files, so a FIFO or a device planted in the data
/// directory cannot block a run or be written to; a file written in place (appended to,
/// truncated) must have a single hard link.
///
/// Rationale: checking a path and then using it by name (`realpath` and compare, then `open`)
/// leaves a window in which a folder can be swapped for a link; operating on descriptors
/// closes it: once a folder is open, renaming or replacing it changes nothing for the
/// descriptor. `..` never appears: callers give names (``DataDirectory`` refuses `.`, `..` and
/// empty components).
///
/// Not thread-confined: the descriptor is only read, and the kernel serializes the calls.
package final class DirectoryHandle: Sendable {
    package let descriptor: Int32
    /// The folder's path, for messages.
    package let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    package enum Kind: Sendable, Hashable { case missing, file, directory, link, other }

    /// Opens the folder at `path` itself, following links in `path` (the caller chose it);
    /// creates it and its parents when `create`. `nil` when missing and not created.
    package static func open(path: String, create: Bool) throws(FileIOError) -> DirectoryHandle? {
        var descriptor = openPath(path)
        if descriptor < 0 && errno == ENOENT && create {
            try FileIO.createDirectories(path)
            descriptor = openPath(path)
        }
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileIOError(operation: "open the folder", path: path, code: errno)
        }
        return DirectoryHandle(descriptor: descriptor, path: path)
    }

    package func childPath(_ name: String) -> String { path.hasSuffix("/") ? path + name : path + "/" + name }

    /// The folder `name` inside this one (never through a link); created when `create`.
    /// `nil` when missing and not created.
    package func directory(_ name: String, create: Bool) throws(FileIOError) -> DirectoryHandle? {
        var descriptor = openat(self.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor < 0 && errno == ENOENT && create {
            if mkdirat(self.descriptor, name, 0o755) != 0 && errno != EEXIST {
                throw FileIOError(operation: "create the folder", path: childPath(name), code: errno)
            }
            descriptor = openat(self.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw refusal(of: name, operation: "open the folder", code: code)
        }
        return DirectoryHandle(descriptor: descriptor, path: childPath(name))
    }

    /// The folder at `components` below this one; see ``directory(_:create:)``.
    package func directory(components: some Sequence<String>, create: Bool) throws(FileIOError) -> DirectoryHandle? {
        var current = self
        for name in components {
            guard let next = try current.directory(name, create: create) else { return nil }
            current = next
        }
        return current
    }

    /// What `name` is, without following a link.
    package func kind(_ name: String) -> Kind {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The size of the regular file `name`, or `nil`.
    package func size(_ name: String) -> Int? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return nil
        }
        return Int(info.st_size)
    }

    /// The entries (without `.` and `..`) with their kinds, unsorted; empty when unreadable.
    package func entries() -> [(name: String, kind: Kind)] {
        // A descriptor of its own (not `dup`, which would share the read offset with other
        // listings of this folder).
        let copy = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard copy >= 0 else { return [] }
        guard let stream = fdopendir(copy) else {
            close(copy)
            return []
        }
        defer { closedir(stream) }
        var result: [(name: String, kind: Kind)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != "." && name != ".." else { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .link
            case Int32(DT_UNKNOWN): kind = self.kind(name)
            default: kind = .other
            }
            result.append((name, kind))
        }
        return result
    }

    /// Opens the regular file `name` (never through a link, never a FIFO or device); the caller
    /// closes the descriptor. `nil` when it does not exist and `flags` has no `O_CREAT`.
    package func openFile(_ name: String, flags: Int32, mode: mode_t = 0o644, operation: String) throws(FileIOError)
        -> Int32?
    {
        let descriptor = openat(self.descriptor, name, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT && flags & O_CREAT == 0 { return nil }
            throw refusal(of: name, operation: operation, code: code)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw FileIOError(
                operation: operation, path: childPath(name), code: EINVAL,
                explanation: "it is not a regular file; remove it or choose another data directory")
        }
        // A file written in place (appended to, truncated) must have no other name: a hard link
        // would carry the write to a file elsewhere. Files replaced by rename are not concerned.
        if flags & O_ACCMODE != O_RDONLY && info.st_nlink > 1 {
            close(descriptor)
            throw FileIOError(
                operation: operation, path: childPath(name), code: EMLINK,
                explanation:
                    "it has \(info.st_nlink) hard links, so writing to it would change a file elsewhere; "
                    + "replace it with a copy, or choose another data directory")
        }
        return descriptor
    }

    /// The bytes of the file `name`, or `nil` when it does not exist.
    package func contents(_ name: String) throws(FileIOError) -> [UInt8]? {
        guard let descriptor = try openFile(name, flags: O_RDONLY, operation: "open") else { return nil }
        defer { close(descriptor) }
        return try FileIO.readAll(descriptor, path: childPath(name))
    }

    /// Replaces (or creates) the file `name` atomically and durably: a temporary file named for
    /// this process (``FileIO/temporaryName(for:)``), `fsync`, `renameat` over `name`, `fsync` of
    /// the folder. Renaming replaces a link at `name` itself, never what it points to.
    /// - Parameter sync: `false` skips both `fsync`s: the replacement is still atomic (a reader or
    ///   a killed process sees the old file or the new one), but durable against a power loss
    ///   only once the caller syncs the file system (``FileIO/syncFileSystem(containing:)``), as
    ///   the stream consumer does before it moves a checkpoint (SPEC-NOTES.md §12.4).
    package func writeAtomically(_ bytes: [UInt8], name: String, sync: Bool = true) throws(FileIOError) {
        let temporary = FileIO.temporaryName(for: name)
        guard
            let file = try openFile(
                temporary, flags: O_WRONLY | O_CREAT | O_EXCL, operation: "create")
        else { return }
        do throws(FileIOError) {
            try FileIO.writeAll(bytes, to: file, path: childPath(temporary))
            guard !sync || fsync(file) == 0 else {
                throw FileIOError(operation: "fsync", path: childPath(temporary), code: errno)
            }
        } catch {
            close(file)
            unlinkat(descriptor, temporary, 0)
            throw error
        }
        close(file)
        guard renameat(descriptor, temporary, descriptor, name) == 0 else {
            let code = errno
            unlinkat(descriptor, temporary, 0)
            throw FileIOError(operation: "rename a temporary file to", path: childPath(name), code: code)
        }
        if sync { _ = fsync(descriptor) }
    }

    /// Appends `bytes` to the file `name` (created when missing) with one `write` on an
    /// `O_APPEND` descriptor, then `fsync`s (unless `sync` is `false`: the caller syncs later).
    package func append(_ bytes: [UInt8], name: String, sync: Bool = true) throws(FileIOError) {
        guard let file = try openFile(name, flags: O_WRONLY | O_CREAT | O_APPEND, operation: "open") else { return }
        defer { close(file) }
        try FileIO.writeAll(bytes, to: file, path: childPath(name))
        guard !sync || fsync(file) == 0 else {
            throw FileIOError(operation: "fsync", path: childPath(name), code: errno)
        }
    }

    /// Cuts the file `name` down to `length` bytes and `fsync`s it.
    package func truncate(_ name: String, to length: Int) throws(FileIOError) {
        guard let file = try openFile(name, flags: O_WRONLY, operation: "open") else {
            throw FileIOError(operation: "open", path: childPath(name), code: ENOENT)
        }
        defer { close(file) }
        guard ftruncate(file, off_t(length)) == 0 else {
            throw FileIOError(operation: "truncate", path: childPath(name), code: errno)
        }
        guard fsync(file) == 0 else { throw FileIOError(operation: "fsync", path: childPath(name), code: errno) }
    }

    /// Removes the file (or link) `name`; a missing one is not an error.
    package func remove(_ name: String) throws(FileIOError) {
        guard unlinkat(descriptor, name, 0) == 0 || errno == ENOENT else {
            throw FileIOError(operation: "delete", path: childPath(name), code: errno)
        }
    }

    /// Removes the empty folder `name`; returns whether it was removed.
    @discardableResult
    package func removeEmptyDirectory(_ name: String) -> Bool {
        unlinkat(descriptor, name, AT_REMOVEDIR) == 0
    }

    /// Removes `name` and, when it is a folder, everything in it. Links are removed, never
    /// followed. Best effort: what cannot be removed stays.
    package func removeTree(_ name: String) {
        guard kind(name) == .directory else {
            _ = unlinkat(descriptor, name, 0)
            return
        }
        // Without recursion (a planted tree thousands of folders deep overflowed the stack): a
        // folder is emptied of files, its subfolders are stacked above it, and it is removed when
        // the walk comes back to it. Each folder is opened when visited, so the descriptors held
        // are those of its ancestors.
        var stack: [(parent: DirectoryHandle, name: String, emptied: Bool)] = [(self, name, false)]
        while let top = stack.popLast() {
            if top.emptied {
                _ = unlinkat(top.parent.descriptor, top.name, AT_REMOVEDIR)
                continue
            }
            guard let folder = try? top.parent.directory(top.name, create: false) else { continue }
            stack.append((top.parent, top.name, true))
            for entry in folder.entries() {
                if entry.kind == .directory {
                    stack.append((folder, entry.name, false))
                } else {
                    _ = unlinkat(folder.descriptor, entry.name, 0)
                }
            }
        }
    }

    /// Renames `name` to `newName` in `target` (same file system).
    package func rename(_ name: String, to target: DirectoryHandle, as newName: String) throws(FileIOError) {
        guard renameat(descriptor, name, target.descriptor, newName) == 0 else {
            let code = errno
            throw FileIOError(
                operation: "rename \(childPath(name)) to", path: target.childPath(newName), code: code)
        }
    }

    /// Swaps `first` and `second` in this folder in one step (`renameat2(RENAME_EXCHANGE)`, Linux
    /// 3.15 and later). Returns `false` when the system or the file system cannot do it, so the
    /// caller falls back to two renames.
    package func exchange(_ first: String, _ second: String) throws(FileIOError) -> Bool {
        #if os(Linux)
            guard let exchange = Self.renameat2 else { return false }
            let renameExchange: UInt32 = 2  // RENAME_EXCHANGE, <linux/fs.h>
            if exchange(descriptor, first, descriptor, second, renameExchange) == 0 { return true }
            let code = errno
            if code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP { return false }
            throw FileIOError(operation: "exchange \(childPath(first)) with", path: childPath(second), code: code)
        #else
            return false
        #endif
    }

    /// `fsync` of the folder, so renames in it are durable.
    package func sync() { _ = fsync(descriptor) }

    /// Takes an exclusive `flock(2)` on the folder without waiting; `false` when another open
    /// description of it holds one (another process, or another handle). The lock lasts as long
    /// as this handle, and the kernel drops it when the process dies, so a killed run never
    /// leaves it behind.
    package func lockExclusively() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }

    /// A lock on this folder that excludes other processes only: when this process already
    /// holds one on the same folder (same device and inode) through a handle still alive, that
    /// handle is returned (a stream reopened in one process shares its lock); otherwise this
    /// handle is locked and returned, or `nil` when another process holds the lock.
    package func processLock() -> DirectoryHandle? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let key = "\(info.st_dev):\(info.st_ino)"
        return Self.heldLocks.withLock { held in
            held = held.filter { $0.value.handle != nil }
            if let existing = held[key]?.handle { return existing }
            guard lockExclusively() else { return nil }
            held[key] = WeakHandle(handle: self)
            return self
        }
    }

    private struct WeakHandle: Sendable {
        weak var handle: DirectoryHandle?
    }

    /// The folders this process has locked, by `<device>:<inode>`.
    private static let heldLocks = Mutex<[String: WeakHandle]>([:])

    #if os(Linux)
        private typealias RenameAt2 =
            @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32)
            -> Int32

        /// glibc's `renameat2` (2.28 and later), looked up at run time: Swift's Glibc module does
        /// not export it.
        private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map {
            unsafeBitCast($0, to: RenameAt2.self)
        }
    #endif

    /// The error for `name` that could not be opened: a link is named with its target.
    private func refusal(of name: String, operation: String, code: Int32) -> FileIOError {
        guard code == ELOOP || code == ENOTDIR || code == EMLINK || code == ENXIO, kind(name) == .link else {
            return FileIOError(operation: operation, path: childPath(name), code: code)
        }
        return linkRefusal(name, operation: operation)
    }

    /// The refusal of the symbolic link `name`, naming where it points.
    package func linkRefusal(_ name: String, operation: String) -> FileIOError {
        var buffer = [CChar](repeating: 0, count: 4097)
        let length = readlinkat(descriptor, name, &buffer, 4096)
        let target =
            length >= 0
            ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        return FileIOError(
            operation: operation, path: childPath(name), code: ELOOP,
            explanation:
                "it is a symbolic link (to \(target)); the local services never follow a link inside the data "
                + "directory, which could lead outside it: remove the link, or choose another data directory",
            linkTarget: target)
    }
}
