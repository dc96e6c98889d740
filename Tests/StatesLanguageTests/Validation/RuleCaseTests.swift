import JSONCore
import StatesLanguage
import Testing

/// Every validator rule on at least one definition that breaks it and one that does not,
/// asserting the rule id and the pointers it reports. Each definition must parse without a
/// parser diagnostic, so the case exercises the validator alone.
@Suite struct RuleCaseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let rule: RuleID
        let definition: JSON
        /// Pointers the rule must report, in order; empty for a passing definition.
        let expected: [String]
        let options: ValidationOptions

        init(
            _ name: String, rule: RuleID, _ definition: JSON, expect expected: [String],
            options: ValidationOptions = .init()
        ) {
            self.name = name
            self.rule = rule
            self.definition = definition
            self.expected = expected
            self.options = options
        }

        var testDescription: String { name }
    }

    static let cases: [Case] =
        graphCases + retryCases + fieldCases + resourceCases

    @Test(arguments: cases) func rule(_ testCase: Case) throws {
        let run = try ValidationRun(testCase.definition, options: testCase.options)
        #expect(
            run.parserDiagnostics.isEmpty, "parser: \(ValidationRun.describe(run.parserDiagnostics))")
        #expect(
            run.pointers(of: testCase.rule) == testCase.expected, "\(ValidationRun.describe(run.diagnostics))")
        let severity = RuleDescription.validatorRules.first { $0.id == testCase.rule }?.severity
        for diagnostic in run.diagnostics where diagnostic.rule == testCase.rule {
            #expect(diagnostic.severity == severity)
            #expect(diagnostic.message.count > 20)
        }
    }

    /// Every validator rule has a failing and a passing case here.
    @Test func everyRuleIsCovered() {
        for description in RuleDescription.validatorRules {
            let own = Self.cases.filter { $0.rule == description.id }
            #expect(own.contains { !$0.expected.isEmpty }, "\(description.id) has no failing case")
            #expect(own.contains { $0.expected.isEmpty }, "\(description.id) has no passing case")
        }
    }
}
