import Foundation
import JSONCore
import StatesTestSupport
import Testing

/// Runs nst/JSONTestSuite's `test_parsing` folder: `y_` files must be accepted, `n_` files rejected
/// with an offset inside the file, `i_` files decided either way without crashing.
@Suite struct JSONTestSuiteTests {
    static let folder = Fixtures.sharedTestData("json-test-suite/test_parsing")

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let url: URL
        var testDescription: String { name }
    }

    /// The suite's files whose names start with `prefix`, sorted; empty when the folder is absent.
    static func cases(_ prefix: String) -> [Case] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return []
        }
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted().map {
            Case(name: $0, url: folder.appendingPathComponent($0))
        }
    }

    static func bytes(_ c: Case) throws -> [UInt8] { [UInt8](try Data(contentsOf: c.url)) }

    @Test(
        .enabled(if: folder != nil, "../shared/testdata/json-test-suite is absent; skipped"),
        arguments: cases("y_")
    )
    func accepts(_ c: Case) throws {
        let bytes = try Self.bytes(c)
        #expect(throws: Never.self) { try JSONReader.read(bytes, options: .init(duplicateKeys: .keepLast)) }
    }

    @Test(
        .enabled(if: folder != nil, "../shared/testdata/json-test-suite is absent; skipped"),
        arguments: cases("n_")
    )
    func rejects(_ c: Case) throws {
        let bytes = try Self.bytes(c)
        do {
            _ = try JSONReader.read(bytes, options: .init(duplicateKeys: .keepLast))
            Issue.record("\(c.name) was accepted")
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count)
            let location = error.location(in: SourceFile(path: c.name, bytes: bytes))
            #expect(location.line >= 1 && location.column >= 1)
            #expect(!error.message.isEmpty)
        }
    }

    @Test(
        .enabled(if: folder != nil, "../shared/testdata/json-test-suite is absent; skipped"),
        arguments: cases("i_")
    )
    func decidesImplementationDefinedCases(_ c: Case) throws {
        let bytes = try Self.bytes(c)
        do {
            _ = try JSONReader.read(bytes)
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count)
        }
    }

    @Test(.enabled(if: folder != nil, "../shared/testdata/json-test-suite is absent; skipped"))
    func suiteIsComplete() {
        #expect(Self.cases("y_").count > 90)
        #expect(Self.cases("n_").count > 180)
        #expect(Self.cases("i_").count > 30)
    }
}
