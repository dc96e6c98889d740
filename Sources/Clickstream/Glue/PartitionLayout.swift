import Parquet
import StatesLanguage

/// How the job's rows are split into partition folders: the job's `partitionKeys`, resolved
/// against the output columns, as Spark's `DataFrameWriter.partitionBy` splits them.
///
/// A partition column leaves the files and becomes a folder level `name=value`, in key order.
/// `event_date` (the UTC date of `event_time`) is a partition column by default; when it is not
/// one it is written as the last column of the files (a Parquet `DATE`), where the job's
/// `withColumn` puts it. A string value is escaped as Hive escapes path names (`%XX` for control
/// characters and `"#%'*/:=?\{[]^`), and a null or empty value is `__HIVE_DEFAULT_PARTITION__`.
/// `event_time` (a timestamp) cannot be a partition column here.
struct PartitionLayout: Sendable, Hashable {
    /// One partition column.
    enum Key: Sendable, Hashable {
        case eventDate
        case field(EventField)
    }

    let keys: [Key]
    let names: [String]

    /// The columns `partitionKeys` may name.
    static let columnNames = EventField.names + ["event_date"]
    static let `default` = PartitionLayout(checked: [.eventDate], names: ["event_date"])
    static let hiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__"

    private init(checked keys: [Key], names: [String]) {
        self.keys = keys
        self.names = names
    }

    /// The layout of `names`, or why it cannot be: the index of the offending name and a message.
    static func resolve(_ names: [String]) -> Result<PartitionLayout, PartitionKeyProblem> {
        var keys: [Key] = []
        for (index, name) in names.enumerated() {
            if names[..<index].contains(name) {
                return .failure(PartitionKeyProblem(index: index, message: "'\(name)' is listed twice"))
            }
            if name == "event_date" {
                keys.append(.eventDate)
            } else if let position = EventField.names.firstIndex(of: name), let field = EventField(rawValue: position) {
                keys.append(.field(field))
            } else if name == "event_time" {
                return .failure(
                    PartitionKeyProblem(
                        index: index,
                        message: "'event_time' is a timestamp and cannot be a partition column; use 'event_date'"))
            } else {
                return .failure(
                    PartitionKeyProblem(
                        index: index,
                        message: "'\(name)' is not a column of the clickstream output: use "
                            + columnNames.map { "'\($0)'" }.joined(separator: ", ")
                            + NameSuggestion.didYouMean(name, in: columnNames)))
            }
        }
        return .success(PartitionLayout(checked: keys, names: names))
    }

    var isDefault: Bool { keys == [.eventDate] }
    var byDate: Bool { keys.contains(.eventDate) }
    /// The string fields that are partition columns, in key order.
    var keyFields: [EventField] {
        keys.compactMap {
            if case .field(let field) = $0 { return field }
            return nil
        }
    }

    /// The files' string fields, in `EventField` order.
    var fileFields: [EventField] { EventField.allCases.filter { !keyFields.contains($0) } }

    /// Where `event_time` sits among the files' columns.
    var eventTimeColumn: Int { fileFields.filter { $0.rawValue < EventField.eventType.rawValue }.count }

    /// The files' schema: the columns in the job's order without the partition columns, then
    /// `event_date` when it is not one.
    var schema: ParquetSchema {
        var columns: [ParquetColumn] = []
        for field in EventField.allCases {
            if field == .eventType { columns.append(ParquetColumn("event_time", .timestampMicros)) }
            if !keyFields.contains(field) { columns.append(ParquetColumn(EventField.names[field.rawValue], .string)) }
        }
        if !byDate { columns.append(ParquetColumn("event_date", .date)) }
        return ParquetSchema(columns, rootName: "spark_schema")
    }

    /// The values of a partition as its folders show them, in key order.
    func values(_ key: PartitionKey) -> [String] {
        var strings = key.values.makeIterator()
        return keys.map { column in
            switch column {
            case .eventDate:
                return EventTime.dateString(days: key.day)
            case .field:
                guard let bytes = strings.next() ?? nil, !bytes.isEmpty else { return Self.hiveDefaultPartition }
                return Self.escape(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    /// `event_date=2024-01-05/country=DE`.
    func folder(_ key: PartitionKey) -> String {
        zip(names, values(key)).map { "\($0)=\($1)" }.joined(separator: "/")
    }

    /// The partition's name in the job's report: its values joined by `/`.
    func reportName(_ key: PartitionKey) -> String { values(key).joined(separator: "/") }

    /// Orders partitions by their values in key order (dates by day, strings by bytes, empty first).
    func precedes(_ lhs: PartitionKey, _ rhs: PartitionKey) -> Bool {
        var index = 0
        for column in keys {
            switch column {
            case .eventDate:
                if lhs.day != rhs.day { return lhs.day < rhs.day }
            case .field:
                let left = lhs.values[index] ?? []
                let right = rhs.values[index] ?? []
                index += 1
                if left != right { return left.lexicographicallyPrecedes(right) }
            }
        }
        return false
    }

    /// Hive's `escapePathName`: `%XX` for the characters a path cannot hold unambiguously.
    static func escape(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            let escaped =
                scalar.value < 0x20 || scalar.value == 0x7F
                || "\"#%'*/:=?\\{[]^".unicodeScalars.contains(scalar)
            if escaped {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "%" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Which partition a row belongs to: its UTC day (0 when `event_date` is not a partition
/// column) and the bytes of its string partition columns, in key order.
struct PartitionKey: Sendable, Hashable {
    var day: Int
    var values: [[UInt8]?]
}

/// A `partitionKeys` entry that cannot be used.
struct PartitionKeyProblem: Error, Sendable, Hashable {
    let index: Int
    let message: String
}
