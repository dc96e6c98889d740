import Foundation
import Testing

@testable import Parquet

@Suite struct ParquetRoundTripTests {
    static let codecs: [ParquetCompression] = [.uncompressed, .snappy]

    @Test(arguments: codecs, [true, false])
    func everyTypeWithNulls(_ compression: ParquetCompression, dictionary: Bool) throws {
        let table = SampleTable.make(rows: 1000, dictionary: dictionary)
        let writer = try ParquetWriter(
            schema: table.schema, options: ParquetWriterOptions(compression: compression, rowGroupRows: 400))
        try writer.append(columns: table.columns)
        let summary = try writer.close()
        #expect(summary.rowCount == 1000)
        #expect(summary.rowGroupCount == 3)
        #expect(summary.byteCount == Int64(writer.outputBytes.count))

        let reader = try ParquetReader(bytes: writer.outputBytes)
        #expect(reader.metadata.schema == table.schema.withoutEncodingHints)
        #expect(reader.metadata.numRows == 1000)
        #expect(reader.metadata.rowGroups.map(\.numRows) == [400, 400, 200])
        for (index, expected) in table.columns.enumerated() {
            #expect(try reader.readColumn(index).comparable == expected.comparable, "column \(index)")
        }
        let chunk = reader.metadata.rowGroups[0].columns[0]
        #expect(chunk.compression == compression)
        #expect(chunk.pathInSchema == ["s"])
        #expect((chunk.dictionaryPageOffset != nil) == dictionary)
        #expect(chunk.encodings.contains(dictionary ? .rleDictionary : .plain))
    }

    @Test func schemaElementsCarryLogicalAndConvertedTypes() throws {
        let table = SampleTable.make(rows: 3)
        let writer = try ParquetWriter(schema: table.schema)
        try writer.append(columns: table.columns)
        try writer.close()
        let metadata = try ParquetReader(bytes: writer.outputBytes).metadata
        let elements = metadata.schemaElements
        #expect(elements[0] == SchemaElement(name: "schema", numChildren: 7))
        #expect(elements[1].type == .byteArray && elements[1].logicalType == .string && elements[1].convertedType == 0)
        #expect(elements[2].type == .int64 && elements[2].convertedType == 10)
        #expect(elements[2].logicalType == .timestamp(isAdjustedToUTC: true, unit: .micros))
        #expect(elements[3].type == .int32 && elements[3].logicalType == .date && elements[3].convertedType == 6)
        #expect(elements[4].repetition == .required && elements[4].logicalType == nil)
        #expect(elements[5].repetition == .optional && elements[5].type == .int64)
        #expect(elements[6].type == .double && elements[7].type == .boolean)
        #expect(metadata.version == 2)
        #expect(metadata.createdBy == "StatesLanguage-Parquet version 1.0.0")
        #expect(metadata.hasTypeDefinedColumnOrders)
        #expect(metadata.keyValueMetadata == nil)
    }

    @Test func rowAPIMatchesColumnAPI() throws {
        let table = SampleTable.make(rows: 300)
        let byRows = try ParquetWriter(schema: table.schema, options: ParquetWriterOptions(rowGroupRows: 128))
        for row in 0..<300 { try byRows.append(row: table.columns.map { $0[row] }) }
        try byRows.close()
        let byColumns = try ParquetWriter(schema: table.schema, options: ParquetWriterOptions(rowGroupRows: 128))
        try byColumns.append(columns: table.slice(0..<100))
        try byColumns.append(columns: table.slice(100..<300))
        try byColumns.close()
        #expect(byRows.outputBytes == byColumns.outputBytes)
        let rows = try ParquetReader(bytes: byRows.outputBytes).readRows()
        #expect(rows.count == 300)
        #expect(rows[17].count == 7)
    }

    @Test func byteArraysBatchEqualsStrings() throws {
        let strings: [String?] = ["x", nil, "yy", "x", "", nil, "zzz"]
        let schema = ParquetSchema([ParquetColumn("v", .string)])
        let a = try ParquetWriter(schema: schema)
        try a.append(columns: [.strings(strings)])
        try a.close()
        let b = try ParquetWriter(schema: schema)
        try b.append(columns: [.byteArrays(ParquetByteArrays(strings))])
        try b.close()
        #expect(a.outputBytes == b.outputBytes)
        #expect(try ParquetReader(bytes: b.outputBytes).readColumn(0) == .strings(strings))
    }

