import JSONCore
import StatesLanguage
import Testing

/// `States.UUID`: a lowercase version 4 UUID drawn from the injected generator.
@Suite struct UniqueIDIntrinsicTests {
    @Test func isVersion4LowercaseFromTheGenerator() throws {
        let call = try IntrinsicCall.parse("States.UUID()")
        var generator = SplitMix64(seed: 2024)
        var replay = SplitMix64(seed: 2024)
        var seen: Set<String> = []
        for _ in 0..<100 {
            let value = try #require(try call.evaluate(resolve: { _ in .null }, random: &generator).stringValue)
            #expect(try call.evaluate(resolve: { _ in .null }, random: &replay) == .string(value))
            let groups = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            #expect(groups.map(\.count) == [8, 4, 4, 4, 12])
            #expect(value.allSatisfy { "0123456789abcdef-".contains($0) })
            #expect(groups[2].first == "4")
            #expect(groups[3].first.map { "89ab".contains($0) } == true)
            seen.insert(value)
        }
        #expect(seen.count == 100)
    }

    /// The bytes are the generator's two words, big-endian, with the version and variant set.
    @Test func layoutOfTheGeneratorWords() throws {
        struct Fixed: RandomNumberGenerator {
            var words: [UInt64] = [0x0011_2233_4455_6677, 0x8899_aabb_ccdd_eeff]
            mutating func next() -> UInt64 { words.removeFirst() }
        }
        var fixed = Fixed()
        let value = try IntrinsicCall.parse("States.UUID()").evaluate(resolve: { _ in .null }, random: &fixed)
        #expect(value == "00112233-4455-4677-8899-aabbccddeeff")
    }
}
