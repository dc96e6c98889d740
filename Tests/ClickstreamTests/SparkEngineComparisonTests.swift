import Foundation
import JSONCore
import LocalAWS
import Parquet
import StatesTestSupport
import Testing

@testable import Clickstream

/// The repository's root (for `Examples/`).
private let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The same raw events through the native engine and, on Apache Spark, through
/// `Examples/clickstream/glue/clickstream_etl.py`: the outputs hold the same data (rows, columns,
/// types, `event_date` partitions), read with the package's Parquet reader. Needs Java and
/// PySpark (`.ci/run` installs them); skipped with the reason where they are missing.
@Suite struct SparkEngineComparisonTests {
    static let environment = ProcessInfo.processInfo.environment
    static let missing = SparkDependencyProbe().check(.python("python3"), environment)

    /// A few hundred events over three days, some without a referrer, plus a line that is not
    /// JSON and an event without `event_time` (both dropped by both engines).
    static func rawEvents() -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        for day in 24...26 {
            var lines: [String] = []
            for index in 0..<100 {
                let second = index % 60
                let time = String(
                    format: "2026-11-%02d T%02d:%02d:%02d.%06d", day, index % 24, index % 60, second, index * 37
                )
                .replacingOccurrences(of: " ", with: "")
                lines.append(
                    eventLine(
                        user: "u\(1000 + index)", session: "s-\(day)-\(index % 7)", time: time,
                        type: ["pageview", "click", "add_to_cart", "checkout"][index % 4],
                        page: ["/home", "/products", "/product/42", "/cart"][index % 4],
                        referrer: index % 3 == 0 ? nil : "/search", device: ["mobile", "desktop", "tablet"][index % 3],
                        browser: ["Chrome", "Safari", "Firefox"][index % 3], ip: "10.0.\(day).\(index)",
                        country: ["US", "DE", "JP"][index % 3], city: ["Seattle", "Berlin", "Tokyo"][index % 3]))
            }
            if day == 25 {
                lines.append("not json")
                lines.append(eventLine(user: "u-no-time", time: nil))
            }
            files.append(("2026/11/\(day)/events-\(day).json", lines.joined(separator: "\n") + "\n"))
        }
        return files
    }

    /// Every row of every Parquet file below `folder`, by partition folder, with the files' columns.
    static func table(_ folder: URL) throws -> (columns: Set<String>, rows: [String: [String]]) {
        var columns = Set<String>()
        var rows: [String: [String]] = [:]
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path(percentEncoded: false))
        for name in names.sorted() where name.hasSuffix(".parquet") && !name.contains("/.") {
            let reader = try ParquetReader(path: folder.appending(path: name).path(percentEncoded: false))
            let schema = reader.metadata.schema.columns.map { "\($0.name):\($0.type)" }
            columns.insert(schema.joined(separator: ","))
            let partition = String(name.prefix { $0 != "/" })
            rows[partition, default: []] += try reader.readRows().map { "\($0)" }
        }
        for key in rows.keys { rows[key]?.sort() }
        return (columns, rows)
    }

    @Test func theExamplesSparkConfigurationRunsTheScriptOnTheSparkEngine() throws {
        let url = repositoryRoot.appending(path: "Examples/clickstream/asl.spark.config.json")
        let config = try RunConfiguration.load(from: url, plugins: .clickstream)
        let job = try #require(config.glueJob("clickstream-etl"))
        #expect(job.engine == "spark")
        #expect(
            job.parameters["script"]?.stringValue
                == repositoryRoot.appending(path: "Examples/clickstream/glue/clickstream_etl.py").standardizedFileURL
                .path(percentEncoded: false))
        #expect(job.parameters["master"] == "local[*]")
        #expect(
            job.parameters["defaultArguments"] == [
                "--raw_path": "s3://clickstream-raw/", "--processed_path": "s3://clickstream-processed/",
            ])
        #expect(job.input?.description == "s3://clickstream-raw/")
        #expect(job.output?.description == "s3://clickstream-processed/")
    }

    @Test(.enabled(if: missing == nil, "Java and PySpark are needed: \(missing ?? "")"))
    func sparkAndNativeWriteTheSameData() async throws {
        try await TemporaryDirectory.with { directory in
            let data = directory.url.appending(path: "data")
            let raw = data.appending(path: "s3/clickstream-raw")
            for file in Self.rawEvents() {
                let url = raw.appending(path: file.path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
            let native = directory.url.appending(path: "native/processed")
            _ = try ClickstreamETL.run(ETLJobSpec(inputDirectory: raw, outputDirectory: native))

            let script = repositoryRoot.appending(path: "Examples/clickstream/glue/clickstream_etl.py")
            var job = GlueEngineJob(
                name: "clickstream-etl", inputDirectory: raw,
                outputDirectory: data.appending(path: "s3/clickstream-processed"),
                parameters: [
                    "script": .string(script.path(percentEncoded: false)), "master": "local[2]",
                    "defaultArguments": [
                        "--raw_path": "s3://clickstream-raw/", "--processed_path": "s3://clickstream-processed/",
                    ],
                    "sparkConf": ["spark.driver.memory": "512m"], "python": "python3",
                ], dataDirectory: DataDirectory(data))
            job.runID = "jr_compare"
            job.environment = Self.environment
            let report = try SparkEngine().run(job)

            let spark = try Self.table(data.appending(path: "s3/clickstream-processed"))
            let expected = try Self.table(native)
            #expect(spark.columns == expected.columns)
            #expect(spark.columns.count == 1)
            #expect(
                spark.rows.keys.sorted() == ["event_date=2026-11-24", "event_date=2026-11-25", "event_date=2026-11-26"])
            #expect(spark.rows == expected.rows)
            #expect(report.rowsWritten == 300)
            #expect(report.partitions == ["2026-11-24": 100, "2026-11-25": 100, "2026-11-26": 100])
        }
    }
}
