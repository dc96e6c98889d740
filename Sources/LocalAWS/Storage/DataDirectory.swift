public import Foundation

/// The folder the local services keep their data in, and the one rule by which every service
/// reaches its files (the S3 store, streams and their checkpoints, SNS outboxes, `file`
/// endpoints and mail, the Athena catalog and results, the Glue job's input and output):
///
/// **Every path is resolved below the data directory without following a symbolic link.**
///
///     let data = DataDirectory(URL(filePath: ".asl-data"))
///     try data.append(line, to: "sns/clickstream-success.jsonl")
///     try data.contents(of: "kinesis/clickstream-data/stream.json")
///     // .asl-data/sns -> /home/me   ⇒ FileIOError: ".asl-data/sns: it is a symbolic link (to
///     //                                /home/me); the local services never follow a link …"
///
/// - The root itself is the folder the user named (`--data-dir`, `dataDirectory`); links in
///   that path are followed, as the user chose it.
/// - Below the root, paths are `/`-separated names; `.`, `..` and empty names are refused.
///   Each folder is opened relative to its parent's descriptor with `O_NOFOLLOW`, and the file
///   itself with the `*at` call on its parent (``DirectoryHandle``). A link anywhere below the
///   root, even one that would stay inside, is refused with an error naming it: the services
///   never create links, so one was put there by someone else, and following even an inside
///   link would reopen the race that descriptors close.
/// - Files must be regular files (a FIFO or a device is refused, and never blocks a read).
///
/// Temporary files and staging folders carry their owner's identity (``ProcessIdentity``);
/// ``removeDebris()`` removes those of dead processes.
public struct DataDirectory: Sendable, Hashable {
    /// The folder, standardized.
    public let url: URL
    /// Its path, without a trailing `/`.
    public let path: String

    public init(_ url: URL) {
        self.url = url.standardizedFileURL
        var path = self.url.path(percentEncoded: false)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.path = path
    }

    /// `<data-dir>/<relative>`, for messages.
    public func absolutePath(_ relative: String) -> String {
        relative.isEmpty ? path : (path == "/" ? "/" : path + "/") + relative
    }

    /// The path of `absolute` relative to the root, when it lies below it (by its text; nothing
    /// is resolved). `""` for the root itself.
    public func relativePath(of absolute: String) -> String? {
        var absolute = URL(filePath: absolute).standardizedFileURL.path(percentEncoded: false)
        while absolute.count > 1 && absolute.hasSuffix("/") { absolute.removeLast() }
        if absolute == path { return "" }
        let prefix = path == "/" ? "/" : path + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : nil
    }

    /// The root folder, created (with its parents) when `create`; `nil` when missing.
    package func root(create: Bool) throws(FileIOError) -> DirectoryHandle? {
        try DirectoryHandle.open(path: path, create: create)
    }

    /// The folder at `relative` (`"kinesis/clickstream-data/checkpoints"`), created when
    /// `create`; `nil` when it (or a folder above it) is missing and not created.
    /// - Throws: ``FileIOError`` for a link, a file where a folder should be, or a bad name.
    package func directory(_ relative: String, create: Bool) throws(FileIOError) -> DirectoryHandle? {
        let names = try components(relative)
        guard let root = try root(create: create) else { return nil }
        return try root.directory(components: names, create: create)
    }

    /// The folder holding the file `relative`, and the file's name.
    package func parent(of relative: String, create: Bool) throws(FileIOError) -> (
        folder: DirectoryHandle, name: String
    )? {
        var names = try components(relative)
        guard let name = names.popLast() else {
            throw FileIOError(
                operation: "use", path: path, code: EINVAL, explanation: "a file inside the data directory needs a name"
            )
        }
        guard let root = try root(create: create),
            let folder = try root.directory(components: names, create: create)
        else { return nil }
        return (folder, name)
    }

    /// The bytes of the file `relative`, or `nil` when it does not exist.
    package func contents(of relative: String) throws(FileIOError) -> [UInt8]? {
        guard let (folder, name) = try parent(of: relative, create: false) else { return nil }
        return try folder.contents(name)
    }

    /// Replaces the file `relative` atomically, creating its folders.
    /// - Parameter sync: `false` skips the `fsync`s (see ``DirectoryHandle/writeAtomically(_:name:sync:)``).
    package func writeAtomically(_ bytes: [UInt8], to relative: String, sync: Bool = true) throws(FileIOError) {
        guard let (folder, name) = try parent(of: relative, create: true) else { return }
        try folder.writeAtomically(bytes, name: name, sync: sync)
    }

