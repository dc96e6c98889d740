import Foundation
import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// `ItemBatcher` on a Distributed Map (SPEC-NOTES.md §17.2), and the runtime's side of
/// `ItemReader` (§17.1) with an in-memory reader standing in for storage.
@Suite struct ItemBatcherTests {
    /// A Distributed Map over `$.items` with `batcher`, its iterations passing their input on.
    static func definition(batcher: String, extra: String = "", jsonata: Bool = false) -> String {
        """
        {\(jsonata ? #""QueryLanguage": "JSONata","# : "") "StartAt": "Map", "States": {"Map": {
          "Type": "Map", \(jsonata ? #""Items": "{% $states.input.items %}""# : #""ItemsPath": "$.items""#),
          "ItemBatcher": \(batcher), \(extra)
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}},
          "End": true}}}
        """
    }

    static func outcome(_ definition: String, input: String, handlers: HandlerRegistry = HandlerRegistry())
        async throws -> String
    {
        let result = try await run(definition, input: input, handlers: handlers)
        if let output = result.output { return JSONWriter.compact(output) }
        return "\(result.error ?? "?"): \(result.cause ?? "")"
    }

    @Test(arguments: [
        (#"{"MaxItemsPerBatch": 2}"#, #"[{"Items":[1,2]},{"Items":[3,4]},{"Items":[5]}]"#),
        (#"{"MaxItemsPerBatchPath": "$.n"}"#, #"[{"Items":[1,2,3]},{"Items":[4,5]}]"#),
        (#"{"MaxItemsPerBatch": 10}"#, #"[{"Items":[1,2,3,4,5]}]"#),
        (
            #"{"MaxItemsPerBatch": 3, "BatchInput": {"fixed": "f", "from.$": "$.n"}}"#,
            #"[{"BatchInput":{"fixed":"f","from":3},"Items":[1,2,3]},{"BatchInput":{"fixed":"f","from":3},"Items":[4,5]}]"#
        ),
    ])
    func batchesByCount(batcher: String, expected: String) async throws {
        #expect(
            try await Self.outcome(Self.definition(batcher: batcher), input: #"{"items": [1, 2, 3, 4, 5], "n": 3}"#)
                == expected)
    }

    /// `{"Items":["aaaa","bbbb"]}` is 25 bytes: a limit of 25 takes two items, 24 only one.
    @Test(arguments: [(25, 2), (24, 1), (32, 3)])
    func batchesByBytesOfTheChildInput(limit: Int, perBatch: Int) async throws {
        let definition = Self.definition(batcher: #"{"MaxInputBytesPerBatch": \#(limit)}"#)
        let output = try await Self.outcome(
            definition, input: #"{"items": ["aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff"]}"#)
        let batches = try #require(try json(output).arrayValue, "\(output)")
        #expect(batches.count == (6 + perBatch - 1) / perBatch, "\(output)")
        for batch in batches {
            #expect(JSONWriter.compactBytes(batch).count <= limit)
        }
        #expect(batches.first?["Items"]?.arrayValue?.count == perBatch)
    }

    @Test func anItemLargerThanTheByteLimitFailsTheMap() async throws {
        let output = try await Self.outcome(
            Self.definition(batcher: #"{"MaxInputBytesPerBatch": 16}"#), input: #"{"items": ["a-long-item"]}"#)
        #expect(
            output
                == "States.ItemReaderFailed: Item 0 is 13 bytes, which does not fit in a batch of at most 16 bytes "
                + "(MaxInputBytesPerBatch)")
    }

    @Test(arguments: [
        (
            #"{"n": "x"}"#,
            #"States.Runtime: An error occurred while executing the state 'Map' (entered at the event id #2). "#
                + #"The MaxItemsPerBatchPath field refers to value "x" which is not a valid integer: $.n"#
        ),
        (
            #"{"n": 0}"#,
            #"States.Runtime: An error occurred while executing the state 'Map' (entered at the event id #2). "#
                + "The field MaxItemsPerBatch must be a positive integer, but was 0"
        ),
    ])
    func badBatchLimitsFailAtRunTime(values: String, expected: String) async throws {
        let input = #"{"items": [1, 2], "# + values.dropFirst()
        #expect(
            try await Self.outcome(Self.definition(batcher: #"{"MaxItemsPerBatchPath": "$.n"}"#), input: input)
                == expected)
    }

    @Test func itemSelectorAppliesToEachItemBeforeBatching() async throws {
        let definition = Self.definition(
            batcher: #"{"MaxItemsPerBatch": 2}"#,
            extra: #""ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},"#)
        #expect(
            try await Self.outcome(definition, input: #"{"items": ["a", "b", "c"]}"#)
                == #"[{"Items":[{"value":"a","index":0},{"value":"b","index":1}]},{"Items":[{"value":"c","index":2}]}]"#
        )
    }

    @Test func jsonataBatcherFields() async throws {
        let definition = Self.definition(
            batcher: #"{"MaxItemsPerBatch": "{% $states.input.n %}", "BatchInput": {"at": "{% $states.input.tag %}"}}"#,
            jsonata: true)
        #expect(
            try await Self.outcome(definition, input: #"{"items": [1, 2, 3], "n": 2, "tag": "t"}"#)
                == #"[{"BatchInput":{"at":"t"},"Items":[1,2]},{"BatchInput":{"at":"t"},"Items":[3]}]"#)
    }

    // MARK: The runtime's side of ItemReader

    /// Answers every read with `items`, recording the request.
    struct FixedReader: ItemReading {
        let items: [JSON]
        let seen: RequestBox

        func open(_ request: ItemReaderRequest) throws(StatesError) -> any ItemStream {
            seen.set(request)
            return ArrayItemStream(items)
        }
    }

    final class RequestBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: ItemReaderRequest?
        func set(_ request: ItemReaderRequest) { lock.withLock { value = request } }
        var request: ItemReaderRequest? { lock.withLock { value } }
    }

    @Test func theReaderGetsEvaluatedArgumentsAndConfigAndItsItemsAreBatched() async throws {
        let seen = RequestBox()
        var handlers = HandlerRegistry()
        handlers.itemReader = FixedReader(items: [1, 2, 3], seen: seen)
        let definition = Self.definition(
            batcher: #"{"MaxItemsPerBatch": 2}"#,
            extra: #"""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a"],
                                   "CSVDelimiter": "PIPE", "MaxItemsPath": "$.max"},
                  "Parameters": {"Bucket.$": "$.bucket", "Key": "k.csv"}},
                """#)
        let result = try await run(definition, input: #"{"bucket": "b", "max": 3}"#, handlers: handlers)
        #expect(result.output.map(JSONWriter.compact) == #"[{"Items":[1,2]},{"Items":[3]}]"#)
        let request = try #require(seen.request)
        #expect(request.action == "getObject" && request.stateName == "Map")
        #expect(request.arguments == ["Bucket": "b", "Key": "k.csv"])
        #expect(
            request.config
                == ItemReaderConfig(
                    inputType: "CSV", csvHeaderLocation: "GIVEN", csvHeaders: ["a"], csvDelimiter: "PIPE", maxItems: 3))
        // The reader's items are read after MapStateStarted, whose length AWS records as 0.
        #expect(result.eventTypes.prefix(3) == ["ExecutionStarted", "MapStateEntered", "MapStateStarted"])
    }

    @Test func withoutARegisteredReaderTheMapFailsSayingHowToServeIt() async throws {
        let definition = Self.definition(
            batcher: #"{"MaxItemsPerBatch": 2}"#,
            extra: #""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"}},"#)
        let output = try await Self.outcome(definition, input: "{}")
        #expect(output.hasPrefix("States.Runtime: An error occurred while executing the state 'Map'"))
        #expect(output.contains("run with a run configuration (asl.config.json)"))
    }
}
