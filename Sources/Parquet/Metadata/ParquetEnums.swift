// The Thrift enums of parquet-format's parquet.thrift that this package writes or reads, with
// their wire values.

/// Physical storage types (`enum Type`).
public enum ParquetPhysicalType: Int32, Sendable, Hashable {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLenByteArray = 7
}

/// Value and level encodings (`enum Encoding`).
public enum ParquetEncoding: Int32, Sendable, Hashable {
    case plain = 0
    case plainDictionary = 2
    case rle = 3
    case bitPacked = 4
    case deltaBinaryPacked = 5
    case deltaLengthByteArray = 6
    case deltaByteArray = 7
    case rleDictionary = 8
    case byteStreamSplit = 9
}

/// The compression codecs the writer offers (`enum CompressionCodec` values 0 and 1).
public enum ParquetCompression: Int32, Sendable, Hashable {
    case uncompressed = 0
    case snappy = 1
}

/// Page kinds (`enum PageType`).
public enum ParquetPageType: Int32, Sendable, Hashable {
    case dataPage = 0
    case indexPage = 1
    case dictionaryPage = 2
    case dataPageV2 = 3
}

/// `enum FieldRepetitionType`.
enum Repetition: Int32 {
    case required = 0
    case optional = 1
    case repeated = 2
}

/// The legacy `enum ConvertedType` values used here.
enum ConvertedType {
    static let utf8: Int32 = 0
    static let date: Int32 = 6
    static let timestampMillis: Int32 = 9
    static let timestampMicros: Int32 = 10
}
