import JSONCore
import Testing

@testable import StatesLanguage

@Suite struct DiagnosticTextTests {
    static let e = "e\u{301}"  // "é" as two scalars: one character, two scalars

    @Test(arguments: [
        ("Load", "Load"),
        ("", ""),
        (String(repeating: "a", count: 80), String(repeating: "a", count: 80)),
        (String(repeating: "a", count: 81), String(repeating: "a", count: 79) + "…"),
        (String(repeating: "a", count: 5_000), String(repeating: "a", count: 79) + "…"),
        // 50 characters of two scalars each are 100 scalars: cut inside the 40th character.
        (String(repeating: e, count: 50), String(repeating: e, count: 39) + "e…"),
        (String(repeating: "🙂", count: 81), String(repeating: "🙂", count: 79) + "…"),
        // Control characters are kept for the renderers to escape.
        ("a\u{1B}[2J", "a\u{1B}[2J"),
    ])
    func namesAreCappedAtEightyScalars(input: String, expected: String) {
        #expect(DiagnosticText.name(input) == expected)
        #expect(DiagnosticText.quoted(input) == "\"" + expected + "\"")
        #expect(DiagnosticText.name(input).unicodeScalars.count <= DiagnosticText.maximumNameLength)
    }

    @Test func terminalTextFollowsTheSamePolicy() {
        #expect(TerminalText.maximumNameLength == DiagnosticText.maximumNameLength)
        let combining = String(repeating: Self.e, count: 50)
        #expect(TerminalText.name(combining) == DiagnosticText.name(combining))
    }

    @Test func unresolvedReferencesQuoteCappedNames() {
        let long = String(repeating: "n", count: 5_000)
        let reference = UnresolvedReferences.Reference(
            stateName: long, field: "Next", target: long, pointer: JSONPointer.root / "States" / "A" / "Next")
        let text = reference.description
        #expect(text.contains("state " + DiagnosticText.quoted(long) + ": Next names " + DiagnosticText.quoted(long)))
        #expect(text.unicodeScalars.count < 300)
    }
}
