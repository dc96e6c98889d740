import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// Diagnostics located against the source: markers state where each one must point (the key
/// for unknown and misplaced fields, the value otherwise).
@Suite struct DefinitionLocationTests {
    static func analyze(_ source: SourceFile) -> [Diagnostic] {
        guard let document = try? JSONReader.read(source.bytes) else { return [] }
        return DefinitionParser.parse(document.value).diagnostics.map { $0.located(with: document.sourceMap) }
    }

    @Test func pointsAtKeysAndValues() {
        assertDiagnostics(
            #"""
            {"StartAt": "Load", "States": {
              "Load": {"Type": "Pass", 1️⃣"Reslt": 1, "Next": 2️⃣"Lod"},
              "Done": {"Type": 3️⃣"Succed", "ResultPath": "$"}
            }}
            """#,
            [
                DiagnosticSpec("1️⃣", rule: "ASL-E101", message: #"did you mean "Result"?"#),
                DiagnosticSpec("2️⃣", rule: "ASL-E104", message: #"did you mean "Load"?"#),
                DiagnosticSpec("3️⃣", rule: "ASL-E109", message: #"did you mean "Succeed"?"#),
            ],
            analyze: Self.analyze)
    }

    @Test func misplacedFieldPointsAtItsKey() {
        assertDiagnostics(
            #"""
            {"StartAt": "Done", "States": {"Done": {"Type": "Succeed", 1️⃣"ResultPath": "$"}}}
            """#,
            [
                DiagnosticSpec(
                    "1️⃣", rule: "ASL-E102", message: .exact(#"Field "ResultPath" is not supported in a Succeed state"#))
            ],
            analyze: Self.analyze)
    }
}
