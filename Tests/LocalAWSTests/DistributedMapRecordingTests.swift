import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

/// Distributed Map executions recorded on AWS, replayed: the definitions of LocalStack's templates
/// (`tests/aws/services/stepfunctions/templates/scenarios/statemachines/`), the same inputs and
/// objects, and the parent's events (ids, previous ids, types), error, cause and output compared
/// with the recordings in `tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.snapshot.json`
/// (SPEC-NOTES.md §17.4).
@Suite struct DistributedMapRecordingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// The recording's name in the snapshot file.
        var recording: String
        var definition: String
        var input: String
        /// Objects put into `s3://bucket-name/` before the run, as the recording's test puts them.
        var objects: [String: String] = [:]
        /// `id<previous Type` of every event, as recorded.
        var events: [String]
        /// The recording's `previousEventId`s are compared too (LocalStack skips them for some).
        var comparesPrevious = true
        /// The execution's error and cause, when it fails (also the `MapRunFailed` details, if any).
        var failure: (error: String, cause: String)?
        /// The execution's output, compact, when it succeeds.
        var output: String?

        var testDescription: String { recording }
    }

    /// A Map of `fields` whose STANDARD children run `processor` (a Pass state by default).
    static func machine(
        _ fields: String, processor: String = #"{"PassItem": {"Type": "Pass", "End": true}}"#, next: String? = nil
    ) -> String {
        let start = processor.contains("\"IteratorInner\"") ? "IteratorInner" : "PassItem"
        let end = next.map { #""Next": "\#($0)"}, "\#($0)": {"Type": "Succeed""# } ?? #""End": true"#
        return #"""
            {"StartAt": "MapState", "States": {"MapState": {"Type": "Map", "MaxConcurrency": 1, \#(fields)
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "\#(start)", "States": \#(processor)},
              \#(end)}}}
            """#
    }

    static func reader(_ config: String) -> String {
        #""ItemReader": {"ReaderConfig": "# + config
            + #", "Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}},"#
    }

    static let failedRun = [
        "1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted", "4<3 MapRunStarted", "5<4 MapRunFailed",
        "6<5 MapStateFailed", "7<6 ExecutionFailed",
    ]
    static let succeededRun = [
        "1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted", "4<3 MapRunStarted",
        "5<4 MapRunSucceeded", "6<5 MapStateSucceeded", "7<5 MapStateExited", "8<7 ExecutionSucceeded",
    ]
    static let failedBeforeTheRun = [
        "1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted", "4<3 ExecutionFailed",
    ]
    static let succeededThenFinish =
        Array(succeededRun.dropLast()) + [
            "8<7 SucceedStateEntered", "9<8 SucceedStateExited", "10<9 ExecutionSucceeded",
        ]

    static let selected =
        #"[{"constantValue":"constant","mapValue":"Hello","fromInput":["Hello","World"]},"#
        + #"{"constantValue":"constant","mapValue":"World","fromInput":["Hello","World"]}]"#
    static let selector = #"{"constantValue": "constant", "mapValue.$": "$$.Map.Item.Value", "fromInput.$": "$"}"#
    static let prefix = "An error occurred while executing the state 'MapState' (entered at the event id #2). "
    static let csv = "Col1,Col2\nValue1,Value2\nValue3,Value4\nValue5,Value6\nValue7,Value8\n"

    static let cases: [Case] = [
        // An ItemReader failure is the map run's: MapRunStarted, MapRunFailed, then MapStateFailed.
        Case(
            recording: "test_map_item_reader_json_no_json_list_object",
            definition: machine(reader(#"{"InputType": "JSON"}"#)),
            input: #"{"Bucket": "bucket-name", "Key": "file.json"}"#, objects: ["file.json": #"{"Hello": "world"}"#],
            events: failedRun,
            failure: ("States.ItemReaderFailed", "Attempting to map over non-iterable node.")),
        Case(
            recording: "test_map_item_reader_csv_headers_decl_duplicate_headers",
            definition: machine(
                reader(#"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["H1", "H1", "H3"]}"#)),
            input: #"{"Bucket": "bucket-name", "Key": "file.csv"}"#,
            objects: [
                "file.csv": "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"
            ],
            events: failedRun, failure: ("States.ItemReaderFailed", "CSV headers cannot contain duplicates.")),
        Case(
            recording: "test_map_item_reader_csv_max_items_paths[-1]",
            definition: machine(
                reader(#"{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItemsPath": "$.MaxItems"}"#)),
            input: #"{"Bucket": "bucket-name", "Key": "file.csv", "MaxItems": -1}"#, objects: ["file.csv": csv],
            events: failedRun, failure: ("States.ItemReaderFailed", "field MaxItems must be positive")),
        // A path value that is no integer fails the execution before any map run.
        Case(
            recording: "test_map_item_reader_csv_max_items_paths[1.5]",
            definition: machine(
                reader(#"{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItemsPath": "$.MaxItems"}"#)),
            input: #"{"Bucket": "bucket-name", "Key": "file.csv", "MaxItems": 1.5}"#, objects: ["file.csv": csv],
            events: failedBeforeTheRun,
            failure: (
                "States.Runtime",
                prefix + #"The MaxItemsPath field refers to value "1.5" which is not a valid integer: $.MaxItems"#
            )),
        Case(
            recording: "test_map_item_reader_csv_max_items_paths[2]",
            definition: machine(
                reader(#"{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItemsPath": "$.MaxItems"}"#)),
            input: #"{"Bucket": "bucket-name", "Key": "file.csv", "MaxItems": 2}"#, objects: ["file.csv": csv],
            events: succeededRun, output: #"[{"Col1":"Value1","Col2":"Value2"},{"Col1":"Value3","Col2":"Value4"}]"#),
        Case(
            recording: "test_map_item_reader_base_json",
            definition: machine(reader(#"{"InputType": "JSON"}"#)),
            input: #"{"Bucket": "bucket-name", "Key": "file.json"}"#,
            objects: [
                "file.json":
                    #"[{"verdict": "true", "statement_date": "6/11/2008", "statement_source": "speech"}, "#
                    + #"{"verdict": "false", "statement_date": "6/7/2022", "statement_source": "television"}, "#
                    + #"{"verdict": "mostly-true", "statement_date": "5/18/2016", "statement_source": "news"}]"#
            ],
            events: succeededRun,
            output: #"[{"verdict":"true","statement_date":"6/11/2008","statement_source":"speech"},"#
                + #"{"verdict":"false","statement_date":"6/7/2022","statement_source":"television"},"#
                + #"{"verdict":"mostly-true","statement_date":"5/18/2016","statement_source":"news"}]"#),
        // Without a reader: ItemSelector, the legacy Parameters and Iterator.
        Case(
            recording: "test_map_state_config_distributed_item_selector",
            definition: machine(
                #""ItemSelector": \#(selector),"#, processor: #"{"IteratorInner": {"Type": "Pass", "End": true}}"#,
                next: "Finish"),
            input: #"["Hello", "World"]"#, events: succeededThenFinish, output: selected),
        Case(
            recording: "test_map_state_config_distributed_parameters",
            definition: machine(
                #""Parameters": \#(selector),"#, processor: #"{"IteratorInner": {"Type": "Pass", "End": true}}"#,
                next: "Finish"),
            input: #"["Hello", "World"]"#, events: succeededThenFinish, output: selected),
        Case(
            recording: "test_map_state_legacy_config_distributed",
            definition: #"""
                {"StartAt": "MapState", "States": {"MapState": {"Type": "Map", "MaxConcurrency": 1,
                  "Iterator": {"StartAt": "IteratorInner", "States": {"IteratorInner": {"Type": "Pass", "End": true}},
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
                  "Next": "Finish"}, "Finish": {"Type": "Succeed"}}}
                """#,
            input: #"["Hello", "World"]"#, events: succeededThenFinish, output: #"["Hello","World"]"#),
        Case(
            recording: "test_map_state_config_distributed_items_path_from_previous",
            definition: #"""
                {"StartAt": "PreviousState", "States": {
                  "PreviousState": {"Type": "Pass", "Result": {"result_value": ["item-value-from-previous"]},
                    "Next": "MapState"},
                  "MapState": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.result_value",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "PassState", "States": {"PassState": {"Type": "Pass", "End": true}}},
                    "End": true}}}
                """#,
            input: "{}",
            events: [
                "1<0 ExecutionStarted", "2<0 PassStateEntered", "3<2 PassStateExited", "4<3 MapStateEntered",
                "5<4 MapStateStarted", "6<5 MapRunStarted", "7<6 MapRunSucceeded", "8<7 MapStateSucceeded",
                "9<6 MapStateExited", "10<9 ExecutionSucceeded",
            ],
            comparesPrevious: false, output: #"["item-value-from-previous"]"#),
        // A Distributed Map inside a child: the child's map run is in the child's history only.
        Case(
            recording: "test_map_state_nested_config_distributed",
            definition: #"""
                {"StartAt": "SetupState", "States": {
                  "SetupState": {"Type": "Pass",
                    "Result": {"values": [{"sub-values": [{"num": 1, "str": "A"}, {"num": 2, "str": "B"}]}]},
                    "Next": "MapState"},
                  "MapState": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.values",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "SubMapState", "States": {"SubMapState": {"Type": "Map", "MaxConcurrency": 1,
                        "ItemsPath": "$.sub-values", "ResultPath": "$.result",
                        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "SubMapStateSuccess", "States": {"SubMapStateSuccess": {"Type": "Succeed"}}},
                        "End": true}}},
                    "End": true}}}
                """#,
            input: "{}",
            events: [
                "1<0 ExecutionStarted", "2<0 PassStateEntered", "3<2 PassStateExited", "4<3 MapStateEntered",
                "5<4 MapStateStarted", "6<5 MapRunStarted", "7<6 MapRunSucceeded", "8<7 MapStateSucceeded",
                "9<6 MapStateExited", "10<9 ExecutionSucceeded",
            ],
            comparesPrevious: false,
            output: #"[{"sub-values":[{"num":1,"str":"A"},{"num":2,"str":"B"}],"#
                + #""result":[{"num":1,"str":"A"},{"num":2,"str":"B"}]}]"#),
        Case(
            recording: "test_map_state_tolerated_failure_values[count_literal]",
            definition: machine(#""InputPath": "$", "ToleratedFailureCount": 10,"#), input: "[0]",
            events: succeededRun, output: "[0]"),
        Case(
            recording: "test_map_state_tolerated_failure_values[percentage_literal]",
            definition: machine(#""InputPath": "$", "ToleratedFailurePercentage": 0.5,"#), input: "[0]",
            events: succeededRun, output: "[0]"),
        // Tolerated failures given by a path: read after MapStateStarted, checked before the run.
        Case(
            recording: "test_map_state_tolerated_failure_count_path[0]",
            definition: machine(#""ItemsPath": "$.Items", "ToleratedFailureCountPath": "$.ToleratedFailureCount","#),
            input: #"{"Items": [0], "ToleratedFailureCount": 0}"#, events: succeededRun, output: "[0]"),
        Case(
            recording: "test_map_state_tolerated_failure_count_path[NoNumber]",
            definition: machine(#""ItemsPath": "$.Items", "ToleratedFailureCountPath": "$.ToleratedFailureCount","#),
            input: #"{"Items": [0], "ToleratedFailureCount": "NoNumber"}"#, events: failedBeforeTheRun,
            failure: (
                "States.Runtime",
                prefix
                    + #"The ToleratedFailureCountPath field refers to value "NoNumber" which is not a valid integer: "#
                    + "$.ToleratedFailureCount"
            )),
        Case(
            recording: "test_map_state_tolerated_failure_count_path[-1]",
            definition: machine(#""ItemsPath": "$.Items", "ToleratedFailureCountPath": "$.ToleratedFailureCount","#),
            input: #"{"Items": [0], "ToleratedFailureCount": -1}"#, events: failedBeforeTheRun,
            failure: ("States.Runtime", prefix + "ToleratedFailureCount cannot be negative.")),
        Case(
            recording: "test_map_state_tolerated_failure_percentage_path[1.1]",
            definition: machine(
                #""ItemsPath": "$.Items", "ToleratedFailurePercentagePath": "$.ToleratedFailurePercentage","#),
            input: #"{"Items": [0], "ToleratedFailurePercentage": 1.1}"#, events: succeededRun, output: "[0]"),
        Case(
            recording: "test_map_state_tolerated_failure_percentage_path[NoNumber]",
            definition: machine(
                #""ItemsPath": "$.Items", "ToleratedFailurePercentagePath": "$.ToleratedFailurePercentage","#),
            input: #"{"Items": [0], "ToleratedFailurePercentage": "NoNumber"}"#, events: failedBeforeTheRun,
            failure: (
                "States.Runtime",
                prefix
                    + #"The ToleratedFailurePercentagePath field refers to value "NoNumber" which is not a valid float: "#
                    + "$.ToleratedFailurePercentage"
            )),
        Case(
            recording: "test_map_state_tolerated_failure_percentage_path[100.1]",
            definition: machine(
                #""ItemsPath": "$.Items", "ToleratedFailurePercentagePath": "$.ToleratedFailurePercentage","#),
            input: #"{"Items": [0], "ToleratedFailurePercentage": 100.1}"#, events: failedBeforeTheRun,
            failure: ("States.Runtime", prefix + "ToleratedFailurePercentage must be between 0 and 100.")),
    ]

    static let start = Date(timeIntervalSince1970: 1_704_456_000)

    /// Runs `c` on a fresh local S3 holding its objects in `bucket-name`.
    static func run(_ c: Case) async throws -> ExecutionResult {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try FileManager.default.createDirectory(
                at: directory.url.appending(path: "s3/result-bucket"), withIntermediateDirectories: true)
            for (key, body) in c.objects { try store.put(body, at: S3Location(parsing: "s3://bucket-name/\(key)")) }
            let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "m.json", bytes: Array(c.definition.utf8)))
            let machine = try #require(analysis.machine, "\(analysis.diagnostics)")
            var handlers = HandlerRegistry()
            handlers.itemReader = S3ItemReader(store: store, seed: 1)
            handlers.resultWriter = S3ResultWriter(store: store)
            let executor = try Executor(
                machine: machine, handlers: handlers, options: ExecutionOptions(clock: VirtualClock(start: start)))
            return await executor.run(input: try JSONReader.read(Array(c.input.utf8)).value)
        }
    }

    @Test(arguments: cases)
    func replaysTheRecording(_ c: Case) async throws {
        let result = try await Self.run(c)
        let chain = result.history.map { "\($0.id)<\($0.previousEventId) \($0.type.rawValue)" }
        if c.comparesPrevious {
            #expect(chain == c.events)
        } else {
            #expect(chain.map { $0.split(separator: " ").last } == c.events.map { $0.split(separator: " ").last })
        }
        // MapStateStarted's length: 0 with a reader (every reader recording), else the item count.
        let started = result.history.first { $0.type == .mapStateStarted }?.json()["mapStateStartedEventDetails"]
        let length = started?["length"]?.numberValue?.int64Value
        if c.definition.contains("\"ItemReader\"") {
            #expect(length == 0)
        } else if let items = result.output?.arrayValue {
            #expect(length == Int64(items.count))
        }
        // The map run's ARN: `mapRun:<machine>/<label or UUID>:<UUID>` under the account and Region.
        for event in result.history where event.type == .mapRunStarted {
            let arn = event.json()["mapRunStartedEventDetails"]?["mapRunArn"]?.stringValue ?? ""
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            #expect(parts.count == 8 && parts[2] == "states" && parts[5] == "mapRun", "\(arn)")
            #expect(parts.count == 8 && parts[6].split(separator: "/").count == 2 && parts[7].count == 36, "\(arn)")
        }
        if let failure = c.failure {
            #expect(result.error == failure.error)
            #expect(result.cause == failure.cause)
            if let runFailed = result.history.first(where: { $0.type == .mapRunFailed }) {
                let details = runFailed.json()["mapRunFailedEventDetails"]
                #expect(details?["error"]?.stringValue == failure.error)
                #expect(details?["cause"]?.stringValue == failure.cause)
            }
        }
        if let output = c.output {
            #expect(result.output.map(JSONWriter.compact) == output)
        }
        // The parent's map runs are in the summary exactly when MapRunStarted is in its history (the
        // summary also lists the children's nested runs, under the children's ARNs).
        #expect(
            result.mapRuns.count { $0.executionArn == result.executionArn }
                == result.history.count { $0.type == .mapRunStarted })
    }

    /// The recording's ResultWriter output (`test_map_state_result_writer`): the map run ARN under
    /// the Label, the manifest's key under the Prefix and the run's id.
    @Test func resultWriterOutputAsRecorded() async throws {
        let c = Case(
            recording: "test_map_state_result_writer",
            definition: #"""
                {"StartAt": "MapState", "States": {"MapState": {"Type": "Map",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "IteratorInner", "States": {"IteratorInner": {"Type": "Pass", "End": true}}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                    "Parameters": {"Bucket": "result-bucket", "Prefix": "mapJobs"}},
                  "Label": "TestMap", "End": true}}}
                """#,
            input: #"["Hello", "World"]"#, events: Self.succeededRun)
        let result = try await Self.run(c)
        #expect(result.history.map { "\($0.id)<\($0.previousEventId) \($0.type.rawValue)" } == c.events)
        let output = try #require(result.output)
        let arn = try #require(output["MapRunArn"]?.stringValue)
        let parts = arn.split(separator: ":")
        #expect(parts.count == 8 && parts[5] == "mapRun" && parts[6].hasSuffix("/TestMap"), "\(arn)")
        #expect(output["ResultWriterDetails"]?["Bucket"] == "result-bucket")
        #expect(output["ResultWriterDetails"]?["Key"]?.stringValue == "mapJobs/\(parts[7])/manifest.json")
        #expect(output.objectValue?.keys == ["MapRunArn", "ResultWriterDetails"])
    }
}
