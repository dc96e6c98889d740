import Foundation
import JSONCore
public import StatesLanguage
public import StatesRuntime

/// Serves Distributed Map `ItemReader`s from the data directory's object store:
/// `arn:aws:states:::s3:listObjectsV2` (`Bucket`, `Prefix`) and `arn:aws:states:::s3:getObject`
/// (`Bucket`, `Key`) with `ReaderConfig.InputType` `JSON`, `JSONL`, `CSV`, `MANIFEST` or
/// `PARQUET`. CSV and JSONL are read 64 KiB at a time and give one item at a time.
///
/// Every failure is `States.ItemReaderFailed`; the causes are AWS's where a recording shows
/// them, ours otherwise (SPEC-NOTES.md §17.1).
public struct S3ItemReader: ItemReading {
    public let store: ObjectStore
    /// The run's seed, for the request ids in S3's error texts.
    public let seed: UInt64

    public init(store: ObjectStore, seed: UInt64 = 0) {
        self.store = store
        self.seed = seed
    }

    public func open(_ request: ItemReaderRequest) throws(StatesError) -> any ItemStream {
        var random = RandomSource(seed: seed ^ UInt64(truncatingIfNeeded: JavaHashOrder.hashCode(request.stateName)))
        let failures = ReaderFailures(ids: S3RequestIDs(random: &random))
        switch request.action {
        case "listObjectsV2":
            return try listObjects(request, failures: failures)
        case "getObject":
            let location = try object(request, failures: failures)
            return try getObject(location, config: request.config, failures: failures)
        default:
            throw StatesError(
                .itemReaderFailed,
                "The ItemReader resource '\(request.resource)' is not served locally: use "
                    + "arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2")
        }
    }

    // MARK: listObjectsV2

    /// Every object under `Prefix`, in key order, shaped as AWS gives them:
    /// `{"Etag": "\"<md5>\"", "LastModified": <epoch seconds>, "Key", "Size", "StorageClass": "STANDARD"}`.
    private func listObjects(_ request: ItemReaderRequest, failures: ReaderFailures) throws(StatesError)
        -> any ItemStream
    {
        let bucket = try string("Bucket", in: request.arguments, required: true) ?? ""
        let prefix = try string("Prefix", in: request.arguments, required: false) ?? ""
        if let problem = S3Location.bucketProblem(bucket) {
            throw StatesError(.itemReaderFailed, "Invalid bucket name '\(bucket)': \(problem)")
        }
        guard store.bucketExists(bucket) else { throw failures.noSuchBucket() }
        // A prefix no local key can start with (a `..` or empty segment) matches nothing.
        guard let searched = try? S3Location(bucket: bucket, key: prefix) else { return ArrayItemStream([]) }
        let objects: [StoredObject]
        do {
            objects = try store.list(under: searched)
        } catch {
            throw StatesError(.itemReaderFailed, error.message)
        }
        return ListedObjectStream(store: store, objects: objects)
    }

    // MARK: getObject

    private func object(_ request: ItemReaderRequest, failures: ReaderFailures) throws(StatesError) -> S3Location {
        let bucket = try string("Bucket", in: request.arguments, required: true) ?? ""
        let key = try string("Key", in: request.arguments, required: true) ?? ""
        let location: S3Location
        do {
            location = try S3Location(bucket: bucket, key: key)
        } catch {
            throw StatesError(.itemReaderFailed, "Invalid S3 location s3://\(bucket)/\(key): \(error.message)")
        }
        guard store.bucketExists(bucket) else { throw failures.noSuchBucket() }
        return location
    }

