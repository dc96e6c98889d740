import Foundation
import JSONCore
import StatesLanguage

/// Builds TestState's `inspectionData` from what the envelope captured: which fields AWS shows
/// for which state type and query language, in the API's member order (API reference,
/// `InspectionData`), each data field as JSON text.
///
/// The rules (observed on AWS: LocalStack snapshots `test_state/test_test_state_scenarios`,
/// `test_test_state_mock_scenarios`, `test_state_configuration`, `test_state_context_object`;
/// SPEC-NOTES.md §15.2):
/// - every state: `input`, and `variables` when any are set after the state;
/// - JSONPath Pass: `afterInputPath`, `afterParameters`, `afterResultSelector` (= the parameters'
///   result) and `afterResultPath`; with `Result`: `result`, `afterResultSelector` (= `Result`)
///   and `afterResultPath` instead;
/// - JSONPath Choice, Wait, Succeed, Fail: `afterInputPath`;
/// - JSONPath Task: `afterInputPath`, `afterParameters`, `result`, `afterResultSelector`,
///   `afterResultPath`; JSONata Task: `afterArguments`, `result`;
/// - Map: `maxConcurrency`, `toleratedFailureCount`/`Percentage` when set, `afterItemSelector`
///   with an `ItemSelector`; JSONPath adds `afterInputPath`, `afterItemsPath`,
///   `afterResultSelector`, `afterResultPath`;
/// - JSONPath Parallel: `afterResultSelector`, `afterResultPath`;
/// - `errorDetails` when a retrier or catcher matched an error.
/// A value the state never reached (it failed first) is left out.
enum TestStateInspectionData {
    static func build(state: State, request: TestStateRequest, record: StepInspection.Record) -> JSONObject {
        let isJSONPath = state.common.queryLanguage == .jsonPath
        var values = record.values
        var shown: [StepInspection.Stage] = []
        switch state {
        case .pass(let pass) where isJSONPath:
            if let result = pass.result {
                values[.result] = result
                values[.afterResultSelector] = result
                shown = [.result, .afterResultSelector, .afterResultPath]
            } else {
                values[.afterResultSelector] = values[.afterParameters]
                shown = [.afterInputPath, .afterParameters, .afterResultSelector, .afterResultPath]
            }
        case .choice, .wait, .succeed:
            if isJSONPath { shown = [.afterInputPath] }
        case .fail:
            // A Fail state has no InputPath: its effective input is its input.
            if isJSONPath {
                values[.afterInputPath] = request.input
                shown = [.afterInputPath]
            }
        case .task:
            shown =
                isJSONPath
                ? [.afterInputPath, .afterParameters, .result, .afterResultSelector, .afterResultPath]
                : [.afterArguments, .result]
        case .map:
            if isJSONPath { shown = [.afterInputPath, .afterResultSelector, .afterResultPath, .afterItemsPath] }
        case .parallel:
            if isJSONPath { shown = [.afterResultSelector, .afterResultPath] }
        case .pass:
            break
        }
        var data = JSONObject()
        data["input"] = text(request.input)
        for stage in order where shown.contains(stage) {
            if let value = values[stage] { data[name(stage)] = text(value) }
        }
        var variables = request.variables
        if let assigned = record.assigned {
            for (name, value) in assigned { variables[name] = value }
        }
        if !variables.isEmpty { data["variables"] = text(.object(variables)) }
        var details = JSONObject()
        if let index = record.catchIndex { details["catchIndex"] = .number(JSONNumber(index)) }
        if let index = record.retryIndex { details["retryIndex"] = .number(JSONNumber(index)) }
        if let delay = record.retryBackoffSeconds, record.retriable != nil {
            // An integer number of seconds (API reference, `RetryBackoffIntervalSeconds`).
            details["retryBackoffIntervalSeconds"] = .number(JSONNumber(Int64(delay.rounded(.down))))
        }
        if !details.isEmpty { data["errorDetails"] = .object(details) }
        if isJSONPath, shown.contains(.afterItemsPath), let items = values[.afterItemsPath] {
            data["afterItemsPath"] = text(items)
        }
        if case .map = state, let selected = values[.afterItemSelector] {
            data["afterItemSelector"] = text(selected)
        }
        if case .map = state {
            if let count = record.toleratedFailureCount {
                data["toleratedFailureCount"] = .number(JSONNumber(count))
            }
            if let percentage = record.toleratedFailurePercentage {
                data["toleratedFailurePercentage"] = .number(floatNumber(percentage))
            }
            if let concurrency = record.maxConcurrency {
                data["maxConcurrency"] = .number(JSONNumber(concurrency))
            }
        }
        return data
    }

    /// The API's member order for the data fields before `variables`.
    private static let order: [StepInspection.Stage] = [
        .afterArguments, .afterInputPath, .afterParameters, .result, .afterResultSelector, .afterResultPath,
    ]

    private static func name(_ stage: StepInspection.Stage) -> String {
        switch stage {
        case .afterInputPath: "afterInputPath"
        case .afterParameters: "afterParameters"
        case .afterArguments: "afterArguments"
        case .result: "result"
        case .afterResultSelector: "afterResultSelector"
        case .afterResultPath: "afterResultPath"
        case .afterItemsPath: "afterItemsPath"
        case .afterItemSelector: "afterItemSelector"
        }
    }

    private static func text(_ value: JSON) -> JSON { .string(JSONWriter.compact(value)) }

    /// A float as AWS writes one (`1.0`, `12.5`): the API's type is a float, so a whole number
    /// keeps its `.0` (observed: `"toleratedFailurePercentage": 1.0`).
    private static func floatNumber(_ value: Double) -> JSONNumber {
        if value.rounded() == value, abs(value) < 1e15 {
            return JSONNumber(uncheckedText: "\(Int64(value)).0", isInteger: false)
        }
        return JSONNumber(value)
    }
}
