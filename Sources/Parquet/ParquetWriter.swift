// ParquetWriter: flat schemas, streamed row group by row group.
//
// File layout (parquet-format README, "File Format"):
//
//     "PAR1"
//     row group 0: column chunk 0, column chunk 1, …   (see PageBuilder.swift for a chunk)
//     row group 1: …
//     FileMetaData (Thrift compact)
//     u32 little-endian length of FileMetaData
//     "PAR1"
//
// Memory stays bounded by one row group: each column's writer encodes and compresses pages as
// values arrive, and when the row group closes its chunks go to the output and only their
// metadata is kept for the footer.
//
// Decisions (and the reader behaviour they rely on) are listed in SPEC-NOTES.md §6.3:
// data page V1, RLE_DICTIONARY pages with a PLAIN dictionary page, format version 2, TYPE_ORDER
// column orders so readers trust min_value/max_value, legacy min/max only where signed order is
// the type order, and the converted types beside logical types.

import Foundation

/// Writes a Parquet file with a flat schema to a path or to memory.
///
///     let schema = ParquetSchema([ParquetColumn("id", .int64, isOptional: false), ParquetColumn("name", .string)])
///     let writer = try ParquetWriter(schema: schema)                  // in memory
///     try writer.append(columns: [.int64([1, 2]), .strings(["a", nil])])
///     try writer.append(row: [.int64(3), .string("c")])
///     let summary = try writer.close()
///     let bytes = writer.outputBytes                                  // the whole file
///
/// Rows accumulate into the current row group, which is written out when it reaches
/// ``ParquetWriterOptions/rowGroupRows`` or ``ParquetWriterOptions/rowGroupBytes``, or on
/// ``flushRowGroup()``. A file path is written in place; the caller renames it into view.
/// Not thread-safe: use one writer from one task at a time.
public final class ParquetWriter {
    public let schema: ParquetSchema
    public let options: ParquetWriterOptions

    private enum Output {
        case memory
        case file(FileHandle, path: String)
    }

    private var output: Output
    private var memory: [UInt8] = []
    private var offset: Int64 = 0
    private var columns: [any ColumnWriter]
    private var rowsInGroup = 0
    private var rowGroups: [ParquetRowGroupMetadata] = []
    private var totalRows: Int64 = 0
    private var isClosed = false

    /// A writer that keeps the file in memory; read it from ``outputBytes`` after ``close()``.
    public init(schema: ParquetSchema, options: ParquetWriterOptions = .init()) throws(ParquetError) {
        try Self.validate(schema, options)
        self.schema = schema
        self.options = options
        self.output = .memory
        self.columns = Self.makeColumns(schema, options)
        try write(Self.magic)
    }

