import StatesLanguage
import Testing

@Suite struct RuleRegistryTests {
    @Test func validatorIdsAreUniqueInRangeAndMatchSeverity() {
        let rules = RuleDescription.validatorRules
        #expect(Set(rules.map(\.id)).count == rules.count)
        for rule in rules {
            let id = rule.id.rawValue
            let number = Int(id.dropFirst("ASL-E".count)) ?? -1
            #expect((200...249).contains(number), "\(id)")
            #expect(id.hasPrefix("ASL-E") == (rule.severity == .error), "\(id) severity \(rule.severity)")
            #expect(!rule.summary.isEmpty && !rule.source.isEmpty)
        }
    }

    @Test func registryListsEveryValidatorRuleOnceInOrder() {
        let all = RuleRegistry.all
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(all.map(\.id) == all.map(\.id).sorted())
        for rule in RuleDescription.validatorRules {
            #expect(all.contains(rule))
        }
        #expect(all.contains { $0.id == "ASL-E104" })
    }
}
