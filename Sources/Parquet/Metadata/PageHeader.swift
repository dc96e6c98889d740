/// parquet.thrift `PageHeader` with the two page kinds this package writes: DATA_PAGE (V1, its
/// `DataPageHeader` in field 5) and DICTIONARY_PAGE (its `DictionaryPageHeader` in field 7).
/// Sizes exclude the header itself.
struct PageHeader: Hashable {
    var type: ParquetPageType  // 1
    var uncompressedPageSize: Int32  // 2
    var compressedPageSize: Int32  // 3
    /// DataPageHeader 1 or DictionaryPageHeader 1: values in the page (nulls included).
    var numValues: Int32
    /// DataPageHeader 2 or DictionaryPageHeader 2.
    var encoding: ParquetEncoding
    /// DataPageHeader 3 and 4: always RLE here.
    var definitionLevelEncoding: ParquetEncoding = .rle
    var repetitionLevelEncoding: ParquetEncoding = .rle

    init(
        type: ParquetPageType, uncompressedPageSize: Int32, compressedPageSize: Int32, numValues: Int32,
        encoding: ParquetEncoding
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.numValues = numValues
        self.encoding = encoding
    }

    func encode(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type.rawValue)
        writer.writeField(2, i32: uncompressedPageSize)
        writer.writeField(3, i32: compressedPageSize)
        if type == .dictionaryPage {
            writer.beginStructField(7)
            writer.writeField(1, i32: numValues)
            writer.writeField(2, i32: encoding.rawValue)
            writer.endStruct()
        } else {
            writer.beginStructField(5)
            writer.writeField(1, i32: numValues)
            writer.writeField(2, i32: encoding.rawValue)
            writer.writeField(3, i32: definitionLevelEncoding.rawValue)
            writer.writeField(4, i32: repetitionLevelEncoding.rawValue)
            writer.endStruct()
        }
        writer.endStruct()
    }

    /// Reads a header; pages of other kinds are reported with `numValues` 0 so the caller can skip them.
    init(from reader: inout CompactProtocolReader) throws(ParquetError) {
        var type: ParquetPageType?
        var uncompressed: Int32?
        var compressed: Int32?
        var numValues: Int32 = 0
        var encoding: ParquetEncoding = .plain
        var levelEncoding: ParquetEncoding = .rle
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, CompactType(rawValue: field.type)) {
            case (1, .i32):
                let raw = try reader.readI32()
                guard let pageType = ParquetPageType(rawValue: raw) else {
                    throw ParquetError(.invalidFile, "unknown page type \(raw)")
                }
                type = pageType
            case (2, .i32): uncompressed = try reader.readI32()
            case (3, .i32): compressed = try reader.readI32()
            case (5, .struct), (7, .struct):
                try reader.beginStruct()
                while let member = try reader.readFieldHeader() {
                    switch (member.id, CompactType(rawValue: member.type)) {
                    case (1, .i32): numValues = try reader.readI32()
                    case (2, .i32):
                        let raw = try reader.readI32()
                        guard let value = ParquetEncoding(rawValue: raw) else {
                            throw ParquetError(.unsupported, "unknown encoding \(raw)")
                        }
                        encoding = value
                    case (3, .i32) where field.id == 5:
                        levelEncoding = ParquetEncoding(rawValue: try reader.readI32()) ?? .bitPacked
                    default: try reader.skip(member.type)
                    }
                }
                reader.endStruct()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let type, let uncompressed, let compressed, uncompressed >= 0, compressed >= 0 else {
            throw ParquetError(.invalidFile, "a PageHeader lacks a required field")
        }
        self.init(
            type: type, uncompressedPageSize: uncompressed, compressedPageSize: compressed, numValues: numValues,
            encoding: encoding)
        self.definitionLevelEncoding = levelEncoding
    }
}
