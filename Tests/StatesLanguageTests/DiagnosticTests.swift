import JSONCore
import StatesLanguage
import Testing

@Suite struct DiagnosticLocationTests {
    @Test func locatesKeyOrValueAndFallsBackToAncestor() {
        var map = SourceMap()
        map.record(["States"], .init(keyOffset: 2, valueOffset: 12))
        map.record(["States", "A"], .init(keyOffset: 14, valueOffset: 19))
        let onKey = Diagnostic(
            rule: "ASL-E000", severity: .error, message: "m", pointer: ["States", "A"], anchor: .key)
        #expect(onKey.located(with: map).offset == 14)
        let missing = Diagnostic(rule: "ASL-E000", severity: .error, message: "m", pointer: ["States", "A", "X"])
        #expect(missing.located(with: map).offset == 19)
    }
}
