/// UUID text, random (version 4) or name-based (version 3, MD5), always lowercase `8-4-4-4-12`:
/// one implementation for `States.UUID`, execution names, task tokens' neighbours and every id
/// the local services make.
///
///     var random = SomeSeededGenerator()
///     UUIDText.random(using: &random)                   // "…-…-4…-[89ab]…-…"
///     UUIDText.nameBased("shardId-000000000000:49…")   // the same text every time
///
/// Source: RFC 9562 (formerly RFC 4122), sections 5.3 (version 3) and 5.4 (version 4).
package enum UUIDText {
    /// The RFC's URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    package static let urlNamespace: [UInt8] = [
        0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8,
    ]

    /// A version 4 UUID: 122 bits drawn from `random` (two 64-bit words, most significant byte
    /// first), version nibble 4, variant bits `10`.
    package static func random<R: RandomNumberGenerator>(using random: inout R) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
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
    package static func nameBased(_ name: String, namespace: [UInt8] = urlNamespace) -> String {
        var bytes = MD5.digest(namespace + Array(name.utf8))
        bytes[6] = bytes[6] & 0x0F | 0x30
        bytes[8] = bytes[8] & 0x3F | 0x80
        return format(bytes)
    }

    /// Sixteen bytes as `8-4-4-4-12` lowercase hexadecimal.
    package static func format(_ bytes: [UInt8]) -> String {
        let hex = Array(HashPadding.hex(bytes))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }
}