    func getObject(_ location: S3Location, config: ItemReaderConfig, failures: ReaderFailures) throws(StatesError)
        -> any ItemStream
    {
        if config.manifestType == "ATHENA_DATA" {
            return try AthenaManifestStream(manifest: location, reader: self, config: config, failures: failures)
        }
        switch config.inputType ?? "JSON" {
        case "JSON":
            return ArrayItemStream(try jsonArray(location, pointer: config.itemsPointer, failures: failures))
        case "JSONL":
            return JSONLinesStream(source: try open(location, failures: failures))
        case "CSV":
            let delimiter = try csvDelimiter(config)
            let source = try open(location, failures: failures)
            var reader: CSVRecordReader
            do {
                reader = try CSVRecordReader(source: source, delimiter: delimiter)
            } catch {
                throw StatesError(.itemReaderFailed, error.message)
            }
            let headers: [String]
            if config.csvHeaderLocation == "GIVEN" {
                guard let given = config.csvHeaders, !given.isEmpty else {
                    throw StatesError(
                        .itemReaderFailed,
                        "CSVHeaderLocation is GIVEN but ReaderConfig has no CSVHeaders: add \"CSVHeaders\": [\"…\"]")
                }
                headers = given
                try Self.checkHeaderSize(Array(given.joined(separator: String(UnicodeScalar(delimiter))).utf8).count)
            } else {
                let start = source.offset
                let first: [String]?
                do {
                    first = try reader.next()
                } catch {
                    throw StatesError(.itemReaderFailed, error.message)
                }
                guard let first else { return ArrayItemStream([]) }
                try Self.checkHeaderSize(source.offset - start - reader.lastBreakLength)
                headers = first
            }
            return CSVItemStream(reader: reader, shape: try CSVItemShape(headers: headers))
        case "MANIFEST":
            return try ManifestItemStream(
                manifest: location, store: store, reader: self, config: config, failures: failures)
        case "PARQUET":
            return try ParquetItemStream(url: try fileURL(location, failures: failures))
        case let other:
            throw StatesError(
                .itemReaderFailed,
                "Unknown InputType '\(other)': use one of CSV, JSON, JSONL, MANIFEST, PARQUET")
        }
    }

    /// The object's top-level array (JSON must be read whole).
    private func jsonArray(_ location: S3Location, pointer: String?, failures: ReaderFailures) throws(StatesError)
        -> [JSON]
    {
        let value = try failures.readJSON(location, from: store, what: "object")
        var selected = value
        if let pointer {
            guard let parsed = JSONPointer(parsing: pointer) else {
                throw StatesError(
                    .itemReaderFailed, "ItemsPointer '\(pointer)' is not a JSON Pointer (it starts with '/')")
            }
            guard let found = value[parsed] else {
                throw StatesError(.itemReaderFailed, "ItemsPointer '\(pointer)' selects nothing in \(location)")
            }
            selected = found
        }
        // AWS's cause for a JSON object that is no array (LocalStack recording
        // `test_map_item_reader_json_no_json_list_object`).
        guard case .array(let items) = selected else {
            throw StatesError(.itemReaderFailed, "Attempting to map over non-iterable node.")
        }
        return items
    }

    func open(_ location: S3Location, failures: ReaderFailures) throws(StatesError) -> ObjectChunks {
        do {
            return try store.openObject(location)
        } catch {
            throw failures.storage(error)
        }
    }

    private func fileURL(_ location: S3Location, failures: ReaderFailures) throws(StatesError) -> URL {
        guard store.exists(location) else { throw failures.storage(StorageError(.noSuchKey, uri: "\(location)")) }
        do {
            return try store.fileURL(for: location)
        } catch {
            throw failures.storage(error)
        }
    }

    /// The largest CSV header AWS reads: "Step Functions supports headers of up to 10 KiB for text
    /// delimited files" (AWS developer guide, "ItemReader (Map)"; SPEC-NOTES.md §17.6).
    static let maximumCSVHeaderBytes = 10 * 1024

    /// - Throws: `States.ItemReaderFailed` for a header row (or `CSVHeaders` joined by the
    ///   delimiter) over ``maximumCSVHeaderBytes``.
    static func checkHeaderSize(_ bytes: Int) throws(StatesError) {
        guard bytes > maximumCSVHeaderBytes else { return }
        throw StatesError(
            .itemReaderFailed,
            "The CSV header is \(bytes) bytes; Step Functions reads CSV headers of up to 10 KiB "
                + "(\(maximumCSVHeaderBytes) bytes)")
    }

    func csvDelimiter(_ config: ItemReaderConfig) throws(StatesError) -> UInt8 {
        guard let delimiter = CSVRecordReader.delimiter(named: config.csvDelimiter) else {
            throw StatesError(
                .itemReaderFailed,
                "Unknown CSVDelimiter '\(config.csvDelimiter ?? "")': use one of COMMA, PIPE, SEMICOLON, SPACE, TAB")
        }
        return delimiter
    }

