import Foundation
import JSONCore
import Testing

@testable import JSONata

/// The expressions of Benchmarks/JSONata/cases.json evaluate, on the benchmark's generated input
/// cut to `smokeItems` items, to the results recorded there (computed by jsonata-python). The
/// benchmark itself is never run here: this only keeps its expressions and our engine in step.
@Suite("JSONata benchmark cases")
struct JSONataBenchmarkSmokeTests {
    static let casesURL = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Benchmarks/JSONata/cases.json")

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var expression: String
        var items: Int
        var expected: JSON
        var testDescription: String { name }
    }

    static func loadCases() throws -> [Case] {
        let document = try JSONReader.read([UInt8](Data(contentsOf: casesURL))).value
        let smokeItems = Int(document["smokeItems"]?.numberValue?.int64Value ?? 0)
        return (document["cases"]?.arrayValue ?? []).compactMap { entry in
            guard let name = entry["name"]?.stringValue, let expression = entry["expression"]?.stringValue,
                let items = entry["items"]?.numberValue?.int64Value, let expected = entry["expected"]
            else { return nil }
            return Case(name: name, expression: expression, items: min(Int(items), smokeItems), expected: expected)
        }
    }

    /// The benchmark's input generator (cases.json's "about" describes it).
    static func input(items count: Int) -> JSON {
        let categories = ["books", "games", "music", "tools", "toys"]
        var items: [JSON] = []
        for i in 0..<count {
            let price = Double((i * 37) % 1000) / 4
            var item = JSONObject()
            item.appendUnchecked(key: "id", value: .number(JSONNumber(i)))
            item.appendUnchecked(key: "name", value: .string("item-\(i)"))
            item.appendUnchecked(key: "category", value: .string(categories[i % 5]))
            item.appendUnchecked(key: "price", value: .number(JSONNumber(price)))
            item.appendUnchecked(key: "qty", value: .number(JSONNumber(i % 7 + 1)))
            item.appendUnchecked(key: "active", value: .bool(i % 3 != 0))
            items.append(.object(item))
        }
        return .object(JSONObject([("items", .array(items))]))
    }

    @Test func casesFileHasEveryKindOfExpression() throws {
        let cases = try Self.loadCases()
        #expect(cases.count == 8)
    }

    @Test(arguments: (try? loadCases()) ?? [])
    func evaluatesToTheRecordedResult(_ entry: Case) throws {
        let expression = try JSONata.Expression(parsing: entry.expression)
        let result = try expression.evaluate(
            input: Self.input(items: entry.items), environment: .init(millis: 1_700_000_000_000))
        let ours = try JSONReader.read(JSONWriter.compact(result ?? .null)).value
        #expect(ours == entry.expected)
    }
}
