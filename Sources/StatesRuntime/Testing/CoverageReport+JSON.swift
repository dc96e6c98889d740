public import JSONCore
import StatesLanguage

extension CoverageReport {
    /// The coverage file's format name and version (`"format"`, `"version"`).
    public static let jsonFormat = "asl-coverage"
    public static let jsonVersion = 1

    /// The coverage file (`asl test --coverage-json FILE`, read by `asl graph --coverage FILE`):
    ///
    ///     {"format": "asl-coverage", "version": 1, "definition": "machine.asl.json",
    ///      "summary": {"states": {"covered": 5, "total": 6, "percent": 83.3},
    ///                  "branches": {"covered": 6, "total": 9, "percent": 66.7}},
    ///      "states": [{"pointer": "/States/Check", "name": "Check", "type": "Choice", "entered": 2,
    ///                  "branches": [{"kind": "Choice", "index": 0, "target": "Big", "count": 1}, …]}]}
    ///
    /// `index` only for `Choice`, `Retry` and `Catch`; `target` (the state's name) only for
    /// branches that go to a state. SPEC-NOTES.md §16.4.
    public func json(definitionPath: String) -> JSON {
        var states: [JSON] = []
        for item in model.items {
            var branches: [JSON] = []
            for (slot, branch) in item.branches.enumerated() {
                var object = JSONObject()
                object["kind"] = .string(branch.kind.rawValue)
                if let index = branch.index { object["index"] = .number(JSONNumber(index)) }
                if let target = branch.target { object["target"] = .string(name(of: target)) }
                object["count"] = .number(JSONNumber(counts.branches[item.id.index][slot]))
                branches.append(.object(object))
            }
            var object = JSONObject()
            object["pointer"] = .string(item.pointer.description)
            object["name"] = .string(item.name)
            object["type"] = .string(item.kind.rawValue)
            object["entered"] = .number(JSONNumber(counts.entered[item.id.index]))
            object["branches"] = .array(branches)
            states.append(.object(object))
        }
        func summary(_ covered: Int, _ total: Int) -> JSON {
            [
                "covered": .number(JSONNumber(covered)), "total": .number(JSONNumber(total)),
                "percent": .number(JSONNumber(uncheckedText: Self.percentText(covered, of: total), isInteger: false)),
            ]
        }
        var object = JSONObject()
        object["format"] = .string(Self.jsonFormat)
        object["version"] = .number(JSONNumber(Self.jsonVersion))
        object["definition"] = .string(definitionPath)
        object["summary"] = [
            "states": summary(statesCovered, statesTotal), "branches": summary(branchesCovered, branchesTotal),
        ]
        object["states"] = .array(states)
        return .object(object)
    }

    /// Reads a coverage file written by ``json(definitionPath:)`` for the definition `model` was
    /// built from. States are matched by pointer and branches by kind and index, so the file's
    /// counts land on the same items.
    /// - Throws: ``CoverageError`` naming the JSON pointer (in the coverage file) of the first
    ///   problem: not a coverage file, another version, a state or branch the definition does
    ///   not have, a count that is not a non-negative integer.
    public init(json: JSON, model: CoverageModel) throws(CoverageError) {
        guard case .object(let root) = json, root["format"] == .string(Self.jsonFormat) else {
            throw CoverageError("not a coverage file: \"format\" must be \"\(Self.jsonFormat)\"")
        }
        guard case .number(let version)? = root["version"], version.int64Value == Int64(Self.jsonVersion) else {
            throw CoverageError("/version: only coverage files of version \(Self.jsonVersion) can be read")
        }
        guard case .array(let states)? = root["states"] else {
            throw CoverageError("/states: an array of states is required")
        }
        var counts = CoverageCounts(model: model)
        for (position, state) in states.enumerated() {
            let at = "/states/\(position)"
            guard case .object(let object) = state, case .string(let text)? = object["pointer"],
                let pointer = JSONPointer(parsing: text)
            else { throw CoverageError("\(at)/pointer: a JSON pointer string is required") }
            guard let id = model.state(at: pointer) else {
                throw CoverageError(
                    "\(at)/pointer: the definition has no state at \(text); "
                        + "was the coverage recorded for another definition or an older version of it?")
            }
            counts.entered[id.index] += try Self.count(object["entered"], at: "\(at)/entered")
            guard case .array(let branches)? = object["branches"] else {
                throw CoverageError("\(at)/branches: an array of branches is required")
            }
            for (slot, branch) in branches.enumerated() {
                let place = "\(at)/branches/\(slot)"
                guard case .object(let fields) = branch, case .string(let kindText)? = fields["kind"],
                    let kind = CoverageModel.BranchKind(rawValue: kindText)
                else { throw CoverageError("\(place)/kind: one of \(Self.kindList) is required") }
                var index: Int?
                if let value = fields["index"] { index = try Self.count(value, at: "\(place)/index") }
                guard let target = model.branchSlot(kind: kind, index: index, in: id) else {
                    throw CoverageError(
                        "\(place): state \(text) has no \(kindText) branch\(index.map { " \($0)" } ?? "")")
                }
                counts.branches[id.index][target] += try Self.count(fields["count"], at: "\(place)/count")
            }
        }
        self.init(model: model, counts: counts)
    }

    private static var kindList: String {
        CoverageModel.BranchKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    }

    private static func count(_ value: JSON?, at place: String) throws(CoverageError) -> Int {
        guard case .number(let number)? = value, let integer = number.int64Value, integer >= 0,
            integer <= Int64(Int32.max)
        else { throw CoverageError("\(place): a non-negative integer is required") }
        return Int(integer)
    }
}
