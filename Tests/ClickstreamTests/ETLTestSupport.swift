import Foundation
import Parquet
import Testing

@testable import Clickstream
@testable import LocalAWS

/// A temporary folder with `input/` and a path for `out/processed`, removed by `remove()`.
struct ETLSandbox {
    let root: URL
    var input: URL { root.appendingPathComponent("input") }
    var output: URL { root.appendingPathComponent("out/processed") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("etl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    }

    func write(_ relativePath: String, _ text: String) throws {
        let url = input.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    var spec: ETLJobSpec { ETLJobSpec(inputDirectory: input, outputDirectory: output) }

    func run(rowGroupRows: Int = 1 << 20, compression: ParquetCompression = .snappy) throws -> ETLReport {
        try ClickstreamETL.run(
            ETLJobSpec(
                inputDirectory: input, outputDirectory: output, rowGroupRows: rowGroupRows, compression: compression))
    }

    /// Every row of every output file, partition by partition, with the partition's date.
    func rows(_ report: ETLReport) throws -> [(date: String, row: [ParquetValue])] {
        var result: [(String, [ParquetValue])] = []
        for file in report.outputFiles {
            let reader = try ParquetReader(path: output.appendingPathComponent(file).path)
            let date = String(file.prefix(while: { $0 != "/" }).dropFirst("event_date=".count))
            result += try reader.readRows().map { (date, $0) }
        }
        return result
    }

    /// Names in the output's parent folder (to find staging leftovers).
    func outputSiblings() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// One event as the simulator writes it, with fields overridable.
func eventLine(
    user: String = "u-1", session: String = "s-1", time: String? = "2026-11-26T15:51:27.123456",
    type: String = "page_view", page: String = "https://shop.example.com/p/1", referrer: String? = nil,
    device: String = "mobile", browser: String = "Chrome", ip: String = "10.0.0.1", country: String = "US",
    city: String = "Seattle"
) -> String {
    func quoted(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "null" }
    return "{\"user_id\": \"\(user)\", \"session_id\": \"\(session)\", \"event_time\": \(quoted(time)), "
        + "\"event_type\": \"\(type)\", \"page_url\": \"\(page)\", \"referrer_url\": \(quoted(referrer)), "
        + "\"device_type\": \"\(device)\", \"browser\": \"\(browser)\", "
        + "\"geo\": {\"ip\": \"\(ip)\", \"country\": \"\(country)\", \"city\": \"\(city)\"}}"
}

/// Microseconds since the epoch of a UTC civil time, computed with Foundation's calendar
/// (independently of the code under test).
func utcMicros(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, micros: Int64 = 0)
    -> Int64
{
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    let seconds = Int64(calendar.date(from: components)?.timeIntervalSince1970 ?? 0)
    return seconds * 1_000_000 + micros
}
