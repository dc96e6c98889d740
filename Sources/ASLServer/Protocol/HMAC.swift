internal import StatesLanguage

/// HMAC-SHA256 (RFC 2104 with SHA-256, FIPS 198-1): SigV4's only keyed primitive.
///
///     HMAC.sha256(key: Array("key".utf8), message: Array("The quick brown fox jumps over the lazy dog".utf8))
///     // f7bc83f4 30538424 b13298e6 aa6fb143 ef4d59a1 49461759 97479dbc 2d1a3cd8
enum HMAC {
    /// SHA-256's block size in bytes.
    private static let blockSize = 64

    static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > blockSize ? SHA2.sha256(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = block.map { $0 ^ 0x36 } + message
        let outer = block.map { $0 ^ 0x5C } + SHA2.sha256(inner)
        return SHA2.sha256(outer)
    }

    /// Lowercase hexadecimal, as SigV4 writes hashes and signatures.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares two strings in time that depends only on their lengths (a signature check must
    /// not tell an attacker how many leading characters were right).
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
