/// Encodes a BOOLEAN column chunk, always PLAIN: one bit per value, least significant bit
/// first, the last byte of a page padded with zeros. (Dictionary encoding cannot beat one bit.)
struct BooleanColumnWriter: ColumnEncoder {
    let column: ParquetColumn
    let limits: ColumnWriterLimits
    private var pages: PageBuilder
    private var values: [Bool] = []
    private var sawFalse = false
    private var sawTrue = false

    init(column: ParquetColumn, limits: ColumnWriterLimits) {
        self.column = column
        self.limits = limits
        self.pages = PageBuilder(isOptional: column.isOptional, compression: limits.compression)
    }

    var bufferedBytes: Int { pages.bufferedBytes + values.count / 8 }

    mutating func append(_ batch: ParquetColumnValues, range: Range<Int>) throws(ParquetError) {
        guard case .booleans(let booleans) = batch else {
            throw ParquetError(.schemaMismatch, "column '\(column.name)' takes booleans, not \(batch.caseName)")
        }
        for index in range { try appendOptional(booleans[index]) }
    }

    mutating func append(_ value: ParquetValue) throws(ParquetError) {
        switch value {
        case .null: try appendOptional(nil)
        case .boolean(let value): try appendOptional(value)
        default: throw ParquetError(.schemaMismatch, "column '\(column.name)' takes booleans")
        }
    }

    private mutating func appendOptional(_ value: Bool?) throws(ParquetError) {
        if let value {
            pages.recordPresent()
            values.append(value)
            if value { sawTrue = true } else { sawFalse = true }
        } else {
            pages.recordNull()
        }
        if pages.pageRows >= limits.dataPageRows { try flushPage() }
    }

    private mutating func flushPage() throws(ParquetError) {
        try pages.emitDataPage(encoding: .plain) { body in
            var byte: UInt8 = 0
            for (index, value) in values.enumerated() {
                if value { byte |= 1 << UInt8(index & 7) }
                if index & 7 == 7 {
                    body.append(byte)
                    byte = 0
                }
            }
            if values.count & 7 != 0 { body.append(byte) }
        }
        values.removeAll(keepingCapacity: true)
    }

    mutating func finishChunk() throws(ParquetError) -> FinishedChunk {
        try flushPage()
        let taken = pages.takeChunk()
        var statistics = ParquetStatistics()
        statistics.nullCount = Int64(taken.nulls)
        if sawTrue || sawFalse {
            let minimum: [UInt8] = [sawFalse ? 0 : 1]
            let maximum: [UInt8] = [sawTrue ? 1 : 0]
            statistics.minValue = minimum
            statistics.maxValue = maximum
            statistics.isMinValueExact = true
            statistics.isMaxValueExact = true
            statistics.min = minimum
            statistics.max = maximum
        }
        sawTrue = false
        sawFalse = false
        return FinishedChunk(
            dictionaryPage: [], dictionaryPageUncompressedSize: 0, dataPages: taken.pages,
            dataPagesUncompressedSize: taken.uncompressedSize, rows: taken.rows, statistics: statistics,
            dataPageEncodings: taken.encodings)
    }
}
