/// parquet.thrift `RowGroup`: one column chunk per column, in schema order.
public struct ParquetRowGroupMetadata: Sendable, Hashable {
    /// 1
    public var columns: [ParquetColumnChunkMetadata]
    /// 2: the uncompressed size of all column chunks (pages and headers).
    public var totalByteSize: Int64
    /// 3
    public var numRows: Int64
    /// 5: the offset of the first page of the first column chunk.
    public var fileOffset: Int64?
    /// 6
    public var totalCompressedSize: Int64?
    /// 7: the row group's index in the file.
    public var ordinal: Int16?

    init(columns: [ParquetColumnChunkMetadata], numRows: Int64, ordinal: Int16?) {
        self.columns = columns
        self.numRows = numRows
        self.totalByteSize = columns.reduce(0) { $0 + $1.totalUncompressedSize }
        self.totalCompressedSize = columns.reduce(0) { $0 + $1.totalCompressedSize }
        self.fileOffset = columns.first.map { $0.dictionaryPageOffset ?? $0.dataPageOffset }
        self.ordinal = ordinal
    }

    func encode(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.beginListField(1, elementType: .struct, count: columns.count)
        for column in columns { column.encode(to: &writer) }
        writer.writeField(2, i64: totalByteSize)
        writer.writeField(3, i64: numRows)
        if let fileOffset { writer.writeField(5, i64: fileOffset) }
        if let totalCompressedSize { writer.writeField(6, i64: totalCompressedSize) }
        if let ordinal { writer.writeField(7, i16: ordinal) }
        writer.endStruct()
    }

    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        var columns: [ParquetColumnChunkMetadata]?
        var totalByteSize: Int64?
        var numRows: Int64?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .list):
                columns = try reader.readStructList { (reader: inout CompactProtocolReader) throws(ParquetError) in
                    try ParquetColumnChunkMetadata(from: &reader)
                }
            case (2, .i64): totalByteSize = try reader.readI64()
            case (3, .i64): numRows = try reader.readI64()
            case (5, .i64): fileOffset = try reader.readI64()
            case (6, .i64): totalCompressedSize = try reader.readI64()
            case (7, .i16): ordinal = Int16(truncatingIfNeeded: try reader.readI64())
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let columns, let totalByteSize, let numRows else {
            throw ParquetError(.invalidFile, "a RowGroup lacks a required field")
        }
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
    }
}

/// parquet.thrift `ColumnChunk` with its embedded `ColumnMetaData` flattened into one value.
public struct ParquetColumnChunkMetadata: Sendable, Hashable {
    /// ColumnChunk 2 (deprecated): set to the chunk's first byte, as parquet-mr does.
    public var fileOffset: Int64
    /// ColumnMetaData 1
    public var physicalType: ParquetPhysicalType
    /// 2: every encoding used by the chunk's pages, levels included.
    public var encodings: [ParquetEncoding]
    /// 3
    public var pathInSchema: [String]
    /// 4: the raw codec number (see ``compression``).
    public var codec: Int32
    /// 5: values including nulls.
    public var numValues: Int64
    /// 6: page headers included.
    public var totalUncompressedSize: Int64
    /// 7: page headers included.
    public var totalCompressedSize: Int64
    /// 9
    public var dataPageOffset: Int64
    /// 11
    public var dictionaryPageOffset: Int64?
    /// 12
    public var statistics: ParquetStatistics?
    /// 13: how many pages of each kind and encoding, which tells readers whether every data page
    /// is dictionary encoded.
    public var encodingStats: [ParquetPageEncodingStats]?

    /// The codec, when it is one the writer offers.
    public var compression: ParquetCompression? { ParquetCompression(rawValue: codec) }

    init(
        fileOffset: Int64, physicalType: ParquetPhysicalType, encodings: [ParquetEncoding], pathInSchema: [String],
        codec: Int32, numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
        dataPageOffset: Int64, dictionaryPageOffset: Int64?, statistics: ParquetStatistics?,
        encodingStats: [ParquetPageEncodingStats]?
    ) {
        self.fileOffset = fileOffset
        self.physicalType = physicalType
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
    }