    private func string(_ name: String, in arguments: JSON, required: Bool) throws(StatesError) -> String? {
        switch arguments[name] {
        case .string(let text)?: return text
        case nil, .null?:
            guard required else { return nil }
            throw StatesError(.itemReaderFailed, "The ItemReader's Parameters/Arguments need a string '\(name)'")
        case let other?:
            throw StatesError(
                .itemReaderFailed, "The ItemReader's '\(name)' must be a string, not \(JSONWriter.compact(other))")
        }
    }
}

/// S3's error texts for a reader, as the SDK words them (the same texts as ``S3SDKHandler``'s).
struct ReaderFailures {
    let ids: S3RequestIDs

    /// Any error met while reading items, as the reader's failure: a `StatesError` as it is, a
    /// storage error by its message, anything else by its description.
    static func readerFailure(_ error: any Error) -> StatesError {
        switch error {
        case let error as StatesError: error
        case let error as StorageError: StatesError(.itemReaderFailed, error.message)
        default: StatesError(.itemReaderFailed, "\(error)")
        }
    }

    /// The JSON document stored at `location` (`what` names it in the failure: "object",
    /// "manifest"), or the reader's failure.
    func readJSON(_ location: S3Location, from store: ObjectStore, what: String) throws(StatesError) -> JSON {
        let bytes: [UInt8]
        do {
            bytes = try store.read(location)
        } catch {
            throw storage(error)
        }
        do {
            return try JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value
        } catch {
            throw StatesError(.itemReaderFailed, "The \(what) \(location) is not valid JSON: \(error.description)")
        }
    }

    func noSuchBucket() -> StatesError {
        StatesError(.itemReaderFailed, "The specified bucket does not exist \(ids.suffix(status: 404))")
    }

    func storage(_ error: StorageError) -> StatesError {
        switch error.kind {
        case .noSuchKey:
            StatesError(.itemReaderFailed, "The specified key does not exist. \(ids.suffix(status: 404))")
        default:
            StatesError(.itemReaderFailed, error.message)
        }
    }
}

/// listObjectsV2 items, one object at a time (its bytes are read for the ETag only then).
final class ListedObjectStream: ItemStream {
    private let store: ObjectStore
    private var objects: ArraySlice<StoredObject>

    init(store: ObjectStore, objects: [StoredObject]) {
        self.store = store
        self.objects = objects[...]
    }

    func next() throws(StatesError) -> JSON? {
        guard let object = objects.popFirst() else { return nil }
        let bytes = (try? store.read(object.location)) ?? []
        let modified = store.lastModified(object.location) ?? Date(timeIntervalSince1970: 0)
        var item = JSONObject()
        item["Etag"] = .string(S3Call.etag(bytes))
        item["LastModified"] = .number(JSONNumber(Int(modified.timeIntervalSince1970.rounded(.down))))
        item["Key"] = .string(object.location.key)
        item["Size"] = .number(JSONNumber(object.size))
        item["StorageClass"] = "STANDARD"
        return .object(item)
    }
}

/// One JSON value per line; empty lines are skipped.
final class JSONLinesStream: ItemStream {
    private let source: ObjectChunks
    private var line = 0
    private var started = false

    init(source: ObjectChunks) { self.source = source }

    func next() throws(StatesError) -> JSON? {
        do {
            if !started {
                started = true
                try source.skipByteOrderMark()
            }
            while true {
                var bytes: [UInt8] = []
                var ended = true
                while let byte = try source.next() {
                    ended = false
                    if byte == UInt8(ascii: "\n") { break }
                    bytes.append(byte)
                }
                if ended && bytes.isEmpty { return nil }
                line += 1
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                guard bytes.contains(where: { !Self.isSpace($0) }) else { continue }
                do {
                    return try JSONReader.read(bytes, options: .init(recordsSourceMap: false)).value
                } catch {
                    throw StatesError(
                        .itemReaderFailed, "Line \(line) of the JSONL file is not valid JSON: \(error.description)")
                }
            }
        } catch {
            throw ReaderFailures.readerFailure(error)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}

/// CSV rows as items.
final class CSVItemStream: ItemStream {
    private var reader: CSVRecordReader
    private let shape: CSVItemShape

    init(reader: CSVRecordReader, shape: CSVItemShape) {
        self.reader = reader
        self.shape = shape
    }

    func next() throws(StatesError) -> JSON? {
        do {
            guard let fields = try reader.next() else { return nil }
            return shape.item(fields)
        } catch {
            throw StatesError(.itemReaderFailed, error.message)
        }
    }
}
