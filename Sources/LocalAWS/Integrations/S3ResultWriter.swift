import Foundation
import StatesLanguage
public import StatesRuntime

/// A Distributed Map `ResultWriter`'s files in the data directory's local S3 (SPEC-NOTES.md
/// §17.3): each object written atomically (a temporary file, then a rename), so the manifest the
/// runtime writes last never names a file that is not there whole.
///
/// As on AWS, the bucket must exist (here: the folder `<data-dir>/s3/<bucket>`); a missing
/// bucket, a key S3 would refuse or a file error fails the map run with
/// `States.ResultWriterFailed`.
public struct S3ResultWriter: ResultWriting {
    public let store: ObjectStore

    public init(store: ObjectStore) { self.store = store }

    public func putObject(bucket: String, key: String, body: [UInt8]) async throws {
        let location: S3Location
        do {
            location = try S3Location(bucket: bucket, key: key)
        } catch {
            throw StatesError(.resultWriterFailed, "Cannot write s3://\(bucket)/\(key): \(error.message)")
        }
        guard store.bucketExists(bucket) else {
            throw StatesError(
                .resultWriterFailed,
                "The specified bucket does not exist: \(bucket) (locally: create the folder "
                    + "\(store.rootPath)/\(bucket), or write an object into the bucket first)")
        }
        do {
            try store.put(body, at: location)
        } catch {
            throw StatesError(.resultWriterFailed, "Cannot write \(location): \(error.message)")
        }
    }
}
