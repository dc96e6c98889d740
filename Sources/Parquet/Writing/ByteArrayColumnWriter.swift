/// Encodes a string (BYTE_ARRAY) column chunk: dictionary first, PLAIN after the dictionary's
/// PLAIN size passes `dictionaryPageBytes` (the pages written so far keep their dictionary
/// encoding; the dictionary page still leads the chunk), as parquet-cpp falls back, or after a
/// first page on which the dictionary did not beat PLAIN (mostly distinct values).
///
/// Statistics: while the dictionary is in use every value is an entry of it, so min and max are
/// found once over the entries at the end of the chunk instead of per value.
struct ByteArrayColumnWriter: ColumnEncoder {
    let column: ParquetColumn
    let limits: ColumnWriterLimits
    private var pages: PageBuilder
    private var dictionary = ByteArrayDictionary()
    private var dictionaryPages: DictionaryPages
    private var plain: [UInt8] = []
    private var plainMin: [UInt8]?
    private var plainMax: [UInt8]?
    /// The PLAIN size of the current page's values, to judge the dictionary against.
    private var pagePlainBytes = 0

    init(column: ParquetColumn, limits: ColumnWriterLimits) {
        self.column = column
        self.limits = limits
        self.pages = PageBuilder(isOptional: column.isOptional, compression: limits.compression)
        self.dictionaryPages = DictionaryPages(enabled: column.usesDictionary)
    }

    var bufferedBytes: Int {
        pages.bufferedBytes + plain.count + dictionaryPages.indices.count / 2
            + (dictionaryPages.isEncoding ? dictionary.plainSize : 0)
    }

    mutating func append(_ values: ParquetColumnValues, range: Range<Int>) throws(ParquetError) {
        switch values {
        case .strings(let strings):
            for index in range {
                if var string = strings[index] {
                    let isPageFull = string.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
                    if isPageFull { try flushPage() }
                } else {
                    try appendNull()
                }
            }
        case .byteArrays(let batch):
            try batch.bytes.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(ParquetError) in
                let bytes = UnsafeRawBufferPointer(buffer)
                for index in range {
                    if batch.isNull[index] {
                        try appendNull()
                    } else {
                        let value = UnsafeRawBufferPointer(rebasing: bytes[batch.start(of: index)..<batch.ends[index]])
                        if insert(value) { try flushPage() }
                    }
                }
            }
        default:
            throw ParquetError(.schemaMismatch, "column '\(column.name)' takes strings, not \(values.caseName)")
        }
    }

    mutating func append(_ value: ParquetValue) throws(ParquetError) {
        switch value {
        case .null: try appendNull()
        case .string(var string):
            if string.withUTF8({ insert(UnsafeRawBufferPointer($0)) }) { try flushPage() }
        default: throw ParquetError(.schemaMismatch, "column '\(column.name)' takes strings")
        }
    }

    @inline(__always)
    private mutating func appendNull() throws(ParquetError) {
        pages.recordNull()
        if pages.pageRows >= limits.dataPageRows { try flushPage() }
    }

    /// Adds one value to the current page; returns whether the page must be flushed now.
    @inline(__always)
    private mutating func insert(_ value: UnsafeRawBufferPointer) -> Bool {
        pages.recordPresent()
        if dictionaryPages.isEncoding {
            dictionaryPages.append(dictionary.index(of: value))
            pagePlainBytes &+= 4 + value.count
            if dictionary.plainSize > limits.dictionaryPageBytes {
                dictionaryPages.requestFallback()
                return true
            }
        } else {
            appendLength(value.count, to: &plain)
            plain.append(contentsOf: value)
            updatePlainStatistics(value)
        }
        return pages.pageRows >= limits.dataPageRows || plain.count >= limits.dataPageBytes
    }

    private mutating func updatePlainStatistics(_ value: UnsafeRawBufferPointer) {
        guard let low = plainMin, let high = plainMax else {
            plainMin = Array(value)
            plainMax = plainMin
            return
        }
        if low.withUnsafeBytes({ compareBytes(value, $0) }) < 0 { plainMin = Array(value) }
        if high.withUnsafeBytes({ compareBytes(value, $0) }) > 0 { plainMax = Array(value) }
    }

    private mutating func flushPage() throws(ParquetError) {
        guard pages.pageRows > 0 else { return }
        if dictionaryPages.isEncoding {
            try dictionaryPages.emitPage(
                into: &pages, dictionaryCount: dictionary.count, dictionaryBytes: dictionary.plainSize,
                plainBytes: pagePlainBytes)
            pagePlainBytes = 0
        } else {
            try pages.emitDataPage(encoding: .plain) { body in body.append(contentsOf: plain) }
            plain.removeAll(keepingCapacity: true)
        }
    }

    mutating func finishChunk() throws(ParquetError) -> FinishedChunk {
        try flushPage()
        let taken = pages.takeChunk()
        var dictionaryPage: (bytes: [UInt8], uncompressedSize: Int) = ([], 0)
        var low = plainMin
        var high = plainMax
        if column.usesDictionary {
            dictionaryPage = try PageBuilder.makePage(
                type: .dictionaryPage, encoding: .plain, numValues: dictionary.count, body: dictionary.plainEncoded(),
                compression: limits.compression)
            if let (minEntry, maxEntry) = dictionary.extremes() {
                let entryMin = dictionary.entry(minEntry)
                let entryMax = dictionary.entry(maxEntry)
                if low.map({ current in Self.compare(entryMin, current) < 0 }) ?? true { low = entryMin }
                if high.map({ current in Self.compare(entryMax, current) > 0 }) ?? true { high = entryMax }
            }
        }
        var statistics = ParquetStatistics()
        statistics.nullCount = Int64(taken.nulls)
        if let low, let high, low.count <= limits.maximumStatisticsBytes, high.count <= limits.maximumStatisticsBytes {
            statistics.minValue = low
            statistics.maxValue = high
            statistics.isMinValueExact = true
            statistics.isMaxValueExact = true
        }
        dictionary = ByteArrayDictionary()
        dictionaryPages = DictionaryPages(enabled: column.usesDictionary)
        pagePlainBytes = 0
        plainMin = nil
        plainMax = nil
        return FinishedChunk(
            dictionaryPage: dictionaryPage.bytes, dictionaryPageUncompressedSize: dictionaryPage.uncompressedSize,
            dataPages: taken.pages, dataPagesUncompressedSize: taken.uncompressedSize, rows: taken.rows,
            statistics: statistics, dataPageEncodings: taken.encodings)
    }

    private static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { a in b.withUnsafeBytes { b in compareBytes(a, b) } }
    }
}
