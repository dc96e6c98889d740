import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime

/// `ReaderConfig.ManifestType: ATHENA_DATA`: the object the reader's `Bucket`/`Key` name is the
/// data manifest an Athena `UNLOAD` writes (`<query-id>-manifest.csv`: one `s3://bucket/key` URI
/// per line, no header), and the items are those of every file it lists, read one after the other
/// as `InputType` says (`CSV`, `JSONL` or `PARQUET`: "All objects referenced in a single manifest
/// file must have the same InputType format": AWS Compute Blog, "Orchestrating big data processing
/// with AWS Step Functions Distributed Map", 2025; AWS developer guide "ItemReader (Map)"). The
/// one-URI-a-line layout is inferred (Athena's guide says the manifest lists the files written).
/// The other `ReaderConfig` fields (`CSVHeaderLocation`, `CSVHeaders`, `CSVDelimiter`) apply to
/// each file as they would to one object (SPEC-NOTES.md §17.6).
final class AthenaManifestStream: ItemStream {
    static let inputTypes: Set<String> = ["CSV", "JSONL", "PARQUET"]

    private let reader: S3ItemReader
    private let config: ItemReaderConfig
    private let failures: ReaderFailures
    private var files: ArraySlice<S3Location>
    private var current: (any ItemStream)?

    init(
        manifest: S3Location, reader: S3ItemReader, config: ItemReaderConfig, failures: ReaderFailures
    ) throws(StatesError) {
        guard let type = config.inputType, Self.inputTypes.contains(type) else {
            throw StatesError(
                .itemReaderFailed,
                "ManifestType ATHENA_DATA needs InputType CSV, JSONL or PARQUET (the format of the files the "
                    + "manifest lists), not \(config.inputType.map { "'\($0)'" } ?? "none")")
        }
        self.reader = reader
        self.failures = failures
        var each = config
        each.manifestType = nil
        self.config = each
        let bytes: [UInt8]
        do {
            bytes = try reader.store.read(manifest)
        } catch {
            throw failures.storage(error)
        }
        files = try Self.locations(in: bytes, manifest: manifest)[...]
    }

    /// The files an Athena data manifest lists: one `s3://bucket/key` per line (`\n` or `\r\n`),
    /// blank lines skipped.
    static func locations(in bytes: [UInt8], manifest: S3Location) throws(StatesError) -> [S3Location] {
        var locations: [S3Location] = []
        for (number, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated()
        {
            var text = String(decoding: line, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            text = text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard text.hasPrefix("s3://") else {
                throw StatesError(
                    .itemReaderFailed,
                    "Line \(number + 1) of the Athena manifest \(manifest) is not an s3:// URI: \(text)")
            }
            let path = text.dropFirst("s3://".count)
            let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw StatesError(
                    .itemReaderFailed,
                    "Line \(number + 1) of the Athena manifest \(manifest) names no object: \(text)")
            }
            do {
                locations.append(try S3Location(bucket: String(parts[0]), key: String(parts[1])))
            } catch {
                throw StatesError(
                    .itemReaderFailed,
                    "Line \(number + 1) of the Athena manifest \(manifest) is not a valid location: \(error.message)")
            }
        }
        return locations
    }

    func next() throws(StatesError) -> JSON? {
        while true {
            if current == nil {
                guard let location = files.popFirst() else { return nil }
                guard reader.store.bucketExists(location.bucket) else { throw failures.noSuchBucket() }
                current = try reader.getObject(location, config: config, failures: failures)
            }
            if let item = try current?.next() { return item }
            current = nil
        }
    }
}
