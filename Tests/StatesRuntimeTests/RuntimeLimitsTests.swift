import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// Run-time behaviour where AWS is recorded to differ from a naive reading, and hostile numbers
/// that must fail like AWS instead of trapping (SPEC-NOTES.md §5.3, §5.5).
@Suite struct RuntimeLimitsTests {
    // MARK: Map limits read from paths

    struct MapCase: CustomTestStringConvertible, Sendable {
        var name: String
        var field: String
        var input: String
        /// The cause after AWS's "An error occurred while executing the state 'Map' (…)." prefix.
        var cause: String?
        /// Whether `MapStateStarted` comes before the failure.
        var startedFirst: Bool
        var testDescription: String { name }
    }

    static let mapCases: [MapCase] = [
        MapCase(
            name: "MaxConcurrencyPath object", field: #""MaxConcurrencyPath": "$.v""#, input: #"{"v": {}}"#,
            cause: #"The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.v"#,
            startedFirst: false),
        MapCase(
            name: "MaxConcurrencyPath text", field: #""MaxConcurrencyPath": "$.v""#, input: #"{"v": "NoNumber"}"#,
            cause: #"The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.v"#,
            startedFirst: false),
        MapCase(
            name: "MaxConcurrencyPath decimal", field: #""MaxConcurrencyPath": "$.v""#, input: #"{"v": 1.5}"#,
            cause: #"The MaxConcurrencyPath field refers to value "1.5" which is not a valid integer: $.v"#,
            startedFirst: false),
        MapCase(
            name: "MaxConcurrencyPath negative", field: #""MaxConcurrencyPath": "$.v""#, input: #"{"v": -1}"#,
            cause: "Expected non-negative integer for MaxConcurrency, got '-1' instead.", startedFirst: false),
        MapCase(
            name: "MaxConcurrencyPath beyond int", field: #""MaxConcurrencyPath": "$.v""#,
            input: #"{"v": 99999999999999999999999}"#,
            cause:
                #"The MaxConcurrencyPath field refers to value "99999999999999999999999" which is not a valid integer: $.v"#,
            startedFirst: false),
        MapCase(
            name: "MaxConcurrencyPath integer text", field: #""MaxConcurrencyPath": "$.v""#, input: #"{"v": "1"}"#,
            cause: nil, startedFirst: true),
        MapCase(
            name: "ToleratedFailureCountPath object", field: #""ToleratedFailureCountPath": "$.v""#,
            input: #"{"v": {}}"#,
            cause: #"The ToleratedFailureCountPath field refers to value "{}" which is not a valid integer: $.v"#,
            startedFirst: true),
        MapCase(
            name: "ToleratedFailureCountPath text", field: #""ToleratedFailureCountPath": "$.v""#,
            input: #"{"v": "NoNumber"}"#,
            cause: #"The ToleratedFailureCountPath field refers to value "NoNumber" which is not a valid integer: $.v"#,
            startedFirst: true),
        MapCase(
            name: "ToleratedFailureCountPath negative", field: #""ToleratedFailureCountPath": "$.v""#,
            input: #"{"v": -1}"#, cause: "ToleratedFailureCount cannot be negative.", startedFirst: true),
        MapCase(
            name: "ToleratedFailurePercentagePath object", field: #""ToleratedFailurePercentagePath": "$.v""#,
            input: #"{"v": {}}"#,
            cause: #"The ToleratedFailurePercentagePath field refers to value "{}" which is not a valid float: $.v"#,
            startedFirst: true),
        MapCase(
            name: "ToleratedFailurePercentagePath text", field: #""ToleratedFailurePercentagePath": "$.v""#,
            input: #"{"v": "NoNumber"}"#,
            cause:
                #"The ToleratedFailurePercentagePath field refers to value "NoNumber" which is not a valid float: $.v"#,
            startedFirst: true),
        MapCase(
            name: "ToleratedFailurePercentagePath -1.1", field: #""ToleratedFailurePercentagePath": "$.v""#,
            input: #"{"v": -1.1}"#, cause: "ToleratedFailurePercentage must be between 0 and 100.", startedFirst: true),
        MapCase(
            name: "ToleratedFailurePercentagePath 100.1", field: #""ToleratedFailurePercentagePath": "$.v""#,
            input: #"{"v": 100.1}"#, cause: "ToleratedFailurePercentage must be between 0 and 100.",
            startedFirst: true),
        MapCase(
            name: "ToleratedFailurePercentagePath 1e400", field: #""ToleratedFailurePercentagePath": "$.v""#,
            input: #"{"v": 1e400}"#, cause: "ToleratedFailurePercentage must be between 0 and 100.",
            startedFirst: true),
        MapCase(
            name: "ToleratedFailurePercentagePath 1.1", field: #""ToleratedFailurePercentagePath": "$.v""#,
            input: #"{"v": 1.1}"#, cause: nil, startedFirst: true),
    ]

    /// Recorded on AWS (LocalStack snapshot `scenarios/test_base_scenarios`): the causes, and
    /// MaxConcurrencyPath failing before `MapStateStarted` but the tolerated failures after it.
    @Test(arguments: Self.mapCases) func mapLimitPaths(_ c: MapCase) async throws {
        let definition = #"""
            {"StartAt": "Map", "States": {"Map": {"Type": "Map", "ItemsPath": "$.items", \#(c.field),
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#
        var input = try #require(try json(c.input).objectValue)
        input["items"] = [0]
        let result = try await run(definition, input: JSONWriter.compact(.object(input)))
        #expect(result.eventTypes.contains("MapStateStarted") == c.startedFirst)
        if let cause = c.cause {
            // The whole history as recorded on AWS: the failure follows MapStateEntered or MapStateStarted.
            #expect(
                result.eventTypes
                    == ["ExecutionStarted", "MapStateEntered"] + (c.startedFirst ? ["MapStateStarted"] : [])
                    + ["ExecutionFailed"])
            #expect(result.history.last?.previousEventId == result.history.count - 1)
            #expect(result.status == .failed)
            #expect(result.error == "States.Runtime")
            #expect(
                result.cause
                    == "An error occurred while executing the state 'Map' (entered at the event id #2). \(cause)")
        } else {
            #expect(result.status == .succeeded)
        }
    }

    @Test func mapLimitValuesReadIntegersAndPercentages() throws {
        let path = Path(source: "$.v", root: .input, segments: [.name("v")])
        #expect(try MapLimitValues.maxConcurrency(3, path: path) == 3)
        #expect(try MapLimitValues.maxConcurrency("+3", path: path) == 3)
        #expect(try MapLimitValues.toleratedFailureCount(0, path: path) == 0)
        #expect(try MapLimitValues.toleratedFailurePercentage("12.5", path: path) == 12.5)
        #expect(throws: StatesError.self) { try MapLimitValues.maxConcurrency(.null, path: path) }
        #expect(throws: StatesError.self) { try MapLimitValues.maxConcurrency(2_147_483_648, path: path) }
        #expect(throws: StatesError.self) { try MapLimitValues.toleratedFailurePercentage(true, path: path) }
        #expect(MapLimitValues.toleratedFailures(percentage: 50, itemCount: 3) == 1)
        #expect(MapLimitValues.toleratedFailures(percentage: 1e308, itemCount: 3) == 3)
        #expect(MapLimitValues.toleratedFailures(percentage: -.infinity, itemCount: 3) == 0)
        #expect(MapLimitValues.toleratedFailures(percentage: .nan, itemCount: 3) == 0)
    }

    // MARK: Fail paths

    /// Recorded on AWS (snapshot `test_invalid_jsonpath[INVALID_JSONPATH_IN_ERRORPATH]`,
    /// `…[ST.INVALID_JSONPATH_IN_CAUSEPATH]`): worded like a payload template's missing path.
    @Test(arguments: [("ErrorPath", "$.ErrorX"), ("CausePath", "$.NoSuchCausePath")])
    func failPathsSelectingNothing(field: String, path: String) async throws {
        let fields =
            field == "ErrorPath" ? #""ErrorPath": "\#(path)", "Cause": "c""# : #""Error": "E", "CausePath": "\#(path)""#
        let result = try await run(
            #"{"StartAt": "pass", "States": {"pass": {"Type": "Pass", "Result": {"Error": "error-value"}, "Next": "fail"},"#
                + #""fail": {"Type": "Fail", \#(fields)}}}"#, input: #"{"int-literal": 0}"#)
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(
            result.cause
                == "An error occurred while executing the state 'fail' (entered at the event id #4). The JSONPath "
                + "'\(path)' specified for the field '\(field)' could not be found in the input '{\"Error\":\"error-value\"}'"
        )
    }

    // MARK: Execution timeouts

    /// Recorded on AWS (snapshot `timeouts/test_timeouts`, `test_global_timeout`): DescribeExecution
    /// of an execution past its `TimeoutSeconds` has status TIMED_OUT and neither error nor cause.
    @Test func executionTimeoutEndsTimedOutWithoutAnError() async throws {
        let result = try await run(
            #"{"StartAt": "W", "TimeoutSeconds": 5, "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}"#)
        #expect(result.status == .timedOut)
        #expect(result.error == nil)
        #expect(result.cause == nil)
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 5)
        let last = try #require(result.history.last)
        #expect(last.type == .executionTimedOut)
        #expect(last.json()["executionTimedOutEventDetails"] == .object(JSONObject()))
        #expect(result.summaryJSON == ["status": "TIMED_OUT"])
    }

    /// AWS guide, service quotas: a Standard execution runs at most a year; a longer Wait ends it
    /// TIMED_OUT after a year on the virtual clock instead of succeeding.
    @Test(arguments: [#""Seconds": 99999999"#, #""SecondsPath": "$.s""#])
    func waitsPastAYearTimeTheExecutionOut(field: String) async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", \#(field), "End": true}}}"#,
            input: #"{"s": 2147483647}"#)
        #expect(result.status == .timedOut)
        #expect(result.error == nil)
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 365 * 86_400)
        #expect(result.eventTypes == ["ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"])
    }

    @Test func aWaitWithinAYearStillSucceeds() async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}"#,
            input: #"{"s": 31535999}"#)
        #expect(result.status == .succeeded)
    }

    // MARK: Wait delays out of range

    struct DelayCase: CustomTestStringConvertible, Sendable {
        var name: String
        var field: String
        var input: String
        var cause: String
        var testDescription: String { name }
    }

    static let delayCases: [DelayCase] = [
        DelayCase(
            name: "SecondsPath past Int64 milliseconds (used to trap)", field: #""SecondsPath": "$.s""#,
            input: #"{"s": 9223372036854775}"#, cause: "Wait state delay is too long."),
        DelayCase(
            name: "SecondsPath Int64.max", field: #""SecondsPath": "$.s""#, input: #"{"s": 9223372036854775807}"#,
            cause: "Wait state delay is too long."),
        DelayCase(
            name: "SecondsPath 2^31", field: #""SecondsPath": "$.s""#, input: #"{"s": 2147483648}"#,
            cause: "Wait state delay is too long."),
        DelayCase(
            name: "SecondsPath beyond Int64", field: #""SecondsPath": "$.s""#, input: #"{"s": 9223372036854775808}"#,
            cause: "The SecondsPath parameter cannot be parsed as a long value: $.s == 9223372036854775808"),
        DelayCase(
            name: "TimestampPath 24856 days ahead", field: #""TimestampPath": "$.t""#,
            input: #"{"t": "2092-01-20T00:00:00Z"}"#, cause: "Wait state delay is too long."),
        DelayCase(
            name: "TimestampPath year 9999", field: #""TimestampPath": "$.t""#,
            input: #"{"t": "9999-12-31T23:59:59.999999999Z"}"#, cause: "Wait state delay is too long."),
        DelayCase(
            name: "Timestamp year 9999", field: #""Timestamp": "9999-12-31T23:59:59Z""#, input: "{}",
            cause: "Wait state delay is too long."),
    ]

    /// Recorded on AWS for TimestampPath (snapshot `base/test_wait`,
    /// `test_timestamp_too_far_in_future_boundary`): a delay past 2³¹−1 s fails with States.Runtime.
    /// The state after the Wait reads `$$.State.EnteredTime`, which trapped before.
    @Test(arguments: Self.delayCases) func waitDelaysOutOfRange(_ c: DelayCase) async throws {
        let result = try await run(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", \#(c.field), "Next": "P"},"#
                + #""P": {"Type": "Pass", "Parameters": {"at.$": "$$.State.EnteredTime"}, "End": true}}}"#,
            input: c.input)
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(
            result.cause == "An error occurred while executing the state 'W' (entered at the event id #2). \(c.cause)")
        #expect(result.stopDate == result.startDate)
    }

    @Test func waitDelayBoundaryIsTwoToTheThirtyOneMinusOne() throws {
        let now = testEpoch
        #expect(throws: Never.self) {
            try WaitValues.checkDelay(from: now, until: now.addingTimeInterval(2_147_483_647))
        }
        #expect(throws: Never.self) { try WaitValues.checkDelay(from: now, until: now.addingTimeInterval(-1e300)) }
        #expect(throws: StatesError.self) {
            try WaitValues.checkDelay(from: now, until: now.addingTimeInterval(2_147_483_648))
        }
    }

    // MARK: Timestamps never trap

    @Test(arguments: [
        (1e300, "9999-12-31T23:59:59.999Z"), (-1e300, "0000-01-01T00:00:00.000Z"),
        (Double.nan, "1970-01-01T00:00:00.000Z"),
        (9_223_372_036_854_775.0 + 1_704_067_200, "9999-12-31T23:59:59.999Z"),
        (1_704_067_200.5, "2024-01-01T00:00:00.500Z"),
    ])
    func formattingAnyDate(seconds: Double, expected: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func describingAnyTimestamp() {
        #expect(Timestamp(epochSeconds: .max).description == "9999-12-31T23:59:59.000Z")
        #expect(Timestamp(epochSeconds: .min, nanoseconds: 5_000_000).description == "0000-01-01T00:00:00.005Z")
    }

    // MARK: Oversized execution input

    /// AWS refuses an input over 262,144 bytes at StartExecution: nothing runs, no state is blamed.
    @Test func oversizedInputIsRefusedBeforeTheRun() async throws {
        let big = String(repeating: "x", count: 262_144)
        let input = JSONWriter.compact(["data": .string(big)])
        let definition = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
        let executor = try Executor(
            machine: try machine(definition), options: .init(clock: VirtualClock(start: testEpoch)))
        let rejection = try #require(executor.startExecutionRejection(for: try json(input)))
        #expect(rejection.code == "ValidationException")
        #expect(
            rejection.message
                == "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length "
                + "less than or equal to 262144")
        #expect(executor.startExecutionRejection(inputByteCount: 262_144) == nil)
        #expect(executor.startExecutionRejection(inputByteCount: 262_145) == rejection)
        #expect(executor.startExecutionRejection(for: ["data": "small"]) == nil)

        let result = try await run(definition, input: input)
        #expect(result.status == .failed)
        #expect(result.error == "ValidationException")
        #expect(result.cause == rejection.message)
        #expect(result.history.isEmpty)
    }

    @Test func inputAtTheLimitRuns() async throws {
        // {"data":"…"} is 11 bytes around the string.
        let input = JSONWriter.compact(["data": .string(String(repeating: "x", count: 262_144 - 11))])
        #expect(input.utf8.count == 262_144)
        let result = try await run(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#, input: input)
        #expect(result.status == .succeeded)
    }
}
