import Foundation
import JSONCore
import JSONata
import Testing

/// The JSONata test suite's picture cases (`../shared/testdata/jsonata-test-suite/groups`): every
/// case of the picture groups whose `expr` is one call with literal arguments runs as a direct call
/// of this target; the others (chains, blocks, arithmetic arguments) must each be reproduced in
/// `SuiteCompositeCases`. Skipped, with the reason, where ../shared is absent.
@Suite(.enabled(if: SuiteFiles.groupsDirectory != nil, "../shared/testdata/jsonata-test-suite is absent"))
struct SuitePictureTests {
    @Test(arguments: SuiteFiles.cases.filter { $0.call != nil })
    func literalCall(_ suiteCase: SuiteFiles.Case) throws {
        let call = try #require(suiteCase.call)
        let expected = SuiteFiles.versionDifferences[suiteCase.id] ?? suiteCase.expected
        #expect(call.run() == expected, "\(suiteCase.expression)")
    }

    /// Each case listed as a version difference is in the suite and expects something else there.
    @Test func versionDifferencesAreCurrent() {
        for (id, ours) in SuiteFiles.versionDifferences {
            let suiteCase = SuiteFiles.cases.first { $0.id == id }
            #expect(suiteCase != nil, "\(id) is no longer in the suite")
            #expect(suiteCase?.expected != ours, "\(id): the suite now agrees with 2.0.6")
        }
    }

    @Test func everyOtherCaseIsReproducedByHand() {
        let composite = Set(SuiteCompositeCases.all.map(\.expression))
        for suiteCase in SuiteFiles.cases where suiteCase.call == nil {
            #expect(composite.contains(suiteCase.expression), "not covered: \(suiteCase.id): \(suiteCase.expression)")
        }
        #expect(SuiteFiles.cases.count > 300)
    }
}

enum SuiteFiles {
    static let groups = [
        "function-formatNumber", "function-formatInteger", "function-parseInteger", "function-fromMillis",
        "function-tomillis", "function-now",
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var expression: String
        var expected: PictureCall.Outcome
        var call: PictureCall?
        var testDescription: String { id }
    }

    /// Cases where the suite (jsonata-js 2.2) expects what 2.0.6, which AWS runs, does not do:
    /// here 2.0.6's outcome is expected (SPEC-NOTES §11). 2.2 answers D3086; 2.0.6 reads the
    /// length of an undefined prefix.
    static let versionDifferences: [String: PictureCall.Outcome] = [
        "function-formatNumber/issue786.json#0": .error(code: "TypeError"),
        "function-formatNumber/issue786.json#1": .error(code: "TypeError"),
        "function-formatNumber/issue786.json#2": .error(code: "TypeError"),
        "function-formatNumber/issue786.json#3": .error(code: "TypeError"),
    ]

    static let groupsDirectory: URL? = {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/testdata/jsonata-test-suite/groups")
        return FileManager.default.fileExists(atPath: directory.path) ? directory : nil
    }()

    static let cases: [Case] = {
        guard let directory = groupsDirectory else { return [] }
        var cases: [Case] = []
        for group in groups {
            let folder = directory.appendingPathComponent(group)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in files.sorted() where file.hasSuffix(".json") {
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)),
                    let document = try? JSONReader.read([UInt8](data))
                else { continue }
                var entries: [JSONObject] = []
                switch document.value {
                case .array(let values):
                    for case .object(let object) in values { entries.append(object) }
                case .object(let object): entries = [object]
                default: continue
                }
                for (index, entry) in entries.enumerated() {
                    guard case .string(let expression)? = entry["expr"] else { continue }
                    let call = PictureCall(expression: expression)
                    // A first argument that is undefined makes the engine return undefined before
                    // any picture is read: that is the engine's rule to test, not this target's.
                    if let call, call.arguments.first == .undefined { continue }
                    cases.append(
                        Case(
                            id: "\(group)/\(file)#\(index)", expression: expression, expected: outcome(entry),
                            call: call))
                }
            }
        }
        return cases
    }()

    static func outcome(_ entry: JSONObject) -> PictureCall.Outcome {
        if case .string(let code)? = entry["code"] { return .error(code: code) }
        if case .bool(true)? = entry["undefinedResult"] { return .undefined }
        switch entry["result"] {
        case .string(let text)?: return .string(text)
        case .number(let number)?: return .number(number.doubleValue)
        default: return .error(code: "composite result")
        }
    }
}
