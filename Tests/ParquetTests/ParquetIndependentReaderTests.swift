import Foundation
import Parquet
import Testing

/// Writes files and has independent readers (pyarrow, duckdb) check them through
/// `Tests/Integration/parquet_check.py`. Skipped when `python3` or both modules are missing;
/// install with `python3 -m pip install pyarrow duckdb`.
@Suite struct ParquetIndependentReaderTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Integration/parquet_check.py")

    /// Whether `python3` can import pyarrow or duckdb.
    static let readerAvailable: Bool = {
        let probe =
            "import importlib.util, sys; "
            + "sys.exit(0 if importlib.util.find_spec('pyarrow') or importlib.util.find_spec('duckdb') else 1)"
        return (try? runPython(["-c", probe]).status) == 0
    }()

    static func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct Case {
        var name: String
        var table: SampleTable
        var options: ParquetWriterOptions
    }

    static func cases() -> [Case] {
        var cases: [Case] = []
        cases.append(
            Case(
                name: "all_types_snappy", table: SampleTable.make(rows: 1000),
                options: ParquetWriterOptions(
                    rowGroupRows: 400, dataPageRows: 150, keyValueMetadata: [ParquetKeyValue("origin", "swift")])))
        cases.append(
            Case(
                name: "all_types_plain_uncompressed", table: SampleTable.make(rows: 700, seed: 99, dictionary: false),
                options: ParquetWriterOptions(compression: .uncompressed)))
        let distinct: [String?] = (0..<6000).map { $0 % 17 == 0 ? nil : "https://example.com/page/\($0 * 7919 % 6007)" }
        let stamps: [Int64?] = (0..<6000).map { 1_795_000_000_000_000 + Int64($0) * 1_000_003 }
        cases.append(
            Case(
                name: "dictionary_fallback",
                table: SampleTable(
                    schema: ParquetSchema([
                        ParquetColumn("url", .string), ParquetColumn("at", .timestampMicros, isOptional: false),
                    ]),
                    columns: [.strings(distinct), .int64(stamps)]),
                options: ParquetWriterOptions(rowGroupRows: 4000, dataPageRows: 700, dictionaryPageBytes: 8192)))
        cases.append(
            Case(
                name: "all_null",
                table: SampleTable(
                    schema: ParquetSchema([
                        ParquetColumn("s", .string), ParquetColumn("ts", .timestampMicros), ParquetColumn("f", .double),
                        ParquetColumn("b", .boolean),
                    ]),
                    columns: [
                        .strings([nil, nil, nil]), .int64([nil, nil, nil]), .doubles([nil, nil, nil]),
                        .booleans([nil, nil, nil]),
                    ]),
                options: ParquetWriterOptions()))
        cases.append(
            Case(
                name: "empty",
                table: SampleTable(schema: ParquetSchema([ParquetColumn("s", .string)]), columns: [.strings([])]),
                options: ParquetWriterOptions()))
        return cases
    }

    @Test(.enabled(if: readerAvailable, "python3 with pyarrow or duckdb is not installed; skipping"))
    func independentReadersAgree() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parquet-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for testCase in Self.cases() {
            let path = directory.appendingPathComponent("\(testCase.name).parquet").path
            let writer = try ParquetWriter(path: path, schema: testCase.table.schema, options: testCase.options)
            try writer.append(columns: testCase.table.columns)
            let summary = try writer.close()
            files.append(Self.expectations(path: path, testCase: testCase, rowGroups: summary.rowGroupCount))
        }
        let expectationsPath = directory.appendingPathComponent("expectations.json")
        try Data(("{\"files\": [\n" + files.joined(separator: ",\n") + "\n]}\n").utf8).write(to: expectationsPath)
        let result = try Self.runPython([Self.script.path, expectationsPath.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("OK"), "\(result.output)")
    }

    // MARK: Expectations, computed from the values independently of the writer

    static func expectations(path: String, testCase: Case, rowGroups: Int) -> String {
        let rows = testCase.table.columns.first?.count ?? 0
        let groupSize = testCase.options.rowGroupRows
        var columns: [String] = []
        for (column, values) in zip(testCase.table.schema.columns, testCase.table.columns) {
            let all = (0..<values.count).map { values[$0] }
            var stats: [String] = []
            for start in stride(from: 0, to: rows, by: groupSize) {
                stats.append(statistics(Array(all[start..<min(rows, start + groupSize)]), type: column.type))
            }
            columns.append(
                "{\"name\": \(json(column.name)), \"type\": \"\(typeName(column.type))\", "
                    + "\"optional\": \(column.isOptional), \"values\": [\(all.map(json).joined(separator: ", "))], "
                    + "\"stats\": [\(stats.joined(separator: ", "))]}")
        }
        let keyValue = testCase.options.keyValueMetadata.map { "\(json($0.key)): \(json($0.value ?? ""))" }
        return "{\"path\": \(json(path)), \"num_rows\": \(rows), \"num_row_groups\": \(rowGroups), "
            + "\"created_by\": \(json(testCase.options.createdBy)), "
            + "\"key_value\": {\(keyValue.joined(separator: ", "))}, \"columns\": [\(columns.joined(separator: ",\n"))]}"
    }

    static func typeName(_ type: ParquetType) -> String {
        switch type {
        case .string: "string"
        case .timestampMicros: "timestamp_us_utc"
        case .date: "date"
        case .int32: "int32"
        case .int64: "int64"
        case .double: "double"
        case .boolean: "boolean"
        }
    }

    static func statistics(_ values: [ParquetValue], type: ParquetType) -> String {
        let nulls = values.filter { $0 == .null }.count
        var present = values.filter { $0 != .null }
        if case .double = type {
            present = present.filter { if case .double(let value) = $0 { !value.isNaN } else { false } }
        }
        let sorted = present.sorted(by: precedes)
        guard var low = sorted.first, var high = sorted.last else {
            return "{\"null_count\": \(nulls), \"min\": null, \"max\": null}"
        }
        if case .double(let value) = low, value == 0 { low = .double(-0.0) }
        if case .double(let value) = high, value == 0 { high = .double(0.0) }
        return "{\"null_count\": \(nulls), \"min\": \(json(low)), \"max\": \(json(high))}"
    }

    static func precedes(_ a: ParquetValue, _ b: ParquetValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case (.int32(let x), .int32(let y)): x < y
        case (.int64(let x), .int64(let y)): x < y
        case (.double(let x), .double(let y)): x < y
        case (.boolean(let x), .boolean(let y)): !x && y
        default: false
        }
    }

    static func json(_ value: ParquetValue) -> String {
        switch value {
        case .null: "null"
        case .string(let text): json(text)
        case .int32(let number): "\(number)"
        case .int64(let number): "\(number)"
        case .double(let number):
            number.isNaN ? "NaN" : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : "\(number)"
        case .boolean(let flag): "\(flag)"
        }
    }

    static func json(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
