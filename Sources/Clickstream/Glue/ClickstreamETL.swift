import Dispatch
import Foundation
import LocalAWS
import Parquet

/// The clickstream pipeline's Glue job: raw JSON Lines events in, Hive-partitioned Parquet out.
///
/// For every non-blank line of every file below the input (in path order, then line order):
/// parse the event, flatten `geo` into `ip`, `country` and `city`, parse `event_time` into a UTC
/// timestamp (rows without a parsable time are dropped and counted), and append the row to the
/// partition of its UTC date: `event_date=YYYY-MM-DD/part-00000-<id>.snappy.parquet`, with the
/// columns `user_id, session_id, event_time, event_type, page_url, referrer_url, device_type,
/// browser, ip, country, city` (all nullable; `event_date` is the folder, as Spark's
/// `partitionBy` writes it). Lines that are not JSON objects are counted as malformed.
///
/// The id in file names is derived from the input file list (relative paths and sizes) and the
/// spec, so the same input gives the same names. Output replaces the previous output as a whole
/// (see `OutputSwap`), with an empty `_SUCCESS` file as Spark writes.
///
/// Two threads: the calling thread writes Parquet while a Dispatch worker reads and parses,
/// handing over batches of rows per partition through a bounded queue. Memory is bounded by the
/// queue, one batch per partition on the parsing side, and one row group per partition on the
/// writing side; not by the input's size. The call blocks until the job is done.
public enum ClickstreamETL {
    /// Rows per hand-over batch between the threads.
    static let batchRows = 4096
    /// Batches that may wait between the threads.
    static let queueCapacity = 8

    /// - Parameter progress: Receives the rows written so far and the number of input files,
    ///   after each batch (on the calling thread).
    public static func run(
        _ spec: ETLJobSpec, progress: (_ rows: Int, _ files: Int) -> Void = { _, _ in }
    ) throws(ETLError) -> ETLReport {
        try validate(spec)
        let layout: PartitionLayout
        switch PartitionLayout.resolve(spec.partitionKeys) {
        case .success(let resolved): layout = resolved
        case .failure(let problem):
            throw ETLError(.invalidSpec, path: spec.outputDirectory.path, "partitionKeys: \(problem.message)")
        }
        let input = try InputRoot.open(spec.inputDirectory, within: spec.dataDirectory)
        let files = try InputFiles.list(input)
        let id = jobID(files, spec, layout: layout)
        guard
            let parent = try AnchoredFolder.open(
                spec.outputDirectory.deletingLastPathComponent(), within: spec.dataDirectory, create: true)
        else {
            throw ETLError(.outputUnwritable, path: spec.outputDirectory.path, "cannot create the output's folder")
        }
        let swap = OutputSwap(parent: parent, name: spec.outputDirectory.lastPathComponent, id: id)
        let staging = try swap.prepareStaging()
        do throws(ETLError) {
            let report = try transform(
                files, from: input, spec: spec, layout: layout, staging: staging, id: id, progress: progress)
            try swap.swap()
            return report
        } catch {
            swap.discard()
            throw error
        }
    }

    private static func validate(_ spec: ETLJobSpec) throws(ETLError) {
        guard spec.rowGroupRows > 0 else {
            throw ETLError(.invalidSpec, path: spec.outputDirectory.path, "rowGroupRows must be positive")
        }
        let input = spec.inputDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let output = spec.outputDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        if input == output || output.hasPrefix(input + "/") || input.hasPrefix(output + "/") {
            throw ETLError(
                .invalidSpec, path: output,
                "output directory '\(output)' and input directory '\(input)' must not contain each other")
        }
    }

