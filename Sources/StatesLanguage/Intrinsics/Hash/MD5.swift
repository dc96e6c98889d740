/// MD5 (RFC 1321), written out so the package needs no crypto library.
///
///     MD5.digest(Array("abc".utf8))   // 90 01 50 98 3c d2 4f b0 d6 96 3f 7d 28 e1 7f 72
///
/// Used by `States.Hash` and, inside the package, by the clickstream services (Kinesis hash keys,
/// deterministic ids); tested against the RFC 1321 appendix A.5 suite.
package enum MD5 {
    /// Per-round left-rotation amounts (RFC 1321, section 3.4).
    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    /// `floor(abs(sin(i + 1)) × 2^32)`, the table T of RFC 1321.
    private static let constants: [UInt32] = [
        0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613, 0xfd46_9501,
        0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e, 0x49b4_0821,
        0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8,
        0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a,
        0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70,
        0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665,
        0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
        0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb, 0xeb86_d391,
    ]

    /// The digest of `message` as 32 lowercase hexadecimal digits.
    package static func hex(_ message: [UInt8]) -> String { HashPadding.hex(digest(message)) }

    /// The 16-byte digest of `message`.
    package static func digest(_ message: [UInt8]) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
        let padded = HashPadding.pad(message, blockSize: 64, lengthBytes: 8, bigEndian: false)
        var words = [UInt32](repeating: 0, count: 16)
        var block = 0
        while block < padded.count {
            for index in 0..<16 {
                let base = block + index * 4
                words[index] =
                    UInt32(padded[base]) | UInt32(padded[base + 1]) << 8 | UInt32(padded[base + 2]) << 16
                    | UInt32(padded[base + 3]) << 24
            }
            var (a, b, c, d) = state
            for step in 0..<64 {
                var f: UInt32
                var g: Int
                switch step {
                case 0..<16:
                    f = (b & c) | (~b & d)
                    g = step
                case 16..<32:
                    f = (d & b) | (~d & c)
                    g = (5 &* step &+ 1) % 16
                case 32..<48:
                    f = b ^ c ^ d
                    g = (3 &* step &+ 5) % 16
                default:
                    f = c ^ (b | ~d)
                    g = (7 &* step) % 16
                }
                f = f &+ a &+ constants[step] &+ words[g]
                a = d
                d = c
                c = b
                b = b &+ f.rotatedLeft(by: shifts[step])
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
            block += 64
        }
        var output: [UInt8] = []
        output.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return output
    }
}

/// Message padding shared by MD5 and the SHA family: a `1` bit, zeros, then the message length
/// in bits, so the total is a whole number of blocks.
enum HashPadding {
    static func pad(_ message: [UInt8], blockSize: Int, lengthBytes: Int, bigEndian: Bool) -> [UInt8] {
        var padded = message
        padded.append(0x80)
        while (padded.count + lengthBytes) % blockSize != 0 { padded.append(0) }
        let bitCount = UInt64(message.count) &* 8
        var length = [UInt8](repeating: 0, count: lengthBytes)
        for index in 0..<8 {
            let byte = UInt8(truncatingIfNeeded: bitCount >> (UInt64(index) * 8))
            if bigEndian {
                length[lengthBytes - 1 - index] = byte
            } else {
                length[index] = byte
            }
        }
        padded.append(contentsOf: length)
        return padded
    }

    /// Lowercase hexadecimal, two digits a byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension FixedWidthInteger where Self: UnsignedInteger {
    func rotatedLeft(by amount: Self) -> Self { (self << amount) | (self >> (Self(Self.bitWidth) - amount)) }
    func rotatedRight(by amount: Self) -> Self { (self >> amount) | (self << (Self(Self.bitWidth) - amount)) }
}
