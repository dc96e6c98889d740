import Foundation
import JSONCore
import StatesTestSupport
import Testing

/// `Tests/Fixtures/json/accept/*.json` must read; each `reject/x.json` must fail exactly as its
/// `x.expected` says: `{"offset": 16, "line": 3, "column": 5, "message": "…"}`.
@Suite struct JSONFixtureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let url: URL
        var testDescription: String { name }
    }

    static func cases(_ folder: String) -> [Case] {
        let directory = Fixtures.url("json/\(folder)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map {
            Case(name: $0, url: directory.appendingPathComponent($0))
        }
    }

    @Test func foldersAreNotEmpty() {
        #expect(Self.cases("accept").count >= 3)
        #expect(Self.cases("reject").count >= 8)
    }

    @Test(arguments: cases("accept"))
    func accepts(_ c: Case) throws {
        let bytes = [UInt8](try Data(contentsOf: c.url))
        let document = try JSONReader.read(bytes)
        #expect(try JSONReader.read(JSONWriter.compact(document.value)).value == document.value)
    }

    @Test(arguments: cases("reject"))
    func rejects(_ c: Case) throws {
        let bytes = [UInt8](try Data(contentsOf: c.url))
        let expectedURL = c.url.deletingPathExtension().appendingPathExtension("expected")
        let expected = try JSONReader.read([UInt8](try Data(contentsOf: expectedURL))).value
        do {
            _ = try JSONReader.read(bytes)
            Issue.record("\(c.name) was accepted")
        } catch {
            let location = error.location(in: SourceFile(path: c.name, bytes: bytes))
            let actual: JSON = [
                "offset": .number(JSONNumber(error.offset)),
                "line": .number(JSONNumber(location.line)),
                "column": .number(JSONNumber(location.column)),
                "message": .string(error.message),
            ]
            #expect(actual == expected, "\(c.name): got \(JSONWriter.compact(actual))")
        }
    }
}
