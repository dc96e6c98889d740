import Dispatch
import Foundation
import JSONCore
import Parquet
import StatesLanguage
import StatesRuntime

/// `arn:aws:states:::glue:startJobRun(.sync)`: runs the Glue job named by `Parameters.JobName`
/// from the configuration (`glueJobs`) locally, on the ``GlueEngine`` its `engine` names.
///
/// Request-response returns `StartJobRun`'s `{"JobRunId": …}`; `.sync` reports that response as
/// `TaskSubmitted` and returns `GetJobRun`'s `JobRun` once the job has ended, as Step Functions
/// does (AWS developer guide, "Run AWS Glue jobs with Step Functions"). A job that fails ends the
/// task with `States.TaskFailed` and the failed `JobRun` as the cause (what Step Functions reports
/// for a `.sync` job that does not succeed); a job name the configuration does not know is
/// `Glue.EntityNotFoundException`, as Glue answers `StartJobRun` (SPEC-NOTES.md §6).
///
/// The `JobRun` also carries `LocalReport` (files and records read, rows written per partition,
/// malformed and dropped records): not an AWS field, added so a local run shows what the job did.
public struct GlueJobRunner: TaskHandler {
    public let services: LocalServices

    public init(services: LocalServices) { self.services = services }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        guard let name = request.parameters["JobName"]?.stringValue else {
            throw StatesError(
                "Glue.InvalidInputException",
                "1 validation error detected: Value null at 'jobName' failed to satisfy constraint: Member must not be "
                    + "null (Service: AWSGlue; Status Code: 400; Error Code: InvalidInputException)")
        }
        guard let job = services.config.glueJob(name) else {
            let known = services.config.glueJobs.map(\.name)
            throw StatesError(
                "Glue.EntityNotFoundException",
                "Job with name: \(name) not found (Service: AWSGlue; Status Code: 400; Error Code: "
                    + "EntityNotFoundException)"
                    + (known.isEmpty ? "" : " [local jobs: \(known.joined(separator: ", "))]"))
        }
        let runID = Self.runID(request)
        request.submitted(["JobRunId": .string(runID)])
        guard request.resource.pattern == .sync || request.resource.pattern == .sync2 else {
            return ["JobRunId": .string(runID)]
        }

        let started = request.clock.now()
        let wallStart = DispatchTime.now().uptimeNanoseconds
        let outcome: Result<ETLReport, ETLError>
        if let engine = services.plugins.glueEngine(job.engine) {
            let (source, sink) = (name, services.sinks.progress)
            do {
                let storeRoot = URL(filePath: services.store.rootPath)
                var inputDirectory = storeRoot
                var outputDirectory = storeRoot
                if let input = job.input { inputDirectory = try services.store.directoryURL(for: input) }
                if let output = job.output {
                    outputDirectory = try services.store.directoryURL(for: output, create: true)
                }
                var run = GlueEngineJob(
                    name: job.name, inputDirectory: inputDirectory, outputDirectory: outputDirectory,
                    parameters: job.parameters, dataDirectory: services.store.directory,
                    progress: { rows, files in
                        sink(ServiceProgress(source: source, kind: .rowsWritten(rows: rows, files: files)))
                    })
                run.locationsGiven = job.input != nil && job.output != nil
                run.runID = runID
                run.arguments = Self.arguments(request.parameters["Arguments"])
                run.timeLimitSeconds = Self.timeLimit(request)
                run.environment = services.processEnvironment
                let cancellation = run.cancellation
                outcome = await withTaskCancellationHandler {
                    await Self.runOffTheCooperativePool(engine, run)
                } onCancel: {
                    cancellation.cancel()
                }
            } catch {
                outcome = .failure(ETLError(.io, path: (job.output ?? job.input)?.description ?? name, error.message))
            }
        } else {
            outcome = .failure(
                ETLError(
                    .invalidSpec, path: job.output?.description ?? name, "no Glue engine '\(job.engine)' is registered")
            )
        }
        // Virtual time: the job takes as long as the work really took (at least a second).
        let elapsed = max(1, Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9)
        if request.clock.isVirtual { try await request.clock.sleep(seconds: elapsed) }
        let completed = request.clock.now()

