import Testing

@testable import Parquet

@Suite struct SnappyTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let compressed: [UInt8]
        let plain: [UInt8]
        var testDescription: String { name }
    }

    /// Hand-assembled blocks covering every element kind (see the format notes in Snappy.swift).
    static let vectors: [Vector] = [
        Vector(name: "empty", compressed: [0x00], plain: []),
        Vector(name: "one literal", compressed: [0x03, 0x08, 0x61, 0x62, 0x63], plain: Array("abc".utf8)),
        Vector(
            name: "literal then overlapping 1-byte-offset copy",
            compressed: [0x0C, 0x08, 0x61, 0x62, 0x63, 0x15, 0x03], plain: Array("abcabcabcabc".utf8)),
        Vector(
            name: "2-byte-offset copy", compressed: [0x0C, 0x08, 0x61, 0x62, 0x63, 0x22, 0x03, 0x00],
            plain: Array("abcabcabcabc".utf8)),
        Vector(
            name: "4-byte-offset copy", compressed: [0x05, 0x04, 0x78, 0x79, 0x0B, 0x02, 0x00, 0x00, 0x00],
            plain: Array("xyxyx".utf8)),
        Vector(
            name: "literal with a 1-byte length",
            compressed: [0x40, 0xF0, 0x3F] + Array(repeating: 0x7A, count: 64), plain: Array(repeating: 0x7A, count: 64)
        ),
        Vector(
            name: "run of one byte", compressed: [0x64, 0x00, 0x61, 0xFE, 0x01, 0x00, 0x8A, 0x01, 0x00],
            plain: Array(repeating: 0x61, count: 100)),
    ]

    @Test(arguments: vectors)
    func decompressesKnownVectors(_ vector: Vector) throws {
        #expect(try Snappy.decompress(vector.compressed) == vector.plain)
    }

    @Test func compressesSmallInputsAsOneLiteral() {
        #expect(Snappy.compress([]) == [0x00])
        #expect(Snappy.compress(Array("abc".utf8)) == [0x03, 0x08, 0x61, 0x62, 0x63])
    }

    @Test func compressesARunToCopies() throws {
        let plain = [UInt8](repeating: 0x61, count: 100)
        let compressed = Snappy.compress(plain)
        // Preamble, a one-byte literal, then copies at offset 1 (the reference output is 9 bytes).
        #expect(compressed.count <= 9)
        #expect(try Snappy.decompress(compressed) == plain)
    }

    static let sizes = [1, 14, 15, 16, 100, 4095, 65_535, 65_536, 65_537, 200_000]

    @Test(arguments: sizes)
    func randomRoundTrips(_ size: Int) throws {
        var random = SeededRandom(state: UInt64(size))
        let noise = random.bytes(size)
        let noiseCompressed = Snappy.compress(noise)
        #expect(noiseCompressed.count <= Snappy.maximumCompressedLength(size))
        #expect(try Snappy.decompress(noiseCompressed) == noise)

        let words = ["user_", "session", "https://example.com/", "chrome", "mobile", "\u{0}", "2026-11-26T"]
        var text: [UInt8] = []
        while text.count < size { text += Array(words[random.below(words.count)].utf8) }
        text.removeLast(text.count - size)
        let textCompressed = Snappy.compress(text)
        #expect(try Snappy.decompress(textCompressed) == text)
        if size >= 4095 { #expect(textCompressed.count < size / 2) }
    }

    static let corrupt: [(String, [UInt8])] = [
        ("truncated literal", [0x05, 0x10, 0x61]),
        ("copy before the start", [0x04, 0x00, 0x61, 0x05, 0x02]),
        ("zero offset", [0x04, 0x00, 0x61, 0x05, 0x00]),
        ("output longer than declared", [0x01, 0x04, 0x61, 0x62]),
        ("output shorter than declared", [0x03, 0x00, 0x61]),
        ("impossible length", [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00]),
        ("unterminated preamble", [0x80]),
        ("truncated copy", [0x08, 0x00, 0x61, 0x02]),
    ]

    @Test(arguments: corrupt)
    func rejectsCorruptBlocks(_ name: String, _ bytes: [UInt8]) {
        #expect(throws: ParquetError.self, "\(name)") { try Snappy.decompress(bytes) }
    }
}
