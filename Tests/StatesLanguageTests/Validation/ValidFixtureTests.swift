import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// Realistic valid definitions (every state kind, JSONata, distributed Map, `${…}`
/// placeholders) produce no validator error: a false rejection is the worst bug this
/// validator can have.
@Suite struct ValidFixtureTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        let name: String
        var testDescription: String { name }
    }

    /// Fixtures that are meant to be flagged (the published clickstream definition keeps its
    /// "arn value of your …" placeholders).
    static let flagged: Set<String> = ["clickstream-seed.asl.json"]

    static let fixtures: [Fixture] = {
        let folder = Fixtures.url("asl/valid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".asl.json") && !flagged.contains($0) }.map(Fixture.init)
    }()

    @Test func fixturesExist() {
        #expect(Self.fixtures.count >= 10)
    }

    @Test(arguments: fixtures) func noErrors(_ fixture: Fixture) throws {
        let url = Fixtures.url("asl/valid/\(fixture.name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let run = try ValidationRun(
            text: text, options: ValidationOptions(), parseOptions: ParseOptions(allowsPlaceholders: true))
        #expect(run.errors.isEmpty, "\(ValidationRun.describe(run.errors))")
        // Warnings are allowed, but listed here so a noisy rule shows up in review.
        let warnings = run.diagnostics.filter { $0.severity == .warning }
        if !warnings.isEmpty { print("\(fixture.name): \(ValidationRun.describe(warnings))") }
    }
}
