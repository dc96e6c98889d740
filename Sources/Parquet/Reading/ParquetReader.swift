import Foundation

/// A small Parquet reader for files with a flat schema of the types in ``ParquetType``: it
/// parses the footer, and decodes data pages V1 (PLAIN, or RLE_DICTIONARY / PLAIN_DICTIONARY
/// against a PLAIN dictionary page; RLE definition levels), uncompressed or Snappy. Enough to
/// check what ``ParquetWriter`` wrote and to read simple files from other writers.
///
///     let reader = try ParquetReader(path: "events.parquet")
///     reader.metadata.numRows
///     try reader.readColumn(named: "user_id")       // .strings([...]) across all row groups
public struct ParquetReader: Sendable {
    public let bytes: [UInt8]
    public let metadata: ParquetFileMetadata

    /// Reads the file at `path` into memory and parses its footer.
    public init(path: String) throws(ParquetError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParquetError(.io, "cannot read '\(path)'")
        }
        try self.init(bytes: [UInt8](data))
    }

    /// Parses the footer of a file held in memory.
    /// - Throws: ``ParquetError/Kind/invalidFile`` when the magic, the footer length or the
    ///   footer itself is wrong; ``ParquetError/Kind/unsupported`` for nested schemas.
    public init(bytes: [UInt8]) throws(ParquetError) {
        let magic = ParquetWriter.magic
        guard bytes.count >= 12, Array(bytes[0..<4]) == magic, Array(bytes[(bytes.count - 4)...]) == magic else {
            throw ParquetError(.invalidFile, "not a Parquet file: the 'PAR1' magic is missing at the start or end")
        }
        var length = 0
        for index in 0..<4 { length |= Int(bytes[bytes.count - 8 + index]) << (8 * index) }
        let footerStart = bytes.count - 8 - length
        guard length > 0, footerStart >= 4 else {
            throw ParquetError(.invalidFile, "footer length \(length) does not fit a \(bytes.count)-byte file")
        }
        var reader = CompactProtocolReader(bytes, at: footerStart)
        self.metadata = try ParquetFileMetadata(from: &reader)
        self.bytes = bytes
        for group in metadata.rowGroups where group.columns.count != metadata.schema.columns.count {
            throw ParquetError(
                .invalidFile,
                "a row group has \(group.columns.count) column chunks for \(metadata.schema.columns.count) columns")
        }
    }

    /// The values of column `column` in every row group, concatenated.
    public func readColumn(_ column: Int) throws(ParquetError) -> ParquetColumnValues {
        var parts: [ParquetColumnValues] = []
        for group in metadata.rowGroups.indices { parts.append(try readColumn(column, rowGroup: group)) }
        return try Self.concatenate(parts, type: columnDescription(column).type)
    }

    /// The values of the column named `name` in every row group.
    public func readColumn(named name: String) throws(ParquetError) -> ParquetColumnValues {
        guard let index = metadata.schema.columns.firstIndex(where: { $0.name == name }) else {
            throw ParquetError(.schemaMismatch, "no column named '\(name)'")
        }
        return try readColumn(index)
    }

    /// Every row, each a value per column.
    public func readRows() throws(ParquetError) -> [[ParquetValue]] {
        var columns: [ParquetColumnValues] = []
        for index in metadata.schema.columns.indices { columns.append(try readColumn(index)) }
        let count = Int(metadata.numRows)
        guard count >= 0, columns.allSatisfy({ $0.count == count }) else {
            throw ParquetError(.invalidFile, "the footer's \(count) rows do not match the column chunks")
        }
        return (0..<count).map { row in columns.map { $0[row] } }
    }

    private func columnDescription(_ column: Int) throws(ParquetError) -> ParquetColumn {
        guard metadata.schema.columns.indices.contains(column) else {
            throw ParquetError(.schemaMismatch, "no column \(column)")
        }
        return metadata.schema.columns[column]
    }

    /// The pages of one column chunk: header facts, in file order.
    func pageHeaders(_ column: Int, rowGroup: Int) throws(ParquetError) -> [PageHeader] {
        var headers: [PageHeader] = []
        try forEachPage(column, rowGroup: rowGroup) { (header: PageHeader, _: [UInt8]) throws(ParquetError) in
            headers.append(header)
        }
        return headers
    }

    /// The values of column `column` in row group `rowGroup`.
    public func readColumn(_ column: Int, rowGroup: Int) throws(ParquetError) -> ParquetColumnValues {
        let description = try columnDescription(column)
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw ParquetError(.schemaMismatch, "no row group \(rowGroup)")
        }
        var decoder = ColumnDecoder(
            column: description, valueCount: metadata.rowGroups[rowGroup].columns[column].numValues)
        try forEachPage(column, rowGroup: rowGroup) { (header: PageHeader, body: [UInt8]) throws(ParquetError) in
            try decoder.decode(header, body)
        }
        let expected = Int(metadata.rowGroups[rowGroup].numRows)
        let values = decoder.result()
        guard values.count == expected else {
            throw ParquetError(
                .invalidFile,
                "column '\(description.name)' has \(values.count) values in a row group of \(expected) rows")
        }
        return values
    }

    private func forEachPage(
        _ column: Int, rowGroup: Int, _ body: (PageHeader, [UInt8]) throws(ParquetError) -> Void
    ) throws(ParquetError) {
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw ParquetError(.schemaMismatch, "no row group \(rowGroup)")
        }
        let chunk = metadata.rowGroups[rowGroup].columns[column]
        let start = Int(chunk.dictionaryPageOffset ?? chunk.dataPageOffset)
        let (end, overflow) = start.addingReportingOverflow(Int(chunk.totalCompressedSize))
        guard start >= 4, chunk.totalCompressedSize >= 0, !overflow, end <= bytes.count - 8 else {
            throw ParquetError(.invalidFile, "column chunk \(column) of row group \(rowGroup) lies outside the file")
        }
        var position = start
        while position < end {
            var reader = CompactProtocolReader(bytes, at: position)
            let header = try PageHeader(from: &reader)
            let bodyStart = reader.index
            let bodyEnd = bodyStart + Int(header.compressedPageSize)
            guard bodyEnd <= end else {
                throw ParquetError(.invalidFile, "a page at byte \(position) runs past its column chunk")
            }
            let stored = Array(bytes[bodyStart..<bodyEnd])
            let page: [UInt8]
            switch chunk.compression {
            case .uncompressed: page = stored
            case .snappy: page = try Snappy.decompress(stored)
            case nil: throw ParquetError(.unsupported, "compression codec \(chunk.codec) is not supported")
            }
            guard page.count == Int(header.uncompressedPageSize) else {
                throw ParquetError(.invalidFile, "a page at byte \(position) decompresses to the wrong size")
            }
            try body(header, page)
            position = bodyEnd
        }
    }

    static func concatenate(_ parts: [ParquetColumnValues], type: ParquetType) throws(ParquetError)
        -> ParquetColumnValues
    {
        var strings: [String?] = []
        var int32: [Int32?] = []
        var int64: [Int64?] = []
        var doubles: [Double?] = []
        var booleans: [Bool?] = []
        for part in parts {
            switch part {
            case .strings(let values): strings += values
            case .byteArrays(let values): strings += values.strings
            case .int32(let values): int32 += values
            case .int64(let values): int64 += values
            case .doubles(let values): doubles += values
            case .booleans(let values): booleans += values
            }
        }
        switch type {
        case .string: return .strings(strings)
        case .int32, .date: return .int32(int32)
        case .int64, .timestampMicros: return .int64(int64)
        case .double: return .doubles(doubles)
        case .boolean: return .booleans(booleans)
        }
    }
}
