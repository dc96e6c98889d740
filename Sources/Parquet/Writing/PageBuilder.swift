// How a column chunk is laid out (what every column writer produces):
//
//     [dictionary page]                      only when the chunk used a dictionary
//     data page (V1) … data page (V1)
//
// and how a data page V1 body is laid out before compression (max repetition level 0, so no
// repetition levels):
//
//     u32 little-endian length, then RLE/bit-packed definition levels (bit width 1)
//                                                     only for OPTIONAL columns
//     values: PLAIN, or for RLE_DICTIONARY one byte of bit width then RLE/bit-packed indices
//
// The whole body is compressed as one block; the page header (Thrift compact) precedes it
// uncompressed. Nulls have a definition level of 0 and no value.

/// The part of a column writer that is the same for every type: definition levels of the page
/// being filled, and the finished data pages of the chunk.
struct PageBuilder {
    let isOptional: Bool
    let compression: ParquetCompression

    /// Definition levels of the current page (OPTIONAL columns only): 1 present, 0 null.
    private(set) var definitionLevels: [UInt32] = []
    private(set) var pageRows = 0
    private(set) var pageNulls = 0

    /// The chunk's data pages, headers included.
    private(set) var chunk: [UInt8] = []
    private(set) var chunkUncompressedSize = 0
    private(set) var chunkRows = 0
    private(set) var chunkNulls = 0
    /// How many data pages used each encoding, in first-use order.
    private(set) var dataPageEncodings: [(encoding: ParquetEncoding, count: Int32)] = []

    private var body: [UInt8] = []

    init(isOptional: Bool, compression: ParquetCompression) {
        self.isOptional = isOptional
        self.compression = compression
    }

    @inline(__always)
    mutating func recordPresent() {
        if isOptional { definitionLevels.append(1) }
        pageRows += 1
    }

    @inline(__always)
    mutating func recordNull() {
        definitionLevels.append(0)
        pageRows += 1
        pageNulls += 1
    }

    /// Bytes buffered for the chunk so far, an estimate of its final size.
    var bufferedBytes: Int { chunk.count + definitionLevels.count / 8 }

    /// Finishes the current page: levels, then the values that `writeValues` appends.
    mutating func emitDataPage(
        encoding: ParquetEncoding, writeValues: (inout [UInt8]) -> Void
    ) throws(ParquetError) {
        guard pageRows > 0 else { return }
        body.removeAll(keepingCapacity: true)
        if isOptional {
            body.append(contentsOf: [0, 0, 0, 0])
            if pageNulls == 0 {
                RLEBitPackedHybrid.appendVarint(UInt64(pageRows) << 1, to: &body)
                body.append(1)
            } else if pageNulls == pageRows {
                RLEBitPackedHybrid.appendVarint(UInt64(pageRows) << 1, to: &body)
                body.append(0)
            } else {
                definitionLevels.withUnsafeBufferPointer {
                    RLEBitPackedHybrid.encode($0, bitWidth: 1, into: &body)
                }
            }
            let length = UInt32(body.count - 4)
            for index in 0..<4 { body[index] = UInt8(truncatingIfNeeded: length >> UInt32(8 * index)) }
        }
        writeValues(&body)
        let page = try Self.makePage(
            type: .dataPage, encoding: encoding, numValues: pageRows, body: body, compression: compression)
        chunk.append(contentsOf: page.bytes)
        chunkUncompressedSize += page.uncompressedSize
        chunkRows += pageRows
        chunkNulls += pageNulls
        if let index = dataPageEncodings.firstIndex(where: { $0.encoding == encoding }) {
            dataPageEncodings[index].count += 1
        } else {
            dataPageEncodings.append((encoding, 1))
        }
        definitionLevels.removeAll(keepingCapacity: true)
        pageRows = 0
        pageNulls = 0
    }

    /// A page's header and (compressed) body; `uncompressedSize` counts the header too.
    static func makePage(
        type: ParquetPageType, encoding: ParquetEncoding, numValues: Int, body: [UInt8],
        compression: ParquetCompression
    ) throws(ParquetError) -> (bytes: [UInt8], uncompressedSize: Int) {
        let stored: [UInt8]
        switch compression {
        case .uncompressed: stored = body
        case .snappy: stored = Snappy.compress(body)
        }
        guard let uncompressedSize = Int32(exactly: body.count), let compressedSize = Int32(exactly: stored.count),
            let count = Int32(exactly: numValues)
        else {
            throw ParquetError(.schemaMismatch, "a page of \(body.count) bytes exceeds Parquet's 2 GiB page limit")
        }
        var header = CompactProtocolWriter()
        PageHeader(
            type: type, uncompressedPageSize: uncompressedSize, compressedPageSize: compressedSize,
            numValues: count, encoding: encoding
        ).encode(to: &header)
        return (header.bytes + stored, header.bytes.count + body.count)
    }

    /// Hands over the chunk's pages and resets for the next row group.
    mutating func takeChunk() -> (
        pages: [UInt8], uncompressedSize: Int, rows: Int, nulls: Int,
        encodings: [(encoding: ParquetEncoding, count: Int32)]
    ) {
        defer {
            chunk = []
            chunkUncompressedSize = 0
            chunkRows = 0
            chunkNulls = 0
            dataPageEncodings = []
        }
        return (chunk, chunkUncompressedSize, chunkRows, chunkNulls, dataPageEncodings)
    }
}

/// A finished column chunk, ready to be written at some file offset.
struct FinishedChunk {
    /// The dictionary page (header and body), or empty.
    var dictionaryPage: [UInt8]
    var dictionaryPageUncompressedSize: Int
    var dataPages: [UInt8]
    var dataPagesUncompressedSize: Int
    var rows: Int
    var statistics: ParquetStatistics
    var dataPageEncodings: [(encoding: ParquetEncoding, count: Int32)]

    /// The chunk's metadata once its first byte lands at `offset`.
    func metadata(at offset: Int64, column: ParquetColumn, compression: ParquetCompression)
        -> ParquetColumnChunkMetadata
    {
        let hasDictionary = !dictionaryPage.isEmpty
        var encodings: [ParquetEncoding] = []
        var stats: [ParquetPageEncodingStats] = []
        if hasDictionary {
            encodings.append(.plain)
            stats.append(ParquetPageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
        }
        encodings.append(.rle)
        for (encoding, count) in dataPageEncodings {
            if !encodings.contains(encoding) { encodings.append(encoding) }
            stats.append(ParquetPageEncodingStats(pageType: .dataPage, encoding: encoding, count: count))
        }
        return ParquetColumnChunkMetadata(
            fileOffset: offset, physicalType: column.type.physicalType, encodings: encodings,
            pathInSchema: [column.name], codec: compression.rawValue, numValues: Int64(rows),
            totalUncompressedSize: Int64(dictionaryPageUncompressedSize + dataPagesUncompressedSize),
            totalCompressedSize: Int64(dictionaryPage.count + dataPages.count),
            dataPageOffset: offset + Int64(dictionaryPage.count),
            dictionaryPageOffset: hasDictionary ? offset : nil, statistics: statistics, encodingStats: stats)
    }
}
