import JSONCore
import Testing

@testable import StatesLanguage

/// `States.Base64Encode` and `States.Base64Decode`: AWS's examples, the conformance suite's
/// observations, and the lenient decoder checked against Apache Commons Codec 1.15.
@Suite struct EncodingIntrinsicTests {
    static let long10001 = String(repeating: "a", count: 10_001)

    static let cases: [IntrinsicCase] = [
        .init(
            "Base64Encode: AWS example", "States.Base64Encode($.input)", input: #"{"input": "Data to encode"}"#,
            .result(#""RGF0YSB0byBlbmNvZGU=""#)),
        .init("Base64Encode: hello", "States.Base64Encode('hello')", .result(#""aGVsbG8=""#)),
        .init("Base64Encode: empty", "States.Base64Encode('')", .result(#""""#)),
        .init("Base64Encode: check mark", "States.Base64Encode($.s)", input: #"{"s": "✓"}"#, .result(#""4pyT""#)),
        .init(
            "Base64Encode: Japanese", "States.Base64Encode($.s)", input: #"{"s": "こんにちは"}"#,
            .result(#""44GT44KT44Gr44Gh44Gv""#)),
        .init(
            "Base64Encode: newline", "States.Base64Encode($.s)", input: #"{"s": "line1\nline2"}"#,
            .result(#""bGluZTEKbGluZTI=""#)),
        .init(
            "Base64Encode: NUL", "States.Base64Encode($.s)", input: #"{"s": "abc\u0000def"}"#,
            .result(#""YWJjAGRlZg==""#)),
        .init("Base64Encode: astral", "States.Base64Encode('🚀')", .result(#""8J+agA==""#)),
        .init("Base64Encode: space", "States.Base64Encode(' ')", .result(#""IA==""#)),
        .init(
            "Base64Encode: nested Format", "States.Base64Encode(States.Format('{}-{}', $.a, $.b))",
            input: #"{"a": "x", "b": "y"}"#, .result(#""eC15""#)),
        .init(
            "Base64Encode: 10,001 characters", "States.Base64Encode($.s)", input: #"{"s": "\#(long10001)"}"#, .invalid),
        .init("Base64Encode: number", "States.Base64Encode($.s)", input: #"{"s": 123}"#, .invalid),
        .init("Base64Encode: object", "States.Base64Encode($.s)", input: #"{"s": {}}"#, .invalid),
        .init("Base64Encode: array", "States.Base64Encode($.s)", input: #"{"s": ["x"]}"#, .invalid),
        .init(
            "Base64Decode: AWS example", "States.Base64Decode($.base64)", input: #"{"base64": "RGF0YSB0byBlbmNvZGU="}"#,
            .result(#""Data to encode""#)),
        .init("Base64Decode: hello", "States.Base64Decode('aGVsbG8=')", .result(#""hello""#)),
        .init("Base64Decode: empty", "States.Base64Decode('')", .result(#""""#)),
        .init("Base64Decode: check mark", "States.Base64Decode('4pyT')", .result(#""✓""#)),
        .init("Base64Decode: Japanese", "States.Base64Decode('44GT44KT44Gr44Gh44Gv')", .result(#""こんにちは""#)),
        .init("Base64Decode: padded", "States.Base64Decode('YWJjZA==')", .result(#""abcd""#)),
        .init(
            "Base64Decode: NUL", "States.Base64Decode($.s)", input: #"{"s": "YWJjAGRlZg=="}"#,
            .result(#""abc\u0000def""#)),
        .init("Base64Decode: surrounding blanks skipped", "States.Base64Decode(' YWJjZA== ')", .result(#""abcd""#)),
        .init("Base64Decode: stops at padding", "States.Base64Decode('ab==cd')", .result(#""i""#)),
        .init("Base64Decode: missing padding", "States.Base64Decode('YQ')", .result(#""a""#)),
        .init("Base64Decode: lone final character dropped", "States.Base64Decode('Y')", .result(#""""#)),
        .init("Base64Decode: invalid bytes become U+FFFD", "States.Base64Decode('abc')", .result("\"i\u{FFFD}\"")),
        .init("Base64Decode: junk skipped", "States.Base64Decode('!!!invalid!!!')", .result("\"\u{FFFD}{\u{696}'\"")),
        .init("Base64Decode: URL-safe alphabet", "States.Base64Decode('LV8')", .result(#""-_""#)),
        .init(
            "Base64Decode: round trip", "States.Base64Decode(States.Base64Encode($.s))", input: #"{"s": "hello"}"#,
            .result(#""hello""#)),
        .init(
            "Base64Decode: 10,001 characters", "States.Base64Decode($.s)", input: #"{"s": "\#(long10001)"}"#, .invalid),
        .init("Base64Decode: number", "States.Base64Decode($.s)", input: #"{"s": 123}"#, .invalid),
        .init("Base64Decode: object", "States.Base64Decode($.s)", input: #"{"s": {}}"#, .invalid),
    ]

    @Test(arguments: Self.cases)
    func evaluates(_ c: IntrinsicCase) throws {
        try c.check()
    }

    @Test(arguments: [9_999, 10_000])
    func limitIsTenThousandCharacters(_ count: Int) throws {
        var random = SplitMix64(seed: 1)
        let text = String(repeating: "a", count: count)
        let encoded = try IntrinsicCall.parse("States.Base64Encode($.s)").evaluate(
            resolve: { _ in .string(text) }, random: &random)
        #expect(encoded.stringValue.map { Base64Codec.decode($0) } == Array(text.utf8))
        // 'A' × n is n characters of Base64: decodes (to zero bytes) up to the limit.
        let base64 = String(repeating: "A", count: count)
        let decoded = try IntrinsicCall.parse("States.Base64Decode($.s)").evaluate(
            resolve: { _ in .string(base64) }, random: &random)
        #expect(decoded.stringValue?.utf8.count == count / 4 * 3 + (count % 4 == 3 ? 2 : count % 4 == 2 ? 1 : 0))
        #expect(decoded.stringValue?.utf8.allSatisfy { $0 == 0 } == true)
    }

    /// The limit counts UTF-16 code units, as Java's `String.length()` does: 5,000 rockets are
    /// 10,000 units and pass; one more fails.
    @Test func limitCountsUTF16Units() throws {
        var random = SplitMix64(seed: 1)
        let call = try IntrinsicCall.parse("States.Base64Encode($.s)")
        let fits = String(repeating: "🚀", count: 5_000)
        #expect(throws: Never.self) { try call.evaluate(resolve: { _ in .string(fits) }, random: &random) }
        #expect(throws: StatesError.self) { try call.evaluate(resolve: { _ in .string(fits + "a") }, random: &random) }
    }

    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(_ plain: String, _ encoded: String) {
        #expect(Base64Codec.encode(Array(plain.utf8)) == encoded)
        #expect(Base64Codec.decode(encoded) == Array(plain.utf8))
    }

    /// Every byte value survives a round trip.
    @Test func allBytesRoundTrip() {
        let bytes = (0...255).map { UInt8($0) }
        #expect(Base64Codec.decode(Base64Codec.encode(bytes)) == bytes)
    }
}
