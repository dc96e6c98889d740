/// The value types a column can hold, each a fixed pairing of a Parquet physical type with its
/// logical type annotation (and the legacy converted type, for readers that predate logical
/// types).
///
/// | case | physical | logical type | converted type |
/// |---|---|---|---|
/// | `string` | BYTE_ARRAY | STRING | UTF8 |
/// | `timestampMicros` | INT64 | TIMESTAMP(isAdjustedToUTC=true, unit=MICROS) | TIMESTAMP_MICROS |
/// | `date` | INT32 | DATE (days since 1970-01-01) | DATE |
/// | `int32` | INT32 | – | – |
/// | `int64` | INT64 | – | – |
/// | `double` | DOUBLE | – | – |
/// | `boolean` | BOOLEAN | – | – |
///
/// Rationale: the converted type TIMESTAMP_MICROS is defined as UTC-adjusted, so it may only
/// accompany `isAdjustedToUTC=true` (parquet-format LogicalTypes.md, "TIMESTAMP").
public enum ParquetType: Sendable, Hashable, CaseIterable {
    case string
    case timestampMicros
    case date
    case int32
    case int64
    case double
    case boolean

    public var physicalType: ParquetPhysicalType {
        switch self {
        case .string: .byteArray
        case .timestampMicros, .int64: .int64
        case .date, .int32: .int32
        case .double: .double
        case .boolean: .boolean
        }
    }
}

/// One flat column: a name, a value type, and whether it may hold nulls.
public struct ParquetColumn: Sendable, Hashable {
    public var name: String
    public var type: ParquetType
    /// `true` for an OPTIONAL column (nulls allowed, one definition level per value); `false`
    /// for REQUIRED.
    public var isOptional: Bool
    /// Whether the writer tries dictionary encoding first (it never does for booleans).
    public var usesDictionary: Bool

    public init(_ name: String, _ type: ParquetType, isOptional: Bool = true, usesDictionary: Bool = true) {
        self.name = name
        self.type = type
        self.isOptional = isOptional
        self.usesDictionary = usesDictionary
    }
}

/// A flat schema: a root group holding the columns in order.
public struct ParquetSchema: Sendable, Hashable {
    public var columns: [ParquetColumn]
    /// The root group's name: `schema` as parquet-cpp writes it (Spark writes `spark_schema`).
    public var rootName: String

    public init(_ columns: [ParquetColumn], rootName: String = "schema") {
        self.columns = columns
        self.rootName = rootName
    }
}
