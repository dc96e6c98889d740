/// A failure while writing or reading Parquet: what kind, and a message naming the column, file
/// or byte position involved.
public struct ParquetError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The values given do not fit the schema (count, type, or a null in a required column).
        case schemaMismatch
        /// A file could not be created, written, or read.
        case io
        /// The bytes are not a Parquet file this reader understands the structure of.
        case invalidFile
        /// Valid Parquet that uses something this small reader does not implement.
        case unsupported
        /// A Snappy block is malformed.
        case corruptCompressedData
        /// The writer was used after ``ParquetWriter/close()``.
        case closed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
