/// Base64 (RFC 4648, section 4) as `States.Base64Encode` and `States.Base64Decode` apply it on
/// AWS.
///
///     Base64Codec.encode(Array("Data to encode".utf8))   // "RGF0YSB0byBlbmNvZGU="
///     Base64Codec.decode("RGF0YSB0byBlbmNvZGU=")           // the bytes of "Data to encode"
///     Base64Codec.decode("ab==cd")                         // [0x69]: decoding stops at padding
///
/// Encoding is standard: `+` and `/`, `=` padding, no line breaks. Decoding is lenient the way
/// Apache Commons Codec's `Base64.decodeBase64` is (1.15, default policy), which matches every
/// malformed input AWS was seen to accept (conformance suite cases B64D-015, -017, -019, -024:
/// `!!!invalid!!!`, `abc`, `ab==cd`, ` YWJjZA== ` all decode instead of failing):
/// characters outside the alphabet are skipped, `-` and `_` count as `+` and `/`, the first `=`
/// ends the data, and a final group of two or three characters yields one or two bytes (a lone
/// final character is dropped).
enum Base64Codec {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Each byte's 6-bit value, or -1 for bytes outside both alphabets.
    private static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(value) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = UInt32(bytes[index])
            let second = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let third = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = first << 16 | second << 8 | third
            output.append(alphabet[Int(group >> 18 & 0x3f)])
            output.append(alphabet[Int(group >> 12 & 0x3f)])
            output.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3f)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(group & 0x3f)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        var group: UInt32 = 0
        var count = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") { break }
            let value = decodeTable[Int(byte)]
            guard value >= 0 else { continue }
            group = group << 6 | UInt32(value)
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: group >> 16))
                output.append(UInt8(truncatingIfNeeded: group >> 8))
                output.append(UInt8(truncatingIfNeeded: group))
                group = 0
                count = 0
            }
        }
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: group >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: group >> 10))
            output.append(UInt8(truncatingIfNeeded: group >> 2))
        default:
            break
        }
        return output
    }
}
