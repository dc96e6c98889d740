public import Foundation
public import LocalAWS
import Parquet

/// What the clickstream Glue job reads and writes.
public struct ETLJobSpec: Sendable, Hashable {
    /// Raw events: every file below it, recursively (`YYYY/MM/DD/<uuid>.json`), as JSON Lines.
    /// Names starting with `.` or `_` are skipped, as Spark skips hidden files.
    public var inputDirectory: URL
    /// Replaced as a whole by `event_date=YYYY-MM-DD/part-00000-<id>.snappy.parquet` folders.
    public var outputDirectory: URL
    /// Rows per Parquet row group (a partition's writer buffers at most one row group).
    public var rowGroupRows: Int
    public var compression: ParquetCompression
    /// The data directory the folders lie in, when they do: they are then reached by its rule,
    /// never through a symbolic link (``LocalAWS/DataDirectory``). Without it (folders of the
    /// caller's choosing) the two folders are opened as given and nothing below them is
    /// reached through a link.
    public var dataDirectory: DataDirectory?

    public init(
        inputDirectory: URL, outputDirectory: URL, rowGroupRows: Int = 1 << 20,
        compression: ParquetCompression = .snappy, dataDirectory: DataDirectory? = nil
    ) {
        self.inputDirectory = inputDirectory
        self.outputDirectory = outputDirectory
        self.rowGroupRows = rowGroupRows
        self.compression = compression
        self.dataDirectory = dataDirectory
    }
}

/// What a run of the job did.
public struct ETLReport: Sendable, Hashable {
    /// Input files read.
    public var filesRead: Int
    /// Non-blank lines read, well-formed or not.
    public var recordsRead: Int
    /// Rows written to Parquet.
    public var rowsWritten: Int
    /// Lines that are not JSON, or JSON but not an object.
    public var malformedRecords: Int
    /// Objects whose `event_time` is missing, not a string, or unparsable.
    public var droppedRows: Int
    /// Rows per partition date, e.g. `"2026-11-26": 1234`.
    public var partitions: [String: Int]
    /// The Parquet files written, relative to the output directory, sorted.
    public var outputFiles: [String]
    /// The Parquet files' total size.
    public var bytesWritten: Int64

    public init(
        filesRead: Int = 0, recordsRead: Int = 0, rowsWritten: Int = 0, malformedRecords: Int = 0,
        droppedRows: Int = 0, partitions: [String: Int] = [:], outputFiles: [String] = [], bytesWritten: Int64 = 0
    ) {
        self.filesRead = filesRead
        self.recordsRead = recordsRead
        self.rowsWritten = rowsWritten
        self.malformedRecords = malformedRecords
        self.droppedRows = droppedRows
        self.partitions = partitions
        self.outputFiles = outputFiles
        self.bytesWritten = bytesWritten
    }
}

/// Why the job failed; the message names the path involved. The output directory is unchanged
/// after a failure.
public struct ETLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The input directory does not exist or is not a directory.
        case inputMissing
        /// An input file or folder could not be read.
        case inputUnreadable
        /// The output (or its staging folder beside it) could not be created, written or swapped.
        case outputUnwritable
        /// The spec cannot work, e.g. the output lies inside the input.
        case invalidSpec
        /// Another I/O failure.
        case io
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }
}
