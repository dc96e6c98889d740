import Foundation
import JSONCore
import Parquet
import StatesTestSupport
import Testing

@testable import LocalAWS

/// Glue scripts as others write them, on real Spark: `s3://` locations hard-coded in
/// `spark.read`/`df.write`, the `awsglue` calls (`create_dynamic_frame.from_options`,
/// `ApplyMapping`, `write_dynamic_frame.from_options`), and Spark's own error for a missing
/// path. Needs Java and PySpark; skipped with the reason where they are missing.
@Suite struct SparkScriptTests {
    static let environment = ProcessInfo.processInfo.environment
    static let missing = SparkDependencyProbe().check(.python("python3"), environment)

    static func job(_ script: String, in directory: URL, sparkSubmit: String? = nil) throws -> GlueEngineJob {
        let scriptURL = directory.appending(path: "script.py")
        try Data(script.utf8).write(to: scriptURL)
        let data = directory.appending(path: "data")
        let raw = data.appending(path: "s3/raw-bucket/in/2026/11/26")
        try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        let lines = (0..<20).map { #"{"id": \#($0), "name": "n\#($0)", "kind": "\#($0 % 2 == 0 ? "even" : "odd")"}"# }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: raw.appending(path: "a.json"))
        var job = GlueEngineJob(
            name: "held-out", inputDirectory: data.appending(path: "s3/raw-bucket"),
            outputDirectory: data.appending(path: "s3/out-bucket"),
            parameters: [
                "script": .string(scriptURL.path(percentEncoded: false)), "master": "local[1]",
                "defaultArguments": [:], "sparkConf": ["spark.driver.memory": "512m"],
                sparkSubmit == nil ? "python" : "sparkSubmit": .string(sparkSubmit ?? "python3"),
            ], dataDirectory: DataDirectory(data))
        job.runID = "jr_script"
        job.environment = environment
        return job
    }

    static func rows(_ folder: URL) throws -> [String] {
        var rows: [String] = []
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path(percentEncoded: false))
        for name in names.sorted() where name.hasSuffix(".parquet") {
            let reader = try ParquetReader(path: folder.appending(path: name).path(percentEncoded: false))
            let columns = reader.metadata.schema.columns.map(\.name)
            let partition = name.split(separator: "/").dropLast().joined(separator: "/")
            for row in try reader.readRows() {
                rows.append(partition + " " + zip(columns, row).map { "\($0)=\($1)" }.joined(separator: ","))
            }
        }
        return rows.sorted()
    }

    @Test(.enabled(if: missing == nil, "Java and PySpark are needed: \(missing ?? "")"))
    func aScriptWithHardCodedS3LocationsAndGlueCallsRunsUnchanged() async throws {
        try await TemporaryDirectory.with { directory in
            let job = try Self.job(
                #"""
                import sys
                from awsglue.context import GlueContext
                from awsglue.dynamicframe import DynamicFrame
                from awsglue.job import Job
                from awsglue.transforms import ApplyMapping, DropFields
                from awsglue.utils import getResolvedOptions
                from pyspark.context import SparkContext

                args = getResolvedOptions(sys.argv, ["JOB_NAME"])
                sc = SparkContext()
                glue = GlueContext(sc)
                spark = glue.spark_session
                job = Job(glue)
                job.init(args["JOB_NAME"], args)

                df = spark.read.option("recursiveFileLookup", "true").json("s3://raw-bucket/in/")
                df.filter(df.kind == "even").write.mode("overwrite").partitionBy("kind").parquet("s3a://out-bucket/direct/")

                frame = glue.create_dynamic_frame.from_options(
                    connection_type="s3", connection_options={"paths": ["s3://raw-bucket/in/"], "recurse": True},
                    format="json")
                mapped = ApplyMapping.apply(frame=frame, mappings=[("id", "long", "ident", "int"), ("name", "string", "label", "string")])
                mapped = DropFields.apply(frame=mapped, paths=["label"])
                glue.write_dynamic_frame.from_options(
                    frame=DynamicFrame.fromDF(mapped.toDF().filter("ident < 3"), glue, "small"), connection_type="s3",
                    connection_options={"path": "s3://out-bucket/glue/"}, format="parquet")
                print("rows", frame.count())
                job.commit()
                """#, in: directory.url)
            _ = try SparkEngine().run(job)
            let out = directory.url.appending(path: "data/s3/out-bucket")
            let direct = try Self.rows(out.appending(path: "direct"))
            #expect(direct.count == 10)
            #expect(direct.first == #"kind=even id=int64(0),name=string("n0")"#)
            #expect(
                try Self.rows(out.appending(path: "glue")) == [" ident=int32(0)", " ident=int32(1)", " ident=int32(2)"])
            let log = try String(
                contentsOf: directory.url.appending(path: "data/glue/held-out/jr_script.log"), encoding: .utf8)
            #expect(log.contains("rows 20"))
            #expect(!FileManager.default.fileExists(atPath: out.appending(path: "direct/kind=even/.crc").path))
        }
    }

    @Test(.enabled(if: missing == nil, "Java and PySpark are needed: \(missing ?? "")"))
    func sparksMissingPathErrorBecomesTheErrorMessage() async throws {
        try await TemporaryDirectory.with { directory in
            let job = try Self.job(
                """
                from pyspark.sql import SparkSession
                spark = SparkSession.builder.getOrCreate()
                spark.read.json("s3://raw-bucket/nowhere/").count()
                """, in: directory.url)
            #expect {
                _ = try SparkEngine().run(job)
            } throws: { error in
                (error as? ETLError)?.message == "AnalysisException: Path does not exist: s3://raw-bucket/nowhere."
            }
        }
    }

    static let sparkSubmit = SparkDependencyProbe.executable("spark-submit", environment)

    @Test(
        .enabled(
            if: missing == nil && sparkSubmit != nil,
            "spark-submit and Java are needed: \(missing ?? "no spark-submit on PATH")"))
    func theSparkSubmitLauncherRunsTheScriptWithItsArguments() async throws {
        try await TemporaryDirectory.with { directory in
            var job = try Self.job(
                """
                import sys
                from awsglue.utils import getResolvedOptions
                from pyspark.sql import SparkSession
                args = getResolvedOptions(sys.argv, ["JOB_NAME", "label"])
                spark = SparkSession.builder.getOrCreate()
                count = spark.read.json("s3://raw-bucket/in/2026/11/26/").count()
                raise ValueError("%s counted %d on %s" % (args["label"], count, spark.sparkContext.master))
                """, in: directory.url, sparkSubmit: Self.sparkSubmit)
            job.arguments = ["--label": "submitted"]
            #expect {
                _ = try SparkEngine().run(job)
            } throws: { error in
                (error as? ETLError)?.message == "ValueError: submitted counted 20 on local[1]"
            }
        }
    }
}
