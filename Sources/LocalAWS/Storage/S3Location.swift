/// An S3 address, `s3://bucket/key`, checked so that it can be stored as a path inside the data
/// directory.
///
/// The key may be empty (the whole bucket) or end in `/` (a prefix, what the S3 console shows as
/// a folder); objects themselves never end in `/`.
///
///     let raw = try S3Location(parsing: "s3://clickstream-raw/2024/01/05/")
///     raw.bucket                                  // "clickstream-raw"
///     raw.appending("a.json").description         // "s3://clickstream-raw/2024/01/05/a.json"
///     try S3Location(parsing: "s3://clickstream-raw/../etc")   // throws .invalidKey
///
/// Bucket names follow S3's rules for general purpose buckets (Amazon S3 User Guide, "Bucket
/// naming rules"): 3 to 63 characters of lowercase letters, digits, `.` and `-`, starting and
/// ending with a letter or digit, no `..`, not shaped like an IPv4 address, not starting with
/// `xn--`, `sthree-` or `amzn-s3-demo-`, not ending with `-s3alias` or `--ol-s3`. Keys are at most
/// 1,024 UTF-8 bytes (Amazon S3 User Guide, "Naming Amazon S3 objects"); S3 itself would accept
/// `..` segments, empty segments and NUL, but here a key becomes a file path, so those are
/// refused with an error naming the URI.
public struct S3Location: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bucket: String
    public let key: String

    /// Parses `s3://bucket/key`; `s3://bucket` and `s3://bucket/` both mean the whole bucket.
    /// - Throws: ``StorageError`` naming the URI and what is wrong with it.
    public init(parsing uri: String) throws(StorageError) {
        guard uri.hasPrefix("s3://") else {
            throw StorageError(.notAnS3URI, uri: uri)
        }
        let rest = uri.dropFirst("s3://".count)
        if let slash = rest.firstIndex(of: "/") {
            try self.init(bucket: String(rest[..<slash]), key: String(rest[rest.index(after: slash)...]), uri: uri)
        } else {
            try self.init(bucket: String(rest), key: "", uri: uri)
        }
    }

    /// A location from its parts, checked like ``init(parsing:)``.
    public init(bucket: String, key: String) throws(StorageError) {
        try self.init(bucket: bucket, key: key, uri: "s3://\(bucket)/\(key)")
    }

    private init(bucket: String, key: String, uri: String) throws(StorageError) {
        if let problem = Self.bucketProblem(bucket) {
            throw StorageError(.invalidBucketName(problem), uri: uri)
        }
        if let problem = Self.keyProblem(key) {
            throw StorageError(.invalidKey(problem), uri: uri)
        }
        self.bucket = bucket
        self.key = key
    }

    /// `s3://bucket/key`.
    public var description: String { "s3://\(bucket)/\(key)" }

    /// Whether the key is empty or ends in `/`: a prefix rather than an object.
    public var isPrefix: Bool { key.isEmpty || key.hasSuffix("/") }

    /// The key's path segments (`"2024/01/a.json"` → `["2024", "01", "a.json"]`).
    public var segments: [Substring] { key.split(separator: "/") }

    /// This location as a prefix: the key with a trailing `/` (unchanged when empty or already one).
    public var asPrefix: S3Location {
        isPrefix ? self : S3Location(unchecked: bucket, key + "/")
    }

    /// The location of `path` (one or more `/`-separated segments) under this one, which is
    /// treated as a prefix.
    /// - Throws: ``StorageError`` when `path` would make an invalid key.
    public func appending(_ path: String) throws(StorageError) -> S3Location {
        try S3Location(bucket: bucket, key: asPrefix.key + path)
    }

    /// The key relative to `prefix`, or `nil` when this location is not under it.
    public func key(relativeTo prefix: S3Location) -> String? {
        guard bucket == prefix.bucket, key.hasPrefix(prefix.key) else { return nil }
        return String(key.dropFirst(prefix.key.count))
    }

    /// Orders by bucket, then by the key's UTF-8 bytes, which is how S3 lists keys.
    public static func < (lhs: S3Location, rhs: S3Location) -> Bool {
        if lhs.bucket != rhs.bucket { return lhs.bucket < rhs.bucket }
        return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
    }

    init(unchecked bucket: String, _ key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// Why `name` is not a valid bucket name, or `nil` when it is.
    static func bucketProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else {
            return "a bucket name has 3 to 63 characters, and '\(name)' has \(name.count)"
        }
        let allowed = { (byte: UInt8) in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D
        }
        if let bad = name.unicodeScalars.first(where: { !$0.isASCII || !allowed(UInt8($0.value)) }) {
            return "a bucket name has only lowercase letters, digits, '.' and '-', and '\(name)' has '\(bad)'"
        }
        let isAlphanumeric = { (byte: UInt8) in byte != 0x2E && byte != 0x2D }
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return "a bucket name starts and ends with a letter or digit"
        }
        if name.contains("..") { return "a bucket name has no two adjacent periods" }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) {
            return "a bucket name is not formatted as an IP address"
        }
        for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] where name.hasPrefix(prefix) {
            return "a bucket name does not start with '\(prefix)'"
        }
        for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3"] where name.hasSuffix(suffix) {
            return "a bucket name does not end with '\(suffix)'"
        }
        return nil
    }

    /// Why `key` cannot be stored under the data directory, or `nil` when it can.
    static func keyProblem(_ key: String) -> String? {
        if key.utf8.count > 1024 {
            return "a key is at most 1024 bytes of UTF-8, and this one has \(key.utf8.count)"
        }
        if key.utf8.contains(0) { return "the key contains a NUL character" }
        if key.hasPrefix("/") {
            return
                "the key starts with '/', which would make an absolute path (write s3://bucket/key, not s3://bucket//key)"
        }
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." {
                return "the key has a '\(segment)' segment; keys become paths under the data directory, "
                    + "so '.' and '..' segments are refused"
            }
            if segment.isEmpty && index != segments.count - 1 {
                return "the key has an empty segment ('//'); keys become paths under the data directory, "
                    + "so empty segments are refused"
            }
            if segment.hasPrefix(FileIO.temporaryPrefix) {
                return "key segments starting with '\(FileIO.temporaryPrefix)' are reserved for temporary files"
            }
            if case .some(.some) = DataDirectory.debrisOwner(String(segment)) {
                return "the key segment '\(segment)' is shaped like a staging folder's name, which is reserved"
            }
        }
        return nil
    }
}
