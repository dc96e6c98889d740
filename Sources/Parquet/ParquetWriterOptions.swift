/// Settings of a ``ParquetWriter``. The defaults follow parquet-cpp's where it has one.
public struct ParquetWriterOptions: Sendable, Hashable {
    /// The codec for every page.
    public var compression: ParquetCompression
    /// A row group is closed when it holds this many rows…
    public var rowGroupRows: Int
    /// …or when its encoded (compressed) size reaches this many bytes, checked after each
    /// batch of at most ``rowGroupCheckInterval`` rows.
    public var rowGroupBytes: Int
    /// How many rows the writer appends between two checks of ``rowGroupBytes``.
    public var rowGroupCheckInterval: Int
    /// A data page is closed after this many rows (parquet-cpp: 20,000)…
    public var dataPageRows: Int
    /// …or when its PLAIN values reach this many bytes (parquet-cpp: 1 MiB).
    public var dataPageBytes: Int
    /// A column chunk stops adding to its dictionary, and writes its remaining pages PLAIN, once
    /// the dictionary's PLAIN size passes this (parquet-cpp: 1 MiB).
    public var dictionaryPageBytes: Int
    /// A string column's min/max statistics are left out when either value is longer than this.
    public var maximumStatisticsBytes: Int
    /// Written as the footer's `created_by`, in the `<name> version <x.y.z>` form readers parse.
    public var createdBy: String
    /// Written as the footer's `key_value_metadata` when not empty.
    public var keyValueMetadata: [ParquetKeyValue]

    public init(
        compression: ParquetCompression = .snappy,
        rowGroupRows: Int = 1 << 20,
        rowGroupBytes: Int = 128 << 20,
        rowGroupCheckInterval: Int = 4096,
        dataPageRows: Int = 20_000,
        dataPageBytes: Int = 1 << 20,
        dictionaryPageBytes: Int = 1 << 20,
        maximumStatisticsBytes: Int = 4096,
        createdBy: String = "StatesLanguage-Parquet version 1.0.0",
        keyValueMetadata: [ParquetKeyValue] = []
    ) {
        self.compression = compression
        self.rowGroupRows = rowGroupRows
        self.rowGroupBytes = rowGroupBytes
        self.rowGroupCheckInterval = rowGroupCheckInterval
        self.dataPageRows = dataPageRows
        self.dataPageBytes = dataPageBytes
        self.dictionaryPageBytes = dictionaryPageBytes
        self.maximumStatisticsBytes = maximumStatisticsBytes
        self.createdBy = createdBy
        self.keyValueMetadata = keyValueMetadata
    }
}
