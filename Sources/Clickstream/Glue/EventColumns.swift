import Parquet

/// The output columns, in file order, as Spark writes the Glue job's DataFrame (`event_date` is
/// the partition folder, not a column).
enum EventField: Int, CaseIterable {
    case userID, sessionID, eventType, pageURL, referrerURL, deviceType, browser, ip, country, city

    /// The string columns' names, in `EventField` order.
    static let names = [
        "user_id", "session_id", "event_type", "page_url", "referrer_url", "device_type", "browser", "ip", "country",
        "city",
    ]

    /// The Parquet schema: `user_id, session_id, event_time, event_type, …, city`.
    static let schema = ParquetSchema(
        [
            ParquetColumn("user_id", .string), ParquetColumn("session_id", .string),
            ParquetColumn("event_time", .timestampMicros),
        ] + names.dropFirst(2).map { ParquetColumn($0, .string) },
        rootName: "spark_schema")
}

/// Rows of one partition (one UTC date), column by column, on their way to a Parquet writer.
struct EventColumns: Sendable {
    let day: Int
    var strings: [ParquetByteArrays]
    var eventTimes: [Int64?] = []

    init(day: Int, reserving capacity: Int) {
        self.day = day
        strings = EventField.allCases.map { _ in
            var column = ParquetByteArrays()
            column.reserveCapacity(values: capacity, bytes: capacity * 24)
            return column
        }
        eventTimes.reserveCapacity(capacity)
    }

    var count: Int { eventTimes.count }

    /// The batches for ``ParquetWriter/append(columns:)``, in schema order.
    var parquetColumns: [ParquetColumnValues] {
        var columns = strings.map(ParquetColumnValues.byteArrays)
        columns.insert(.int64(eventTimes), at: 2)
        return columns
    }
}