    @Test func dictionaryFallsBackToPlain() throws {
        let values: [String?] = (0..<5000).map { $0 % 13 == 0 ? nil : "value-\($0 * 7919 % 5003)" }
        let schema = ParquetSchema([ParquetColumn("v", .string)])
        let options = ParquetWriterOptions(dataPageRows: 500, dictionaryPageBytes: 4096)
        let writer = try ParquetWriter(schema: schema, options: options)
        try writer.append(columns: [.strings(values)])
        try writer.close()
        let reader = try ParquetReader(bytes: writer.outputBytes)
        #expect(try reader.readColumn(0) == .strings(values))
        let chunk = reader.metadata.rowGroups[0].columns[0]
        #expect(chunk.encodings == [.plain, .rle, .rleDictionary])
        let stats = try #require(chunk.encodingStats)
        #expect(stats.first == ParquetPageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
        let dictionaryPages = stats.first { $0.encoding == .rleDictionary }?.count ?? 0
        let plainPages = stats.first { $0.pageType == .dataPage && $0.encoding == .plain }?.count ?? 0
        #expect(dictionaryPages >= 1 && plainPages >= 1)
        let headers = try reader.pageHeaders(0, rowGroup: 0)
        #expect(headers.first?.type == .dictionaryPage)
        // Dictionary entries stop once their PLAIN size passes 4096 bytes (4 + ~10 bytes each).
        #expect((headers.first?.numValues ?? 0) < 320)
        #expect(headers.dropFirst().map(\.numValues).reduce(0, +) == 5000)
        #expect(Array(headers.dropFirst().map(\.encoding).drop { $0 == .rleDictionary }).allSatisfy { $0 == .plain })
    }

