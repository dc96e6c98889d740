import JSONCore
import Testing

@testable import StatesLanguage

/// The hashes against published vectors (RFC 1321 appendix A.5; FIPS 180 examples: "abc", "",
/// the 448-bit and 896-bit messages, one million "a"), and `States.Hash` against AWS's example
/// and the conformance suite's observations. The 56- and 112-byte FIPS messages are the padding
/// edge cases: the length no longer fits the last 64- or 128-byte block.
@Suite struct HashIntrinsicTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let algorithm: String
        let message: String
        let digest: String
        var testDescription: String {
            "\(algorithm) of \(message.count > 20 ? "\(message.prefix(12))… (\(message.utf8.count) bytes)" : "\"\(message)\"")"
        }
    }

    static let bits448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    static let bits896 =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

    static let md5: [Vector] = [
        .init(algorithm: "MD5", message: "", digest: "d41d8cd98f00b204e9800998ecf8427e"),
        .init(algorithm: "MD5", message: "a", digest: "0cc175b9c0f1b6a831c399e269772661"),
        .init(algorithm: "MD5", message: "abc", digest: "900150983cd24fb0d6963f7d28e17f72"),
        .init(algorithm: "MD5", message: "message digest", digest: "f96b697d7cb7938d525a2f31aaf161d0"),
        .init(algorithm: "MD5", message: "abcdefghijklmnopqrstuvwxyz", digest: "c3fcd3d76192e4007dfb496cca67e13b"),
        .init(
            algorithm: "MD5", message: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            digest: "d174ab98d277d9f5a5611c2c9f419d9f"),
        .init(
            algorithm: "MD5", message: String(repeating: "1234567890", count: 8),
            digest: "57edf4a22be3c955ac49da2e2107b67a"),
    ]

    static let sha: [Vector] = [
        .init(algorithm: "SHA-1", message: "abc", digest: "a9993e364706816aba3e25717850c26c9cd0d89d"),
        .init(algorithm: "SHA-1", message: "", digest: "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        .init(algorithm: "SHA-1", message: bits448, digest: "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        .init(algorithm: "SHA-1", message: bits896, digest: "a49b2446a02c645bf419f995b67091253a04a259"),
        .init(
            algorithm: "SHA-256", message: "abc",
            digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        .init(
            algorithm: "SHA-256", message: "",
            digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        .init(
            algorithm: "SHA-256", message: bits448,
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        .init(
            algorithm: "SHA-256", message: bits896,
            digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        .init(
            algorithm: "SHA-384", message: "abc",
            digest: "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
        .init(
            algorithm: "SHA-384", message: "",
            digest: "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"),
        .init(
            algorithm: "SHA-384", message: bits448,
            digest: "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b"),
        .init(
            algorithm: "SHA-384", message: bits896,
            digest: "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039"),
        .init(
            algorithm: "SHA-512", message: "abc",
            digest:
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ),
        .init(
            algorithm: "SHA-512", message: "",
            digest:
                "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
        .init(
            algorithm: "SHA-512", message: bits448,
            digest:
                "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"
        ),
        .init(
            algorithm: "SHA-512", message: bits896,
            digest:
                "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"
        ),
    ]

    /// One million "a", the FIPS 180 long-message example (too long for `States.Hash`'s limit,
    /// so it goes to the hash functions directly).
    static let million: [Vector] = [
        .init(algorithm: "MD5", message: "", digest: "7707d6ae4e027c70eea2a935c2296f21"),
        .init(algorithm: "SHA-1", message: "", digest: "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
        .init(
            algorithm: "SHA-256", message: "",
            digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        .init(
            algorithm: "SHA-384", message: "",
            digest: "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985"),
        .init(
            algorithm: "SHA-512", message: "",
            digest:
                "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"
        ),
    ]

    static func digest(_ algorithm: String, _ bytes: [UInt8]) -> String? {
        switch algorithm {
        case "MD5": HashPadding.hex(MD5.digest(bytes))
        case "SHA-1": HashPadding.hex(SHA1.digest(bytes))
        case "SHA-256": HashPadding.hex(SHA2.sha256(bytes))
        case "SHA-384": HashPadding.hex(SHA2.sha384(bytes))
        case "SHA-512": HashPadding.hex(SHA2.sha512(bytes))
        default: nil
        }
    }

    /// Each vector through `States.Hash` itself, so the name dispatch is covered too.
    @Test(arguments: Self.md5 + Self.sha)
    func publishedVectors(_ v: Vector) throws {
        var random = SplitMix64(seed: 1)
        let value = try IntrinsicCall.parse("States.Hash($.data, '\(v.algorithm)')").evaluate(
            resolve: { _ in .string(v.message) }, random: &random)
        #expect(value == .string(v.digest))
    }

    @Test(arguments: Self.million)
    func oneMillionA(_ v: Vector) {
        #expect(Self.digest(v.algorithm, [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == v.digest)
    }

    static let calls: [IntrinsicCase] = [
        .init(
            "Hash: AWS example", "States.Hash($.Data, $.Algorithm)",
            input: #"{"Data": "input data", "Algorithm": "SHA-1"}"#,
            .result(#""aaff4a450a104cd177d28d18d74485e8cae074b7""#)),
        .init("Hash: MD5 of hello", "States.Hash('hello', 'MD5')", .result(#""5d41402abc4b2a76b9719d911017c592""#)),
        .init(
            "Hash: SHA-256 of a check mark", "States.Hash($.s, 'SHA-256')", input: #"{"s": "✓"}"#,
            .result(#""1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604""#)),
        .init(
            "Hash: SHA-256 of Japanese", "States.Hash($.s, 'SHA-256')", input: #"{"s": "こんにちは"}"#,
            .result(#""125aeadf27b0459b8760c13a3d80912dfa8a81a68261906f60d87f4a0268646c""#)),
        .init(
            "Hash: NUL inside", "States.Hash($.s, 'MD5')", input: #"{"s": "abc\u0000def"}"#,
            .result(#""a5e4d5963ae44c1f4bfb37b1a3d55a3c""#)),
        .init(
            "Hash: astral", "States.Hash('🚀', 'SHA-256')",
            .result(#""ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5""#)),
        .init(
            "Hash: nested Format", "States.Hash(States.Format('{}:{}', $.a, $.b), 'SHA-256')",
            input: #"{"a": "x", "b": "y"}"#,
            .result(#""1274e286686b54fe765ec40735665b4bf789cee2a5b22124c5e0491a88e15271""#)),
        .init(
            "Hash: Data to encode", "States.Hash($.s, $.algo)", input: #"{"s": "Data to encode", "algo": "MD5"}"#,
            .result(#""ca405671828a177e26947171bbe1e352""#)),
        .init(
            "Hash: a number is hashed as its text", "States.Hash(123, 'MD5')",
            .result(#""202cb962ac59075b964b07152d234b70""#)),
        .init(
            "Hash: an object is hashed as its Java text", "States.Hash($.o, 'MD5')", input: #"{"o": {"a": 1}}"#,
            .result(#""\#(digest("MD5", Array("{a=1}".utf8)) ?? "")""#)),
        .init("Hash: lowercase name", "States.Hash('data', 'sha-256')", .invalid),
        .init("Hash: no hyphen", "States.Hash('data', $.a)", input: #"{"a": "SHA256"}"#, .invalid),
        .init("Hash: unknown name", "States.Hash('data', $.a)", input: #"{"a": "SHA-257"}"#, .invalid),
        .init("Hash: empty name", "States.Hash('data', $.a)", input: #"{"a": ""}"#, .invalid),
        .init("Hash: numeric name", "States.Hash('data', $.a)", input: #"{"a": 256}"#, .invalid),
        .init(
            "Hash: 10,001 characters", "States.Hash($.s, 'MD5')",
            input: #"{"s": "\#(String(repeating: "a", count: 10_001))"}"#, .invalid),
    ]

    @Test(arguments: Self.calls)
    func evaluates(_ c: IntrinsicCase) throws {
        try c.check()
    }

    @Test func tenThousandCharactersPass() throws {
        var random = SplitMix64(seed: 1)
        let text = String(repeating: "a", count: 10_000)
        let value = try IntrinsicCall.parse("States.Hash($.s, 'SHA-256')").evaluate(
            resolve: { _ in .string(text) }, random: &random)
        #expect(value == .string(Self.digest("SHA-256", Array(text.utf8)) ?? ""))
    }
}
