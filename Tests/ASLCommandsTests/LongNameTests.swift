import ASLCommands
import JSONCore
import Testing

/// A 5,000-character state name, Next target, error name, resource or field name is quoted in
/// every validator message as its first 79 Unicode scalars and `…` (`DiagnosticText`), in the
/// text and the JSON format alike; the JSON `pointer` keeps the whole name, to locate the value.
@Suite struct LongNameTests {
    static let long = 5_000

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The long text the definition holds.
        var text: String
        /// The definition, with the long text in it.
        var definition: String
        /// A rule (prefix) that must report it.
        var rule: String
        /// `asl validate`'s exit code: errors fail, a warning alone does not.
        var exit: ExitCode = .failure
        var testDescription: String { name }
    }

    static let lambda = "arn:aws:lambda:us-east-1:123456789012:function:f"

    static let cases: [Case] = {
        let state = String(repeating: "S", count: long)
        let target = String(repeating: "T", count: long)
        let error = "States." + String(repeating: "E", count: long)
        let resource = "arn:aws:lambda:us-east-1:123456789012:" + String(repeating: "r", count: long)
        let field = String(repeating: "F", count: long)
        let key = String(repeating: "K", count: long)
        let percentage = "1" + String(repeating: "0", count: long - 1)
        let function = String(repeating: "f", count: long)
        let duplicate = String(repeating: "D", count: long)
        let branch = #"{"StartAt": "\#(duplicate)", "States": {"\#(duplicate)": {"Type": "Pass", "End": true}}}"#
        return [
            Case(
                name: "state name", text: state,
                definition: #"{"StartAt": "\#(state)", "States": {"\#(state)": {"Type": "Pass", "End": true}}}"#,
                rule: "ASL-E"),
            Case(
                name: "Next target", text: target,
                definition: #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "\#(target)"}}}"#,
                rule: "ASL-E"),
            Case(
                name: "error name", text: error,
                definition: #"""
                    {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "\#(lambda)", "End": true,
                      "Retry": [{"ErrorEquals": ["\#(error)"], "MaxAttempts": 2}]}}}
                    """#,
                rule: "ASL-W", exit: .success),
            Case(
                name: "resource", text: resource,
                definition:
                    #"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "\#(resource)", "End": true}}}"#,
                rule: "ASL-E"),
            Case(
                name: "field name", text: field,
                definition: #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "\#(field)": 1}}}"#,
                rule: "ASL-E"),
            Case(
                name: "template key (fix-it)", text: key,
                definition:
                    #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {"\#(key)": "$.x"}}}}"#,
                rule: "ASL-W", exit: .success),
            Case(
                name: "number literal", text: percentage,
                definition: #"""
                    {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ToleratedFailurePercentage": \#(percentage),
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
                    """#,
                rule: "ASL-"),
            Case(
                name: "path function name", text: function,
                definition:
                    #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "InputPath": "$.\#(function)("}}}"#,
                rule: "ASL-E"),
            Case(
                name: "duplicate state name (note)", text: duplicate,
                definition: #"""
                    {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [\#(branch), \#(branch)]}}}
                    """#,
                rule: "ASL-E"),
        ]
    }()

    /// The quoted form: 79 scalars and `…`.
    static func capped(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(79))
        return String(scalars) + "…"
    }

    /// Longest message any of these definitions may produce: the fixed words and a few names.
    static let maximumMessageLength = 600

    @Test(arguments: cases)
    func textMessagesQuoteTheCappedName(_ testCase: Case) async {
        let fake = FakeIO(files: ["m.json": testCase.definition])
        let code = await ASLMain.main(arguments: ["asl", "validate", "m.json", "--format", "text"], io: fake.io)
        #expect(code == testCase.exit)
        let output = fake.stdout + fake.stderr
        // The header line of each diagnostic: `m.json:1:2: error[ASL-E104]: message`.
        let headers = output.split(separator: "\n").filter { $0.hasPrefix("m.json:") && $0.contains("[ASL-") }
        #expect(!headers.isEmpty)
        for header in headers {
            #expect(header.unicodeScalars.count < Self.maximumMessageLength, "\(header.prefix(200))")
        }
        #expect(headers.contains { $0.contains(Self.capped(testCase.text)) && $0.contains(testCase.rule) })
    }

    @Test(arguments: cases)
    func jsonMessagesQuoteTheCappedNameAndKeepThePointer(_ testCase: Case) async throws {
        let fake = FakeIO(files: ["m.json": testCase.definition])
        let code = await ASLMain.main(arguments: ["asl", "validate", "m.json", "--format", "json"], io: fake.io)
        #expect(code == testCase.exit)
        let document = try JSONReader.read(fake.stdout).value
        let diagnostics = try #require(document["files"]?[0]?["diagnostics"]?.arrayValue)
        #expect(!diagnostics.isEmpty)
        var texts: [String] = []
        for diagnostic in diagnostics {
            let message = try #require(diagnostic["message"]?.stringValue)
            texts.append(message)
            for note in diagnostic["notes"]?.arrayValue ?? [] {
                texts.append(note["message"]?.stringValue ?? "")
            }
            texts.append(diagnostic["fixIt"]?.stringValue ?? "")
        }
        for text in texts {
            #expect(text.unicodeScalars.count < Self.maximumMessageLength, "\(text.prefix(200))")
        }
        #expect(texts.contains { $0.contains(Self.capped(testCase.text)) })
        // The pointer still locates the value: for names that are keys, it holds the whole name.
        if testCase.name == "state name" || testCase.name == "field name" {
            let pointers = diagnostics.compactMap { $0["pointer"]?.stringValue }
            #expect(pointers.contains { $0.contains(testCase.text) })
        }
    }
}
