import Foundation
import JSONCore

/// A definition the fuzzer starts from, with an input that suits it.
public struct Seed: Sendable {
    public var name: String
    public var definition: JSON
    public var input: JSON

    /// Whether any state, at any depth, is a Task.
    public var hasTask: Bool { Self.containsTask(definition) }

    static func containsTask(_ value: JSON) -> Bool {
        switch value {
        case .object(let object):
            if object["Type"] == "Task" { return true }
            return object.values.contains(where: containsTask)
        case .array(let elements): return elements.contains(where: containsTask)
        default: return false
        }
    }

    public init(name: String, definition: JSON, input: JSON) {
        self.name = name
        self.definition = definition
        self.input = input
    }
}

/// Every seed: the definitions found under the given folders plus ``GeneratedSeeds``.
public enum SeedCorpus {
    /// The input every generated seed reads: one key for each kind of value its paths use.
    public static let standardInput: JSON = [
        "a": 1, "b": "text", "n": 3, "secs": 1, "ts": "2026-01-01T00:00:00Z", "flag": true,
        "s": "a,b,c", "json": "{\"k\":1}", "items": [["n": 1, "x": "a"], ["n": 2, "x": "b"], ["n": 3, "x": "c"]],
        "nested": ["deep": ["v": 1]], "list": [1, 2, 3, 2],
    ]

    /// Seeds from every `*.json` under `folders` that reads as a state machine (an object with
    /// `StartAt` and `States`), in path order; an `input.json` beside a definition is its input.
    public static func load(folders: [URL]) -> [Seed] {
        var seeds: [Seed] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
                continue
            }
            let files = walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
                .sorted { $0.path < $1.path }
            for file in files where !file.path.contains("/crashers/") {
                guard let value = read(file), value["StartAt"] != nil, value["States"] != nil else { continue }
                let inputFile = file.deletingLastPathComponent().appendingPathComponent("input.json")
                let input = read(inputFile) ?? standardInput
                seeds.append(Seed(name: file.path, definition: value, input: input))
            }
        }
        return seeds
    }

    /// The generated seeds followed by the loaded ones.
    public static func all(folders: [URL]) -> [Seed] {
        GeneratedSeeds.all + load(folders: folders)
    }

    static func read(_ file: URL) -> JSON? {
        guard let data = FileManager.default.contents(atPath: file.path), data.count <= 1_000_000 else {
            return nil
        }
        return try? JSONReader.read([UInt8](data), options: .init(duplicateKeys: .keepLast)).value
    }
}
