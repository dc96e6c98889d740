import Foundation

/// What a run of a Glue job did (the `LocalReport` of its `JobRun`).
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
    /// Rows per partition: the partition's values joined by `/` as they appear in its folder
    /// names, e.g. `"2026-11-26": 1234` for `event_date=2026-11-26/`.
    public var partitions: [String: Int]
    /// The partition columns, in folder order, when the report names them (the clickstream
    /// transform names them unless they are its default `["event_date"]`, so its report is
    /// unchanged for the default).
    public var partitionKeys: [String]?
    /// The Parquet files written, relative to the output directory, sorted.
    public var outputFiles: [String]
    /// The Parquet files' total size.
    public var bytesWritten: Int64

    public init(
        filesRead: Int = 0, recordsRead: Int = 0, rowsWritten: Int = 0, malformedRecords: Int = 0,
        droppedRows: Int = 0, partitions: [String: Int] = [:], partitionKeys: [String]? = nil,
        outputFiles: [String] = [], bytesWritten: Int64 = 0
    ) {
        self.filesRead = filesRead
        self.recordsRead = recordsRead
        self.rowsWritten = rowsWritten
        self.malformedRecords = malformedRecords
        self.droppedRows = droppedRows
        self.partitions = partitions
        self.partitionKeys = partitionKeys
        self.outputFiles = outputFiles
        self.bytesWritten = bytesWritten
    }
}

/// Why a Glue job failed; the message names the path involved. The output directory is unchanged
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
        /// The run passed its time limit and was stopped (Glue's `JobRunState` `TIMEOUT`).
        case timedOut
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