        var run = JSONObject()
        run["Id"] = .string(runID)
        run["Attempt"] = 0
        run["JobName"] = .string(name)
        run["StartedOn"] = Self.epochMilliseconds(started)
        run["LastModifiedOn"] = Self.epochMilliseconds(completed)
        run["CompletedOn"] = Self.epochMilliseconds(completed)
        run["ExecutionTime"] = .number(
            JSONNumber(Int(exactly: completed.timeIntervalSince(started).rounded(.up)) ?? 0))
        run["Arguments"] = request.parameters["Arguments"] ?? .object(JSONObject())
        run["PredecessorRuns"] = []
        run["AllocatedCapacity"] = 2
        run["MaxCapacity"] = 2.0
        run["WorkerType"] = "G.1X"
        run["NumberOfWorkers"] = 2
        run["Timeout"] = 2880
        run["GlueVersion"] = "4.0"
        run["LogGroupName"] = "/aws-glue/jobs"
        switch outcome {
        case .success(let report):
            run["JobRunState"] = "SUCCEEDED"
            run["LocalReport"] = Self.json(report)
            return .object(run)
        case .failure(let error):
            run["JobRunState"] = error.kind == .timedOut ? "TIMEOUT" : "FAILED"
            run["ErrorMessage"] = .string(error.message)
            throw StatesError(.taskFailed, JSONWriter.compact(.object(run)))
        }
    }

    /// An engine may block its thread for the whole job (the clickstream transform parses on a
    /// thread of its own and encodes on the caller's), so it runs on a Dispatch thread, not on a
    /// Swift concurrency thread.
    static func runOffTheCooperativePool(_ engine: any GlueEngine, _ job: GlueEngineJob) async
        -> Result<ETLReport, ETLError>
    {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { () throws(ETLError) -> ETLReport in try engine.run(job) })
            }
        }
    }

    /// `Arguments` as Glue takes them: a map of strings (a value that is not a string is passed
    /// as its JSON text).
    static func arguments(_ value: JSON?) -> [String: String] {
        guard case .object(let members)? = value else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in members {
            result[key] = value.stringValue ?? JSONWriter.compact(value)
        }
        return result
    }

    /// The real seconds a run may take: the task's deadline left (on the task's own clock, so a
    /// virtual clock's timeout still ends a real program) and Glue's `Timeout` (minutes), the
    /// smaller; `nil` when neither is set.
    static func timeLimit(_ request: TaskRequest) -> Double? {
        var limits: [Double] = []
        if let deadline = request.deadline {
            limits.append(max(0, deadline.timeIntervalSince(request.clock.now())))
        }
        if let minutes = request.parameters["Timeout"]?.numberValue?.doubleValue, minutes > 0 {
            limits.append(minutes * 60)
        }
        return limits.min()
    }

    /// `jr_` and 64 hex digits, derived from the execution, the state and the attempt.
    static func runID(_ request: TaskRequest) -> String {
        let execution = request.context["Execution"]?["Id"]?.stringValue ?? ""
        let attempt = request.context["State"]?["RetryCount"]?.numberValue?.text ?? "0"
        let entered = request.context["State"]?["EnteredTime"]?.stringValue ?? ""
        let digest = MD5.hex(Array("\(execution)|\(request.stateName)|\(entered)|\(attempt)".utf8))
        return "jr_" + digest + String(digest.reversed())
    }

    static func epochMilliseconds(_ date: Date) -> JSON {
        .number(JSONNumber(date.epochMilliseconds))
    }

    static func json(_ report: ETLReport) -> JSON {
        var partitions = JSONObject()
        for key in report.partitions.keys.sorted() {
            partitions[key] = .number(JSONNumber(report.partitions[key] ?? 0))
        }
        var object: JSONObject = [
            "filesRead": .number(JSONNumber(report.filesRead)),
            "recordsRead": .number(JSONNumber(report.recordsRead)),
            "rowsWritten": .number(JSONNumber(report.rowsWritten)),
            "malformedRecords": .number(JSONNumber(report.malformedRecords)),
            "droppedRows": .number(JSONNumber(report.droppedRows)),
            "partitions": .object(partitions),
        ]
        if let keys = report.partitionKeys { object["partitionKeys"] = .array(keys.map { .string($0) }) }
        object["outputFiles"] = .array(report.outputFiles.map { .string($0) })
        return .object(object)
    }
}
