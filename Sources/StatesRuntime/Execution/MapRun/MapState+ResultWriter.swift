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

    /// Commits the run's results files (closed, written in full), then writes `manifest.json`
    /// last, so a run stopped part way never leaves a manifest naming a missing file; returns
    /// the manifest's key.
    func commitResults(
        _ target: ResultWriterTarget, base: String, run: MapRunIdentity, streams: [ResultFileStream],
        writer: (any ResultWriting)?
    ) async throws(StatesError) -> String {
        guard let writer else {
            throw Causes.resultWriterFailed(
                "No result writer is registered to store objects in Amazon S3 bucket '\(target.bucket)' "
                    + "(asl run: give a run configuration, asl.config.json, so the local S3 of its data directory "
                    + "is used)")
        }
        var listed = JSONObject()
        for stream in streams {
            var files: [JSON] = []
            for file in stream.files {
                do {
                    try await file.object.commit()
                } catch {
                    throw MapRunResults.writerFailure(error)
                }
                files.append(["Key": .string(file.key), "Size": .number(JSONNumber(file.size))])
            }
            listed[stream.status] = .array(files)
        }
        let manifest: JSON = [
            "DestinationBucket": .string(target.bucket), "MapRunArn": .string(run.arn),
            "ResultFiles": .object(listed),
        ]
        let key = "\(base)/manifest.json"
        do {
            try await writer.putObject(bucket: target.bucket, key: key, body: JSONWriter.compactBytes(manifest))
        } catch {
            throw MapRunResults.writerFailure(error)
        }
        return key
    }
}
