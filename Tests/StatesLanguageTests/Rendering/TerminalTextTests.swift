import Testing

@testable import StatesLanguage

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a\nb\rc\td", #"a\nb\rc\td"#),
        ("\u{1B}[2J\u{07}\u{00}\u{7F}", #"\u{1B}[2J\u{7}\u{0}\u{7F}"#),
        ("8-bit CSI \u{9B}31m", #"8-bit CSI \u{9B}31m"#),
        ("bidi \u{202E}txt\u{2066}", #"bidi \u{202E}txt\u{2066}"#),
        ("é 日本 🙂", "é 日本 🙂"),
    ])
    func escapesEveryControlCharacter(input: String, expected: String) {
        #expect(TerminalText.escaped(input) == expected)
    }

    @Test func tabsCanBeKeptForExcerpts() {
        #expect(TerminalText.escaped("\tx\u{1B}", keepingTabs: true) == "\tx\\u{1B}")
    }

    @Test func namesAreCappedAtEightyCharacters() {
        #expect(TerminalText.name(String(repeating: "a", count: 80)) == String(repeating: "a", count: 80))
        #expect(TerminalText.name(String(repeating: "a", count: 81)) == String(repeating: "a", count: 79) + "…")
        #expect(TerminalText.name("\n") == #"\n"#)
    }

    @Test func longMessagesKeepTheirStartAndEnd() {
        let message = String(repeating: "a", count: 3_000) + "END"
        let shown = TerminalText.message(message)
        #expect(shown.count == TerminalText.maximumMessageLength + 1)
        #expect(shown.hasSuffix("END"))
        #expect(shown.contains("…"))
    }
}
