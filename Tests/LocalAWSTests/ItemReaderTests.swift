import Foundation
import JSONCore
import Parquet
import StatesLanguage
import StatesRuntime
import StatesTestSupport
import Testing

@testable import LocalAWS

/// Distributed Map `ItemReader`s served from the local object store, run end to end through the
/// executor (SPEC-NOTES.md §17.1), with the item shapes and causes AWS records.
@Suite struct ItemReaderTests {
    static let start = Date(timeIntervalSince1970: 1_704_456_000)

    /// A Distributed Map reading `reader` (with `extra` Map fields) whose iterations pass their input on.
    static func definition(reader: String, extra: String = "", jsonata: Bool = false) -> String {
        """
        {\(jsonata ? #""QueryLanguage": "JSONata","# : "") "StartAt": "Map", "States": {"Map": {
          "Type": "Map", "MaxConcurrency": 1, "ItemReader": \(reader), \(extra)
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}},
          "End": true}}}
        """
    }

    static func csvReader(_ config: String = #""CSVHeaderLocation": "FIRST_ROW""#) -> String {
        #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "#
            + config + #"}, "Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}}"#
    }

    static func run(_ definition: String, input: JSON, store: ObjectStore) async throws -> ExecutionResult {
        let analysis = DefinitionAnalyzer.analyze(SourceFile(path: "m.json", bytes: Array(definition.utf8)))
        let machine = try #require(analysis.machine, "\(analysis.diagnostics)")
        var handlers = HandlerRegistry()
        handlers.itemReader = S3ItemReader(store: store, seed: 1)
        let executor = try Executor(
            machine: machine, handlers: handlers, options: ExecutionOptions(clock: VirtualClock(start: start)))
        return await executor.run(input: input)
    }

