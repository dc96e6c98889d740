import Foundation

/// CRC-32 (IEEE 802.3, the polynomial 0xEDB88320 reflected), as S3's `ChecksumCRC32` gives it:
/// the four bytes big-endian, in base64.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// `KUmHvQ==` for `"text data"` (with its quotes).
    static func base64(_ bytes: [UInt8]) -> String {
        let crc = checksum(bytes)
        return Data([UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)])
            .base64EncodedString()
    }
}
