/// A batch of values for one column, in row order, with `nil` for null.
///
/// Which case fits which column type:
///
/// | column type | cases accepted |
/// |---|---|
/// | `string` | `strings`, `byteArrays` (the reader returns `strings`) |
/// | `timestampMicros`, `int64` | `int64` (microseconds since 1970-01-01T00:00:00Z for timestamps) |
/// | `date`, `int32` | `int32` (days since 1970-01-01 for dates) |
/// | `double` | `doubles` |
/// | `boolean` | `booleans` |
public enum ParquetColumnValues: Sendable, Hashable {
    case strings([String?])
    case byteArrays(ParquetByteArrays)
    case int32([Int32?])
    case int64([Int64?])
    case doubles([Double?])
    case booleans([Bool?])

    public var count: Int {
        switch self {
        case .strings(let values): values.count
        case .byteArrays(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .doubles(let values): values.count
        case .booleans(let values): values.count
        }
    }

    /// Whether value `index` is null.
    func isNull(at index: Int) -> Bool {
        switch self {
        case .strings(let values): values[index] == nil
        case .byteArrays(let values): values.isNull[index]
        case .int32(let values): values[index] == nil
        case .int64(let values): values[index] == nil
        case .doubles(let values): values[index] == nil
        case .booleans(let values): values[index] == nil
        }
    }

    /// The value at `index` as a row value.
    public subscript(index: Int) -> ParquetValue {
        switch self {
        case .strings(let values): values[index].map(ParquetValue.string) ?? .null
        case .byteArrays(let values): values.string(at: index).map(ParquetValue.string) ?? .null
        case .int32(let values): values[index].map(ParquetValue.int32) ?? .null
        case .int64(let values): values[index].map(ParquetValue.int64) ?? .null
        case .doubles(let values): values[index].map(ParquetValue.double) ?? .null
        case .booleans(let values): values[index].map(ParquetValue.boolean) ?? .null
        }
    }

    /// Whether this batch can fill a column of `type`.
    func fits(_ type: ParquetType) -> Bool {
        switch (self, type) {
        case (.strings, .string), (.byteArrays, .string): true
        case (.int64, .int64), (.int64, .timestampMicros): true
        case (.int32, .int32), (.int32, .date): true
        case (.doubles, .double), (.booleans, .boolean): true
        default: false
        }
    }

    var caseName: String {
        switch self {
        case .strings: "strings"
        case .byteArrays: "byteArrays"
        case .int32: "int32"
        case .int64: "int64"
        case .doubles: "doubles"
        case .booleans: "booleans"
        }
    }
}

/// One value of a row, for ``ParquetWriter/append(row:)``. Timestamps are `int64` microseconds
/// since the epoch (UTC); dates are `int32` days since 1970-01-01.
public enum ParquetValue: Sendable, Hashable {
    case null
    case string(String)
    case int32(Int32)
    case int64(Int64)
    case double(Double)
    case boolean(Bool)

    /// Whether this value can go in a column of `type` (null fits any; the writer checks
    /// required columns separately).
    func fits(_ type: ParquetType) -> Bool {
        switch (self, type) {
        case (.null, _), (.string, .string): true
        case (.int64, .int64), (.int64, .timestampMicros): true
        case (.int32, .int32), (.int32, .date): true
        case (.double, .double), (.boolean, .boolean): true
        default: false
        }
    }
}
