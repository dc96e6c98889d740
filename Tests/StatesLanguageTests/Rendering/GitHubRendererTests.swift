import JSONCore
import StatesLanguage
import Testing

@Suite struct GitHubRendererTests {
    @Test func workflowCommandPerDiagnostic() {
        var located = RenderingSamples.unknownNext
        located.notes = []
        located.fixIt = nil
        let output = GitHubRenderer().render(
            [located, RenderingSamples.unlocatedWarning], in: RenderingSamples.source)
        #expect(
            output == """
                ::error file=Examples/x.json,line=6,col=15,title=ASL-E104::\(located.message)
                ::warning file=Examples/x.json,title=ASL-W201::Definition has no Comment

                """)
    }

    @Test func notesBecomeNotices() {
        let note = Diagnostic(rule: "ASL-N001", severity: .note, message: "fyi", pointer: .root)
        #expect(GitHubRenderer().render([note], in: RenderingSamples.source).hasPrefix("::notice "))
    }

    struct EscapeCase: Sendable, CustomTestStringConvertible {
        var input: String
        var data: String
        var property: String
        var testDescription: String { input.debugDescription }
    }

    static let escapeCases: [EscapeCase] = [
        EscapeCase(input: "100%", data: "100%25", property: "100%25"),
        // Line breaks inside a text (a decoded "\n" in a state name) are shown as escapes, so
        // only the renderer's own breaks (before fix-its and notes) become %0A.
        EscapeCase(input: "a\nb\r\nc", data: #"a\nb\r\nc"#, property: #"a\nb\r\nc"#),
        EscapeCase(input: "\u{1B}[2J\u{07}", data: #"\u{1B}[2J\u{7}"#, property: #"\u{1B}[2J\u{7}"#),
        EscapeCase(input: "x:1,y", data: "x:1,y", property: "x%3A1%2Cy"),
        EscapeCase(input: "%0A", data: "%250A", property: "%250A"),
    ]

    @Test(arguments: escapeCases)
    func escaping(_ c: EscapeCase) {
        let source = SourceFile(path: c.input, text: "{}")
        let diagnostic = Diagnostic(rule: "ASL-E001", severity: .error, message: c.input, pointer: .root)
        let output = GitHubRenderer().render([diagnostic], in: source)
        #expect(output == "::error file=\(c.property),title=ASL-E001::\(c.data)\n")
    }

    @Test func fixItAndNotesFollowOnEscapedLines() {
        let output = GitHubRenderer().render([RenderingSamples.unknownNext], in: RenderingSamples.source)
        #expect(output.hasSuffix(#"%0Afix-it: use "Load"%0Anote: "Load" is defined here"# + "\n"))
    }
}
