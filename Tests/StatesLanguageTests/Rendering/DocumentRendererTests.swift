import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// JSON and SARIF output, parsed back with Foundation so the test does not trust our own writer.
@Suite struct DocumentRendererTests {
    static func parse(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func jsonDocumentHasEveryField() throws {
        let output = JSONRenderer().render([
            DiagnosticReport(
                source: RenderingSamples.source,
                diagnostics: [RenderingSamples.unknownNext, RenderingSamples.unlocatedWarning])
        ])
        let document = try Self.parse(output)
        #expect(document["version"] as? Int == 1)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files[0]["path"] as? String == "Examples/x.json")
        let diagnostics = try #require(files[0]["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        let first = diagnostics[0]
        #expect(first["rule"] as? String == "ASL-E104")
        #expect(first["severity"] as? String == "error")
        #expect(first["message"] as? String == RenderingSamples.unknownNext.message)
        #expect(first["pointer"] as? String == "/States/Load/Next")
        #expect(first["line"] as? Int == 6)
        #expect(first["column"] as? Int == 15)
        #expect(first["fixIt"] as? String == #"use "Load""#)
        let notes = try #require(first["notes"] as? [[String: Any]])
        #expect(notes.first?["line"] as? Int == 4)
        #expect(notes.first?["pointer"] as? String == "/States/Load")
        let second = diagnostics[1]
        #expect(second["line"] is NSNull)
        #expect(second["fixIt"] is NSNull)
        #expect(second["pointer"] as? String == "")
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["warnings"] as? Int == 1)
    }

    @Test func jsonEscapesControlCharactersAndKeepsKeyOrder() throws {
        let source = SourceFile(path: "we\"ird\n.json", text: "{}")
        let diagnostic = Diagnostic(rule: "ASL-E001", severity: .error, message: "tab\there\u{1}", pointer: ["a/b"])
        let output = JSONRenderer(pretty: false).render([diagnostic], in: source)
        #expect(output.hasPrefix(#"{"version":1,"files":[{"path":"we\"ird\n.json","diagnostics":[{"rule":"ASL-E001""#))
        #expect(output.contains(#""message":"tab\there\u0001""#))
        #expect(output.contains(#""pointer":"/a~1b""#))
        let files = try #require(try Self.parse(output)["files"] as? [[String: Any]])
        #expect(files.first?["path"] as? String == "we\"ird\n.json")
    }

    @Test func emptyRunIsStillOneDocument() throws {
        let document = try Self.parse(JSONRenderer().render([]))
        #expect((document["files"] as? [Any])?.isEmpty == true)
    }

    @Test func sarifLogShape() throws {
        let output = SARIFRenderer(toolVersion: "9.9", ruleSummaries: ["ASL-E104": "Next names a state"]).render([
            DiagnosticReport(
                source: RenderingSamples.source,
                diagnostics: [RenderingSamples.unknownNext, RenderingSamples.unlocatedWarning]),
            DiagnosticReport(
                source: SourceFile(path: "/abs/dir with space/b.json", text: "{}"),
                diagnostics: [RenderingSamples.unlocatedWarning]),
        ])
        let log = try Self.parse(output)
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == SARIFRenderer.schemaURI)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = runs[0]
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "asl")
        #expect(driver["version"] as? String == "9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["ASL-E104", "ASL-W201"])
        #expect((rules[0]["shortDescription"] as? [String: Any])?["text"] as? String == "Next names a state")
        #expect((rules[1]["shortDescription"] as? [String: Any])?["text"] as? String == "Definition has no Comment")

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect(results.map { $0["level"] as? String } == ["error", "warning", "warning"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 1, 1])
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "Examples/x.json")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 6)
        #expect(region["startColumn"] as? Int == 15)
        let logical = try #require(location["logicalLocations"] as? [[String: Any]])
        #expect(logical.first?["fullyQualifiedName"] as? String == "/States/Load/Next")
        #expect((results[0]["relatedLocations"] as? [Any])?.count == 1)
        #expect((results[0]["properties"] as? [String: Any])?["fixIt"] as? String == #"use "Load""#)

        let unlocated = try #require((results[1]["locations"] as? [[String: Any]])?.first)
        #expect((unlocated["physicalLocation"] as? [String: Any])?["region"] == nil)
        let absolute = try #require((results[2]["locations"] as? [[String: Any]])?.first)
        let uri = ((absolute["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"]
        #expect(uri as? String == "file:///abs/dir%20with%20space/b.json")
    }

    @Test func sourceRootMakesRelativeURIsResolvable() throws {
        let renderer = SARIFRenderer(sourceRoot: "/home/me/proj")
        let log = try Self.parse(
            renderer.render([
                DiagnosticReport(source: RenderingSamples.source, diagnostics: [RenderingSamples.unlocatedWarning]),
                DiagnosticReport(
                    source: SourceFile(path: "/elsewhere/b.json", text: "{}"),
                    diagnostics: [RenderingSamples.unlocatedWarning]),
            ]))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let bases = try #require(run["originalUriBaseIds"] as? [String: Any])
        #expect((bases["%SRCROOT%"] as? [String: Any])?["uri"] as? String == "file:///home/me/proj/")
        let artifacts = try #require(run["results"] as? [[String: Any]]).map { result in
            ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: Any]
        }
        #expect(artifacts[0]?["uriBaseId"] as? String == "%SRCROOT%")
        #expect(artifacts[0]?["uri"] as? String == "Examples/x.json")
        #expect(artifacts[1]?["uriBaseId"] == nil)
    }

    struct ColumnCase: Sendable, CustomTestStringConvertible {
        var name: String
        var marked: String
        var utf8Column: Int
        var utf16Column: Int
        var testDescription: String { name }
    }

    static let columnCases: [ColumnCase] = [
        ColumnCase(name: "ascii", marked: #"{"a": 1️⃣1}"#, utf8Column: 7, utf16Column: 7),
        ColumnCase(name: "é is 2 bytes, 1 unit", marked: #"{"é": 1️⃣1}"#, utf8Column: 8, utf16Column: 7),
        ColumnCase(name: "日 is 3 bytes, 1 unit", marked: #"{"日": 1️⃣1}"#, utf8Column: 9, utf16Column: 7),
        ColumnCase(name: "🚀 is 4 bytes, 2 units", marked: #"{"🚀": 1️⃣1}"#, utf8Column: 10, utf16Column: 8),
        ColumnCase(name: "second line", marked: "{\n  \"ü\": 1️⃣1}", utf8Column: 9, utf16Column: 8),
    ]

    @Test(arguments: columnCases)
    func sarifColumnsAreUTF16(_ c: ColumnCase) throws {
        let marked = MarkedText(c.marked)
        let source = SourceFile(path: "f.json", text: marked.text)
        let offset = try #require(marked.offset(of: "1️⃣"))
        #expect(source.location(ofOffset: offset).column == c.utf8Column)
        let diagnostic = Diagnostic(rule: "ASL-E001", severity: .error, message: "m", pointer: .root, offset: offset)
        let log = try Self.parse(SARIFRenderer().render([diagnostic], in: source))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let location = try #require((result["locations"] as? [[String: Any]])?.first)
        let region = (location["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startColumn"] as? Int == c.utf16Column)
    }
}
