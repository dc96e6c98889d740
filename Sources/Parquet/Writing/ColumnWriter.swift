/// What the row-group writer needs from each column's writer. Values reaching these methods
/// have been checked against the column's type and nullability.
protocol ColumnWriter: AnyObject {
    /// An estimate of the encoded bytes buffered for the current chunk.
    var bufferedBytes: Int { get }
    func append(_ values: ParquetColumnValues, range: Range<Int>) throws(ParquetError)
    func append(_ value: ParquetValue) throws(ParquetError)
    /// Flushes the last page and hands over the chunk; the writer is then empty for the next
    /// row group.
    func finishChunk() throws(ParquetError) -> FinishedChunk
}

/// A column's encoder as a value type.
///
/// Rationale: the encoders are structs held in a ``ColumnEncoderBox``, so a batch is appended
/// inside one mutating call: the stored arrays stay uniquely referenced and the per-value work
/// pays no dynamic exclusivity checks, which class properties would cost on every access.
protocol ColumnEncoder {
    var bufferedBytes: Int { get }
    mutating func append(_ values: ParquetColumnValues, range: Range<Int>) throws(ParquetError)
    mutating func append(_ value: ParquetValue) throws(ParquetError)
    mutating func finishChunk() throws(ParquetError) -> FinishedChunk
}

/// The reference the row-group writer keeps for each column.
final class ColumnEncoderBox<Encoder: ColumnEncoder>: ColumnWriter {
    private var encoder: Encoder

    init(_ encoder: Encoder) {
        self.encoder = encoder
    }

    var bufferedBytes: Int { encoder.bufferedBytes }

    func append(_ values: ParquetColumnValues, range: Range<Int>) throws(ParquetError) {
        try encoder.append(values, range: range)
    }

    func append(_ value: ParquetValue) throws(ParquetError) {
        try encoder.append(value)
    }

    func finishChunk() throws(ParquetError) -> FinishedChunk {
        try encoder.finishChunk()
    }
}

/// Tuning shared by all column writers of a file.
struct ColumnWriterLimits {
    var dataPageRows: Int
    var dataPageBytes: Int
    var dictionaryPageBytes: Int
    var maximumStatisticsBytes: Int
    var compression: ParquetCompression
}

/// The bit width of dictionary indices for a dictionary of `count` entries (at least 1, as
/// parquet-cpp writes it).
func dictionaryIndexBitWidth(_ count: Int) -> Int {
    count <= 1 ? 1 : RLEBitPackedHybrid.bitWidth(forMaximum: UInt32(truncatingIfNeeded: count - 1))
}

/// Appends `UInt8(bitWidth)` and the RLE/bit-packed indices: an RLE_DICTIONARY page's values.
func appendDictionaryIndices(_ indices: [UInt32], dictionaryCount: Int, to body: inout [UInt8]) {
    let bitWidth = dictionaryIndexBitWidth(dictionaryCount)
    body.append(UInt8(bitWidth))
    indices.withUnsafeBufferPointer { RLEBitPackedHybrid.encode($0, bitWidth: bitWidth, into: &body) }
}

func makeColumnWriter(for column: ParquetColumn, limits: ColumnWriterLimits) -> any ColumnWriter {
    switch column.type {
    case .string: ColumnEncoderBox(ByteArrayColumnWriter(column: column, limits: limits))
    case .int32, .date: ColumnEncoderBox(FixedWidthColumnWriter<Int32>(column: column, limits: limits))
    case .int64, .timestampMicros: ColumnEncoderBox(FixedWidthColumnWriter<Int64>(column: column, limits: limits))
    case .double: ColumnEncoderBox(FixedWidthColumnWriter<Double>(column: column, limits: limits))
    case .boolean: ColumnEncoderBox(BooleanColumnWriter(column: column, limits: limits))
    }
}
