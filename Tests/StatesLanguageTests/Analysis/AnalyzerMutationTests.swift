import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// Feeds every valid example through thousands of seeded random byte edits and checks the
/// whole analyzer (reader, parser, validator) neither crashes nor hangs, and that every
/// diagnostic it returns points inside the file.
///
/// A crash ends the test process; the seed and iteration printed before each file make it
/// reproducible, and a reproduced crasher belongs in `Tests/Fixtures/crashers/analyzer/`, which
/// ``crashersStayFixed()`` replays (with the fuzzer's definitions in `crashers/asl/`).
@Suite struct AnalyzerMutationTests {
    static let editsPerFile = 400

    static var seeds: [URL] {
        let roots = [
            Fixtures.packageRoot.appendingPathComponent("Examples"),
            Fixtures.url("asl/valid"),
        ]
        return roots.flatMap { jsonFiles(under: $0) }
    }

    /// `crashers/analyzer/*.json` and the fuzzer's `crashers/asl/*/definition.json`.
    static var crashers: [URL] {
        jsonFiles(under: Fixtures.url("crashers/analyzer"))
            + jsonFiles(under: Fixtures.url("crashers/asl")).filter { $0.lastPathComponent == "definition.json" }
    }

    @Test func examplesSurviveRandomEdits() throws {
        let files = Self.seeds
        #expect(files.count >= 2, "expected the clickstream examples at least")
        var generator = SplitMix64(seed: 0x5EED_A51)
        var total = 0
        for file in files {
            let original = try [UInt8](Data(contentsOf: file))
            for _ in 0..<Self.editsPerFile {
                let mutated = Mutator.mutate(original, using: &generator)
                let source = SourceFile(path: file.lastPathComponent, bytes: mutated)
                let result = DefinitionAnalyzer.analyze(source)
                for diagnostic in result.diagnostics {
                    if let offset = diagnostic.offset {
                        #expect(
                            offset >= 0 && offset <= mutated.count, "\(diagnostic.rule) offset \(offset) outside file")
                    }
                }
                total += 1
            }
        }
        #expect(total >= 800)
    }

    /// Replays every hostile definition kept in `crashers/analyzer/` and every definition the
    /// fuzzer kept in `crashers/asl/<hash>/`: each analyzes without crashing, to the same
    /// diagnostics twice, with offsets inside the file, and as its `x.expected` says.
    @Test func crashersStayFixed() throws {
        let files = Self.crashers
        #expect(files.count >= 10, "only \(files.count) crashers under \(Fixtures.url("crashers").path)")
        var checkedExpectations = 0
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            let source = SourceFile(path: file.lastPathComponent, bytes: bytes)
            let result = DefinitionAnalyzer.analyze(source)
            let again = DefinitionAnalyzer.analyze(source)
            #expect(result.diagnostics.map(\.rule) == again.diagnostics.map(\.rule), "\(file.path)")
            for diagnostic in result.diagnostics {
                if let offset = diagnostic.offset {
                    #expect(offset >= 0 && offset <= bytes.count, "\(file.path): \(diagnostic.rule) at \(offset)")
                }
            }
            let expectationURL = file.deletingPathExtension().appendingPathExtension("expected")
            guard let data = FileManager.default.contents(atPath: expectationURL.path) else { continue }
            let expected = try JSONReader.read([UInt8](data)).value
            checkedExpectations += 1
            if let hasErrors = expected["hasErrors"]?.boolValue {
                #expect(result.hasErrors == hasErrors, "\(file.path): \(result.diagnostics.map(\.rule))")
            }
            let rules = Set(result.diagnostics.map(\.rule.rawValue))
            for rule in expected["rules"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                #expect(rules.contains(rule), "\(file.path): \(rule) missing from \(rules.sorted())")
            }
        }
        #expect(checkedExpectations >= 4)
    }

    private static func jsonFiles(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path }
    }
}

/// A deterministic 64-bit generator (SplitMix64), so every run makes the same edits.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Byte-level edits that keep most of the document intact, so the parser and validator see
/// nearly valid definitions rather than only syntax errors.
enum Mutator {
    static let interesting: [[UInt8]] = [
        Array("\"Type\"".utf8), Array("\"Next\"".utf8), Array("null".utf8), Array("[]".utf8), Array("{}".utf8),
        Array("\"States.ALL\"".utf8), Array("-1".utf8), Array("1e999".utf8), Array("\"$.a[?(@.x".utf8),
        Array("\"States.Format('{}'".utf8), Array("\"${X}\"".utf8), Array("\"End\": true".utf8), Array(",".utf8),
        Array("\\u0000".utf8), Array([0xFF, 0xC0]),
    ]

    static func mutate<G: RandomNumberGenerator>(_ input: [UInt8], using generator: inout G) -> [UInt8] {
        var bytes = input
        let edits = Int.random(in: 1...4, using: &generator)
        for _ in 0..<edits {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
            case 1:
                bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
            case 2 where !bytes.isEmpty:
                let length = min(Int.random(in: 1...16, using: &generator), bytes.count - position)
                bytes.removeSubrange(position..<(position + length))
            case 3 where !bytes.isEmpty:
                let length = min(Int.random(in: 1...64, using: &generator), bytes.count - position)
                bytes.insert(contentsOf: bytes[position..<(position + length)], at: position)
            case 4:
                let token = interesting[Int.random(in: 0..<interesting.count, using: &generator)]
                bytes.insert(contentsOf: token, at: position)
            default:
                bytes.insert(
                    contentsOf: [UInt8](
                        repeating: UInt8(ascii: "["), count: Int.random(in: 1...700, using: &generator)), at: position)
            }
        }
        return bytes
    }
}
