import Foundation
import JSONCore
import StatesTestSupport
import Testing

/// SplitMix64: a tiny seeded generator so every run applies the same edits.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
}

/// Applies thousands of random byte edits to valid documents: the reader must never crash, and
/// must either return a value or throw an error whose offset lies within the input.
@Suite struct JSONMutationTests {
    static let totalMutations = 5_000

    /// Every `*.json` under `Examples/` that reads, plus the built-in samples.
    static func seeds() -> [[UInt8]] {
        var seeds = SampleDefinitions.all.map { Array($0.utf8) }
        let examples = Fixtures.packageRoot.appendingPathComponent("Examples")
        if let walker = FileManager.default.enumerator(atPath: examples.path) {
            for case let relative as String in walker where relative.hasSuffix(".json") {
                guard let data = FileManager.default.contents(atPath: examples.appendingPathComponent(relative).path)
                else { continue }
                let bytes = [UInt8](data)
                if bytes.count <= 200_000, (try? JSONReader.read(bytes)) != nil { seeds.append(bytes) }
            }
        }
        return seeds
    }

    static func mutate(_ input: [UInt8], with random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        let interesting: [UInt8] =
            Array("{}[]\",:\\u0eE-+.tfn \t\r\n".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC0, 0xED, 0xF4, 0xFF]
        for _ in 0..<(1 + random.below(3)) {
            let position = random.below(bytes.count + 1)
            switch random.below(6) {
            case 0 where !bytes.isEmpty:
                let at = min(position, bytes.count - 1)
                bytes[at] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
            case 1:
                bytes.insert(interesting[random.below(interesting.count)], at: position)
            case 2 where !bytes.isEmpty:
                bytes.removeSubrange(min(position, bytes.count - 1)..<min(bytes.count, position + 1 + random.below(8)))
            case 3 where !bytes.isEmpty:
                let start = min(position, bytes.count - 1)
                let range = start..<min(bytes.count, start + 1 + random.below(32))
                bytes.insert(contentsOf: Array(bytes[range]), at: random.below(bytes.count + 1))
            case 4:
                bytes.insert(
                    contentsOf: [UInt8](repeating: UInt8(ascii: "["), count: 1 + random.below(1_000)), at: position)
            default:
                bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
            }
        }
        return bytes
    }

    @Test func randomEditsNeverCrash() throws {
        let seeds = Self.seeds()
        var random = SplitMix64(state: 0x5EED_1234)
        var accepted = 0
        var rejected = 0
        for round in 0..<Self.totalMutations {
            let input = Self.mutate(seeds[round % seeds.count], with: &random)
            do {
                let document = try JSONReader.read(
                    input, options: .init(duplicateKeys: round % 2 == 0 ? .reject : .keepLast))
                _ = document.sourceMap.nearestValueOffset(at: ["States", "Load", "Retry", "0"])
                _ = JSONWriter.compact(document.value)
                accepted += 1
            } catch {
                if error.offset < 0 || error.offset > input.count {
                    Self.saveCrasher(input, round: round)
                    Issue.record("round \(round): offset \(error.offset) outside 0...\(input.count)")
                }
                _ = error.message
                rejected += 1
            }
        }
        #expect(accepted + rejected == Self.totalMutations)
        #expect(rejected > Self.totalMutations / 2)
    }

    /// Keeps a failing input as a regression fixture.
    static func saveCrasher(_ bytes: [UInt8], round: Int) {
        let url = Fixtures.url("crashers/json/mutation-\(round).json")
        try? Data(bytes).write(to: url)
    }

    static let crasherFolder = Fixtures.url("crashers/json")

    /// The saved inputs (`*.json`; each may have an `x.expected` beside it).
    static func crashers(in folder: URL = crasherFolder) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    /// The replay below is parameterized: an empty folder would run it zero times and pass, so the
    /// folder's cases are counted here.
    @Test func theCrasherFolderHoldsCases() {
        let names = Self.crashers()
        #expect(names.count >= 20, "only \(names.count) inputs in \(Self.crasherFolder.path)")
        let withExpectations = names.filter { name in
            FileManager.default.fileExists(
                atPath: Self.crasherFolder.appendingPathComponent(Self.expectationName(name)).path)
        }
        #expect(withExpectations.count >= 20)
    }

    static func expectationName(_ name: String) -> String { String(name.dropLast(".json".count)) + ".expected" }

    /// Replays every saved input: each must read or fail cleanly, with an error offset inside the
    /// input, and as its `x.expected` says (`{"outcome": "accept" | "reject", "offset": N, "message": "…"}`).
    @Test(arguments: crashers())
    func replaysCrashers(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.crasherFolder.appendingPathComponent(name)))
        let expectationURL = Self.crasherFolder.appendingPathComponent(Self.expectationName(name))
        let expected = try FileManager.default.contents(atPath: expectationURL.path).map {
            try JSONReader.read([UInt8]($0)).value
        }
        do {
            _ = try JSONReader.read(bytes)
            if let outcome = expected?["outcome"]?.stringValue {
                #expect(outcome == "accept", "\(name) was read, but \(outcome) was expected")
            }
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count)
            guard let expected else { return }
            #expect(expected["outcome"]?.stringValue == "reject", "\(name): \(error.message) at \(error.offset)")
            if let offset = expected["offset"]?.numberValue?.int64Value {
                #expect(Int64(error.offset) == offset, "\(name): \(error.message)")
            }
            if let message = expected["message"]?.stringValue {
                #expect(error.message == message, "\(name) at \(error.offset)")
            }
        }
    }
}
