/// Where a Distributed Map's `ResultWriter` (`arn:aws:states:::s3:putObject`) puts its files.
///
/// The runtime decides what the files hold and how they are split (SPEC-NOTES.md §17.3); the
/// embedder supplies only the object store, registered as ``HandlerRegistry/resultWriter``
/// (`asl run` registers the data directory's local S3 from `LocalAWS`).
///
/// A map run streams each results file: it opens the object (``openObject(bucket:key:)``),
/// appends the children's entries as they finish, and commits every file once the run is over,
/// the manifest last (SPEC-NOTES.md §17.5).
public protocol ResultWriting: Sendable {
    /// Stores `body` as the object `key` of `bucket`, replacing any object there, atomically: a
    /// reader sees the whole object or none.
    /// - Throws: Anything; the Map run fails with `States.ResultWriterFailed` whose cause is a
    ///   thrown ``StatesLanguage/StatesError``'s cause or the error's description.
    func putObject(bucket: String, key: String, body: [UInt8]) async throws

    /// Starts the object `key` of `bucket`, written in pieces and visible only once committed
    /// (a temporary object renamed at the end). The default keeps the pieces in memory and
    /// calls ``putObject(bucket:key:body:)`` on commit; a store that can write a temporary
    /// object (`LocalAWS`'s `S3ResultWriter`) streams them to it instead.
    /// - Throws: As ``putObject(bucket:key:body:)`` (a missing bucket may be found here).
    func openObject(bucket: String, key: String) throws -> any ResultObjectWriter
}

/// One object being written by a ``ResultWriting``: pieces appended in order, then committed
/// (made visible whole, atomically) or discarded (nothing becomes visible).
///
/// Used by one map run at a time, which serialises its calls.
public protocol ResultObjectWriter: AnyObject, Sendable {
    /// Appends `bytes` to the object.
    func append(_ bytes: [UInt8]) throws
    /// Makes the whole object visible at its key, replacing any object there.
    func commit() async throws
    /// Drops what was written; nothing becomes visible.
    func discard()
}

extension ResultWriting {
    public func openObject(bucket: String, key: String) throws -> any ResultObjectWriter {
        BufferedResultObject(writer: self, bucket: bucket, key: key)
    }
}

/// The default ``ResultObjectWriter``: the bytes in memory, one `putObject` on commit.
final class BufferedResultObject: ResultObjectWriter, @unchecked Sendable {
    // @unchecked: the map run calls it under its result sink's lock, one call at a time.
    private let writer: any ResultWriting
    private let bucket: String
    private let key: String
    private var body: [UInt8] = []

    init(writer: any ResultWriting, bucket: String, key: String) {
        self.writer = writer
        self.bucket = bucket
        self.key = key
    }

    func append(_ bytes: [UInt8]) throws { body += bytes }

    func commit() async throws { try await writer.putObject(bucket: bucket, key: key, body: body) }

    func discard() { body = [] }
}
