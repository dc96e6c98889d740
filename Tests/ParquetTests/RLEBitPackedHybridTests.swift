import Testing

@testable import Parquet

@Suite struct RLEBitPackedHybridTests {
    @Test func exampleFromTheHeaderComment() throws {
        let values: [UInt32] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0]
        let encoded = RLEBitPackedHybrid.encode(values, bitWidth: 1)
        #expect(encoded == [0x14, 0x01, 0x03, 0x02])
        #expect(try RLEBitPackedHybrid.decode(encoded, from: 0, to: encoded.count, bitWidth: 1, count: 13) == values)
    }

    @Test func bitPackingOrderIsLeastSignificantFirst() {
        // Parquet's documented example: 0…7 at bit width 3 pack to 10001000 11000110 11111010.
        let encoded = RLEBitPackedHybrid.encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3)
        #expect(encoded == [0x03, 0b1000_1000, 0b1100_0110, 0b1111_1010])
    }

    @Test func longRunsUseMultiByteValues() throws {
        let values = [UInt32](repeating: 1000, count: 300)
        let encoded = RLEBitPackedHybrid.encode(values, bitWidth: 10)
        #expect(encoded == [0xD8, 0x04, 0xE8, 0x03])  // varint(600), 1000 in two bytes
        #expect(try RLEBitPackedHybrid.decode(encoded, from: 0, to: encoded.count, bitWidth: 10, count: 300) == values)
    }

    @Test(arguments: [0, 1, 2, 3, 5, 8, 13, 17, 24, 31, 32])
    func randomRoundTrips(_ bitWidth: Int) throws {
        var random = SeededRandom(state: UInt64(bitWidth) + 1)
        let limit: UInt64 = bitWidth == 0 ? 1 : 1 << UInt64(bitWidth)
        for trial in 0..<20 {
            var values: [UInt32] = []
            let count = random.below(500) + trial
            while values.count < count {
                let value = UInt32(random.next() % limit)
                let run = random.below(4) == 0 ? random.below(40) + 1 : 1
                values.append(contentsOf: repeatElement(value, count: run))
            }
            let encoded = RLEBitPackedHybrid.encode(values, bitWidth: bitWidth)
            let decoded = try RLEBitPackedHybrid.decode(
                encoded, from: 0, to: encoded.count, bitWidth: bitWidth, count: values.count)
            #expect(decoded == values)
        }
    }

    @Test func decodingPastTheEndThrows() {
        let encoded = RLEBitPackedHybrid.encode([1, 0, 1], bitWidth: 1)
        #expect(throws: ParquetError.self) {
            try RLEBitPackedHybrid.decode(encoded, from: 0, to: encoded.count, bitWidth: 1, count: 9)
        }
        #expect(throws: ParquetError.self) {
            try RLEBitPackedHybrid.decode([0xFF, 0xFF, 0x03], from: 0, to: 3, bitWidth: 8, count: 1)
        }
        #expect(throws: ParquetError.self) {
            try RLEBitPackedHybrid.decode([0x02], from: 0, to: 1, bitWidth: 33, count: 1)
        }
    }

    @Test(arguments: [(0, 1), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (256, 8), (257, 9)])
    func dictionaryBitWidths(_ entries: Int, _ width: Int) {
        #expect(dictionaryIndexBitWidth(entries) == width)
    }
}
