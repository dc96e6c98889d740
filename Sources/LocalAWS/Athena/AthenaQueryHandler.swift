import Foundation
public import JSONCore
import StatesLanguage
public import StatesRuntime

/// `arn:aws:states:::athena:startQueryExecution` and `…startQueryExecution.sync`, locally.
///
/// Runs the `QueryString` on the ``AthenaEngine`` (unqualified names resolve in
/// `QueryExecutionContext.Database`, else `default`) and writes the statement's result to
/// `<OutputLocation>/<QueryExecutionId>.txt`, as Athena saves DDL results as plain text (Amazon
/// Athena user guide, "Find query output files in Amazon S3": `QueryID.csv` for DML,
/// `QueryID.txt` for DDL; every supported statement is DDL).
///
/// Output with `.sync`: the `GetQueryExecution` response of the finished query,
///
///     {"QueryExecution": {"QueryExecutionId": "…", "Query": "MSCK REPAIR TABLE …", "StatementType": "DDL",
///       "ResultConfiguration": {"OutputLocation": "s3://clickstream-athena-results/<id>.txt"},
///       "ResultReuseConfiguration": {"ResultReuseByAgeConfiguration": {"Enabled": false}},
///       "QueryExecutionContext": {"Database": "clickstream_db"},
///       "Status": {"State": "SUCCEEDED", "SubmissionDateTime": 1704456020000, "CompletionDateTime": 1704456020000},
///       "Statistics": {…}, "WorkGroup": "primary",
///       "EngineVersion": {"SelectedEngineVersion": "AUTO", "EffectiveEngineVersion": "Athena engine version 3"}}}
///
/// with dates as epoch milliseconds, as Step Functions writes the dates of service responses.
/// Without `.sync`, the `StartQueryExecution` response `{"QueryExecutionId": "…"}`.
///
/// Errors:
/// - a query that fails (unknown table, bad syntax, unsupported statement): `States.TaskFailed`
///   whose cause is the `GetQueryExecution` response with `Status.State` `FAILED` and the reason in
///   `StateChangeReason` and `AthenaError` — `.sync` integrations report a job that ends badly
///   as `States.TaskFailed` with the final description as cause (see SPEC-NOTES.md §6.1:
///   inferred from the Glue and Batch `.sync` behaviour, not observed for Athena);
/// - a request Athena refuses (no `QueryString`, no output location):
///   `Athena.InvalidRequestException` with the SDK's cause text (observed on AWS, aws-cdk issue
///   #16133: "… (Service: AmazonAthena; Status Code: 400; Error Code: InvalidRequestException;
///   Request ID: …; Proxy: null)").
public struct AthenaQueryHandler: TaskHandler {
    public let engine: AthenaEngine
    /// The workgroup's output location, used when the request gives none.
    public let defaultOutputLocation: String?
    /// The workgroup reported when the request names none.
    public let defaultWorkGroup: String
    public let seed: UInt64

    public init(
        engine: AthenaEngine, defaultOutputLocation: String?, defaultWorkGroup: String = "primary", seed: UInt64
    ) {
        self.engine = engine
        self.defaultOutputLocation = defaultOutputLocation
        self.defaultWorkGroup = defaultWorkGroup
        self.seed = seed
    }

    public func handle(_ request: TaskRequest) async throws -> JSON {
        var random = RequestRandom.source(seed: seed, salt: "athena", request: request)
        let queryID = UUIDText.random(using: &random)
        let requestID = UUIDText.random(using: &random)
        let parameters = request.parameters
        guard let query = parameters["QueryString"]?.stringValue, !query.isEmpty else {
            throw Self.invalidRequest(
                "1 validation error detected: Value at 'queryString' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1",
                requestID: requestID)
        }
        guard
            let outputText = parameters["ResultConfiguration"]?["OutputLocation"]?.stringValue ?? defaultOutputLocation
        else {
            throw Self.invalidRequest(
                "No output location provided. An output location is required either through the Workgroup result "
                    + "configuration setting or as an API input.",
                requestID: requestID)
        }
        let output: S3Location
        do {
            output = try S3Location(parsing: outputText).asPrefix.appending("\(queryID).txt")
        } catch {
            throw Self.invalidRequest("Invalid OutputLocation: \(error.message)", requestID: requestID)
        }
        let context = parameters["QueryExecutionContext"]?.objectValue
        let database = context?["Database"]?.stringValue ?? "default"
        let submitted = request.clock.now()
        var failure: String?
        do {
            let outcome = try engine.run(query, database: database)
            try engine.store.put(outcome.resultText, at: output)
        } catch let error as AthenaQueryFailure {
            failure = error.reason
        } catch {
            failure = "\(error)"
        }
        let completed = request.clock.now()
        let execution = Self.queryExecution(
            id: queryID, query: query, output: output, context: context,
            workGroup: parameters["WorkGroup"]?.stringValue ?? defaultWorkGroup, submitted: submitted,
            completed: completed,
            failure: failure)
        if failure != nil {
            throw StatesError(.taskFailed, JSONWriter.compact(execution))
        }
        guard request.resource.pattern == .sync else { return ["QueryExecutionId": .string(queryID)] }
        return execution
    }

    /// The `GetQueryExecution` response.
    static func queryExecution(
        id: String, query: String, output: S3Location, context: JSONObject?, workGroup: String, submitted: Date,
        completed: Date, failure: String?
    ) -> JSON {
        let millis = max(0, completed.epochMilliseconds - submitted.epochMilliseconds)
        var status: JSONObject = [
            "State": failure == nil ? "SUCCEEDED" : "FAILED",
            "SubmissionDateTime": .number(JSONNumber(submitted.epochMilliseconds)),
            "CompletionDateTime": .number(JSONNumber(completed.epochMilliseconds)),
        ]
        if let failure {
            status["StateChangeReason"] = .string(failure)
            status["AthenaError"] = ["ErrorCategory": 2, "Retryable": false, "ErrorMessage": .string(failure)]
        }
        var execution: JSONObject = [
            "QueryExecutionId": .string(id),
            "Query": .string(query),
            "StatementType": "DDL",
        ]
        execution["ResultConfiguration"] = ["OutputLocation": .string(output.description)]
        execution["ResultReuseConfiguration"] = ["ResultReuseByAgeConfiguration": ["Enabled": false]]
        if let context { execution["QueryExecutionContext"] = .object(context) }
        execution["Status"] = .object(status)
        execution["Statistics"] = [
            "EngineExecutionTimeInMillis": .number(JSONNumber(millis)),
            "DataScannedInBytes": 0,
            "TotalExecutionTimeInMillis": .number(JSONNumber(millis)),
            "QueryQueueTimeInMillis": 0,
            "ServicePreProcessingTimeInMillis": 0,
            "QueryPlanningTimeInMillis": 0,
            "ServiceProcessingTimeInMillis": 0,
            "ResultReuseInformation": ["ReusedPreviousResult": false],
        ]
        execution["WorkGroup"] = .string(workGroup)
        execution["EngineVersion"] = [
            "SelectedEngineVersion": "AUTO", "EffectiveEngineVersion": "Athena engine version 3",
        ]
        return ["QueryExecution": .object(execution)]
    }

    static func invalidRequest(_ message: String, requestID: String) -> StatesError {
        StatesError(
            "Athena.InvalidRequestException",
            "\(message) (Service: AmazonAthena; Status Code: 400; Error Code: InvalidRequestException; "
                + "Request ID: \(requestID); Proxy: null)")
    }
}
