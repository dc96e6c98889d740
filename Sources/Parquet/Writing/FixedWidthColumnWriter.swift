/// A fixed-width physical value: INT32, INT64 or DOUBLE, stored PLAIN as little-endian bytes.
protocol FixedWidthValue: Sendable {
    static var byteWidth: Int { get }
    /// The value's bits, zero-extended (the dictionary key and the PLAIN bytes' source).
    var bits: UInt64 { get }
    /// Whether the value sorts before `other` in the type-defined order.
    func precedes(_ other: Self) -> Bool
    /// NaN is left out of min/max (parquet-format, "Sort order" for floating point).
    var isExcludedFromStatistics: Bool { get }
    /// The value to record as a minimum or maximum (-0.0 for a zero minimum, +0.0 for a zero
    /// maximum, so either zero inside the range matches).
    func statisticsBound(isMinimum: Bool) -> Self
    /// The batch's values when it holds this type.
    static func values(in batch: ParquetColumnValues) -> [Self?]?
    /// The row value's payload when it is of this type.
    static func value(in value: ParquetValue) -> Self?
}

extension Int32: FixedWidthValue {
    static var byteWidth: Int { 4 }
    var bits: UInt64 { UInt64(UInt32(bitPattern: self)) }
    func precedes(_ other: Int32) -> Bool { self < other }
    var isExcludedFromStatistics: Bool { false }
    func statisticsBound(isMinimum: Bool) -> Int32 { self }
    static func values(in batch: ParquetColumnValues) -> [Int32?]? {
        if case .int32(let values) = batch { return values }
        return nil
    }
    static func value(in value: ParquetValue) -> Int32? {
        if case .int32(let value) = value { return value }
        return nil
    }
}

extension Int64: FixedWidthValue {
    static var byteWidth: Int { 8 }
    var bits: UInt64 { UInt64(bitPattern: self) }
    func precedes(_ other: Int64) -> Bool { self < other }
    var isExcludedFromStatistics: Bool { false }
    func statisticsBound(isMinimum: Bool) -> Int64 { self }
    static func values(in batch: ParquetColumnValues) -> [Int64?]? {
        if case .int64(let values) = batch { return values }
        return nil
    }
    static func value(in value: ParquetValue) -> Int64? {
        if case .int64(let value) = value { return value }
        return nil
    }
}

extension Double: FixedWidthValue {
    static var byteWidth: Int { 8 }
    var bits: UInt64 { bitPattern }
    func precedes(_ other: Double) -> Bool { self < other }
    var isExcludedFromStatistics: Bool { isNaN }
    func statisticsBound(isMinimum: Bool) -> Double { self == 0 ? (isMinimum ? -0.0 : 0.0) : self }
    static func values(in batch: ParquetColumnValues) -> [Double?]? {
        if case .doubles(let values) = batch { return values }
        return nil
    }
    static func value(in value: ParquetValue) -> Double? {
        if case .double(let value) = value { return value }
        return nil
    }
}

/// The little-endian bytes of the low `width` bytes of `bits`.
func littleEndianBytes(_ bits: UInt64, width: Int) -> [UInt8] {
    (0..<width).map { UInt8(truncatingIfNeeded: bits >> UInt64(8 * $0)) }
}

/// Encodes an INT32/INT64/DOUBLE column chunk: dictionary first, PLAIN after the dictionary
/// passes `dictionaryPageBytes` or after a first page on which it did not beat PLAIN. Min and max are tracked per value (a compare is cheaper than
/// the bookkeeping of the byte-array writer's dictionary pass).
struct FixedWidthColumnWriter<Value: FixedWidthValue>: ColumnEncoder {
    let column: ParquetColumn
    let limits: ColumnWriterLimits
    private var pages: PageBuilder
    private var dictionary = FixedWidthDictionary()
    private var dictionaryPages: DictionaryPages
    private var plain: [UInt8] = []
    private var low: Value?
    private var high: Value?

    init(column: ParquetColumn, limits: ColumnWriterLimits) {
        self.column = column
        self.limits = limits
        self.pages = PageBuilder(isOptional: column.isOptional, compression: limits.compression)
        self.dictionaryPages = DictionaryPages(enabled: column.usesDictionary)
    }

