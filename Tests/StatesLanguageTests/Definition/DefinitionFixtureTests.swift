import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// Reads a definition's text and parses it; the test fails on a JSON syntax error.
func parseDefinition(_ text: String, options: ParseOptions = .init()) throws -> (
    machine: StateMachine?, diagnostics: [Diagnostic]
) {
    let document = try JSONReader.read(text)
    return DefinitionParser.parse(document.value, options: options)
}

/// Every definition under `Tests/Fixtures/asl/valid` (and the clickstream examples) parses with
/// no diagnostic at all.
@Suite struct DefinitionFixtureTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        let url: URL
        var testDescription: String { url.lastPathComponent }
    }

    static let fixtures: [Fixture] = {
        var urls: [URL] = []
        let folder = Fixtures.url("asl/valid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".asl.json") {
            urls.append(folder.appendingPathComponent(name))
        }
        for example in [
            "Examples/clickstream/state_machine_definition.json",
            "Examples/clickstream/original/state_machine_definition.json",
        ] {
            let url = Fixtures.packageRoot.appendingPathComponent(example)
            if FileManager.default.fileExists(atPath: url.path) { urls.append(url) }
        }
        return urls.map(Fixture.init)
    }()

    @Test func fixtureFolderIsPopulated() {
        #expect(Self.fixtures.count >= 15)
    }

    @Test(arguments: fixtures) func parsesWithoutDiagnostics(_ fixture: Fixture) throws {
        let bytes = Array(try Data(contentsOf: fixture.url))
        let document = try JSONReader.read(bytes)
        let (machine, diagnostics) = DefinitionParser.parse(document.value)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { "\($0.rule) \($0.pointer): \($0.message)" })")
        let parsed = try #require(machine)
        #expect(!parsed.states.isEmpty)
        for scope in parsed.scopes {
            #expect(scope.startAt?.id != nil, "scope \(scope.id) StartAt unresolved")
        }
        for state in parsed.states {
            if case .next(let reference) = state.transition { #expect(reference.id != nil) }
        }
    }
}
