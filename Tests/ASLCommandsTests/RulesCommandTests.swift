import Foundation
import StatesLanguage
import Testing

@testable import ASLCommands

@Suite struct RulesCommandTests {
    @Test func listsEveryRegisteredRule() async throws {
        let fake = FakeIO()
        let code = await ASLMain.main(arguments: ["asl", "rules"], io: fake.io)
        #expect(code == .success)
        let lines = fake.stdout.split(separator: "\n")
        #expect(lines.count == RuleRegistry.all.count)
        let first = try #require(RuleRegistry.all.min { $0.id < $1.id })
        #expect(lines.first?.hasPrefix(first.id.rawValue) == true)
        #expect(lines.first?.hasSuffix(first.summary) == true)
    }

    @Test func jsonFormat() async throws {
        let fake = FakeIO()
        let code = await ASLMain.main(arguments: ["asl", "rules", "--format=json"], io: fake.io)
        #expect(code == .success)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(fake.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == RuleRegistry.all.count)
        #expect(list.allSatisfy { $0["id"] is String && $0["severity"] is String && $0["summary"] is String })
    }

    @Test func rejectsPositionals() async {
        let fake = FakeIO()
        let code = await ASLMain.main(arguments: ["asl", "rules", "ASL-E104"], io: fake.io)
        #expect(code == .usage)
        #expect(
            fake.stderr.hasPrefix(
                "error: unexpected argument 'ASL-E104'\n  asl rules ASL-E104\n            ^~~~~~~~\n"
                    + "usage: asl rules [--format text|json]\n"))
    }
}
