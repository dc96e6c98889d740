public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A local stand-in for S3: `s3://bucket/key` is the file `<data-dir>/s3/bucket/key`.
///
///     let store = ObjectStore(dataDirectory: URL(filePath: ".asl-data"))
///     let object = try S3Location(parsing: "s3://clickstream-raw/2024/01/05/e1.json")
///     try store.put(Array(#"{"user_id":"u1234"}"#.utf8), at: object)
///     try store.list(under: S3Location(parsing: "s3://clickstream-raw/2024/"))   // [e1.json]
///
/// Every write is atomic (temporary file in the same folder, `fsync`, `rename`), so a reader or a
/// crash never sees half an object. Listing is recursive and sorted by key like S3's
/// `ListObjectsV2`; temporary files are never listed. Nothing is read or written outside the data
/// directory: keys with `..`, empty or absolute segments are refused when parsed
/// (``S3Location``), and every path goes through ``DataDirectory``, which never follows a
/// symbolic link below the data directory.
public struct ObjectStore: Sendable {
    /// The data directory; objects live under its `s3` folder.
    public let dataDirectory: URL

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory.standardizedFileURL
    }

    /// `<data-dir>/s3`.
    public var rootPath: String { dataDirectory.appending(path: "s3").path(percentEncoded: false) }

    /// The rule every path of the store goes through (no symbolic link is followed).
    public var directory: DataDirectory { DataDirectory(dataDirectory) }

    /// Writes an object, replacing any previous one, atomically.
    /// - Parameter durable: `false` skips the `fsync`s (the write is as atomic, not yet proof
    ///   against a power loss): for a writer of many objects that calls ``sync()`` at its commit
    ///   point, as the stream consumer does before it moves its checkpoint.
    /// - Throws: ``StorageError`` for a prefix (a key ending in `/`), a path conflict, a path
    ///   through a symbolic link, or a file error.
    public func put(_ bytes: [UInt8], at location: S3Location, durable: Bool = true) throws(StorageError) {
        guard !location.isPrefix else {
            throw StorageError(
                .invalidKey("an object key does not end in '/' (that names a folder)"), uri: "\(location)")
        }
        let (folder, name) = try parentForWriting(location)
        do {
            try folder.writeAtomically(bytes, name: name, sync: durable)
        } catch {
            throw StorageError(error, uri: "\(location)")
        }
    }

    /// The folder an object is written into (created as needed) and the object's name in it.
    /// - Throws: ``StorageError`` for a path conflict, a path through a symbolic link, or a
    ///   file error.
    func parentForWriting(_ location: S3Location) throws(StorageError) -> (folder: DirectoryHandle, name: String) {
        let target: (folder: DirectoryHandle, name: String)?
        do {
            target = try directory.parent(of: relativePath(location), create: true)
        } catch {
            if error.linkTarget == nil && (error.code == ENOTDIR || error.code == EEXIST) {
                // The store's own folder or the bucket's being a file is no key's fault.
                let relative = directory.relativePath(of: error.path)
                if relative == "s3" || relative == bucketRelativePath(location.bucket) {
                    throw StorageError(
                        .io(
                            operation: "use the folder", path: error.path,
                            reason: "it is a file, not a folder; remove it or choose another data directory"),
                        uri: "\(location)")
                }
                throw StorageError(
                    .pathConflict("a part of this key is already an object, so it cannot also be a folder"),
                    uri: "\(location)")
            }
            throw StorageError(error, uri: "\(location)")
        }
        guard let (folder, name) = target else {
            throw StorageError(
                .io(operation: "create the folder of", path: filePath(location), reason: "missing"), uri: "\(location)")
        }
        if folder.kind(name) == .directory {
            throw StorageError(
                .pathConflict("objects exist under this key used as a folder, so it cannot also be an object"),
                uri: "\(location)")
        }
        return (folder, name)
    }

    /// Writes a string as UTF-8.
    public func put(_ text: String, at location: S3Location) throws(StorageError) {
        try put(Array(text.utf8), at: location)
    }

    /// The object's bytes.
    /// - Throws: ``StorageError`` `.noSuchKey` when there is no such object.
    public func read(_ location: S3Location) throws(StorageError) -> [UInt8] {
        guard !location.isPrefix else { throw StorageError(.noSuchKey, uri: "\(location)") }
        let bytes: [UInt8]?
        do throws(FileIOError) {
            guard let (folder, name) = try directory.parent(of: relativePath(location), create: false),
                folder.kind(name) != .directory
            else { throw FileIOError(operation: "open", path: filePath(location), code: ENOENT) }
            bytes = try folder.contents(name)
        } catch {
            if error.linkTarget == nil && (error.code == ENOTDIR || error.code == ENOENT) {
                throw StorageError(.noSuchKey, uri: "\(location)")
            }
            throw StorageError(error, uri: "\(location)")
        }
        guard let bytes else { throw StorageError(.noSuchKey, uri: "\(location)") }
        return bytes
    }

    /// Whether an object exists at `location` (a link is not an object).
    public func exists(_ location: S3Location) -> Bool {
        guard !location.isPrefix, let (folder, name) = try? directory.parent(of: relativePath(location), create: false)
        else { return false }
        return folder.kind(name) == .file
    }

    /// Deletes an object; deleting a missing object succeeds, as `DeleteObject` does. Folders left
    /// empty are removed.
    public func delete(_ location: S3Location) throws(StorageError) {
        guard !location.isPrefix else {
            throw StorageError(
                .invalidKey("an object key does not end in '/' (that names a folder)"), uri: "\(location)")
        }
        do throws(FileIOError) {
            guard let (folder, name) = try directory.parent(of: relativePath(location), create: false) else { return }
            switch folder.kind(name) {
            case .file:
                try folder.remove(name)
            case .link:
                throw folder.linkRefusal(name, operation: "delete")
            default:
                return
            }
        } catch {
            if error.linkTarget == nil && error.code == ENOTDIR { return }
            throw StorageError(error, uri: "\(location)")
        }
        pruneEmptyFolders(of: location)
    }

    /// Deletes every object whose key starts with the prefix; returns how many were deleted.
    @discardableResult
    public func deleteAll(under prefix: S3Location) throws(StorageError) -> Int {
        let objects = try list(under: prefix)
        for object in objects { try delete(object.location) }
        return objects.count
    }

    /// Every object whose key starts with `prefix.key` (a plain string prefix, as S3's `Prefix`),
    /// at any depth, sorted by key.
    /// - Throws: ``StorageError`` when a symbolic link lies on the way (it is named).
    public func list(under prefix: S3Location) throws(StorageError) -> [StoredObject] {
        // Walk from the deepest folder the prefix names completely.
        let folderKey = prefix.key.lastIndex(of: "/").map { String(prefix.key[...$0]) } ?? ""
        let start = bucketRelativePath(prefix.bucket) + (folderKey.isEmpty ? "" : "/" + folderKey.dropLast())
        var found: [StoredObject] = []
        do throws(FileIOError) {
            guard let top = try directory.directory(start, create: false) else { return [] }
            var pending: [(folder: DirectoryHandle, key: String)] = [(top, folderKey)]
            while let (folder, keyPrefix) = pending.popLast() {
                // Temporary files and staging folders are work in progress, never objects (their
                // names are reserved: ``S3Location`` refuses keys shaped like them).
                for entry in folder.entries() where !Self.isWorkInProgress(entry.name) {
                    let key = keyPrefix + entry.name
                    switch entry.kind {
                    case .directory:
                        let child = key + "/"
                        if child.hasPrefix(prefix.key) || prefix.key.hasPrefix(child),
                            let opened = try folder.directory(entry.name, create: false)
                        {
                            pending.append((opened, child))
                        }
                    case .file where key.hasPrefix(prefix.key):
                        found.append(
                            StoredObject(
                                location: S3Location(unchecked: prefix.bucket, key),
                                size: folder.size(entry.name) ?? 0,
                                fileURL: URL(filePath: folder.childPath(entry.name))))
                    case .link where key.hasPrefix(prefix.key) || prefix.key.hasPrefix(key):
                        throw folder.linkRefusal(entry.name, operation: "list")
                    default:
                        continue
                    }
                }
            }
        } catch {
            if error.linkTarget == nil && error.code == ENOTDIR { return [] }
            throw StorageError(error, uri: "\(prefix)")
        }
        return found.sorted { $0.location < $1.location }
    }

    /// The local folder for a prefix (for code that works on files directly, like the Glue job,
    /// which then goes through ``directory`` itself).
    /// - Parameter create: Create the folder (and its parents) when missing.
    /// - Throws: ``StorageError`` when a symbolic link or a file lies on the way.
    public func directoryURL(for prefix: S3Location, create: Bool = false) throws(StorageError) -> URL {
        let relative = folderRelativePath(prefix)
        do {
            _ = try directory.directory(relative, create: create)
        } catch {
            throw StorageError(error, uri: "\(prefix)")
        }
        return URL(filePath: directory.absolutePath(relative), directoryHint: .isDirectory)
    }

    /// The local file an object is stored in (whether or not it exists).
    /// - Throws: ``StorageError`` when a symbolic link lies on the way.
    public func fileURL(for location: S3Location) throws(StorageError) -> URL {
        do {
            _ = try directory.parent(of: relativePath(location), create: false)
        } catch {
            throw StorageError(error, uri: "\(location)")
        }
        return URL(filePath: filePath(location))
    }

    func bucketPath(_ bucket: String) -> String { rootPath + "/" + bucket }

    func filePath(_ location: S3Location) -> String { directory.absolutePath(relativePath(location)) }

    /// `s3/<bucket>`.
    func bucketRelativePath(_ bucket: String) -> String { "s3/" + bucket }

    /// `s3/<bucket>/<key>` (the key without a trailing `/`).
    func relativePath(_ location: S3Location) -> String {
        location.key.isEmpty
            ? bucketRelativePath(location.bucket) : bucketRelativePath(location.bucket) + "/" + location.key
    }

    /// `s3/<bucket>/<prefix without its trailing />`.
    func folderRelativePath(_ prefix: S3Location) -> String {
        prefix.key.isEmpty
            ? bucketRelativePath(prefix.bucket)
            : bucketRelativePath(prefix.bucket) + "/" + prefix.asPrefix.key.dropLast()
    }

    static func isWorkInProgress(_ name: String) -> Bool {
        if name.hasPrefix(FileIO.temporaryPrefix) { return true }
        if case .some(.some) = DataDirectory.debrisOwner(name) { return true }
        return false
    }

    /// Removes the folders an object's deletion left empty, up to (not including) the bucket.
    private func pruneEmptyFolders(of location: S3Location) {
        var segments = location.segments.map(String.init)
        segments.removeLast()
        while let last = segments.popLast() {
            let parent = bucketRelativePath(location.bucket) + segments.map { "/" + $0 }.joined()
            guard let folder = try? directory.directory(parent, create: false), folder.removeEmptyDirectory(last)
            else { return }
        }
    }
}

/// An object found by ``ObjectStore/list(under:)``.
public struct StoredObject: Sendable, Hashable {
    public let location: S3Location
    /// Size in bytes.
    public let size: Int
    /// The local file holding it.
    public let fileURL: URL
}
