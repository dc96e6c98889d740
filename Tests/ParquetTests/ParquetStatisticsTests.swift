import Testing

@testable import Parquet

@Suite struct ParquetStatisticsTests {
    static func statistics(_ column: ParquetColumn, _ values: ParquetColumnValues) throws -> ParquetStatistics {
        let writer = try ParquetWriter(schema: ParquetSchema([column]))
        try writer.append(columns: [values])
        try writer.close()
        let reader = try ParquetReader(bytes: writer.outputBytes)
        return try #require(reader.metadata.rowGroups.first?.columns.first?.statistics)
    }

    @Test(arguments: [true, false])
    func stringsCompareAsUnsignedBytes(_ dictionary: Bool) throws {
        // "é" is 0xC3 0xA9: above "z" as unsigned bytes, below it as signed bytes.
        let stats = try Self.statistics(
            ParquetColumn("s", .string, usesDictionary: dictionary), .strings(["m", "é", nil, "z", "", "A", nil]))
        #expect(stats.minValue == [])
        #expect(stats.maxValue == Array("é".utf8))
        #expect(stats.nullCount == 2)
        #expect(stats.min == nil && stats.max == nil)  // the legacy fields use signed order: left out
        #expect(stats.isMinValueExact == true && stats.isMaxValueExact == true)
    }

    @Test func stringStatisticsSpanDictionaryAndFallbackPages() throws {
        let values: [String?] = (0..<600).map { String(format: "%05d", ($0 * 37) % 600) } + ["~", "!"]
        let writer = try ParquetWriter(
            schema: ParquetSchema([ParquetColumn("s", .string)]),
            options: ParquetWriterOptions(dataPageRows: 50, dictionaryPageBytes: 900))
        try writer.append(columns: [.strings(values)])
        try writer.close()
        let stats = try #require(
            try ParquetReader(bytes: writer.outputBytes).metadata.rowGroups[0].columns[0].statistics)
        #expect(stats.stringRange?.min == "!")
        #expect(stats.stringRange?.max == "~")
    }

    @Test func overlongStringBoundsAreLeftOut() throws {
        let long = String(repeating: "x", count: 5000)
        let stats = try Self.statistics(ParquetColumn("s", .string), .strings(["a", long]))
        #expect(stats.minValue == nil && stats.maxValue == nil && stats.nullCount == 0)
    }

    @Test func integersAreSigned() throws {
        let stats = try Self.statistics(ParquetColumn("i", .int64), .int64([5, -7, nil, Int64.max, 0]))
        #expect(stats.int64Range == -7...Int64.max)
        #expect(stats.min == stats.minValue && stats.max == stats.maxValue)
        #expect(stats.minValue == [0xF9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        let dates = try Self.statistics(ParquetColumn("d", .date), .int32([20_000, -3, 19_000]))
        #expect(dates.int32Range == -3...20_000)
        #expect(dates.maxValue == [0x20, 0x4E, 0x00, 0x00])
    }

    @Test func doublesSkipNaNAndSignZeros() throws {
        let stats = try Self.statistics(ParquetColumn("f", .double), .doubles([.nan, 0.0, 2.5, nil, -0.0, .nan]))
        #expect(stats.minValue == littleEndianBytes((-0.0).bitPattern, width: 8))
        #expect(stats.maxValue == littleEndianBytes(2.5.bitPattern, width: 8))
        let zeros = try Self.statistics(ParquetColumn("f", .double), .doubles([0.0, -0.0]))
        #expect(zeros.minValue == littleEndianBytes((-0.0).bitPattern, width: 8))
        #expect(zeros.maxValue == littleEndianBytes(0.0.bitPattern, width: 8))
        let nans = try Self.statistics(ParquetColumn("f", .double), .doubles([.nan]))
        #expect(nans.minValue == nil && nans.maxValue == nil && nans.nullCount == 0)
    }

    @Test func booleans() throws {
        let stats = try Self.statistics(ParquetColumn("b", .boolean), .booleans([true, nil, true]))
        #expect(stats.minValue == [1] && stats.maxValue == [1] && stats.nullCount == 1)
        let mixed = try Self.statistics(ParquetColumn("b", .boolean), .booleans([true, false]))
        #expect(mixed.minValue == [0] && mixed.maxValue == [1])
    }

    @Test func perRowGroup() throws {
        let writer = try ParquetWriter(
            schema: ParquetSchema([ParquetColumn("t", .timestampMicros)]),
            options: ParquetWriterOptions(rowGroupRows: 3))
        try writer.append(columns: [.int64([30, 10, 20, nil, 50, 40, nil])])
        try writer.close()
        let groups = try ParquetReader(bytes: writer.outputBytes).metadata.rowGroups
        #expect(groups.map { $0.columns[0].statistics?.int64Range } == [10...30, 40...50, nil])
        #expect(groups.map { $0.columns[0].statistics?.nullCount } == [0, 1, 1])
    }
}

