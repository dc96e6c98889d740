import Foundation
import JSONCore

/// A crasher kept as a fixture folder `<folder>/<short-hash>/`:
///
///     definition.json   the definition, as it was run
///     input.json        the execution input (the `{input}` / `{inputText}` of args.json)
///     args.json         the arguments after `asl`, with placeholders for paths
///     README.md         what happened, a `signature:` line, and standard error's end
///     expected.json     optional, hand-written: {"exitCode": 1, "stdoutContains": "…", "stderrContains": "…"}
public struct SavedCrasher: Sendable {
    public var name: String
    public var folder: URL
    public var fuzzCase: FuzzCase
    /// The `signature:` line of README.md, when present.
    public var signature: String?
    public var expectation: CrasherExpectation?
}

/// What a replay must show beyond "no signal, exit 0, 1 or 2, no hang".
public struct CrasherExpectation: Sendable, Hashable {
    public var exitCode: Int32?
    public var standardOutputContains: String?
    public var standardErrorContains: String?

    init(_ value: JSON) {
        exitCode = value["exitCode"]?.numberValue?.int64Value.flatMap { Int32(exactly: $0) }
        standardOutputContains = value["stdoutContains"]?.stringValue
        standardErrorContains = value["stderrContains"]?.stringValue
    }

    /// The ways `result` differs from the expectation (empty when it matches).
    public func mismatches(_ result: CaseResult) -> [String] {
        var problems: [String] = []
        if let exitCode, result.outcome != .exited(exitCode) {
            problems.append("expected exit status \(exitCode), got: \(result.outcome)")
        }
        if let text = standardOutputContains, !result.standardOutput.contains(text) {
            problems.append("standard output lacks \"\(text)\": \(result.standardOutput.prefix(2_000))")
        }
        if let text = standardErrorContains, !result.standardError.contains(text) {
            problems.append("standard error lacks \"\(text)\": \(result.standardError.prefix(2_000))")
        }
        return problems
    }
}

public enum CrasherStoreError: Error, CustomStringConvertible {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): reason
        }
    }
}

/// Reads and writes crasher folders.
public struct CrasherStore: Sendable {
    public var folder: URL

    public init(folder: URL) { self.folder = folder }

    /// Every folder holding an `args.json`, by name.
    /// - Throws: when a folder's args.json is not an array of strings.
    public func load() throws -> [SavedCrasher] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var crashers: [SavedCrasher] = []
        for name in names {
            let caseFolder = folder.appendingPathComponent(name)
            let argsURL = caseFolder.appendingPathComponent("args.json")
            guard let argsData = FileManager.default.contents(atPath: argsURL.path) else { continue }
            guard let args = try? JSONReader.read([UInt8](argsData)).value.arrayValue else {
                throw CrasherStoreError.unreadable("\(argsURL.path) is not a JSON array")
            }
            let arguments = args.compactMap(\.stringValue)
            guard arguments.count == args.count else {
                throw CrasherStoreError.unreadable("\(argsURL.path) holds something other than strings")
            }
            let definition = FileManager.default.contents(
                atPath: caseFolder.appendingPathComponent("definition.json").path)
            let input = FileManager.default.contents(atPath: caseFolder.appendingPathComponent("input.json").path)
            let readme = FileManager.default.contents(atPath: caseFolder.appendingPathComponent("README.md").path)
            let signature = readme.flatMap { data in
                String(decoding: data, as: UTF8.self).split(separator: "\n")
                    .first { $0.hasPrefix("signature: ") }
                    .map { String($0.dropFirst("signature: ".count)) }
            }
            let expected = FileManager.default.contents(atPath: caseFolder.appendingPathComponent("expected.json").path)
                .flatMap { try? JSONReader.read([UInt8]($0)).value }
                .map(CrasherExpectation.init)
            crashers.append(
                SavedCrasher(
                    name: name, folder: caseFolder,
                    fuzzCase: FuzzCase(
                        definition: [UInt8](definition ?? Data()), input: [UInt8](input ?? Data()),
                        arguments: arguments),
                    signature: signature, expectation: expected))
        }
        return crashers
    }

    /// Saves `fuzzCase` under its short hash and returns the folder.
    public func save(_ fuzzCase: FuzzCase, result: CaseResult, origin: String) throws -> URL {
        let caseFolder = folder.appendingPathComponent(fuzzCase.shortHash)
        try FileManager.default.createDirectory(at: caseFolder, withIntermediateDirectories: true)
        try Data(fuzzCase.definition).write(to: caseFolder.appendingPathComponent("definition.json"))
        try Data(fuzzCase.input).write(to: caseFolder.appendingPathComponent("input.json"))
        try Data(fuzzCase.argumentsJSON).write(to: caseFolder.appendingPathComponent("args.json"))
        let excerpt = result.crashReport
        let readme = """
            `asl \(fuzzCase.command)` \(result.outcome). Found by \(origin).
            signature: \(result.signature)

            Replayed by `CrasherReplayTests` (Tests/ASLFuzzingTests) through the built `asl`.
            Standard error (the message and the crashed thread):

            ```
            \(excerpt)
            ```

            """
        try Data(readme.utf8).write(to: caseFolder.appendingPathComponent("README.md"))
        return caseFolder
    }
}