    var bufferedBytes: Int {
        pages.bufferedBytes + plain.count + dictionaryPages.indices.count / 2
            + (dictionaryPages.isEncoding ? dictionary.count * Value.byteWidth : 0)
    }

    mutating func append(_ values: ParquetColumnValues, range: Range<Int>) throws(ParquetError) {
        guard let typed = Value.values(in: values) else {
            throw ParquetError(.schemaMismatch, "column '\(column.name)' cannot take \(values.caseName)")
        }
        for index in range { try appendOptional(typed[index]) }
    }

    mutating func append(_ value: ParquetValue) throws(ParquetError) {
        if case .null = value { return try appendOptional(nil) }
        guard let typed = Value.value(in: value) else {
            throw ParquetError(.schemaMismatch, "column '\(column.name)' cannot take \(value)")
        }
        try appendOptional(typed)
    }

    @inline(__always)
    private mutating func appendOptional(_ value: Value?) throws(ParquetError) {
        guard let value else {
            pages.recordNull()
            if pages.pageRows >= limits.dataPageRows { try flushPage() }
            return
        }
        pages.recordPresent()
        if !value.isExcludedFromStatistics {
            if let current = low { if value.precedes(current) { low = value } } else { low = value }
            if let current = high { if current.precedes(value) { high = value } } else { high = value }
        }
        if dictionaryPages.isEncoding {
            dictionaryPages.append(dictionary.index(of: value.bits))
            if dictionary.count * Value.byteWidth > limits.dictionaryPageBytes {
                try flushPage()
                dictionaryPages.stop()
                return
            }
        } else {
            var bits = value.bits
            for _ in 0..<Value.byteWidth {
                plain.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }
        if pages.pageRows >= limits.dataPageRows || plain.count >= limits.dataPageBytes { try flushPage() }
    }

    private mutating func flushPage() throws(ParquetError) {
        guard pages.pageRows > 0 else { return }
        if dictionaryPages.isEncoding {
            let count = dictionary.count
            try dictionaryPages.emitPage(
                into: &pages, dictionaryCount: count, dictionaryBytes: count * Value.byteWidth,
                plainBytes: dictionaryPages.indices.count * Value.byteWidth)
        } else {
            try pages.emitDataPage(encoding: .plain) { body in body.append(contentsOf: plain) }
            plain.removeAll(keepingCapacity: true)
        }
    }

    mutating func finishChunk() throws(ParquetError) -> FinishedChunk {
        try flushPage()
        let taken = pages.takeChunk()
        var dictionaryPage: (bytes: [UInt8], uncompressedSize: Int) = ([], 0)
        if column.usesDictionary {
            var body: [UInt8] = []
            body.reserveCapacity(dictionary.count * Value.byteWidth)
            for bits in dictionary.values {
                var bits = bits
                for _ in 0..<Value.byteWidth {
                    body.append(UInt8(truncatingIfNeeded: bits))
                    bits >>= 8
                }
            }
            dictionaryPage = try PageBuilder.makePage(
                type: .dictionaryPage, encoding: .plain, numValues: dictionary.count, body: body,
                compression: limits.compression)
        }
        var statistics = ParquetStatistics()
        statistics.nullCount = Int64(taken.nulls)
        if let low, let high {
            let minimum = littleEndianBytes(low.statisticsBound(isMinimum: true).bits, width: Value.byteWidth)
            let maximum = littleEndianBytes(high.statisticsBound(isMinimum: false).bits, width: Value.byteWidth)
            statistics.minValue = minimum
            statistics.maxValue = maximum
            statistics.isMinValueExact = true
            statistics.isMaxValueExact = true
            // Signed comparison, which the deprecated fields assumed, is the type order here.
            statistics.min = minimum
            statistics.max = maximum
        }
        dictionary = FixedWidthDictionary()
        dictionaryPages = DictionaryPages(enabled: column.usesDictionary)
        low = nil
        high = nil
        return FinishedChunk(
            dictionaryPage: dictionaryPage.bytes, dictionaryPageUncompressedSize: dictionaryPage.uncompressedSize,
            dataPages: taken.pages, dataPagesUncompressedSize: taken.uncompressedSize, rows: taken.rows,
            statistics: statistics, dataPageEncodings: taken.encodings)
    }
}
