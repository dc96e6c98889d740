import JSONCore
import StatesLanguage
import StatesRuntime

/// Coverage for `asl test --coverage`, `--coverage-lcov FILE` and `--coverage-json FILE`: one
/// recorder per definition (a definition read with other substitutions counts as another), fed by
/// every case that runs it. SPEC-NOTES.md §16.5.
struct TestCoverage {
    private(set) var definitions: [LoadedDefinition] = []
    private var keys: [String: Int] = [:]

    /// The slot of `definition`, added on first sight.
    mutating func slot(for definition: LoadedDefinition) -> Int {
        var definition = definition
        definition.path = Self.lexicallyNormalized(definition.path)
        definition.source = SourceFile(path: definition.path, bytes: definition.source.bytes)
        var key = definition.path
        if !definition.substitutions.isEmpty {
            let values = JSONObject(definition.substitutions.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            key += "\u{0}" + JSONWriter.compact(.object(values))
        }
        if let slot = keys[key] { return slot }
        keys[key] = definitions.count
        definitions.append(definition)
        return definitions.count - 1
    }

    /// One recorder per slot.
    func recorders() -> [CoverageRecorder] {
        definitions.map { CoverageRecorder(model: CoverageModel($0.machine)) }
    }

    /// Writes the LCOV and JSON files asked for and returns the table when asked for. A file
    /// that cannot be written is reported and makes the exit code 2.
    func write(
        recorders: [CoverageRecorder], table wantsTable: Bool, lcov: String?, json: String?, in context: CommandContext
    ) -> (table: String?, code: ExitCode) {
        let reports = recorders.map { $0.report() }
        var code = ExitCode.success
        var table: String?
        if wantsTable {
            var text = ""
            for (definition, report) in zip(definitions, reports) {
                text += "Coverage of \(TerminalText.escaped(definition.path)):\n" + report.table()
                if !text.hasSuffix("\n") { text += "\n" }
            }
            table = text
        }
        if let lcov {
            var text = ""
            for (definition, report) in zip(definitions, reports) {
                guard let sourceMap = definition.sourceMap else { continue }
                text += report.lcov(
                    path: definition.path, sourceMap: sourceMap, lines: definition.source.lineTable)
            }
            code = code.combined(with: Self.write(text, to: lcov, in: context))
        }
        if let json {
            let paths = Self.jsonPaths(json, definitions: definitions.map(\.path))
            for (index, report) in reports.enumerated() {
                let text = JSONWriter.pretty(report.json(definitionPath: definitions[index].path)) + "\n"
                code = code.combined(with: Self.write(text, to: paths[index], in: context))
            }
            if definitions.count > 1 {
                context.io.writeError(
                    "coverage JSON written per definition: "
                        + paths.map { TerminalText.escaped($0) }.joined(separator: ", ") + "\n")
            }
        }
        return (table, code)
    }

    /// Where each definition's coverage JSON goes: `path` itself for one definition; for several,
    /// `path` with the definition's file name before its extension (`coverage.json` →
    /// `coverage.orders.json`, `coverage.billing.json`), numbered when two names agree.
    static func jsonPaths(_ path: String, definitions: [String]) -> [String] {
        guard definitions.count > 1 else { return [path] }
        let (stem, suffix) = path.hasSuffix(".json") ? (String(path.dropLast(5)), ".json") : (path, "")
        var used: Set<String> = []
        return definitions.map { definition in
            var name = definition.split(separator: "/").last.map(String.init) ?? definition
            for ending in [".asl.json", ".json", ".asl.yaml", ".yaml"] where name.hasSuffix(ending) {
                name = String(name.dropLast(ending.count))
                break
            }
            var candidate = "\(stem).\(name)\(suffix)"
            var number = 2
            while used.contains(candidate) {
                candidate = "\(stem).\(name)-\(number)\(suffix)"
                number += 1
            }
            used.insert(candidate)
            return candidate
        }
    }

    /// `path` without `.` segments and with each `name/..` pair removed, so one definition
    /// reached from test files in different folders (`tests/../m.json`, `tests/x/../../m.json`)
    /// is one definition, named as the user would name it (`m.json`). Leading `..` stay.
    static func lexicallyNormalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute, parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    private static func write(_ text: String, to path: String, in context: CommandContext) -> ExitCode {
        do {
            try context.io.writeFile(path, Array(text.utf8))
            return .success
        } catch {
            context.writeErrorMessage(
                "cannot write '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))")
            return .usage
        }
    }
}
