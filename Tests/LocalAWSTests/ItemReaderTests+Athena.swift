import Foundation
import JSONCore
import Parquet
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

/// The CSV header limit and `ManifestType: ATHENA_DATA` (AWS developer guide, "ItemReader (Map)";
/// SPEC-NOTES.md §17.6).
extension ItemReaderTests {
    struct HeaderCase: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var config: String = #""CSVHeaderLocation": "FIRST_ROW""#
        var fails: Bool
        var testDescription: String { name }
    }

    static let longName = String(repeating: "h", count: 10_240)

    static let headerCases: [HeaderCase] = [
        HeaderCase(name: "a header row of 10 KiB", file: longName + "\nv\n", fails: false),
        HeaderCase(name: "the same ended by CRLF", file: longName + "\r\nv\r\n", fails: false),
        HeaderCase(name: "one byte over 10 KiB", file: longName + "h\nv\n", fails: true),
        HeaderCase(name: "two columns over 10 KiB", file: longName + ",b\nv,w\n", fails: true),
        HeaderCase(
            name: "given headers of 10 KiB", file: "v\n",
            config: #""CSVHeaderLocation": "GIVEN", "CSVHeaders": [""#
                + longName + #""]"#, fails: false),
        HeaderCase(
            name: "given headers over 10 KiB", file: "v,w\n",
            config: #""CSVHeaderLocation": "GIVEN", "CSVHeaders": [""# + longName + #"", "b"]"#, fails: true),
    ]

    /// "Step Functions supports headers of up to 10 KiB for text delimited files."
    @Test(arguments: headerCases) func csvHeadersOfUpTo10KiB(_ c: HeaderCase) async throws {
        let outcome = try await Self.outcome(Self.definition(reader: Self.csvReader(c.config)), object: c.file)
        if c.fails {
            #expect(outcome.hasPrefix("States.ItemReaderFailed: The CSV header is 102"))
            #expect(outcome.hasSuffix("Step Functions reads CSV headers of up to 10 KiB (10240 bytes)"))
        } else {
            #expect(outcome == #"[{""# + Self.longName + #"":"v"}]"#)
        }
    }

    /// Fields read a run at a time give what reading them byte by byte gave, across the 64 KiB
    /// chunks the reader reads: quoted fields with delimiters, `""` and line breaks, plain fields,
    /// text after a closing quote, CRLF and LF records.
    @Test func csvFieldsAcrossChunkBoundaries() async throws {
        var file = "a,b,c\r\n"
        var expected: [JSON] = []
        for row in 0..<2_500 {
            let quoted = "q, \"\"\(row)\"\"\nline \(String(repeating: "x", count: row % 37))"
            let plain = "plain-\(row)-" + String(repeating: "y", count: row % 23)
            file += "\"" + quoted + "\"," + plain + ",\"t\"ail\(row)"
            file += row.isMultiple(of: 2) ? "\n" : "\r\n"
            expected.append([
                "a": .string(quoted.replacingOccurrences(of: "\"\"", with: "\"")), "b": .string(plain),
                "c": .string("tail\(row)"),
            ])
        }
        #expect(file.utf8.count > 2 * 64 * 1024)
        let output = try await Self.outcome(Self.definition(reader: Self.csvReader()), object: file)
        #expect(output == JSONWriter.compact(.array(expected)))
    }

    static func athenaReader(_ inputType: String?, key: String = "results/q-1-manifest.csv") -> String {
        let type = inputType.map { #", "InputType": "\#($0)""# } ?? ""
        return #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"ManifestType": "ATHENA_DATA""#
            + type + #"}, "Parameters": {"Bucket": "athena-results", "Key": "\#(key)"}}"#
    }

    /// Runs a reader over an Athena results bucket holding `objects` (key → body).
    static func athenaOutcome(_ reader: String, objects: [String: [UInt8]]) async throws -> String {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            for (key, body) in objects.sorted(by: { $0.key < $1.key }) {
                try store.put(body, at: S3Location(parsing: "s3://\(key)"))
            }
            let result = try await Self.run(Self.definition(reader: reader), input: [:], store: store)
            if let output = result.output { return JSONWriter.compact(output) }
            return "\(result.error ?? "?"): \(result.cause ?? "")"
        }
    }

    /// The manifest lists the data files one `s3://` URI a line; their items come file after file.
    @Test func athenaManifestReadsTheListedCSVAndJSONLFiles() async throws {
        let manifest = "s3://data/unload/part-0.csv\r\ns3://data/unload/part-1.csv\n\n"
        let csv = try await Self.athenaOutcome(
            Self.athenaReader("CSV"),
            objects: [
                "athena-results/results/q-1-manifest.csv": Array(manifest.utf8),
                "data/unload/part-0.csv": Array("id,name\n1,a\n2,b\n".utf8),
                "data/unload/part-1.csv": Array("id,name\n3,c\n".utf8),
            ])
        #expect(csv == #"[{"name":"a","id":"1"},{"name":"b","id":"2"},{"name":"c","id":"3"}]"#)
        let jsonl = try await Self.athenaOutcome(
            Self.athenaReader("JSONL"),
            objects: [
                "athena-results/results/q-1-manifest.csv": Array("s3://data/u/0.json\ns3://data/u/1.json\n".utf8),
                "data/u/0.json": Array(#"{"n":1}"#.utf8) + [10] + Array(#"{"n":2}"#.utf8),
                "data/u/1.json": Array(#"{"n":3}"#.utf8),
            ])
        #expect(jsonl == #"[{"n":1},{"n":2},{"n":3}]"#)
    }

    @Test func athenaManifestReadsParquetFiles() async throws {
        let writer = try ParquetWriter(schema: ParquetSchema([ParquetColumn("n", .int64)]))
        try writer.append(row: [.int64(7)])
        _ = try writer.close()
        let output = try await Self.athenaOutcome(
            Self.athenaReader("PARQUET"),
            objects: [
                "athena-results/results/q-1-manifest.csv": Array("s3://data/u/0.parquet\n".utf8),
                "data/u/0.parquet": writer.outputBytes,
            ])
        #expect(output == #"[{"n":7}]"#)
    }

    @Test(
        arguments: [
            (nil, "s3://data/a.csv\n", "needs InputType CSV, JSONL or PARQUET"),
            ("MANIFEST", "s3://data/a.csv\n", "needs InputType CSV, JSONL or PARQUET"),
            (
                "CSV", "data/a.csv\n",
                "Line 1 of the Athena manifest s3://athena-results/results/q-1-manifest.csv is not"
            ),
            ("CSV", "s3://data/a.csv\ns3://data/\n", "Line 2 of the Athena manifest"),
            ("CSV", "s3://data/missing.csv\n", "The specified key does not exist."),
        ] as [(String?, String, String)])
    func athenaManifestFailuresAreItemReaderFailed(inputType: String?, manifest: String, cause: String) async throws {
        let outcome = try await Self.athenaOutcome(
            Self.athenaReader(inputType),
            objects: [
                "athena-results/results/q-1-manifest.csv": Array(manifest.utf8),
                "data/a.csv": Array("id\n1\n".utf8),
            ])
        #expect(outcome.hasPrefix("States.ItemReaderFailed: "))
        #expect(outcome.contains(cause))
    }
}