    func encode(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.writeField(2, i64: fileOffset)
        writer.beginStructField(3)
        writer.writeField(1, i32: physicalType.rawValue)
        writer.beginListField(2, elementType: .i32, count: encodings.count)
        for encoding in encodings { writer.writeI32(encoding.rawValue) }
        writer.beginListField(3, elementType: .binary, count: pathInSchema.count)
        for name in pathInSchema { writer.writeString(name) }
        writer.writeField(4, i32: codec)
        writer.writeField(5, i64: numValues)
        writer.writeField(6, i64: totalUncompressedSize)
        writer.writeField(7, i64: totalCompressedSize)
        writer.writeField(9, i64: dataPageOffset)
        if let dictionaryPageOffset { writer.writeField(11, i64: dictionaryPageOffset) }
        if let statistics {
            writer.writeFieldHeader(12, .struct)
            statistics.encode(to: &writer)
        }
        if let encodingStats {
            writer.beginListField(13, elementType: .struct, count: encodingStats.count)
            for stats in encodingStats { stats.encode(to: &writer) }
        }
        writer.endStruct()
        writer.endStruct()
    }

    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        var fileOffset: Int64 = 0
        var found: ParquetColumnChunkMetadata?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .binary):
                throw ParquetError(.unsupported, "column chunks stored in another file are not supported")
            case (2, .i64): fileOffset = try reader.readI64()
            case (3, .struct): found = try Self.readColumnMetaData(&reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard var found else { throw ParquetError(.invalidFile, "a ColumnChunk has no ColumnMetaData") }
        found.fileOffset = fileOffset
        self = found
    }

    private static func readColumnMetaData(
        _ reader: inout CompactProtocolReader
    ) throws(ParquetError) -> ParquetColumnChunkMetadata {
        var type: ParquetPhysicalType?
        var encodings: [ParquetEncoding]?
        var path: [String]?
        var codec: Int32?
        var numValues: Int64?
        var uncompressed: Int64?
        var compressed: Int64?
        var dataPageOffset: Int64?
        var dictionaryPageOffset: Int64?
        var statistics: ParquetStatistics?
        var encodingStats: [ParquetPageEncodingStats]?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .i32): type = ParquetPhysicalType(rawValue: try reader.readI32())
            case (2, .list): encodings = try reader.readI32List().compactMap(ParquetEncoding.init(rawValue:))
            case (3, .list): path = try reader.readStringList()
            case (4, .i32): codec = try reader.readI32()
            case (5, .i64): numValues = try reader.readI64()
            case (6, .i64): uncompressed = try reader.readI64()
            case (7, .i64): compressed = try reader.readI64()
            case (9, .i64): dataPageOffset = try reader.readI64()
            case (11, .i64): dictionaryPageOffset = try reader.readI64()
            case (12, .struct): statistics = try ParquetStatistics(from: &reader)
            case (13, .list):
                encodingStats = try reader.readStructList {
                    (reader: inout CompactProtocolReader) throws(ParquetError) in
                    try ParquetPageEncodingStats(from: &reader)
                }
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let type, let encodings, let path, let codec, let numValues, let uncompressed, let compressed,
            let dataPageOffset
        else {
            throw ParquetError(.invalidFile, "a ColumnMetaData lacks a required field")
        }
        return ParquetColumnChunkMetadata(
            fileOffset: 0, physicalType: type, encodings: encodings, pathInSchema: path, codec: codec,
            numValues: numValues, totalUncompressedSize: uncompressed, totalCompressedSize: compressed,
            dataPageOffset: dataPageOffset, dictionaryPageOffset: dictionaryPageOffset, statistics: statistics,
            encodingStats: encodingStats)
    }
}

/// parquet.thrift `PageEncodingStats`.
public struct ParquetPageEncodingStats: Sendable, Hashable {
    public var pageType: ParquetPageType
    public var encoding: ParquetEncoding
    public var count: Int32

    public init(pageType: ParquetPageType, encoding: ParquetEncoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }

    func encode(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: pageType.rawValue)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, i32: count)
        writer.endStruct()
    }

    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        var pageType: ParquetPageType?
        var encoding: ParquetEncoding?
        var count: Int32?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .i32): pageType = ParquetPageType(rawValue: try reader.readI32())
            case (2, .i32): encoding = ParquetEncoding(rawValue: try reader.readI32())
            case (3, .i32): count = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let pageType, let encoding, let count else {
            throw ParquetError(.invalidFile, "a PageEncodingStats lacks a required field")
        }
        self.init(pageType: pageType, encoding: encoding, count: count)
    }
}
