import Parquet

/// The string output columns, in file order, as Spark writes the Glue job's DataFrame
/// (`event_time` sits between `session_id` and `event_type`; `PartitionLayout` gives the files'
/// schema).
enum EventField: Int, CaseIterable {
    case userID, sessionID, eventType, pageURL, referrerURL, deviceType, browser, ip, country, city

    /// The string columns' names, in `EventField` order.
    static let names = [
        "user_id", "session_id", "event_type", "page_url", "referrer_url", "device_type", "browser", "ip", "country",
        "city",
    ]

}

/// Rows of one partition, column by column, on their way to a Parquet writer.
struct EventColumns: Sendable {
    let key: PartitionKey
    var strings: [ParquetByteArrays]
    var eventTimes: [Int64?] = []

    init(key: PartitionKey, reserving capacity: Int) {
        self.key = key
        strings = EventField.allCases.map { _ in
            var column = ParquetByteArrays()
            column.reserveCapacity(values: capacity, bytes: capacity * 24)
            return column
        }
        eventTimes.reserveCapacity(capacity)
    }

    var count: Int { eventTimes.count }

    /// The batches for ``ParquetWriter/append(columns:)``, in the order of `layout`'s schema.
    func parquetColumns(_ layout: PartitionLayout) -> [ParquetColumnValues] {
        var columns = layout.fileFields.map { ParquetColumnValues.byteArrays(strings[$0.rawValue]) }
        columns.insert(.int64(eventTimes), at: layout.eventTimeColumn)
        if !layout.byDate {
            columns.append(
                .int32(eventTimes.map { $0.flatMap { Int32(exactly: EventTime.day(ofMicros: $0)) } }))
        }
        return columns
    }
}