    /// Appends one whole record to the file `relative`, creating it and its folders.
    /// - Parameter sync: `false` skips the `fsync` (the caller syncs later, ``sync(_:)``).
    package func append(_ bytes: [UInt8], to relative: String, sync: Bool = true) throws(FileIOError) {
        guard let (folder, name) = try parent(of: relative, create: true) else { return }
        try folder.append(bytes, name: name, sync: sync)
    }

    /// `fsync`s the file `relative`, reached by this directory's rule; a missing file is not an
    /// error.
    package func sync(_ relative: String) throws(FileIOError) {
        guard let (folder, name) = try parent(of: relative, create: false),
            let file = try folder.openFile(name, flags: O_RDONLY, operation: "open")
        else { return }
        defer { close(file) }
        guard fsync(file) == 0 else { throw FileIOError(operation: "fsync", path: absolutePath(relative), code: errno) }
    }

    /// Cuts the file `relative` to `length` bytes.
    package func truncate(_ relative: String, to length: Int) throws(FileIOError) {
        guard let (folder, name) = try parent(of: relative, create: false) else {
            throw FileIOError(operation: "open", path: absolutePath(relative), code: ENOENT)
        }
        try folder.truncate(name, to: length)
    }

    /// Creates the folder `relative` and the folders above it.
    package func createDirectories(_ relative: String) throws(FileIOError) {
        _ = try directory(relative, create: true)
    }

    /// Removes what processes that no longer run left behind anywhere in the data directory:
    /// temporary files (`.asl-tmp-<owner>-…`) and staging or set-aside folders
    /// (`.<name>.staging-<owner>-…`, `.<name>.old-<owner>-…`). A live process's files, and names
    /// without an owner, are left alone. Links are never followed; unreadable folders are
    /// skipped.
    /// - Returns: The paths removed, relative to the data directory, sorted.
    @discardableResult
    public func removeDebris() -> [String] {
        guard let root = try? root(create: false) else { return [] }
        var removed: [String] = []
        Self.sweep(root, into: &removed)
        return removed.sorted()
    }

    /// Whether `name` is a temporary file or a staging folder, and if so its owner.
    package static func debrisOwner(_ name: String) -> ProcessIdentity?? {
        if name.hasPrefix(FileIO.temporaryPrefix) {
            return .some(ProcessIdentity.owner(in: name, after: FileIO.temporaryPrefix))
        }
        guard name.hasPrefix(".") else { return nil }
        for marker in [stagingMarker, asideMarker] where name.contains(marker) {
            return .some(ProcessIdentity.owner(in: name, after: marker))
        }
        return nil
    }

    /// `.<output>.staging-<owner>-<id>` names a folder being written.
    package static let stagingMarker = ".staging-"
    /// `.<output>.old-<owner>-<id>` names a replaced folder about to be deleted.
    package static let asideMarker = ".old-"
    /// This process's identity, as staging folders carry it (``ProcessIdentity``).
    package static var ownerToken: String { ProcessIdentity.current.token }

    /// Folders deeper than this below the data directory are not swept. The services never
    /// create anything deeper: an S3 key has at most 1,024 bytes, so at most 512 folders below
    /// `s3/<bucket>`.
    package static let sweepDepth = 1024

    /// Walks the folders without recursion (a planted tree thousands of folders deep overflowed
    /// the stack of the recursive walk): a stack of folders still to visit, each opened only when
    /// visited, so the descriptors held are those of the current folder's ancestors.
    private static func sweep(_ root: DirectoryHandle, into removed: inout [String]) {
        var pending: [(parent: DirectoryHandle?, name: String, relative: String, depth: Int)] = [(nil, "", "", 0)]
        while let next = pending.popLast() {
            let folder: DirectoryHandle
            if let parent = next.parent {
                guard let child = try? parent.directory(next.name, create: false) else { continue }
                folder = child
            } else {
                folder = root
            }
            for entry in folder.entries() {
                let path = next.relative.isEmpty ? entry.name : next.relative + "/" + entry.name
                if let owner = debrisOwner(entry.name) {
                    // Debris without an owner (another program's, or an older version's) stays.
                    if let owner, !owner.isAlive {
                        folder.removeTree(entry.name)
                        removed.append(path)
                    }
                    continue
                }
                if entry.kind == .directory, next.depth < sweepDepth {
                    pending.append((folder, entry.name, path, next.depth + 1))
                }
            }
        }
    }

    private func components(_ relative: String) throws(FileIOError) -> [String] {
        let names = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if relative.isEmpty { return [] }
        for name in names where name.isEmpty || name == "." || name == ".." || name.utf8.contains(0) {
            throw FileIOError(
                operation: "use", path: absolutePath(relative), code: EINVAL,
                explanation: "'\(name)' cannot name a file or folder inside the data directory")
        }
        return names
    }
}
