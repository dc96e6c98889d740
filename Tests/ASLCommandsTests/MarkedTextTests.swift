import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

@Suite struct MarkedTextTests {
    @Test func stripsMarkersAndRecordsByteOffsets() {
        let marked = MarkedText(#"{"é": 1️⃣1, "b": 2️⃣[3️⃣]}"#)
        #expect(marked.text == #"{"é": 1, "b": []}"#)
        #expect(marked.offset(of: "1️⃣") == 7)
        #expect(marked.offset(of: "2️⃣") == 15)
        #expect(marked.offset(of: "3️⃣") == 16)
        #expect(marked.offset(of: "4️⃣") == nil)
        #expect(marked.marker(at: 15) == "2️⃣")
        #expect(marked.repeatedMarkers.isEmpty)
    }

    @Test func repeatedMarkerIsNoted() {
        #expect(MarkedText("1️⃣a1️⃣").repeatedMarkers == ["1️⃣"])
    }

    static let source = #"{"StartAt": 1️⃣"A", "States": {2️⃣"A": {"Type": "Pass", "Next": 3️⃣"B"}}}"#

    static func problems(_ expected: [DiagnosticSpec], _ actual: (MarkedText) -> [Diagnostic]) -> [String] {
        let marked = MarkedText(source)
        return DiagnosticComparison.problems(
            marked: marked, source: SourceFile(path: "t.json", text: marked.text), expected: expected,
            actual: actual(marked))
    }

    static func diagnostic(_ rule: RuleID, _ marker: String, in marked: MarkedText, message: String = "m")
        -> Diagnostic
    {
        Diagnostic(rule: rule, severity: .error, message: message, pointer: .root, offset: marked.offset(of: marker))
    }

    @Test func matchingDiagnosticsPass() {
        let problems = Self.problems([DiagnosticSpec("3️⃣", rule: "ASL-E104", severity: .error, message: "not a state")])
        { marked in [Self.diagnostic("ASL-E104", "3️⃣", in: marked, message: "B is not a state")] }
        #expect(problems.isEmpty)
    }

    @Test func reportsEveryKindOfDifference() {
        let problems = Self.problems([
            DiagnosticSpec("3️⃣", rule: "ASL-E104"),
            DiagnosticSpec("1️⃣", rule: "ASL-E100", severity: .warning, message: .exact("x")),
            DiagnosticSpec("9️⃣", rule: "ASL-E100"),
        ]) { marked in
            [
                Self.diagnostic("ASL-E104", "2️⃣", in: marked),
                Self.diagnostic("ASL-E100", "1️⃣", in: marked, message: "y"),
                Self.diagnostic("ASL-E200", "3️⃣", in: marked),
            ]
        }
        #expect(
            problems == [
                "expected ASL-E104 at 3️⃣ (1:59); ASL-E104 was reported at 2️⃣ (1:29); at 3️⃣ found ASL-E200",
                "ASL-E100 at 1️⃣: expected severity warning, got error",
                "ASL-E100 at 1️⃣: expected the message \"x\", got \"y\"",
                "marker 9️⃣ does not occur in the source",
                "unexpected ASL-E104 (error) at 2️⃣ (1:29): m",
                "unexpected ASL-E200 (error) at 3️⃣ (1:59): m",
            ])
    }

    @Test func assertDiagnosticsRunsTheAnalysis() {
        let diagnostics = assertDiagnostics(Self.source, [DiagnosticSpec("2️⃣", rule: "ASL-E001")]) { source in
            [Diagnostic(rule: "ASL-E001", severity: .error, message: "m", pointer: .root, offset: 28)]
        }
        #expect(diagnostics.count == 1)
    }
}
