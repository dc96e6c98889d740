import StatesLanguage
import StatesRuntime

/// UUID text, random (version 4, from the seeded ``StatesRuntime/RandomSource``) or name-based
/// (version 3, MD5), always lowercase `8-4-4-4-12`.
///
///     var random = RandomSource(seed: 1)
///     UUIDText.random(using: &random)                            // "…-…-4…-[89ab]…-…"
///     UUIDText.nameBased("shardId-000000000000:49…")            // same text every time
///
/// Source: RFC 9562 (formerly RFC 4122), sections 5.3 (version 3) and 5.4 (version 4).
enum UUIDText {
    /// The RFC's URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    static let urlNamespace: [UInt8] = [
        0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8,
    ]

    /// A version 4 UUID drawn from `random`.
    static func random(using random: inout RandomSource) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let word = random.next()
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return format(bytes)
    }

    /// A version 3 (MD5, name-based) UUID of `name` in `namespace`: the same name always gives the
    /// same UUID.
    static func nameBased(_ name: String, namespace: [UInt8] = urlNamespace) -> String {
        var bytes = MD5.digest(namespace + Array(name.utf8))
        bytes[6] = bytes[6] & 0x0F | 0x30
        bytes[8] = bytes[8] & 0x3F | 0x80
        return format(bytes)
    }

    static func format(_ bytes: [UInt8]) -> String {
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text += "-" }
            text += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return text
    }
}
