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

    /// The reason an intrinsic's path argument fails with; the intrinsic names itself in front
    /// (`The function 'States.Array($.x)' had the following error: …`, observed on AWS as quoted by a
    /// third party).
    static func intrinsicArgumentNotFound(path: Path, input: JSON) -> StatesError {
        StatesError(
            .runtime,
            "The JsonPath argument for the field '\(path.source)' could not be found in the input '"
                + JSONWriter.compact(input) + "'")
    }

    /// Observed on AWS: `Invalid path '$.jobs[0].done': The choice state’s condition path references an
    /// invalid value.` (with a typographic apostrophe).
    static func choicePathInvalid(_ path: Path, site: EvaluationSite) -> StatesError {
        runtime(
            "Invalid path '\(path.source)': The choice state\u{2019}s condition path references an invalid value.",
            site: site)
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

    /// Observed on AWS (LocalStack snapshot `base/test_wait`): `The TimestampPath parameter does not
    /// reference a valid ISO-8601 extended offset date-time format string: $.start_at == 2016-03-14T01:59:00`.
    static func waitTimestampPathInvalid(_ path: Path, value: JSON, site: EvaluationSite) -> StatesError {
        let shown = value.stringValue ?? JSONWriter.compact(value)
        return runtime(
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format "
                + "string: \(path.source) == \(shown)", site: site)
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

    /// A task's `TimeoutSeconds` passed: `States.Timeout` without a cause (observed on AWS,
    /// LocalStack snapshot `base/test_timeouts`).
    static let taskTimedOut = StatesError(.timeout)
    /// A task's `HeartbeatSeconds` passed without a heartbeat: AWS reports `States.Timeout` too, not
    /// `States.HeartbeatTimeout`, without a cause (observed on AWS, snapshot `callback/test_heartbeats`).
    static let heartbeatTimedOut = StatesError(.timeout)
}