    /// A UUID-shaped id from the input's relative paths and sizes and the spec's settings (the
    /// partition columns only when they are not the default, so default ids are unchanged).
    static func jobID(_ files: [InputFile], _ spec: ETLJobSpec, layout: PartitionLayout = .default) -> String {
        var high: UInt64 = 0xCBF2_9CE4_8422_2325
        var low: UInt64 = 0x8422_2325_CBF2_9CE4
        func mix(_ byte: UInt8) {
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 ^ (low >> 29)
        }
        func mix(_ value: Int64) {
            for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: value >> Int64(shift))) }
        }
        for file in files {
            for byte in file.relativePath.utf8 { mix(byte) }
            mix(UInt8(0))
            mix(file.size)
        }
        mix(Int64(spec.rowGroupRows))
        mix(Int64(spec.compression.rawValue))
        if !layout.isDefault {
            for name in layout.names {
                for byte in name.utf8 { mix(byte) }
                mix(UInt8(0))
            }
        }
        let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }

    private static func transform(
        _ files: [InputFile], from input: InputRoot, spec: ETLJobSpec, layout: PartitionLayout,
        staging: DirectoryHandle, id: String, progress: (Int, Int) -> Void
    ) throws(ETLError) -> ETLReport {
        let queue = BatchQueue<ProducerMessage>(capacity: queueCapacity)
        let done = DispatchGroup()
        let producerFiles = files
        DispatchQueue.global(qos: .userInitiated).async(group: done) {
            var producer = EventProducer(
                files: producerFiles, root: input, queue: queue, batchRows: batchRows, layout: layout)
            producer.run()
        }
        var writers = PartitionWriters(spec: spec, layout: layout, staging: staging, id: id)
        var failure: ETLError?
        var counts = ProducerCounts()
        var rowsWritten = 0
        progress(0, files.count)
        consume: while let message = queue.pop() {
            switch message {
            case .batch(let columns):
                guard failure == nil else { continue }
                do {
                    try writers.append(columns)
                    rowsWritten += columns.count
                    progress(rowsWritten, files.count)
                } catch {
                    failure = error
                    queue.cancel()
                }
            case .finished(let finished):
                counts = finished
                break consume
            case .failed(let error):
                failure = failure ?? error
                break consume
            }
        }
        done.wait()
        if let failure { throw failure }
        let written = try writers.closeAll()
        do {
            if let success = try staging.openFile("_SUCCESS", flags: O_WRONLY | O_CREAT | O_EXCL, operation: "create") {
                close(success)
            }
        } catch {
            throw ETLError(.outputUnwritable, path: error.path, "\(error)")
        }
        var partitions: [String: Int] = [:]
        for (key, rows) in counts.rowsPerPartition { partitions[layout.reportName(key)] = rows }
        return ETLReport(
            filesRead: counts.filesRead, recordsRead: counts.recordsRead,
            rowsWritten: counts.rowsPerPartition.values.reduce(0, +), malformedRecords: counts.malformedRecords,
            droppedRows: counts.droppedRows, partitions: partitions,
            partitionKeys: layout.isDefault ? nil : layout.names, outputFiles: written.files.sorted(),
            bytesWritten: written.bytes)
    }
}

/// The writing side: one Parquet writer per partition, created on its first batch.
struct PartitionWriters {
    let spec: ETLJobSpec
    let layout: PartitionLayout
    let staging: DirectoryHandle
    let id: String
    private var writers: [PartitionKey: (writer: ParquetWriter, relativePath: String)] = [:]

    init(spec: ETLJobSpec, layout: PartitionLayout, staging: DirectoryHandle, id: String) {
        self.spec = spec
        self.layout = layout
        self.staging = staging
        self.id = id
    }

    mutating func append(_ columns: EventColumns) throws(ETLError) {
        let entry = try writer(for: columns.key)
        do {
            try entry.writer.append(columns: columns.parquetColumns(layout))
        } catch {
            throw ETLError(
                .outputUnwritable, path: entry.relativePath, "cannot write '\(entry.relativePath)': \(error)")
        }
    }

    private mutating func writer(for key: PartitionKey) throws(ETLError) -> (
        writer: ParquetWriter, relativePath: String
    ) {
        if let existing = writers[key] { return existing }
        let folder = layout.folder(key)
        let suffix = spec.compression == .snappy ? ".snappy.parquet" : ".parquet"
        let relativePath = (folder.isEmpty ? "" : folder + "/") + "part-00000-\(id)\(suffix)"
        let options = ParquetWriterOptions(compression: spec.compression, rowGroupRows: spec.rowGroupRows)
        let fileName = "part-00000-\(id)\(suffix)"
        let path = staging.childPath(relativePath)
        let descriptor: Int32
        do throws(FileIOError) {
            let components = folder.split(separator: "/").map(String.init)
            guard let directory = try staging.directory(components: components, create: true),
                let opened = try directory.openFile(fileName, flags: O_WRONLY | O_CREAT | O_EXCL, operation: "create")
            else { throw FileIOError(operation: "create", path: path, code: ENOENT) }
            descriptor = opened
        } catch {
            throw ETLError(.outputUnwritable, path: path, "cannot create '\(path)': \(error.reason)")
        }
        do {
            let writer = try ParquetWriter(
                fileDescriptor: descriptor, path: path, schema: layout.schema, options: options)
            writers[key] = (writer, relativePath)
            return (writer, relativePath)
        } catch {
            throw ETLError(.outputUnwritable, path: path, "cannot create '\(path)': \(error)")
        }
    }

    /// Closes every writer; returns the files (relative paths) and their total size.
    mutating func closeAll() throws(ETLError) -> (files: [String], bytes: Int64) {
        var files: [String] = []
        var bytes: Int64 = 0
        for (_, entry) in writers.sorted(by: { layout.precedes($0.key, $1.key) }) {
            do {
                bytes += try entry.writer.close().byteCount
            } catch {
                throw ETLError(
                    .outputUnwritable, path: entry.relativePath, "cannot write '\(entry.relativePath)': \(error)")
            }
            files.append(entry.relativePath)
        }
        writers = [:]
        return (files, bytes)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
