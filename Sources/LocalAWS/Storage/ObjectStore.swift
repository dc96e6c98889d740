public import Foundation

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
/// (``S3Location``), and paths that a symbolic link would lead outside are refused here.
public struct ObjectStore: Sendable {
    /// The data directory; objects live under its `s3` folder.
    public let dataDirectory: URL

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory.standardizedFileURL
    }

    /// `<data-dir>/s3`.
    public var rootPath: String { dataDirectory.appending(path: "s3").path(percentEncoded: false) }

    /// Writes an object, replacing any previous one, atomically.
    /// - Parameter durable: `false` skips the `fsync`s (the write is as atomic, not yet proof
    ///   against a power loss): for a writer of many objects that calls ``sync()`` at its commit
    ///   point, as the stream consumer does before it moves its checkpoint.
    /// - Throws: ``StorageError`` for a prefix (a key ending in `/`), a path conflict, a path
    ///   leading outside the data directory, or a file error.
    public func put(_ bytes: [UInt8], at location: S3Location, durable: Bool = true) throws(StorageError) {
        guard !location.isPrefix else {
            throw StorageError(
                .invalidKey("an object key does not end in '/' (that names a folder)"), uri: "\(location)")
        }
        let path = filePath(location)
        let directory = FileIO.parentDirectory(of: path)
        try checkInside(directory, location)
        if FileIO.kind(of: path) == .directory {
            throw StorageError(
                .pathConflict("objects exist under this key used as a folder, so it cannot also be an object"),
                uri: "\(location)")
        }
        do {
            // One stat for a folder that exists (most puts) instead of a mkdir per component.
            if FileIO.kind(of: directory) != .directory { try FileIO.createDirectories(directory) }
        } catch {
            if error.code == ENOTDIR || error.code == EEXIST {
                throw StorageError(
                    .pathConflict("a part of this key is already an object, so it cannot also be a folder"),
                    uri: "\(location)")
            }
            throw StorageError(error, uri: "\(location)")
        }
        do {
            try FileIO.writeAtomically(bytes, to: path, sync: durable)
        } catch {
            throw StorageError(error, uri: "\(location)")
        }
    }

    /// Writes a string as UTF-8.
    public func put(_ text: String, at location: S3Location) throws(StorageError) {
        try put(Array(text.utf8), at: location)
    }

    /// The object's bytes.
    /// - Throws: ``StorageError`` `.noSuchKey` when there is no such object.
    public func read(_ location: S3Location) throws(StorageError) -> [UInt8] {
        let path = filePath(location)
        try checkInside(path, location)
        guard !location.isPrefix, FileIO.kind(of: path) == .file else {
            throw StorageError(.noSuchKey, uri: "\(location)")
        }
        let bytes: [UInt8]?
        do {
            bytes = try FileIO.contents(of: path)
        } catch {
            throw StorageError(error, uri: "\(location)")
        }
        guard let bytes else { throw StorageError(.noSuchKey, uri: "\(location)") }
        return bytes
    }

    /// Whether an object exists at `location`.
    public func exists(_ location: S3Location) -> Bool {
        !location.isPrefix && FileIO.kind(of: filePath(location)) == .file
    }

    /// Deletes an object; deleting a missing object succeeds, as `DeleteObject` does. Folders left
    /// empty are removed.
    public func delete(_ location: S3Location) throws(StorageError) {
        guard !location.isPrefix else {
            throw StorageError(
                .invalidKey("an object key does not end in '/' (that names a folder)"), uri: "\(location)")
        }
        let path = filePath(location)
        try checkInside(FileIO.parentDirectory(of: path), location)
        guard FileIO.kind(of: path) == .file else { return }
        do {
            try FileIO.remove(path)
        } catch {
            throw StorageError(error, uri: "\(location)")
        }
        pruneEmptyFolders(from: FileIO.parentDirectory(of: path), bucket: location.bucket)
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
    public func list(under prefix: S3Location) throws(StorageError) -> [StoredObject] {
        // Walk from the deepest folder the prefix names completely.
        let folderKey = prefix.key.lastIndex(of: "/").map { String(prefix.key[...$0]) } ?? ""
        let start = bucketPath(prefix.bucket) + (folderKey.isEmpty ? "" : "/" + folderKey.dropLast())
        try checkInside(start, prefix)
        var found: [StoredObject] = []
        var pending: [(path: String, key: String)] = [(start, folderKey)]
        while let (directory, keyPrefix) = pending.popLast() {
            for name in FileIO.entries(of: directory) where !name.hasPrefix(FileIO.temporaryPrefix) {
                let path = directory + "/" + name
                let key = keyPrefix + name
                switch FileIO.kind(of: path) {
                case .directory:
                    let folder = key + "/"
                    if folder.hasPrefix(prefix.key) || prefix.key.hasPrefix(folder) {
                        pending.append((path, folder))
                    }
                case .file where key.hasPrefix(prefix.key):
                    found.append(
                        StoredObject(
                            location: S3Location(unchecked: prefix.bucket, key),
                            size: FileIO.size(of: path) ?? 0,
                            fileURL: URL(filePath: path)))
                default:
                    continue
                }
            }
        }
        return found.sorted { $0.location < $1.location }
    }

    /// The local folder for a prefix (for code that writes files directly, like the ETL job).
    /// - Parameter create: Create the folder (and its parents) when missing.
    public func directoryURL(for prefix: S3Location, create: Bool = false) throws(StorageError) -> URL {
        let path = bucketPath(prefix.bucket) + (prefix.key.isEmpty ? "" : "/" + prefix.asPrefix.key.dropLast())
        try checkInside(path, prefix)
        if create {
            do {
                try FileIO.createDirectories(path)
            } catch {
                throw StorageError(error, uri: "\(prefix)")
            }
        }
        return URL(filePath: path, directoryHint: .isDirectory)
    }

    /// The local file an object is stored in (whether or not it exists).
    public func fileURL(for location: S3Location) throws(StorageError) -> URL {
        let path = filePath(location)
        try checkInside(FileIO.parentDirectory(of: path), location)
        return URL(filePath: path)
    }

    func bucketPath(_ bucket: String) -> String { rootPath + "/" + bucket }

    func filePath(_ location: S3Location) -> String {
        location.key.isEmpty ? bucketPath(location.bucket) : bucketPath(location.bucket) + "/" + location.key
    }

    /// Refuses `path` when its nearest existing ancestor resolves outside `<data-dir>/s3`.
    private func checkInside(_ path: String, _ location: S3Location) throws(StorageError) {
        let root = FileIO.realPath(rootPath) ?? rootPath
        var existing = path
        while FileIO.kind(of: existing) == .missing && existing.count > rootPath.count {
            existing = FileIO.parentDirectory(of: existing)
        }
        guard let resolved = FileIO.realPath(existing) else { return }
        if resolved != root && !resolved.hasPrefix(root + "/") {
            throw StorageError(.escapesDataDirectory(resolvedPath: resolved), uri: "\(location)")
        }
    }

    private func pruneEmptyFolders(from directory: String, bucket: String) {
        var current = directory
        let stop = bucketPath(bucket)
        while current.count > stop.count && current.hasPrefix(stop + "/") {
            guard FileIO.removeEmptyDirectory(current) else { return }
            current = FileIO.parentDirectory(of: current)
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
