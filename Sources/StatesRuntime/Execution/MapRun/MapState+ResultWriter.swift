import Foundation
import JSONCore
import StatesLanguage

/// Where a `ResultWriter` exports: the evaluated `Parameters` (JSONPath) or `Arguments` (JSONata).
struct ResultWriterTarget: Sendable, Hashable {
    var bucket: String
    var prefix: String
}

extension Causes {
    /// AWS's cause when a Distributed Map's failed children pass the tolerated threshold
    /// (recorded by TestState on AWS: LocalStack snapshot `test_state/test_state_configuration`,
    /// `test_map_state_failure_count`; SPEC-NOTES.md §17.4).
    static let mapRunToleratedFailureThresholdExceeded = StatesError(
        .exceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded")

    /// The `ResultWriter` could not write (ours: AWS's texts for these were not found; §17.3).
    static func resultWriterFailed(_ detail: String) -> StatesError {
        StatesError(.resultWriterFailed, detail)
    }
}

extension ExecutionRunner {
    /// The bucket and prefix of a `ResultWriter` with a `Resource`, or `nil` for none (only a
    /// `WriterConfig`, or no `ResultWriter`).
    /// - Throws: `States.ResultWriterFailed` for a resource other than `s3:putObject`, or a
    ///   `Bucket`/`Prefix` that is not a string; what evaluating the fields throws.
    func resultWriterTarget(
        _ map: MapState, effective: JSON, scope: JSONataScope?, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> ResultWriterTarget? {
        guard let writer = map.resultWriter, let resource = writer.resource else { return nil }
        guard Self.isPutObject(resource) else {
            throw Causes.resultWriterFailed(
                "The ResultWriter resource '\(resource)' is not supported; use arn:aws:states:::s3:putObject")
        }
        var fields: JSON = .object(JSONObject())
        switch writer.parameters {
        case nil: break
        case .jsonPath(let template):
            fields = try TemplateEvaluator.evaluate(
                template, roots: Roots(input: effective, path: path), random: &path.random, site: site)
        case .jsonata(let template):
            let scope = scope ?? JSONataScope(input: effective, path: &path)
            fields = try evaluate(template, field: "Arguments", scope: scope, path: &path, site: site)
        }
        let field =
            writer.parameters.map { if case .jsonata = $0 { "Arguments" } else { "Parameters" } } ?? "Parameters"
        guard case .string(let bucket) = fields["Bucket"], !bucket.isEmpty else {
            throw Causes.resultWriterFailed(
                "The ResultWriter's \(field) of Map state '\(map.common.name)' must give \"Bucket\" as a non-empty "
                    + "string; got \(fields["Bucket"].map(JSONWriter.compact) ?? "nothing")")
        }
        var prefix = ""
        switch fields["Prefix"] {
        case nil, .null: break
        case .string(let text): prefix = text
        case let other?:
            throw Causes.resultWriterFailed(
                "The ResultWriter's \(field) of Map state '\(map.common.name)' must give \"Prefix\" as a string; got "
                    + JSONWriter.compact(other))
        }
        return ResultWriterTarget(bucket: bucket, prefix: prefix)
    }

    private static func isPutObject(_ resource: String) -> Bool {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "s3"
            && parts[6] == "putObject"
    }

    /// Writes the run's result files, then `manifest.json` last (so a run stopped part way never
    /// leaves a manifest naming a missing file); returns the manifest's key.
    func writeResults(
        _ target: ResultWriterTarget, run: MapRunIdentity, map: MapState, records: [ChildExecutionRecord?],
        items: [JSON], writer: (any ResultWriting)?
    ) async throws(StatesError) -> String {
        guard let writer else {
            throw Causes.resultWriterFailed(
                "No result writer is registered to store objects in Amazon S3 bucket '\(target.bucket)' "
                    + "(asl run: give a run configuration, asl.config.json, so the local S3 of its data directory "
                    + "is used)")
        }
        let config = WriterConfig(map.resultWriter)
        let limit = options.maximumResultFileBytes
        var succeeded = ResultFileSplitter(status: "SUCCEEDED", outputType: config.outputType, maximumFileBytes: limit)
        var failed = ResultFileSplitter(status: "FAILED", outputType: config.outputType, maximumFileBytes: limit)
        var pending = ResultFileSplitter(status: "PENDING", outputType: config.outputType, maximumFileBytes: limit)
        for (index, record) in records.enumerated() {
            guard let record else {
                pending.append(WriterConfig.pendingEntry(input: items[index]))
                continue
            }
            for entry in config.entries(for: record) {
                if record.status == .succeeded { succeeded.append(entry) } else { failed.append(entry) }
            }
        }
        let base = target.prefix.isEmpty ? run.id : target.prefix + (target.prefix.hasSuffix("/") ? "" : "/") + run.id
        var listed = JSONObject()
        for var splitter in [failed, pending, succeeded] {
            var files: [JSON] = []
            for (number, body) in splitter.finish().enumerated() {
                let key = "\(base)/\(splitter.status)_\(number).json"
                try await put(body, key: key, bucket: target.bucket, writer: writer)
                files.append(["Key": .string(key), "Size": .number(JSONNumber(body.count))])
            }
            listed[splitter.status] = .array(files)
        }
        let manifest: JSON = [
            "DestinationBucket": .string(target.bucket), "MapRunArn": .string(run.arn),
            "ResultFiles": .object(listed),
        ]
        let key = "\(base)/manifest.json"
        try await put(JSONWriter.compactBytes(manifest), key: key, bucket: target.bucket, writer: writer)
        return key
    }

    private func put(_ body: [UInt8], key: String, bucket: String, writer: any ResultWriting)
        async throws(StatesError)
    {
        do {
            try await writer.putObject(bucket: bucket, key: key, body: body)
        } catch let error as StatesError {
            throw Causes.resultWriterFailed(error.cause ?? error.name.rawValue)
        } catch {
            throw Causes.resultWriterFailed("\(error)")
        }
    }
}
