import Foundation
import Parquet
import Testing

@testable import Clickstream
@testable import LocalAWS

@Suite struct ETLTransformTests {
    @Test func everyColumnInOrder() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "2026/11/26/a.json",
            eventLine(referrer: "https://google.com/?q=x", city: "São Paulo") + "\n")
        let report = try sandbox.run()
        #expect(report.outputFiles.count == 1)
        let file = try #require(report.outputFiles.first)
        #expect(file.hasPrefix("event_date=2026-11-26/part-00000-") && file.hasSuffix(".snappy.parquet"))
        let reader = try ParquetReader(path: sandbox.output.appendingPathComponent(file).path)
        #expect(
            reader.metadata.schema.columns.map(\.name) == [
                "user_id", "session_id", "event_time", "event_type", "page_url", "referrer_url", "device_type",
                "browser", "ip", "country", "city",
            ])
        #expect(
            reader.metadata.schema.columns.map(\.type)
                == [.string, .string, .timestampMicros] + Array(repeating: .string, count: 8))
        #expect(reader.metadata.schema.columns.allSatisfy { $0.isOptional })
        let rows = try reader.readRows()
        #expect(
            rows == [
                [
                    .string("u-1"), .string("s-1"), .int64(utcMicros(2026, 11, 26, 15, 51, 27, micros: 123_456)),
                    .string("page_view"), .string("https://shop.example.com/p/1"), .string("https://google.com/?q=x"),
                    .string("mobile"), .string("Chrome"), .string("10.0.0.1"), .string("US"), .string("São Paulo"),
                ]
            ])
        #expect(report.partitions == ["2026-11-26": 1])
        #expect(report.rowsWritten == 1 && report.recordsRead == 1 && report.filesRead == 1)
        #expect(report.bytesWritten == Int64(reader.bytes.count))
    }

    @Test func flattensGeo() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        let time = "\"event_time\": \"2026-11-26T00:00:00\""
        try sandbox.write(
            "e.json",
            """
            {\(time), "geo": {"ip": "1.2.3.4", "city": "Lyon"}}
            {\(time)}
            {\(time), "geo": null}
            {\(time), "geo": "somewhere"}
            {\(time), "geo": {"country": "FR", "extra": {"deep": [1]}}}
            {\(time), "ip": "top-level is not geo", "geo": {"ip": "5.6.7.8"}, "geo": {"city": "Nice"}}
            """)
        let report = try sandbox.run()
        let geo = try sandbox.rows(report).map { Array($0.row[8...10]) }
        #expect(
            geo == [
                [.string("1.2.3.4"), .null, .string("Lyon")],
                [.null, .null, .null],
                [.null, .null, .null],
                [.null, .null, .null],
                [.null, .string("FR"), .null],
                [.null, .null, .string("Nice")],
            ])
    }

    @Test func dropsRowsWithoutAUsableTime() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        let lines = [
            eventLine(time: nil),
            #"{"user_id": "no time at all"}"#,
            #"{"event_time": 1764172287}"#,
            #"{"event_time": "2026-13-01T00:00:00"}"#,
            #"{"event_time": "2026-02-29T00:00:00"}"#,
            #"{"event_time": "yesterday"}"#,
            #"{"event_time": "2026-11-26T24:00:00"}"#,
            #"{"event_time": "2026-11-26T10:00:00+0"}"#,
            #"{"event_time": "2026-11-26T10:00:00.1234567890"}"#,
            eventLine(),
        ]
        try sandbox.write("e.json", lines.joined(separator: "\n"))
        let report = try sandbox.run()
        #expect(report.droppedRows == 9)
        #expect(report.rowsWritten == 1)
        #expect(report.malformedRecords == 0)
        #expect(report.recordsRead == 10)
    }

    @Test func countsMalformedRecordsAndSkipsBlankLines() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        let lines = [
            "not json", "[1, 2]", "\"a string\"", "42", "{broken", #"{"a": 1,}"#, eventLine() + " trailing",
            "{\"user_id\": \"ctrl\u{1}char\", \"event_time\": \"2026-11-26T00:00:00\"}", "", "   ", "\t", eventLine(),
            #"{"event_time": "2026-11-26T00:00:00", "user_id": "\ud800"}"#,
        ]
        try sandbox.write("e.json", lines.joined(separator: "\r\n") + "\n\n")
        let report = try sandbox.run()
        #expect(report.malformedRecords == 9)
        #expect(report.recordsRead == 10)
        #expect(report.rowsWritten == 1)
    }

    @Test func readsNestedFoldersInPathOrderAndSkipsHiddenFiles() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("2026/11/27/b.json", eventLine(user: "third", time: "2026-11-27T01:00:00"))
        try sandbox.write("2026/11/26/b.json", eventLine(user: "second") + "\n" + eventLine(user: "second-b"))
        try sandbox.write("2026/11/26/a.json", eventLine(user: "first", time: "2026-11-27T09:00:00"))
        try sandbox.write("2026/11/26/.hidden.json", eventLine(user: "hidden"))
        try sandbox.write("_temporary/x.json", eventLine(user: "temporary"))
        try sandbox.write("2026/.git/x.json", eventLine(user: "hidden folder"))
        let report = try sandbox.run()
        #expect(report.filesRead == 3)
        #expect(report.partitions == ["2026-11-26": 2, "2026-11-27": 2])
        let users = try sandbox.rows(report).map { "\($0.date) \($0.row[0])" }
        #expect(
            users == [
                "2026-11-26 string(\"second\")", "2026-11-26 string(\"second-b\")",
                "2026-11-27 string(\"first\")", "2026-11-27 string(\"third\")",
            ])
    }

    @Test func acceptsTimeZonesAndFractions() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        let times = [
            "2026-11-26T15:51:27", "2026-11-26T15:51:27Z", "2026-11-26T15:51:27.5+00:00", "2026-11-26 15:51:27.123",
            "2026-11-26T16:51:27.000001+01:00", "2026-11-26T13:21:27.999999999-0230", "2026-11-27T01:30:00+02:00",
        ]
        try sandbox.write("e.json", times.map { eventLine(time: $0) }.joined(separator: "\n"))
        let report = try sandbox.run()
        #expect(report.rowsWritten == 7)
        let micros = try sandbox.rows(report).map { $0.row[2] }
        let base = utcMicros(2026, 11, 26, 15, 51, 27)
        #expect(
            micros == [
                .int64(base), .int64(base), .int64(base + 500_000), .int64(base + 123_000), .int64(base + 1),
                .int64(base + 999_999), .int64(utcMicros(2026, 11, 26, 23, 30, 0)),
            ])
        #expect(report.partitions == ["2026-11-26": 7])
    }

    @Test func nonStringValuesBecomeTheirJSONText() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "e.json",
            #"{"event_time": "2026-11-26T00:00:00", "user_id": 42, "session_id": true, "event_type": {"a": [1, "x"]}, "page_url": -1.5e3, "browser": [], "geo": {"ip": 10}}"#
        )
        let row = try #require(try sandbox.rows(try sandbox.run()).first?.row)
        #expect(row[0] == .string("42") && row[1] == .string("true") && row[3] == .string(#"{"a":[1,"x"]}"#))
        #expect(row[4] == .string("-1.5e3") && row[7] == .string("[]") && row[8] == .string("10"))
    }

    @Test func escapesAndUnicodeDecode() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "e.json",
            #"{"event_time": "2026-11-26T00:00:00", "user_id": "a\"b\\c\/d\n\u00e9\uD83D\uDE80", "page_url": "caf\u00e9 日本 🚀", "geo": {"city": "x", "\u0063ity": "y"}}"#
        )
        let row = try #require(try sandbox.rows(try sandbox.run()).first?.row)
        #expect(row[0] == .string("a\"b\\c/d\né🚀"))
        #expect(row[4] == .string("café 日本 🚀"))
        #expect(row[10] == .string("y"))
    }

    @Test func splitsPartitionsAcrossBatchesAndRowGroups() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        var lines: [String] = []
        for index in 0..<10_000 {
            let day = 25 + index % 3
            lines.append(
                eventLine(user: "u-\(index)", time: "2026-11-\(day)T12:00:00.\(String(format: "%06d", index))"))
        }
        try sandbox.write("2026/11/25/big.json", lines.joined(separator: "\n"))
        let report = try sandbox.run(rowGroupRows: 1000)
        #expect(report.partitions == ["2026-11-25": 3334, "2026-11-26": 3333, "2026-11-27": 3333])
        let rows = try sandbox.rows(report)
        #expect(rows.count == 10_000)
        let expected = (0..<10_000).sorted { ($0 % 3, $0) < ($1 % 3, $1) }.map { ParquetValue.string("u-\($0)") }
        #expect(rows.map { $0.row[0] } == expected)
        let first = try ParquetReader(path: sandbox.output.appendingPathComponent(report.outputFiles[0]).path)
        #expect(first.metadata.rowGroups.map(\.numRows) == [1000, 1000, 1000, 334])
    }

    @Test func uncompressedOutputNames() throws {
        let sandbox = try ETLSandbox()
        defer { sandbox.remove() }
        try sandbox.write("e.json", eventLine())
        let report = try sandbox.run(compression: .uncompressed)
        let file = try #require(report.outputFiles.first)
        #expect(file.hasSuffix(".parquet") && !file.hasSuffix(".snappy.parquet"))
        let reader = try ParquetReader(path: sandbox.output.appendingPathComponent(file).path)
        #expect(reader.metadata.rowGroups[0].columns[0].compression == .uncompressed)
    }
}
