public import Foundation
public import LocalAWS
public import Parquet

/// What the clickstream Glue job reads and writes.
public struct ETLJobSpec: Sendable, Hashable {
    /// Raw events: every file below it, recursively (`YYYY/MM/DD/<uuid>.json`), as JSON Lines.
    /// Names starting with `.` or `_` are skipped, as Spark skips hidden files.
    public var inputDirectory: URL
    /// Replaced as a whole by partition folders (by default
    /// `event_date=YYYY-MM-DD/part-00000-<id>.snappy.parquet`).
    public var outputDirectory: URL
    /// Rows per Parquet row group (a partition's writer buffers at most one row group).
    public var rowGroupRows: Int
    public var compression: ParquetCompression
    /// The partition columns, in folder order (see `PartitionLayout`); default `["event_date"]`.
    public var partitionKeys: [String]
    /// The data directory the folders lie in, when they do: they are then reached by its rule,
    /// never through a symbolic link (``LocalAWS/DataDirectory``). Without it (folders of the
    /// caller's choosing) the two folders are opened as given and nothing below them is
    /// reached through a link.
    public var dataDirectory: DataDirectory?

    public init(
        inputDirectory: URL, outputDirectory: URL, rowGroupRows: Int = 1 << 20,
        compression: ParquetCompression = .snappy, partitionKeys: [String] = ["event_date"],
        dataDirectory: DataDirectory? = nil
    ) {
        self.inputDirectory = inputDirectory
        self.outputDirectory = outputDirectory
        self.rowGroupRows = rowGroupRows
        self.compression = compression
        self.partitionKeys = partitionKeys
        self.dataDirectory = dataDirectory
    }
}
