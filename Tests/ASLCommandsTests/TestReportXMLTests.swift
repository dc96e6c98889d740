import Foundation
import Testing

@testable import ASLCommands

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The JUnit report is well-formed XML whatever the names and messages hold.
@Suite struct TestReportXMLTests {
    /// Collects the `testcase` names and `failure` messages a parser reads back.
    final class Reader: NSObject, XMLParserDelegate {
        var names: [String] = []
        var messages: [String] = []

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if element == "testcase", let name = attributes["name"] { names.append(name) }
            if element == "failure", let message = attributes["message"] { messages.append(message) }
        }
    }

    @Test func hostileNamesAndMessagesReadBackFromTheXML() async throws {
        let name = "a <b> & \"c\" 'd' \u{1}\u{7} ✓ \u{10FFFF}"
        let machine = #"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E]]>\u0002", "Cause": "<x>&"}}}"#
        let cases = """
            [{"name": \(JSONText.quoted(name)), "expect": {"error": "other"}}, {"name": "ok", "expect": {"error": "E]]>\\u0002"}}]
            """
        let fake = FakeIO(files: [
            "m.asl.json": machine, "t.asl-test.json": #"{"definition": "m.asl.json", "cases": \#(cases)}"#,
        ])
        let code = await ASLMain.main(arguments: ["asl", "test", "t.asl-test.json", "--format", "junit"], io: fake.io)
        #expect(code == .failure)
        let parser = XMLParser(data: Data(fake.stdout.utf8))
        let reader = Reader()
        parser.delegate = reader
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))\n\(fake.stdout)")
        #expect(
            reader.names == [
                name.replacingOccurrences(of: "\u{1}", with: "\u{FFFD}").replacingOccurrences(
                    of: "\u{7}", with: "\u{FFFD}"), "ok",
            ])
        #expect(reader.messages == ["error differs"])
    }
}

/// JSON string literals for building test files.
enum JSONText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
