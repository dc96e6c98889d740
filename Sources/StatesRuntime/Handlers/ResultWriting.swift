/// Where a Distributed Map's `ResultWriter` (`arn:aws:states:::s3:putObject`) puts its files.
///
/// The runtime decides what the files hold and how they are split (SPEC-NOTES.md §17.3); the
/// embedder supplies only the object store, registered as ``HandlerRegistry/resultWriter``
/// (`asl run` registers the data directory's local S3 from `LocalAWS`).
public protocol ResultWriting: Sendable {
    /// Stores `body` as the object `key` of `bucket`, replacing any object there, atomically: a
    /// reader sees the whole object or none.
    /// - Throws: Anything; the Map run fails with `States.ResultWriterFailed` whose cause is a
    ///   thrown ``StatesLanguage/StatesError``'s cause or the error's description.
    func putObject(bucket: String, key: String, body: [UInt8]) async throws
}
