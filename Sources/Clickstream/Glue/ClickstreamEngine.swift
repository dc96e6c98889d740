public import JSONCore
public import LocalAWS
import Parquet
import StatesLanguage

/// The clickstream ETL transform as the `native` Glue engine (``ClickstreamETL``).
///
/// Its fields in `glueJobs.<name>`: `partitionKeys` (columns of the output, in folder order;
/// default `["event_date"]`), `compression` (`snappy`, Glue's default, or `uncompressed`),
/// `rowGroupRows` (1 ... 100000000; default 100000).
public struct ClickstreamEngine: GlueEngine {
    public static let compressions = ["snappy", "uncompressed"]

    public init() {}

    public var name: String { GlueJobConfig.defaultEngine }
    public var fields: [String] { ["partitionKeys", "compression", "rowGroupRows"] }

    public func parse(_ fields: ConfigFields) throws(RunConfigurationError) -> JSON {
        let keys = try fields.strings("partitionKeys") ?? ["event_date"]
        if case .failure(let problem) = PartitionLayout.resolve(keys) {
            throw fields.error("partitionKeys", index: problem.index, problem.message)
        }
        let compression = try fields.string("compression") ?? "snappy"
        guard Self.compressions.contains(compression) else {
            throw fields.error(
                "compression",
                "'compression' must be \(Self.compressions.joined(separator: " or "))"
                    + NameSuggestion.didYouMean(compression, in: Self.compressions))
        }
        let rows = try fields.integer("rowGroupRows", in: 1...100_000_000) ?? 100_000
        return [
            "partitionKeys": .array(keys.map { .string($0) }), "compression": .string(compression),
            "rowGroupRows": .number(JSONNumber(rows)),
        ]
    }

    public func run(_ job: GlueEngineJob) throws(ETLError) -> ETLReport {
        try ClickstreamETL.run(Self.spec(job), progress: job.progress)
    }

    /// The transform's spec from what ``parse(_:)`` returned.
    static func spec(_ job: GlueEngineJob) throws(ETLError) -> ETLJobSpec {
        let parameters = job.parameters
        guard let keys = parameters["partitionKeys"]?.arrayValue?.compactMap(\.stringValue),
            let compression = parameters["compression"]?.stringValue,
            let rows = parameters["rowGroupRows"]?.numberValue?.integralValue.flatMap({ Int(exactly: $0) })
        else {
            throw ETLError(
                .invalidSpec, path: job.outputDirectory.path,
                "Glue job '\(job.name)': its parameters are not the clickstream transform's")
        }
        return ETLJobSpec(
            inputDirectory: job.inputDirectory, outputDirectory: job.outputDirectory, rowGroupRows: rows,
            compression: compression == "uncompressed" ? .uncompressed : .snappy, partitionKeys: keys,
            dataDirectory: job.dataDirectory)
    }
}
