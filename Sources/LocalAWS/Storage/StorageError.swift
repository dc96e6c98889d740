/// Why a storage operation failed, with the `s3://` URI it was about.
///
/// The message says what to do:
///
///     s3://clickstream-raw/../x: the key has a '..' segment; keys become paths under the data
///     directory, so '.' and '..' segments are refused
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The text does not start with `s3://`.
        case notAnS3URI
        /// The bucket name breaks S3's naming rules; the reason says which.
        case invalidBucketName(String)
        /// The key cannot be stored as a path; the reason says why.
        case invalidKey(String)
        /// A symbolic link lies on the path: the services never follow one below the data
        /// directory, since it could lead outside. The text names the link and its target.
        case escapesDataDirectory(resolvedPath: String)
        /// No object has this key (S3's `NoSuchKey`).
        case noSuchKey
        /// An object needs a path that already holds a folder, or a folder one that holds an
        /// object: S3 can have both `a` and `a/b`, a file system cannot.
        case pathConflict(String)
        /// A file operation failed.
        case io(operation: String, path: String, reason: String)
    }

    public let kind: Kind
    /// The URI the operation was about.
    public let uri: String

    public init(_ kind: Kind, uri: String) {
        self.kind = kind
        self.uri = uri
    }

    init(_ error: FileIOError, uri: String) {
        if error.linkTarget != nil {
            self.init(.escapesDataDirectory(resolvedPath: "\(error.path): \(error.reason)"), uri: uri)
        } else {
            self.init(.io(operation: error.operation, path: error.path, reason: error.reason), uri: uri)
        }
    }

    /// What went wrong, starting with the URI.
    public var message: String {
        switch kind {
        case .notAnS3URI:
            "'\(uri)' is not an S3 URI: write s3://bucket/key"
        case .invalidBucketName(let reason):
            "\(uri): invalid bucket name: \(reason)"
        case .invalidKey(let reason):
            "\(uri): \(reason)"
        case .escapesDataDirectory(let detail):
            "\(uri): \(detail)"
        case .noSuchKey:
            "\(uri): no such object (NoSuchKey)"
        case .pathConflict(let detail):
            "\(uri): \(detail)"
        case .io(let operation, let path, let reason):
            "\(uri): cannot \(operation) \(path): \(reason)"
        }
    }

    public var description: String { message }
}
