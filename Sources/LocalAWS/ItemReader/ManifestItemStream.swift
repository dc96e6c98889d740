import JSONCore
import StatesLanguage
import StatesRuntime

/// `InputType: MANIFEST` (`ManifestType` `S3_INVENTORY`, the default): an S3 Inventory
/// `manifest.json` whose `files` are CSV files in `destinationBucket` (an ARN or a name; the
/// manifest's own bucket when absent), with no header row and the columns `fileSchema` names
/// (`"Bucket, Key, Size, LastModifiedDate"`). Each row is an item keyed by those names, every
/// value a string, keys in the order CSV items have (``JavaHashOrder``); the files are read one
/// after the other, each as a stream.
///
/// Files whose key ends in `.gz` (as S3 Inventory writes them) are gunzipped (``Gunzip``), each
/// in memory as a whole; plain CSV files are streamed. Not served: inventories in ORC or Parquet,
/// failing with a cause that says so (SPEC-NOTES.md §17.1). `ManifestType: ATHENA_DATA` is
/// ``AthenaManifestStream``'s.
final class ManifestItemStream: ItemStream {
    private let store: ObjectStore
    private let reader: S3ItemReader
    private let failures: ReaderFailures
    private let bucket: String
    private var files: ArraySlice<String>
    private let shape: CSVItemShape
    private var current: CSVRecordReader?

    init(
        manifest: S3Location, store: ObjectStore, reader: S3ItemReader, config: ItemReaderConfig,
        failures: ReaderFailures
    ) throws(StatesError) {
        self.store = store
        self.reader = reader
        self.failures = failures
        if let type = config.manifestType, type != "S3_INVENTORY" {
            throw StatesError(
                .itemReaderFailed, "ManifestType '\(type)' is not served locally: use S3_INVENTORY or ATHENA_DATA")
        }
        let document = try failures.readJSON(manifest, from: store, what: "manifest")
        let format = document["fileFormat"]?.stringValue ?? "CSV"
        guard format == "CSV" else {
            throw StatesError(
                .itemReaderFailed,
                "The manifest \(manifest) names \(format) inventory files; only CSV inventories are read locally")
        }
        guard let schema = document["fileSchema"]?.stringValue else {
            throw StatesError(.itemReaderFailed, "The manifest \(manifest) has no \"fileSchema\"")
        }
        guard case .array(let entries)? = document["files"] else {
            throw StatesError(.itemReaderFailed, "The manifest \(manifest) has no \"files\" array")
        }
        var keys: [String] = []
        for entry in entries {
            guard let key = entry["key"]?.stringValue else {
                throw StatesError(
                    .itemReaderFailed, "The manifest \(manifest) lists a file without a \"key\"")
            }
            keys.append(key)
        }
        files = keys[...]
        let destination = document["destinationBucket"]?.stringValue ?? manifest.bucket
        bucket = destination.hasPrefix("arn:") ? String(destination.split(separator: ":").last ?? "") : destination
        shape = try CSVItemShape(
            headers: schema.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    func next() throws(StatesError) -> JSON? {
        while true {
            if current == nil {
                guard let key = files.popFirst() else { return nil }
                let location: S3Location
                do {
                    location = try S3Location(bucket: bucket, key: key)
                } catch {
                    throw StatesError(
                        .itemReaderFailed, "Invalid inventory file s3://\(bucket)/\(key): \(error.message)")
                }
                do {
                    current = try CSVRecordReader(source: try source(location), delimiter: UInt8(ascii: ","))
                } catch {
                    throw ReaderFailures.readerFailure(error)
                }
            }
            do {
                if let fields = try current?.next() { return shape.item(fields) }
            } catch {
                throw StatesError(.itemReaderFailed, error.message)
            }
            current = nil
        }
    }

    /// The file's bytes as a stream: gunzipped when its key ends in `.gz`.
    private func source(_ location: S3Location) throws(StatesError) -> ObjectChunks {
        guard location.key.hasSuffix(".gz") else { return try reader.open(location, failures: failures) }
        let compressed: [UInt8]
        do {
            compressed = try store.read(location)
        } catch {
            throw failures.storage(error)
        }
        do {
            return ObjectChunks(bytes: try Gunzip.decompress(compressed), path: "\(location)")
        } catch {
            throw StatesError(.itemReaderFailed, "The inventory file \(location) cannot be gunzipped: \(error.message)")
        }
    }
}
