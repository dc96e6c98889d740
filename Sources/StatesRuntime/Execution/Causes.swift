import JSONCore
import StatesLanguage

/// The errors the executor raises itself, with AWS's names and cause texts.
enum Causes {
    /// `An error occurred while executing the state 'X' (entered at the event id #N). ` + detail.
    static func runtime(_ detail: String, site: EvaluationSite) -> StatesError {
        StatesError(
            .runtime,
            "An error occurred while executing the state '\(site.stateName)' (entered at the event id "
                + "#\(site.enteredEventID)). \(detail)")
    }

    static func fieldPathNotFound(path: Path, field: String, input: JSON, site: EvaluationSite) -> StatesError {
        runtime(
            "The JSONPath '\(path.source)' specified for the field '\(field)' could not be found in the input '"
                + JSONWriter.compact(input) + "'", site: site)
    }

    static func intrinsicPathNotFound(path: Path, call: IntrinsicCall, input: JSON, site: EvaluationSite) -> StatesError
    {
        runtime(
            "The JSONPath '\(path.source)' specified for the function '\(call.source)' could not be found in the input '"
                + JSONWriter.compact(input) + "'", site: site)
    }

    /// `InputPath`, `OutputPath`, `ItemsPath`, … selected nothing.
    static func invalidPath(_ path: Path, detail: String, site: EvaluationSite) -> StatesError {
        runtime("Invalid path '\(path.source)' : \(detail)", site: site)
    }

    static let noChoiceMatched = StatesError(.noChoiceMatched, "No Matches!")

    static func resultPathMatchFailure(
        _ path: Path, input: JSON, result: JSON, error: StatesError, site: EvaluationSite
    ) -> StatesError {
        StatesError(
            .resultPathMatchFailure,
            "Unable to apply ResultPath '\(path.source)' to input '\(JSONWriter.compact(input))'")
    }

    static func jsonataUnsupported(site: EvaluationSite) -> StatesError {
        runtime("JSONata expressions cannot be evaluated by this version of asl", site: site)
    }

    static func waitSecondsPathInvalid(_ path: Path, value: JSON, site: EvaluationSite) -> StatesError {
        runtime(
            "The SecondsPath parameter does not reference a valid integer value: '\(JSONWriter.compact(value))'",
            site: site)
    }

    static func waitTimestampInvalid(text: String, site: EvaluationSite) -> StatesError {
        runtime(
            "The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format string: '\(text)'",
            site: site)
    }

    static func waitTimestampPathInvalid(_ path: Path, value: JSON, site: EvaluationSite) -> StatesError {
        runtime(
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format "
                + "string: '\(JSONWriter.compact(value))'", site: site)
    }

    static func positiveIntegerPathInvalid(_ path: Path, field: String, value: JSON, site: EvaluationSite)
        -> StatesError
    {
        runtime(
            "The \(field) field references an invalid value: '\(JSONWriter.compact(value))'", site: site)
    }

    static func mapItemsNotArray(_ items: MapState.Items?, value: JSON, site: EvaluationSite) -> StatesError {
        var field = "$"
        if case .path(let path) = items { field = path.source }
        return runtime(
            "Invalid path '\(field)': The Map state's items path does not reference an array: '"
                + JSONWriter.compact(value) + "'", site: site)
    }

    static func exceededToleratedFailureThreshold(site: EvaluationSite) -> StatesError {
        StatesError(
            .exceedToleratedFailureThreshold,
            "The specified tolerated failure threshold was exceeded in the Map state '\(site.stateName)'")
    }

    static func noHandler(_ resource: ResourceARN, stateName: String) -> StatesError {
        StatesError(
            .runtime,
            "No local handler serves the resource '\(resource.text)' of state '\(stateName)': "
                + Executor.hint(for: resource))
    }

    static func taskResultTooLarge(_ resource: ResourceARN, limit: Int) -> StatesError {
        StatesError(
            .dataLimitExceeded,
            "The state/task '\(resource.text)' returned a result with a size exceeding the maximum number of bytes "
                + "service limit.")
    }

    static func dataLimitExceeded(limit: Int, site: EvaluationSite) -> StatesError {
        StatesError(
            .dataLimitExceeded,
            "The state/task '\(site.stateName)' returned a result with a size exceeding the maximum number of "
                + "bytes service limit.")
    }

    static func executionOutputTooLarge(limit: Int) -> StatesError {
        StatesError(
            .dataLimitExceeded,
            "The execution output exceeds the maximum number of bytes service limit (\(limit) bytes).")
    }

    static func historyLimit(_ limit: HistoryLimitExceeded) -> StatesError {
        StatesError(
            .runtime,
            "The execution reached the maximum number of history events (\(limit.maximumEvents)).")
    }

    static let taskTimedOut = StatesError(.timeout)
    static let heartbeatTimedOut = StatesError(.heartbeatTimeout)
}
