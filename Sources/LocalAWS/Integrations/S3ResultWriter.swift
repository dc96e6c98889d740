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
        let location = try checkedLocation(bucket: bucket, key: key)
        do {
            try store.put(body, at: location)
        } catch {
            throw StatesError(.resultWriterFailed, "Cannot write \(location): \(error.message)")
        }
    }

    /// A results file streamed to a temporary object in the bucket, renamed over its key on
    /// commit (SPEC-NOTES.md §17.5).
    public func openObject(bucket: String, key: String) throws -> any ResultObjectWriter {
        let location = try checkedLocation(bucket: bucket, key: key)
        do {
            return StreamedResultObject(writer: try store.openWriter(location), location: "\(location)")
        } catch {
            throw StatesError(.resultWriterFailed, "Cannot write \(location): \(error.message)")
        }
    }

    private func checkedLocation(bucket: String, key: String) throws(StatesError) -> S3Location {
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
        return location
    }
}

/// A results file of the local S3 being written (an ``ObjectWriter``), its errors as the map
/// run reports them.
final class StreamedResultObject: ResultObjectWriter {
    let writer: ObjectWriter
    let location: String

    init(writer: ObjectWriter, location: String) {
        self.writer = writer
        self.location = location
    }

    func append(_ bytes: [UInt8]) throws {
        do {
            try writer.append(bytes)
        } catch {
            throw StatesError(.resultWriterFailed, "Cannot write \(location): \(error.message)")
        }
    }

    func commit() async throws {
        do {
            try writer.commit()
        } catch {
            throw StatesError(.resultWriterFailed, "Cannot write \(location): \(error.message)")
        }
    }

    func discard() { writer.discard() }
}
