import JSONCore
import StatesLanguage

/// Reads CSV records from an object, one at a time (RFC 4180 with a chosen delimiter):
/// a field in double quotes may hold the delimiter, line breaks and `""` for a quote; line
/// breaks are `\n`, `\r\n` or `\r`; a line with nothing on it is skipped; a UTF-8 byte order
/// mark at the start is skipped. Every value is a string (SPEC-NOTES.md §17.1).
struct CSVRecordReader {
    let source: ObjectChunks
    let delimiter: UInt8
    /// The 1-based number of the line the next record starts on, for messages.
    private(set) var line = 1
    /// The field being read, kept between records so its storage is allocated once.
    private var field: [UInt8] = []
    /// Fields in the last record: the next one's array is made that large at once.
    private var lastFieldCount = 0
    /// The bytes of the line break that ended the last record (0 at the end of the object).
    private(set) var lastBreakLength = 0

    init(source: ObjectChunks, delimiter: UInt8) throws(StorageError) {
        self.source = source
        self.delimiter = delimiter
        try source.skipByteOrderMark()
    }

    /// The next record's fields, or `nil` at the end of the object.
    /// - Throws: ``CSVProblem`` for a quoted field that never ends.
    mutating func next() throws(CSVProblem) -> [String]? {
        var fields: [String] = []
        fields.reserveCapacity(lastFieldCount)
        field.removeAll(keepingCapacity: true)
        defer { lastFieldCount = fields.count }
        var inQuotes = false
        var quoted = false
        var started = false
        let startLine = line
        while true {
            guard let byte = try read() else {
                if inQuotes { throw CSVProblem.unterminatedQuote(line: startLine) }
                lastBreakLength = 0
                guard started else { return nil }
                fields.append(String(decoding: field, as: UTF8.self))
                return fields
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if try peek() == UInt8(ascii: "\"") {
                        _ = try read()
                        field.append(byte)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                    source.appendPlainRun(to: &field, delimiter: delimiter, inQuotes: true)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                lastBreakLength = 1
                if byte == UInt8(ascii: "\r"), try peek() == UInt8(ascii: "\n") {
                    _ = try read()
                    lastBreakLength = 2
                }
                line += 1
                // A line with nothing on it is no record.
                guard started else { continue }
                fields.append(String(decoding: field, as: UTF8.self))
                return fields
            case delimiter:
                started = true
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                quoted = false
            case UInt8(ascii: "\"") where field.isEmpty && !quoted:
                started = true
                inQuotes = true
                quoted = true
            default:
                started = true
                field.append(byte)
                // The rest of a plain field at once (the bytes the cases above would take, one by one).
                source.appendPlainRun(to: &field, delimiter: delimiter, inQuotes: false)
            }
        }
    }

    private func read() throws(CSVProblem) -> UInt8? {
        do {
            return try source.next()
        } catch {
            throw .storage(error)
        }
    }

    private func peek() throws(CSVProblem) -> UInt8? {
        do {
            return try source.peek()
        } catch {
            throw .storage(error)
        }
    }

    /// The byte a `CSVDelimiter` names, or `nil` for an unknown name.
    static func delimiter(named name: String?) -> UInt8? {
        switch name ?? "COMMA" {
        case "COMMA": UInt8(ascii: ",")
        case "PIPE": UInt8(ascii: "|")
        case "SEMICOLON": UInt8(ascii: ";")
        case "SPACE": UInt8(ascii: " ")
        case "TAB": UInt8(ascii: "\t")
        default: nil
        }
    }
}

/// Why a CSV object cannot be read.
enum CSVProblem: Error {
    case unterminatedQuote(line: Int)
    case storage(StorageError)

    var message: String {
        switch self {
        case .unterminatedQuote(let line):
            "The CSV file has a quoted field starting on line \(line) that is never closed"
        case .storage(let error):
            error.message
        }
    }
}

/// Makes items of CSV records: each header a key, each value a string; a record with fewer
/// fields than headers gets `""` for the rest, extra fields are dropped (observed on AWS,
/// LocalStack recordings `test_map_item_reader_csv_headers_decl_extra_fields`,
/// `test_map_item_reader_csv_first_row_extra_fields`, `test_map_item_reader_base_csv_headers_first_line`).
/// Keys come in the order AWS gives them, that of a Java `HashMap` (``JavaHashOrder``).
struct CSVItemShape {
    let headers: [String]
    let order: [Int]
    /// The headers in ``order``: every item shares this one array.
    private let orderedHeaders: [String]

    /// - Throws: `States.ItemReaderFailed` "CSV headers cannot contain duplicates." (AWS's cause,
    ///   LocalStack recording `test_map_item_reader_csv_headers_decl_duplicate_headers`).
    init(headers: [String]) throws(StatesError) {
        guard Set(headers).count == headers.count else {
            throw StatesError(.itemReaderFailed, "CSV headers cannot contain duplicates.")
        }
        self.headers = headers
        order = JavaHashOrder.order(headers)
        orderedHeaders = order.map { headers[$0] }
    }

    func item(_ fields: [String]) -> JSON {
        var values: [JSON] = []
        values.reserveCapacity(order.count)
        for index in order { values.append(.string(index < fields.count ? fields[index] : "")) }
        return .object(JSONObject(uniqueKeys: orderedHeaders, values: values))
    }
}

/// The iteration order of a Java `java.util.HashMap<String, …>` built with the default capacity
/// (16, doubling past a 0.75 load) and filled in `keys` order: by bucket
/// (`(h ^ (h >>> 16)) & (capacity - 1)`, `h` being `String.hashCode()` over UTF-16 units), then
/// by insertion. AWS gives CSV items' keys in this order: `0,True,{}` headers come out as
/// `{"0", "{}", "True"}` and `H1,` as `{"", "H1"}` (LocalStack recordings
/// `test_map_item_reader_csv_headers_first_row_typed_headers`, `…_csv_first_row_extra_fields`).
enum JavaHashOrder {
    static func hashCode(_ text: String) -> Int32 {
        var hash: Int32 = 0
        for unit in text.utf16 { hash = 31 &* hash &+ Int32(unit) }
        return hash
    }

    /// The indices of `keys` in iteration order.
    static func order(_ keys: [String]) -> [Int] {
        var capacity = 16
        while keys.count * 4 > capacity * 3 { capacity *= 2 }
        let buckets = keys.map { key in
            let hash = UInt32(bitPattern: hashCode(key))
            return Int((hash ^ (hash >> 16)) & UInt32(capacity - 1))
        }
        return keys.indices.sorted { (buckets[$0], $0) < (buckets[$1], $1) }
    }
}