    /// The Map's output, compact, or the execution's error and cause.
    static func outcome(_ definition: String, object: String, key: String = "file.csv", input: JSON? = nil)
        async throws -> String
    {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put(object, at: S3Location(parsing: "s3://bucket-name/\(key)"))
            let result = try await run(
                definition, input: input ?? ["Bucket": "bucket-name", "Key": .string(key)], store: store)
            if let output = result.output { return JSONWriter.compact(output) }
            return "\(result.error ?? "?"): \(result.cause ?? "")"
        }
    }

    // MARK: CSV

    /// The files and outputs of LocalStack's recordings (`test_base_scenarios.snapshot.json`).
    @Test(arguments: [
        (
            "Col1,Col2,Col3\nValue1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n",
            #"[{"Col1":"Value1","Col2":"Value2","Col3":"Value3"},{"Col1":"Value4","Col2":"Value5","Col3":"Value6"},"#
                + #"{"Col1":"","Col2":"","Col3":""},{"Col1":"true","Col2":"1","Col3":"'HelloWorld'"},"#
                + #"{"Col1":"Null","Col2":"None","Col3":""},{"Col1":"   ","Col2":"","Col3":""}]"#
        ),
        (
            "0,True,{}\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n",
            #"[{"0":"Value4","{}":"Value6","True":"Value5"},{"0":"","{}":"","True":""},"#
                + #"{"0":"true","{}":"'HelloWorld'","True":"1"},{"0":"Null","{}":"","True":"None"},"#
                + #"{"0":"   ","{}":"","True":""}]"#
        ),
        (
            "H1,\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n",
            #"[{"":"Value5","H1":"Value4"},{"":"","H1":""},{"":"1","H1":"true"},{"":"None","H1":"Null"},"#
                + #"{"":"","H1":"   "}]"#
        ),
    ])
    func csvFirstRowHeadersAsAWSRecordsThem(file: String, expected: String) async throws {
        #expect(try await Self.outcome(Self.definition(reader: Self.csvReader()), object: file) == expected)
    }

    @Test func csvGivenHeadersDropExtraFieldsAndRefuseDuplicates() async throws {
        let file = "Value1,Value2,Value3\nValue4,Value5,Value6\n"
        let given = Self.definition(reader: Self.csvReader(#""CSVHeaderLocation": "GIVEN", "CSVHeaders": ["H1"]"#))
        #expect(try await Self.outcome(given, object: file) == #"[{"H1":"Value1"},{"H1":"Value4"}]"#)
        let duplicate = Self.definition(
            reader: Self.csvReader(#""CSVHeaderLocation": "GIVEN", "CSVHeaders": ["H1", "H1"]"#))
        #expect(
            try await Self.outcome(duplicate, object: file)
                == "States.ItemReaderFailed: CSV headers cannot contain duplicates.")
    }

    @Test func csvQuotedFieldsEmptyLinesAndByteOrderMark() async throws {
        // BOM, CRLF, a quoted delimiter, a doubled quote, a quoted line break, an empty line.
        let file = "\u{FEFF}a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z\n"
        #expect(
            try await Self.outcome(Self.definition(reader: Self.csvReader()), object: file)
                == #"[{"a":"x,1","b":"say \"hi\""},{"a":"two\nlines","b":"z"}]"#)
        let open = "a\n\"never closed\n"
        #expect(
            try await Self.outcome(Self.definition(reader: Self.csvReader()), object: open)
                == "States.ItemReaderFailed: The CSV file has a quoted field starting on line 2 that is never closed")
    }

    /// Old Mac line breaks (`\r`), a quote inside an unquoted field (kept), text after a closing
    /// quote (kept), an empty quoted field, a last record without a line break.
    @Test func csvLenientCorners() async throws {
        let file = "a,b\rx\"y,\"q\"r\r\"\",z"
        #expect(
            try await Self.outcome(Self.definition(reader: Self.csvReader()), object: file)
                == #"[{"a":"x\"y","b":"qr"},{"a":"","b":"z"}]"#)
    }

    @Test(arguments: [("PIPE", "|"), ("SEMICOLON", ";"), ("TAB", "\t"), ("SPACE", " "), ("COMMA", ",")])
    func csvDelimiters(name: String, character: String) async throws {
        let file = ["k", "v"].joined(separator: character) + "\n" + ["1", "2"].joined(separator: character) + "\n"
        let definition = Self.definition(
            reader: Self.csvReader(#""CSVHeaderLocation": "FIRST_ROW", "CSVDelimiter": ""# + name + #"""#))
        // "v" comes before "k" in a Java HashMap (buckets 6 and 11).
        #expect(try await Self.outcome(definition, object: file) == #"[{"v":"2","k":"1"}]"#)
    }

    @Test func javaHashMapOrderMatchesTheRecordings() {
        #expect(JavaHashOrder.order(["0", "True", "{}"]) == [0, 2, 1])
        #expect(JavaHashOrder.order(["H1", ""]) == [1, 0])
        #expect(JavaHashOrder.order(["Col1", "Col2", "Col3"]) == [0, 1, 2])
        #expect(JavaHashOrder.hashCode("True") == 2_615_726)
    }

    // MARK: MaxItems

    @Test(arguments: [
        (#""MaxItems": 2"#, 2), (#""MaxItems": 0"#, 4), (#""MaxItems": 100000001"#, 4),
        (#""MaxItemsPath": "$.Max""#, 3),
    ])
    func maxItemsLimitsTheItems(config: String, count: Int) async throws {
        let file = "Col1\n1\n2\n3\n4\n"
        let definition = Self.definition(reader: Self.csvReader(#""CSVHeaderLocation": "FIRST_ROW", "# + config))
        let output = try await Self.outcome(
            definition, object: file, input: ["Bucket": "bucket-name", "Key": "file.csv", "Max": 3])
        let items = try JSONReader.read(output).value.arrayValue
        #expect(items?.count == count, "\(output)")
    }

    @Test func maxItemsPathFailuresAreAWSs() async throws {
        let definition = Self.definition(
            reader: Self.csvReader(#""CSVHeaderLocation": "FIRST_ROW", "MaxItemsPath": "$.Max""#))
        let negative = try await Self.outcome(
            definition, object: "a\n1\n", input: ["Bucket": "bucket-name", "Key": "file.csv", "Max": -1])
        #expect(negative == "States.ItemReaderFailed: field MaxItems must be positive")
        let fraction = try await Self.outcome(
            definition, object: "a\n1\n", input: ["Bucket": "bucket-name", "Key": "file.csv", "Max": 1.5])
        #expect(
            fraction
                == #"States.Runtime: An error occurred while executing the state 'Map' (entered at the event id #2). "#
                + #"The MaxItemsPath field refers to value "1.5" which is not a valid integer: $.Max"#)
    }

    // MARK: JSON, JSONL

    @Test func jsonArrayItemsKeepTheirKeyOrderAndAnObjectFails() async throws {
        let reader =
            #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "#
            + #""Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}}"#
        let file = #"[{"verdict": "true", "statement_date": "6/11/2008"}, 2, "three"]"#
        #expect(
            try await Self.outcome(Self.definition(reader: reader), object: file, key: "f.json")
                == #"[{"verdict":"true","statement_date":"6/11/2008"},2,"three"]"#)
        #expect(
            try await Self.outcome(Self.definition(reader: reader), object: #"{"Hello": "world"}"#, key: "f.json")
                == "States.ItemReaderFailed: Attempting to map over non-iterable node.")
    }

    @Test func itemsPointerSelectsTheArrayInsideAJSONObject() async throws {
        func reader(_ pointer: String) -> String {
            #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "ItemsPointer": ""#
                + pointer + #""}, "Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}}"#
        }
        let file = #"{"data": {"rows": [1, 2]}, "name": "n"}"#
        #expect(
            try await Self.outcome(Self.definition(reader: reader("/data/rows")), object: file, key: "f.json")
                == "[1,2]")
        #expect(
            try await Self.outcome(Self.definition(reader: reader("/name")), object: file, key: "f.json")
                == "States.ItemReaderFailed: Attempting to map over non-iterable node.")
        #expect(
            try await Self.outcome(Self.definition(reader: reader("/nope")), object: file, key: "f.json")
                .hasPrefix("States.ItemReaderFailed: ItemsPointer '/nope' selects nothing"))
    }

    @Test func jsonlReadsOneValuePerLineSkippingEmptyLines() async throws {
        let reader =
            #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"}, "#
            + #""Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}}"#
        #expect(
            try await Self.outcome(
                Self.definition(reader: reader), object: "{\"a\":1}\r\n\n[2]\n\"s\"", key: "f.jsonl")
                == #"[{"a":1},[2],"s"]"#)
        #expect(
            try await Self.outcome(Self.definition(reader: reader), object: "{\"a\":1}\n{oops\n", key: "f.jsonl")
                .hasPrefix("States.ItemReaderFailed: Line 2 of the JSONL file is not valid JSON"))
    }

    // MARK: Missing objects, Catch

    @Test func aMissingObjectIsItemReaderFailedThatCatchSees() async throws {
        let missing = try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            try store.put("x", at: S3Location(parsing: "s3://bucket-name/other"))
            let definition = Self.definition(
                reader: Self.csvReader(),
                extra: #""Catch": [{"ErrorEquals": ["States.ItemReaderFailed"], "Next": "Caught"}],"#
            ).replacingOccurrences(
                of: #""End": true}}}"#, with: #""End": true}, "Caught": {"Type": "Pass", "End": true}}}"#)
            let result = try await Self.run(
                definition, input: ["Bucket": "bucket-name", "Key": "nope.csv"], store: store)
            return try #require(result.output)
        }
        #expect(missing["Error"] == "States.ItemReaderFailed")
        #expect(
            missing["Cause"]?.stringValue?.hasPrefix(
                "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ") == true)
    }

    // MARK: listObjectsV2

    @Test func listObjectsV2ListsThePrefixWithAWSsItemShape() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            for key in ["in/a.txt", "in/b/c.txt", "out/d.txt"] {
                try store.put("hello world!", at: S3Location(parsing: "s3://bucket-name/\(key)"))
            }
            let reader =
                #"{"Resource": "arn:aws:states:::s3:listObjectsV2", "#
                + #""Parameters": {"Bucket.$": "$.Bucket", "Prefix": "in/"}}"#
            let result = try await Self.run(
                Self.definition(reader: reader), input: ["Bucket": "bucket-name"], store: store)
            let items = try #require(result.output?.arrayValue)
            #expect(items.map { $0["Key"] } == ["in/a.txt", "in/b/c.txt"])
            let first = try #require(items.first?.objectValue)
            #expect(first.keys == ["Etag", "LastModified", "Key", "Size", "StorageClass"])
            #expect(first["Etag"] == #""fc3ff98e8c6a0d3087d515c0473f8677""#)
            #expect(first["Size"] == 12 && first["StorageClass"] == "STANDARD")
            #expect(first["LastModified"]?.numberValue?.isInteger == true)
        }
    }

    // MARK: JSONata

    @Test func jsonataArgumentsAndMaxItems() async throws {
        let reader =
            #"{"Resource": "arn:aws:states:::s3:getObject", "#
            + #""ReaderConfig": {"InputType": "JSON", "MaxItems": "{% $states.input.max %}"}, "#
            + #""Arguments": {"Bucket": "{% $states.input.Bucket %}", "Key": "{% $states.input.Key %}"}}"#
        let output = try await Self.outcome(
            Self.definition(reader: reader, jsonata: true), object: "[1, 2, 3]", key: "f.json",
            input: ["Bucket": "bucket-name", "Key": "f.json", "max": 2])
        #expect(output == "[1,2]")
    }

    // MARK: MANIFEST, PARQUET

    @Test func manifestReadsTheInventoryCSVFiles() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let manifest = #"""
                {"sourceBucket": "src", "destinationBucket": "arn:aws:s3:::inventory",
                 "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size, LastModifiedDate",
                 "files": [{"key": "inv/data/one.csv"}, {"key": "inv/data/two.csv"}]}
                """#
            try store.put(manifest, at: S3Location(parsing: "s3://inventory/inv/manifest.json"))
            try store.put(
                "\"src\",\"a.txt\",\"12\",\"2024-01-05T12:00:00.000Z\"\n",
                at: S3Location(parsing: "s3://inventory/inv/data/one.csv"))
            try store.put(
                "\"src\",\"b.txt\",\"3\",\"2024-01-06T12:00:00.000Z\"\n",
                at: S3Location(parsing: "s3://inventory/inv/data/two.csv"))
            let reader =
                #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"}, "#
                + #""Parameters": {"Bucket": "inventory", "Key": "inv/manifest.json"}}"#
            let result = try await Self.run(Self.definition(reader: reader), input: [:], store: store)
            let output = try #require(result.output, "\(result.cause ?? "")")
            #expect(
                JSONWriter.compact(output)
                    == #"[{"LastModifiedDate":"2024-01-05T12:00:00.000Z","Bucket":"src","Size":"12","Key":"a.txt"},"#
                    + #"{"LastModifiedDate":"2024-01-06T12:00:00.000Z","Bucket":"src","Size":"3","Key":"b.txt"}]"#)
        }
    }

    @Test func parquetRowsAreItemsAcrossRowGroups() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let writer = try ParquetWriter(
                schema: ParquetSchema([
                    ParquetColumn("name", .string), ParquetColumn("count", .int64), ParquetColumn("ok", .boolean),
                ]))
            try writer.append(row: [.string("a"), .int64(1), .boolean(true)])
            try writer.flushRowGroup()
            try writer.append(row: [.string("b"), .null, .boolean(false)])
            _ = try writer.close()
            try store.put(writer.outputBytes, at: S3Location(parsing: "s3://bucket-name/t.parquet"))
            let reader =
                #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "PARQUET"}, "#
                + #""Parameters": {"Bucket": "bucket-name", "Key": "t.parquet"}}"#
            let result = try await Self.run(Self.definition(reader: reader), input: [:], store: store)
            let output = try #require(result.output, "\(result.cause ?? "")")
            #expect(
                JSONWriter.compact(output)
                    == #"[{"name":"a","count":1,"ok":true},{"name":"b","count":null,"ok":false}]"#)
        }
    }

    /// gzip members written by Python's `gzip.compress` (mtime 0): a dynamic-Huffman block of 40
    /// inventory rows, a stored block, a fixed-Huffman block.
    static let dynamicRows =
        "H4sIAAAAAAACA5XVu0oEQRCF4dzHmNhd65zqq89hZLasCoKRKz6/E0wVBYJWQ08yzB/NR5/t9nnd7reXy9fl4e394/UkIufr7Xt/J/tDYTkJ9vMEPors57x/8bzdbb9DHKH2WDJR8ih7iaUmSj1KADEtibRYWkZMayKtlo4a05ZI25GSjGlPpN3SOmM6EumwdLaYzkQ67a+qhhTyfwpxENESEpZglopETEhggmEqJWpCQhNMUxlRExKaYJoqoiYkNME01Ro1IaEJpqnOqAkJTTBNjVETEppgmlqLmpDQBNPUJWpiQhPFL4moiQlNNE29R01MaKJpGoiamNBE0zRq1MSEJpqmMaImJjTRNE1GTUxoommaLWpiQhNN05xRExOaaJq0LQ4OHZMuDo6Kz4YsLo7CZ6MvLo7SZ6MsLo6qzwYWF0eLz8ZYXBytPht1cXG0+WxwcXG0O4i5uDg6fDba4uLo9NnQPxfnB4tviCUyCQAA"
    static let storedRow =
        "H4sIAAAAAAAEAwEwAM//InNyYyIsInRpbnkudHh0IiwiMSIsIjIwMjQtMDItMDFUMDA6MDA6MDAuMDAwWiIKBkLLPDAAAAA="
    static let fixedRow = "H4sIAAAAAAACA1MqLkpW0lGq0CupKAHSpkBsZGBkomtgrGtgGGJgYAVGegYGBlFKXABL0sg8LQAAAA=="

    @Test func gunzipDecompressesEveryBlockTypeAndConcatenatedMembers() throws {
        let dynamic = try #require(Data(base64Encoded: Self.dynamicRows))
        let text = String(decoding: try Gunzip.decompress(Array(dynamic)), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 40)
        #expect(lines.first == #""src","data/file-000.csv","0","2024-01-01T12:00:00.000Z""#)
        #expect(lines.last == #""src","data/file-039.csv","443","2024-01-12T12:00:00.000Z""#)
        let stored = try #require(Data(base64Encoded: Self.storedRow))
        let fixed = try #require(Data(base64Encoded: Self.fixedRow))
        #expect(
            String(decoding: try Gunzip.decompress(Array(stored) + Array(fixed)), as: UTF8.self)
                == #""src","tiny.txt","1","2024-02-01T00:00:00.000Z""# + "\n"
                + #""src","x.txt","5","2024-03-01T00:00:00.000Z""# + "\n")
        #expect(throws: Gunzip.Failure.self) { try Gunzip.decompress(Array(dynamic.prefix(100))) }
        #expect(throws: Gunzip.Failure.self) { try Gunzip.decompress(Array("not gzip at all, no".utf8)) }
    }

    @Test func manifestReadsGzippedInventoryFiles() async throws {
        try await TemporaryDirectory.with { directory in
            let store = ObjectStore(dataDirectory: directory.url)
            let manifest = #"""
                {"destinationBucket": "arn:aws:s3:::inventory", "fileFormat": "CSV",
                 "fileSchema": "Bucket, Key, Size, LastModifiedDate",
                 "files": [{"key": "inv/data/a.csv.gz"}, {"key": "inv/data/b.csv.gz"}]}
                """#
            try store.put(manifest, at: S3Location(parsing: "s3://inventory/inv/manifest.json"))
            try store.put(
                Array(try #require(Data(base64Encoded: Self.dynamicRows))),
                at: S3Location(parsing: "s3://inventory/inv/data/a.csv.gz"))
            try store.put(
                Array(try #require(Data(base64Encoded: Self.fixedRow))),
                at: S3Location(parsing: "s3://inventory/inv/data/b.csv.gz"))
            let reader =
                #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"}, "#
                + #""Parameters": {"Bucket": "inventory", "Key": "inv/manifest.json"}}"#
            let result = try await Self.run(Self.definition(reader: reader), input: [:], store: store)
            let items = try #require(result.output?.arrayValue, "\(result.cause ?? "")")
            #expect(items.count == 41)
            #expect(items.last?["Key"] == "x.txt" && items.last?["Size"] == "5")
        }
    }

    /// AWS reads from the reader and ignores `ItemsPath`, even one that matches nothing (LocalStack
    /// recording `test_map_item_reader_base_json_with_items_path[INVALID_ITEMS_PATH]`).
    @Test(arguments: ["$.from_previous", "$[0]", "$.no_such_path_in_bucket_result"])
    func itemsPathIsIgnoredWithAReader(itemsPath: String) async throws {
        let reader =
            #"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "#
            + #""Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}}"#
        let definition = Self.definition(reader: reader, extra: #""ItemsPath": "\#(itemsPath)","#)
        let output = try await Self.outcome(
            definition, object: #"[["from-bucket-item-0"]]"#, key: "file.json",
            input: ["Bucket": "bucket-name", "Key": "file.json", "from_previous": ["from-previous-item-0"]])
        #expect(output == #"[["from-bucket-item-0"]]"#)
    }

    /// LocalStack recording `test_map_item_batching_base_json_max_per_batch_jsonata`: `MaxItems` 2
    /// applies before batching, so three items make one batch of two.
    @Test func theRecordedJSONataBatcherCase() async throws {
        let reader =
            #"{"ReaderConfig": {"InputType": "JSON", "MaxItems": 2}, "Resource": "arn:aws:states:::s3:getObject", "#
            + #""Arguments": {"Bucket": "{% $states.input.Bucket %}", "Key": "{% $states.input.Key %}"}}"#
        let batcher = #"""
            "ItemBatcher": {"MaxItemsPerBatch": "{% $states.input.MaxItemsPerBatch %}",
              "MaxInputBytesPerBatch": "{% $states.input.MaxInputBytesPerBatch %}",
              "BatchInput": {"BatchTimestamp": "{% $states.context.State.EnteredTime %}"}},
            """#
        let file = #"""
            [{"verdict": "true", "statement_date": "6/11/2008", "statement_source": "speech"},
             {"verdict": "false", "statement_date": "6/7/2022", "statement_source": "television"},
             {"verdict": "mostly-true", "statement_date": "5/18/2016", "statement_source": "news"}]
            """#
        let output = try await Self.outcome(
            Self.definition(reader: reader, extra: batcher, jsonata: true), object: file, key: "file.json",
            input: [
                "Bucket": "bucket-name", "Key": "file.json", "MaxItemsPerBatch": 2, "MaxInputBytesPerBatch": 150000,
            ])
        #expect(
            output
                == #"[{"BatchInput":{"BatchTimestamp":"2024-01-05T12:00:00.000Z"},"Items":[{"verdict":"true","#
                + #""statement_date":"6/11/2008","statement_source":"speech"},{"verdict":"false","#
                + #""statement_date":"6/7/2022","statement_source":"television"}]}]"#)
    }
}
