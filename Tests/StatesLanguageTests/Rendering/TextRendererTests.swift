import JSONCore
import StatesTestSupport
import Testing

@testable import StatesLanguage

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

    /// A file refused from its size is never read: an excerpt of no bytes would print an empty
    /// "1 |" line with a caret, so the fix-it gets its own line instead.
    @Test func aSourceWithoutBytesHasNoExcerpt() throws {
        let tooLarge = try #require(DefinitionAnalyzer.sizeDiagnostic(byteCount: 50_000_000))
        let output = TextRenderer().render([tooLarge], in: SourceFile(path: "big.json", bytes: []))
        #expect(
            output == """
                big.json:1:1: error[ASL-E002]: \(tooLarge.message)
                  fix-it: \(tooLarge.fixIt ?? "")

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

    @Test(arguments: [
        // (line, caret index, width) → expected (line, prefix)
        ("abcdefghij", 5, 20, "abcdefghij", "abcde"),
        ("abcdefghij", 5, 6, "…defghi…", "…de"),
        ("abcdefghij", 0, 6, "abcdef…", ""),
        ("abcdefghij", 10, 6, "…efghij", "…efghij"),
        ("abcdefghij", 9, 6, "…efghij", "…efghi"),
    ])
    func longLinesAreWindowed(line: String, caret: Int, width: Int, shown: String, prefix: String) {
        let result = TextRenderer.window(line: line, prefix: String(line.prefix(caret)), width: width)
        #expect(result.line == shown)
        #expect(result.prefix == prefix)
    }

    @Test func minifiedDefinitionShowsAWindow() throws {
        let filler = String(repeating: #""k": 1, "#, count: 40)
        let marked = MarkedText("{" + filler + #""Next": 1️⃣"Lod"}"#)
        let source = SourceFile(path: "min.json", text: marked.text)
        let offset = try #require(marked.offset(of: "1️⃣"))
        let diagnostic = Diagnostic(rule: "ASL-E104", severity: .error, message: "m", pointer: .root, offset: offset)
        let lines = TextRenderer(maximumExcerptWidth: 30).render([diagnostic], in: source)
            .split(separator: "\n")
        try #require(lines.count == 3)
        #expect(lines[1].hasPrefix("1 | …"))
        #expect(lines[1].hasSuffix(#""Next": "Lod"}"#))
        let caretColumn = try #require(lines[2].firstIndex(of: "^"))
        let quoteColumn = try #require(lines[1].range(of: #""Lod""#)?.lowerBound)
        #expect(
            lines[2].distance(from: lines[2].startIndex, to: caretColumn)
                == lines[1].distance(from: lines[1].startIndex, to: quoteColumn))
    }

    /// A one-line definition of mixed one- to four-byte characters, 4,000 characters long.
    static let longMixedLine: String = {
        let unit = "ab\u{E9}c\u{6F22}d\u{1F600}e\\t"
        return String(repeating: unit, count: 400)
    }()

    @Test(arguments: [0, 1, 2, 50, 700, 701, 702, 703, 2_000, 3_990, 4_000])
    func longLineExcerptIsTheWholeLineWindow(caretCharacter: Int) throws {
        let line = Self.longMixedLine
        let prefix = String(line.prefix(caretCharacter))
        let source = SourceFile(path: "min.json", text: line)
        let diagnostic = Diagnostic(
            rule: "ASL-E001", severity: .error, message: "m", pointer: .root, offset: prefix.utf8.count)
        let lines = TextRenderer(maximumExcerptWidth: 40).render([diagnostic], in: source)
            .split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count >= 3)
        let whole = TextRenderer.window(line: line, prefix: prefix, width: 40)
        #expect(lines[1] == "1 | " + whole.line)
        #expect(lines[2] == "  | " + TextRenderer.caretPadding(whole.prefix) + "^")
    }

    @Test(arguments: [0, 2, 80, 82, 500_000, 999_918, 999_920, 1_000_000])
    func excerptDecodesOnlyBytesNearTheCaret(caretByte: Int) {
        // "\u{E9}" is two bytes and the radius odd: an end that lands inside one moves inward.
        let source = SourceFile(path: "min.json", text: String(repeating: "\u{E9}", count: 500_000))
        let radius = 81
        let piece = source.lineExcerpt(line: 1, column: caretByte + 1, radius: radius)
        #expect(piece.text.utf8.count <= 2 * radius)
        #expect(piece.text.hasPrefix(piece.prefix))
        #expect(!piece.text.contains("\u{FFFD}"))
        #expect(piece.cutBefore == (caretByte > radius))
        #expect(piece.cutAfter == (caretByte < 1_000_000 - radius))
    }

    @Test func emptyLineHasNoTrailingSpace() {
        let source = SourceFile(path: "e.json", text: "{\n\n")
        let diagnostic = Diagnostic(rule: "ASL-E001", severity: .error, message: "m", pointer: .root, offset: 2)
        #expect(TextRenderer().render([diagnostic], in: source).contains("\n2 |\n  | ^\n"))
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
