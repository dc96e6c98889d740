import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

@Suite struct TextRendererTests {
    @Test func errorWithExcerptFixItAndNote() {
        let output = TextRenderer().render([RenderingSamples.unknownNext], in: RenderingSamples.source)
        let expected = """
            Examples/x.json:6:15: error[ASL-E104]: State "Load" has Next "Lod", which is not a state in this scope \
            (did you mean "Load"?)
              at /States/Load/Next
            6 |       "Next": "Lod"
              |               ^ use "Load"
            Examples/x.json:4:5: note: "Load" is defined here

            """
        #expect(output == expected)
    }

    @Test func withoutExcerptTheFixItHasItsOwnLine() {
        var diagnostic = RenderingSamples.unknownNext
        diagnostic.notes = []
        let output = TextRenderer(showsExcerpt: false).render([diagnostic], in: RenderingSamples.source)
        #expect(
            output == """
                Examples/x.json:6:15: error[ASL-E104]: \(diagnostic.message)
                  at /States/Load/Next
                  fix-it: use "Load"

                """)
    }

    @Test func diagnosticWithoutOffsetHasNoLineColumnOrExcerpt() {
        let output = TextRenderer().render([RenderingSamples.unlocatedWarning], in: RenderingSamples.source)
        #expect(output == "Examples/x.json: warning[ASL-W201]: Definition has no Comment\n")
    }

    struct CaretCase: Sendable, CustomTestStringConvertible {
        var name: String
        var marked: String
        /// The excerpt's two lines for the diagnostic at 1️⃣.
        var excerpt: String
        var testDescription: String { name }
    }

    static let caretCases: [CaretCase] = [
        CaretCase(name: "ascii", marked: #"{"a": 1️⃣1}"#, excerpt: "1 | {\"a\": 1}\n  |       ^\n"),
        CaretCase(
            name: "two-byte UTF-8 before the column", marked: #"{"é": 1️⃣1}"#,
            excerpt: "1 | {\"é\": 1}\n  |       ^\n"),
        CaretCase(
            name: "wide CJK characters take two cells", marked: #"{"日本": 1️⃣1}"#,
            excerpt: "1 | {\"日本\": 1}\n  |          ^\n"),
        CaretCase(
            name: "emoji takes two cells", marked: #"{"🚀": 1️⃣1}"#,
            excerpt: "1 | {\"🚀\": 1}\n  |        ^\n"),
        CaretCase(
            name: "tabs are kept", marked: "{\n\t\"a\":\t1️⃣1}",
            excerpt: "2 | \t\"a\":\t1}\n  | \t    \t^\n"),
        CaretCase(
            name: "CRLF line breaks", marked: "{\r\n  \"a\": 1️⃣1\r\n}",
            excerpt: "2 |   \"a\": 1\n  |        ^\n"),
        CaretCase(
            name: "wider gutter on line 10", marked: String(repeating: "\n", count: 9) + "  1️⃣x",
            excerpt: "10 |   x\n   |   ^\n"),
    ]

    @Test(arguments: caretCases)
    func caretSitsUnderTheColumn(_ c: CaretCase) throws {
        let marked = MarkedText(c.marked)
        let offset = try #require(marked.offset(of: "1️⃣"))
        let source = SourceFile(path: "f.json", text: marked.text)
        let diagnostic = Diagnostic(rule: "ASL-E001", severity: .error, message: "m", pointer: .root, offset: offset)
        let output = TextRenderer().render([diagnostic], in: source)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count >= 3)
        #expect(lines[1...2].joined(separator: "\n") + "\n" == c.excerpt)
    }

    @Test func colourOnlyWhenAsked() {
        let plain = TextRenderer(usesColor: false).render([RenderingSamples.unknownNext], in: RenderingSamples.source)
        let coloured = TextRenderer(usesColor: true).render([RenderingSamples.unknownNext], in: RenderingSamples.source)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;31merror[ASL-E104]:\u{1B}[0m"))
        let warning = TextRenderer(usesColor: true).render(
            [RenderingSamples.unlocatedWarning], in: RenderingSamples.source)
        #expect(warning.contains("\u{1B}[1;33mwarning[ASL-W201]:"))
    }

    @Test func severalFilesConcatenate() {
        let other = SourceFile(path: "b.json", text: "{}")
        let output = TextRenderer().render([
            DiagnosticReport(source: RenderingSamples.source, diagnostics: [RenderingSamples.unlocatedWarning]),
            DiagnosticReport(source: other, diagnostics: [RenderingSamples.unlocatedWarning]),
        ])
        #expect(output.hasPrefix("Examples/x.json: warning"))
        #expect(output.contains("\nb.json: warning"))
    }

    @Test func countsDescribeThemselves() {
        var counts = DiagnosticCounts([RenderingSamples.unknownNext, RenderingSamples.unknownNext])
        counts.add(.warning)
        #expect(counts.description == "2 errors, 1 warning")
        #expect(DiagnosticCounts().description == "no problems")
    }
}