    /// A writer that creates (or truncates) the file at `path`.
    /// - Throws: ``ParquetError/Kind/io`` naming the path when it cannot be created.
    public init(path: String, schema: ParquetSchema, options: ParquetWriterOptions = .init()) throws(ParquetError) {
        try Self.validate(schema, options)
        self.schema = schema
        self.options = options
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw ParquetError(.io, "cannot create '\(path)'")
        }
        self.output = .file(handle, path: path)
        self.columns = Self.makeColumns(schema, options)
        try write(Self.magic)
    }

    /// A writer to an open file descriptor (created by the caller, e.g. with `openat` and
    /// `O_NOFOLLOW`), which the writer now owns and closes; `path` names it in messages.
    public init(fileDescriptor: Int32, path: String, schema: ParquetSchema, options: ParquetWriterOptions = .init())
        throws(ParquetError)
    {
        let handle = FileHandle(fileDescriptor: fileDescriptor, closeOnDealloc: false)
        do throws(ParquetError) {
            try Self.validate(schema, options)
        } catch {
            try? handle.close()
            throw error
        }
        self.schema = schema
        self.options = options
        self.output = .file(handle, path: path)
        self.columns = Self.makeColumns(schema, options)
        try write(Self.magic)
    }

    deinit {
        if case .file(let handle, _) = output, !isClosed { try? handle.close() }
    }

    static let magic: [UInt8] = Array("PAR1".utf8)

    /// The file's bytes when writing to memory (complete after ``close()``); empty for a path.
    public var outputBytes: [UInt8] { memory }

    /// Rows appended to the current, unwritten row group.
    public var bufferedRowCount: Int { rowsInGroup }

    private static func validate(_ schema: ParquetSchema, _ options: ParquetWriterOptions) throws(ParquetError) {
        guard !schema.columns.isEmpty else { throw ParquetError(.schemaMismatch, "a schema needs at least one column") }
        var seen = Set<String>()
        for column in schema.columns where !seen.insert(column.name).inserted {
            throw ParquetError(.schemaMismatch, "column name '\(column.name)' appears twice")
        }
        guard options.rowGroupRows > 0, options.rowGroupBytes > 0, options.rowGroupCheckInterval > 0,
            options.dataPageRows > 0, options.dataPageBytes > 0, options.dictionaryPageBytes >= 0
        else {
            throw ParquetError(.schemaMismatch, "row group and page limits must be positive")
        }
    }

    private static func makeColumns(_ schema: ParquetSchema, _ options: ParquetWriterOptions) -> [any ColumnWriter] {
        let limits = ColumnWriterLimits(
            dataPageRows: options.dataPageRows, dataPageBytes: options.dataPageBytes,
            dictionaryPageBytes: options.dictionaryPageBytes, maximumStatisticsBytes: options.maximumStatisticsBytes,
            compression: options.compression)
        return schema.columns.map { makeColumnWriter(for: $0, limits: limits) }
    }

    // MARK: Appending

    /// Appends rows given column by column: `columns[i]` holds column `i`'s values, all batches
    /// the same length. The batch may span row groups.
    /// - Throws: ``ParquetError/Kind/schemaMismatch`` (nothing appended) when the batches do not
    ///   match the schema in number, length or type, or a required column holds a null;
    ///   ``ParquetError/Kind/io`` when a finished row group cannot be written.
    public func append(columns batches: [ParquetColumnValues]) throws(ParquetError) {
        try checkOpen()
        guard batches.count == schema.columns.count else {
            throw ParquetError(
                .schemaMismatch, "expected \(schema.columns.count) column batches, got \(batches.count)")
        }
        let count = batches.first?.count ?? 0
        for (batch, column) in zip(batches, schema.columns) {
            guard batch.fits(column.type) else {
                throw ParquetError(
                    .schemaMismatch, "column '\(column.name)' (\(column.type)) cannot take \(batch.caseName)")
            }
            guard batch.count == count else {
                throw ParquetError(
                    .schemaMismatch, "column '\(column.name)' has \(batch.count) values, the first column \(count)")
            }
            if !column.isOptional, let row = (0..<count).first(where: { batch.isNull(at: $0) }) {
                throw ParquetError(.schemaMismatch, "column '\(column.name)' is required but row \(row) is null")
            }
        }
        var start = 0
        while start < count {
            let take = min(count - start, options.rowGroupRows - rowsInGroup, options.rowGroupCheckInterval)
            for (writer, batch) in zip(columns, batches) {
                try writer.append(batch, range: start..<(start + take))
            }
            rowsInGroup += take
            start += take
            try flushIfFull()
        }
    }

    /// Appends one row, a value per column in schema order.
    /// - Throws: ``ParquetError/Kind/schemaMismatch`` (nothing appended) when the row does not
    ///   match the schema.
    public func append(row: [ParquetValue]) throws(ParquetError) {
        try checkOpen()
        guard row.count == schema.columns.count else {
            throw ParquetError(.schemaMismatch, "expected \(schema.columns.count) values, got \(row.count)")
        }
        for (value, column) in zip(row, schema.columns) {
            guard value.fits(column.type) else {
                throw ParquetError(.schemaMismatch, "column '\(column.name)' (\(column.type)) cannot take \(value)")
            }
            if value == .null && !column.isOptional {
                throw ParquetError(.schemaMismatch, "column '\(column.name)' is required but the value is null")
            }
        }
        for (writer, value) in zip(columns, row) { try writer.append(value) }
        rowsInGroup += 1
        if rowsInGroup >= options.rowGroupRows || rowsInGroup % options.rowGroupCheckInterval == 0 {
            try flushIfFull()
        }
    }

    private func flushIfFull() throws(ParquetError) {
        if rowsInGroup >= options.rowGroupRows || columns.reduce(0, { $0 + $1.bufferedBytes }) >= options.rowGroupBytes
        {
            try flushRowGroup()
        }
    }

    /// Writes the buffered rows as a row group now (nothing when no row is buffered).
    public func flushRowGroup() throws(ParquetError) {
        try checkOpen()
        guard rowsInGroup > 0 else { return }
        var chunks: [ParquetColumnChunkMetadata] = []
        for (writer, column) in zip(columns, schema.columns) {
            let finished = try writer.finishChunk()
            chunks.append(finished.metadata(at: offset, column: column, compression: options.compression))
            try write(finished.dictionaryPage)
            try write(finished.dataPages)
        }
        rowGroups.append(
            ParquetRowGroupMetadata(
                columns: chunks, numRows: Int64(rowsInGroup), ordinal: Int16(exactly: rowGroups.count)))
        totalRows += Int64(rowsInGroup)
        rowsInGroup = 0
    }

    // MARK: Closing

    /// What ``ParquetWriter/close()`` wrote.
    public struct Summary: Sendable, Hashable {
        public var rowCount: Int64
        public var rowGroupCount: Int
        /// The file's size in bytes.
        public var byteCount: Int64
    }

    /// Writes the last row group and the footer, and closes the file.
    /// - Throws: ``ParquetError/Kind/io`` when writing fails, ``ParquetError/Kind/closed`` when
    ///   already closed.
    @discardableResult
    public func close() throws(ParquetError) -> Summary {
        try flushRowGroup()
        let metadata = ParquetFileMetadata(
            schema: schema, numRows: totalRows, rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata.isEmpty ? nil : options.keyValueMetadata,
            createdBy: options.createdBy)
        var footer = CompactProtocolWriter()
        metadata.encode(to: &footer)
        try write(footer.bytes)
        try write(littleEndianBytes(UInt64(footer.bytes.count), width: 4) + Self.magic)
        isClosed = true
        if case .file(let handle, let path) = output {
            do {
                try handle.close()
            } catch {
                throw ParquetError(.io, "cannot close '\(path)': \(error.localizedDescription)")
            }
        }
        return Summary(rowCount: totalRows, rowGroupCount: rowGroups.count, byteCount: offset)
    }

    private func checkOpen() throws(ParquetError) {
        if isClosed { throw ParquetError(.closed, "the Parquet writer is closed") }
    }

    private func write(_ bytes: [UInt8]) throws(ParquetError) {
        guard !bytes.isEmpty else { return }
        switch output {
        case .memory:
            memory.append(contentsOf: bytes)
        case .file(let handle, let path):
            do {
                try handle.write(contentsOf: Data(bytes))
            } catch {
                throw ParquetError(.io, "cannot write '\(path)': \(error.localizedDescription)")
            }
        }
        offset += Int64(bytes.count)
    }
}