    @Test func dictionaryThatDoesNotPayOnTheFirstPageStops() throws {
        let distinct: [String?] = (0..<3000).map { "a fairly long distinct value \($0)" }
        let repeated: [Int64?] = (0..<3000).map { Int64($0 % 7) }
        let schema = ParquetSchema([ParquetColumn("s", .string), ParquetColumn("n", .int64)])
        let writer = try ParquetWriter(schema: schema, options: ParquetWriterOptions(dataPageRows: 500))
        try writer.append(columns: [.strings(distinct), .int64(repeated)])
        try writer.close()
        let reader = try ParquetReader(bytes: writer.outputBytes)
        #expect(try reader.readColumn(0) == .strings(distinct))
        #expect(try reader.readColumn(1) == .int64(repeated))
        let strings = try reader.pageHeaders(0, rowGroup: 0)
        #expect(strings.map(\.encoding) == [.plain, .rleDictionary] + Array(repeating: .plain, count: 5))
        #expect(strings.first?.numValues == 500)
        let numbers = try reader.pageHeaders(1, rowGroup: 0)
        #expect(numbers.map(\.encoding) == [.plain] + Array(repeating: .rleDictionary, count: 6))
        let distinctTimes: [Int64?] = (0..<1000).map { $0 % 3 == 0 ? nil : Int64($0) }
        let times = try ParquetWriter(
            schema: ParquetSchema([ParquetColumn("t", .timestampMicros)]),
            options: ParquetWriterOptions(dataPageRows: 100))
        try times.append(columns: [.int64(distinctTimes)])
        try times.close()
        let timeReader = try ParquetReader(bytes: times.outputBytes)
        #expect(try timeReader.readColumn(0) == .int64(distinctTimes))
        #expect(
            try timeReader.pageHeaders(0, rowGroup: 0).map(\.encoding) == [.plain, .rleDictionary]
                + Array(repeating: .plain, count: 9))
    }

    @Test func fixedWidthDictionaryFallsBack() throws {
        let values: [Int64?] = (0..<3000).map { Int64($0) * 1_000_003 }
        let schema = ParquetSchema([ParquetColumn("t", .timestampMicros, isOptional: false)])
        let writer = try ParquetWriter(schema: schema, options: ParquetWriterOptions(dictionaryPageBytes: 8 * 1000))
        try writer.append(columns: [.int64(values)])
        try writer.close()
        let reader = try ParquetReader(bytes: writer.outputBytes)
        #expect(try reader.readColumn(0) == .int64(values))
        let headers = try reader.pageHeaders(0, rowGroup: 0)
        #expect(headers.map(\.encoding) == [.plain, .rleDictionary, .plain])
        #expect(headers[0].numValues == 1001)
    }

    @Test func rowGroupsCloseBySize() throws {
        let values: [String?] = (0..<4000).map { "distinct value number \($0)" }
        let schema = ParquetSchema([ParquetColumn("v", .string, usesDictionary: false)])
        let options = ParquetWriterOptions(
            compression: .uncompressed, rowGroupBytes: 40_000, rowGroupCheckInterval: 100, dataPageRows: 100)
        let writer = try ParquetWriter(schema: schema, options: options)
        try writer.append(columns: [.strings(values)])
        let summary = try writer.close()
        #expect(summary.rowGroupCount > 1)
        let reader = try ParquetReader(bytes: writer.outputBytes)
        for group in reader.metadata.rowGroups.dropLast() {
            #expect(group.totalCompressedSize.map { $0 >= 40_000 && $0 < 40_000 + 5_000 } == true)
        }
        #expect(try reader.readColumn(0) == .strings(values))
    }

    @Test func emptyFileHasNoRowGroups() throws {
        let writer = try ParquetWriter(schema: ParquetSchema([ParquetColumn("v", .string)]))
        let summary = try writer.close()
        #expect(
            summary == ParquetWriter.Summary(rowCount: 0, rowGroupCount: 0, byteCount: Int64(writer.outputBytes.count)))
        let reader = try ParquetReader(bytes: writer.outputBytes)
        #expect(reader.metadata.rowGroups.isEmpty)
        #expect(try reader.readColumn(0) == .strings([]))
    }

    @Test func allNullColumns() throws {
        let schema = ParquetSchema([ParquetColumn("s", .string), ParquetColumn("n", .int64)])
        let writer = try ParquetWriter(schema: schema)
        try writer.append(columns: [.strings([nil, nil, nil]), .int64([nil, nil, nil])])
        try writer.close()
        let reader = try ParquetReader(bytes: writer.outputBytes)
        #expect(try reader.readColumn(0) == .strings([nil, nil, nil]))
        #expect(try reader.readColumn(1) == .int64([nil, nil, nil]))
        let stats = try #require(reader.metadata.rowGroups[0].columns[0].statistics)
        #expect(stats.nullCount == 3 && stats.minValue == nil && stats.maxValue == nil)
    }

    @Test func writesToAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parquet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.parquet").path
        let table = SampleTable.make(rows: 50)
        let writer = try ParquetWriter(path: path, schema: table.schema)
        try writer.append(columns: table.columns)
        let summary = try writer.close()
        #expect(writer.outputBytes.isEmpty)
        let reader = try ParquetReader(path: path)
        #expect(Int64(reader.bytes.count) == summary.byteCount)
        #expect(try reader.readColumn(named: "s").comparable == table.columns[0].comparable)

        #expect(throws: ParquetError.self) {
            try ParquetWriter(path: directory.appendingPathComponent("missing/x.parquet").path, schema: table.schema)
        }
    }

    @Test func keyValueMetadataIsWritten() throws {
        let options = ParquetWriterOptions(keyValueMetadata: [ParquetKeyValue("k", "v"), ParquetKeyValue("empty", nil)])
        let writer = try ParquetWriter(schema: ParquetSchema([ParquetColumn("v", .int32)]), options: options)
        try writer.close()
        let metadata = try ParquetReader(bytes: writer.outputBytes).metadata
        #expect(metadata.keyValueMetadata == [ParquetKeyValue("k", "v"), ParquetKeyValue("empty", nil)])
    }
}

extension ParquetSchema {
    /// The schema as the reader rebuilds it (encoding hints are not stored in the file).
    var withoutEncodingHints: ParquetSchema {
        ParquetSchema(columns.map { ParquetColumn($0.name, $0.type, isOptional: $0.isOptional) }, rootName: rootName)
    }
}