@Suite struct ParquetWriterErrorTests {
    static let schema = ParquetSchema([ParquetColumn("id", .int64, isOptional: false), ParquetColumn("s", .string)])

    @Test func mismatchedBatchesAreRejectedWhole() throws {
        let writer = try ParquetWriter(schema: Self.schema)
        #expect(throws: ParquetError(.schemaMismatch, "expected 2 column batches, got 1")) {
            try writer.append(columns: [.int64([1])])
        }
        #expect(throws: ParquetError(.schemaMismatch, "column 's' has 2 values, the first column 1")) {
            try writer.append(columns: [.int64([1]), .strings(["a", "b"])])
        }
        #expect(throws: ParquetError(.schemaMismatch, "column 's' (string) cannot take int32")) {
            try writer.append(columns: [.int64([1]), .int32([1])])
        }
        #expect(throws: ParquetError(.schemaMismatch, "column 'id' is required but row 1 is null")) {
            try writer.append(columns: [.int64([1, nil]), .strings(["a", "b"])])
        }
        #expect(throws: ParquetError(.schemaMismatch, "column 'id' is required but the value is null")) {
            try writer.append(row: [.null, .string("a")])
        }
        #expect(throws: ParquetError(.schemaMismatch, "column 's' (string) cannot take boolean(true)")) {
            try writer.append(row: [.int64(1), .boolean(true)])
        }
        #expect(writer.bufferedRowCount == 0)
        try writer.close()
        #expect(throws: ParquetError(.closed, "the Parquet writer is closed")) {
            try writer.append(row: [.int64(1), .null])
        }
        #expect(try ParquetReader(bytes: writer.outputBytes).metadata.numRows == 0)
    }

    @Test func badSchemasAndOptions() {
        #expect(throws: ParquetError.self) { try ParquetWriter(schema: ParquetSchema([])) }
        #expect(throws: ParquetError.self) {
            try ParquetWriter(schema: ParquetSchema([ParquetColumn("a", .int32), ParquetColumn("a", .int64)]))
        }
        #expect(throws: ParquetError.self) {
            try ParquetWriter(schema: Self.schema, options: ParquetWriterOptions(rowGroupRows: 0))
        }
    }

    @Test func readerRejectsDamagedFiles() throws {
        let writer = try ParquetWriter(schema: Self.schema)
        try writer.append(columns: [.int64([1, 2]), .strings(["a", nil])])
        try writer.close()
        let good = writer.outputBytes
        #expect(throws: ParquetError.self) { try ParquetReader(bytes: Array(good.dropLast())) }
        #expect(throws: ParquetError.self) { try ParquetReader(bytes: Array("PAR1PAR1".utf8)) }
        var badLength = good
        badLength[good.count - 6] = 0x7F
        #expect(throws: ParquetError.self) { try ParquetReader(bytes: badLength) }
        let table = SampleTable.make(rows: 12)
        let sample = try ParquetWriter(schema: table.schema, options: ParquetWriterOptions(rowGroupRows: 8))
        try sample.append(columns: table.columns)
        try sample.close()
        for file in [good, sample.outputBytes] { Self.damageEveryByte(file) }
    }

    /// Damages every byte in turn, two ways: reading must throw or succeed, never trap.
    static func damageEveryByte(_ good: [UInt8]) {
        for index in 4..<(good.count - 8) {
            for flip: UInt8 in [0xFF, 0x01] {
                var damaged = good
                damaged[index] ^= flip
                if let reader = try? ParquetReader(bytes: damaged) {
                    _ = try? reader.readRows()
                }
            }
        }
    }
}
