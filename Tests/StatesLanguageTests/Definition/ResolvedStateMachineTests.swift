import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// What the validator accepts, the executor can run: every valid fixture resolves, and breaking
/// any one of its references (a `StartAt`, `Next`, `Default`, Choice rule `Next` or Catcher `Next`
/// renamed to a missing state, or an `End` removed) makes the analyzer report a new error *and*
/// ``ResolvedStateMachine`` refuse the machine. (The clickstream examples carry template values
/// the validator rejects, such as `"arn value of your lambda function"`; they still resolve.)
@Suite struct ResolvedStateMachineTests {
    /// One step of a path into the definition's JSON.
    enum Step: Hashable, CustomStringConvertible {
        case key(String)
        case index(Int)
        var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }
    }

    /// Every reference field of a scope object (`{"StartAt", "States"}`) and of the scopes nested in
    /// it: the paths of string-valued `StartAt`/`Next`/`Default`, and of `End: true`.
    static func references(inScope scope: JSON, at path: [Step]) -> [[Step]] {
        guard case .object(let object) = scope else { return [] }
        var found: [[Step]] = []
        if case .string = object["StartAt"] { found.append(path + [.key("StartAt")]) }
        guard case .object(let states) = object["States"] else { return found }
        for (name, state) in states {
            guard case .object(let fields) = state else { continue }
            let here = path + [.key("States"), .key(name)]
            for key in ["Next", "Default"] { if case .string = fields[key] { found.append(here + [.key(key)]) } }
            if fields["End"] == .bool(true) { found.append(here + [.key("End")]) }
            for list in ["Choices", "Catch"] {
                guard case .array(let elements) = fields[list] else { continue }
                for (index, element) in elements.enumerated() {
                    if case .object(let inner) = element, case .string = inner["Next"] {
                        found.append(here + [.key(list), .index(index), .key("Next")])
                    }
                }
            }
            if case .array(let branches) = fields["Branches"] {
                for (index, branch) in branches.enumerated() {
                    found += references(inScope: branch, at: here + [.key("Branches"), .index(index)])
                }
            }
            for key in ["ItemProcessor", "Iterator"] where fields[key] != nil {
                found += references(inScope: fields[key] ?? .null, at: here + [.key(key)])
            }
        }
        return found
    }

    /// `json` with the value at `path` replaced (or removed, for `nil`).
    static func replacing(_ json: JSON, at path: ArraySlice<Step>, with value: JSON?) -> JSON {
        guard let first = path.first else { return value ?? .null }
        switch (json, first) {
        case (.object(var object), .key(let key)):
            if path.count == 1, value == nil {
                _ = object.removeValue(forKey: key)
            } else {
                object[key] = replacing(object[key] ?? .null, at: path.dropFirst(), with: value)
            }
            return .object(object)
        case (.array(var array), .index(let index)) where array.indices.contains(index):
            array[index] = replacing(array[index], at: path.dropFirst(), with: value)
            return .array(array)
        default:
            return json
        }
    }

    static func analyze(_ json: JSON) -> AnalysisResult {
        DefinitionAnalyzer.analyze(SourceFile(path: "mutated.asl.json", bytes: JSONWriter.compactBytes(json)))
    }

    @Test(arguments: DefinitionFixtureTests.fixtures)
    func aValidMachineResolvesAndEveryBrokenReferenceIsRejectedByBoth(_ fixture: DefinitionFixtureTests.Fixture)
        throws
    {
        let original = try JSONReader.read(Array(try Data(contentsOf: fixture.url))).value
        let accepted = Self.analyze(original)
        let baseline = accepted.diagnostics.filter { $0.severity == .error }.count
        _ = try ResolvedStateMachine(try #require(accepted.machine))

        let references = Self.references(inScope: original, at: [])
        #expect(!references.isEmpty)
        for path in references {
            let isEnd = path.last == .key("End")
            let broken = Self.replacing(original, at: path[...], with: isEnd ? nil : .string("NoSuchState"))
            let location = "/" + path.map(\.description).joined(separator: "/")
            let result = Self.analyze(broken)
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            #expect(errors > baseline, "\(location): the analyzer accepted a broken reference")
            guard let machine = result.machine else { continue }
            #expect(throws: UnresolvedReferences.self, "\(location): resolved a broken reference") {
                _ = try ResolvedStateMachine(machine)
            }
        }
    }
}
