import StatesLanguage
import Testing

@Suite struct ReferencePathTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let source: String
        let isReference: Bool
        var testDescription: String { source }
    }

    static let cases: [Case] = [
        .init(source: "$", isReference: true),
        .init(source: "$.a.b", isReference: true),
        .init(source: "$['a'].b[0]", isReference: true),
        .init(source: "$.a[-1]", isReference: true),
        .init(source: "$$.Execution.Input", isReference: true),
        .init(source: "$var.x", isReference: true),
        .init(source: "$.a[*]", isReference: false),
        .init(source: "$.a.*", isReference: false),
        .init(source: "$..a", isReference: false),
        .init(source: "$.a[0:1]", isReference: false),
        .init(source: "$.a[0,1]", isReference: false),
        .init(source: "$['a','b']", isReference: false),
        .init(source: "$.a[?(@.b)]", isReference: false),
        .init(source: "$.a.length()", isReference: false),
    ]

    @Test(arguments: Self.cases)
    func classifies(_ c: Case) throws {
        let path = try Path.parse(c.source)
        #expect(path.isReferencePath == c.isReference)
        #expect(path.isDefinite == c.isReference)
    }
}
