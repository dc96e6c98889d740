import Foundation
import JSONCore
import Parquet
import StatesLanguage
import StatesRuntime

/// `InputType: PARQUET`: each row an item, an object of the columns in schema order; strings
/// stay strings, integers and doubles are numbers, booleans booleans, nulls null (dates as
/// days and timestamps as microseconds since the epoch, as stored). Read one row group at a
/// time, so memory is bounded by the largest row group, not the file.
final class ParquetItemStream: ItemStream {
    private let reader: ParquetReader
    private var rowGroup = 0
    private var rows: [JSON] = []
    private var position = 0

    init(url: URL) throws(StatesError) {
        do {
            reader = try ParquetReader(path: url.path(percentEncoded: false))
        } catch {
            throw StatesError(.itemReaderFailed, "The object is not a readable Parquet file: \(error)")
        }
    }

    func next() throws(StatesError) -> JSON? {
        while position == rows.count {
            guard rowGroup < reader.metadata.rowGroups.count else { return nil }
            rows = try load(rowGroup)
            position = 0
            rowGroup += 1
        }
        defer { position += 1 }
        return rows[position]
    }

    private func load(_ group: Int) throws(StatesError) -> [JSON] {
        let columns = reader.metadata.schema.columns
        var values: [ParquetColumnValues] = []
        do {
            for index in columns.indices { values.append(try reader.readColumn(index, rowGroup: group)) }
        } catch {
            throw StatesError(.itemReaderFailed, "The Parquet file cannot be read: \(error)")
        }
        let count = Int(reader.metadata.rowGroups[group].numRows)
        var rows: [JSON] = []
        rows.reserveCapacity(count)
        for row in 0..<count {
            var object = JSONObject()
            for (index, column) in columns.enumerated() {
                let value = row < values[index].count ? values[index][row] : .null
                object[column.name] = Self.json(value)
            }
            rows.append(.object(object))
        }
        return rows
    }

    static func json(_ value: ParquetValue) -> JSON {
        switch value {
        case .null: .null
        case .string(let text): .string(text)
        case .int32(let number): .number(JSONNumber(Int(number)))
        case .int64(let number): .number(JSONNumber(Int(number)))
        case .double(let number): .number(JSONNumber(number))
        case .boolean(let flag): .bool(flag)
        }
    }
}
