import Foundation
import JSONCore
import Testing

@testable import StatesRuntime

/// The map run's fast encodings give exactly JSONWriter's bytes (SPEC-NOTES.md §17.5).
@Suite struct CompactEncodingTests {
    static let values: [String] = [
        "null", "true", "false", "0", "-1.50e3", #""""#, #""plain""#, #""q\"uo\\te""#,
        #""\n\t\r\b\f\u0001\u001f""#, #""é 漢 😀 \u2028""#, "[]", "{}", #"[1,"a",[null,{}]]"#,
        #"{"a":1,"b":{"c":[true,"x\"y"]},"":""}"#,
        #"{"id":"7","user":"user-7","amount":"7.7","country":"US","note":"a, b"}"#,
    ]

    @Test(arguments: values) func byteCountIsTheWritersLength(_ text: String) throws {
        let value = try JSONReader.read(Array(text.utf8)).value
        #expect(CompactEncoding.byteCount(value) == JSONWriter.compactBytes(value).count)
    }

    /// The one-pass quoting of a value's compact text is the writer's text quoted by the writer.
    @Test(arguments: values) func quotedCompactBytesAreTheWritersQuoting(_ text: String) throws {
        let value = try JSONReader.read(Array(text.utf8)).value
        var expected: [UInt8] = []
        JSONWriter.appendQuoted(JSONWriter.compactBytes(value), to: &expected)
        #expect(CompactEncoding.quotedCompactBytes(value) == expected)
    }

    /// Nesting past the fast paths' depth takes the general ones, with the same bytes.
    @Test func deepNestingTakesTheGeneralPaths() {
        var value: JSON = ["k": "q\"\\\u{1}"]
        for level in 0..<(CompactEncoding.maximumFastDepth + 5) {
            value = level.isMultiple(of: 2) ? .array([value, 1]) : ["x": value]
        }
        var expected: [UInt8] = []
        JSONWriter.appendQuoted(JSONWriter.compactBytes(value), to: &expected)
        #expect(CompactEncoding.quotedCompactBytes(value) == expected)
        #expect(CompactEncoding.byteCount(value) == JSONWriter.compactBytes(value).count)
    }

    static func record(status: ChildExecutionRecord.Status, input: String, output: String?) throws
        -> ChildExecutionRecord
    {
        ChildExecutionRecord(
            name: "n\"ame", executionArn: "arn:aws:states:us-east-1:1:express:m/L:n:n",
            stateMachineArn: "arn:aws:states:us-east-1:1:stateMachine:m/L",
            input: try JSONReader.read(Array(input.utf8)).value, status: status,
            output: try output.map { try JSONReader.read(Array($0.utf8)).value },
            error: status == .failed ? "Err" : nil, cause: status == .failed ? "a \"cause\"\n" : nil,
            startDate: Date(timeIntervalSince1970: 1_704_067_200.123),
            stopDate: Date(timeIntervalSince1970: 1_704_067_201))
    }

    @Test(arguments: [
        (
            ChildExecutionRecord.Status.succeeded, #"{"Items":[{"a":"x\"y\\z"}]}"#,
            #"{"Items":[{"a":"x\"y\\z"}]}"# as String?
        ),
        (.succeeded, #"[1,2]"#, #"{"other":"\n"}"#),
        (.failed, #"{"k":"v"}"#, nil),
        (.aborted, #""s""#, nil),
        (.timedOut, "3", nil),
    ])
    func metadataEntryIsTheWritersBytes(status: ChildExecutionRecord.Status, input: String, output: String?) throws {
        let record = try Self.record(status: status, input: input, output: output)
        #expect(
            CompactEncoding.metadataEntry(record) == JSONWriter.compactBytes(WriterConfig.metadataEntry(record)))
    }
}
