import Testing

/// Two strings, and whether AWS (Java `String.equals`) and JSONata (JavaScript `===`) see them as
/// one: the table the code-unit equality tests of every layer run over (SPEC-NOTES §1 "String
/// equality").
public struct CodeUnitPair: Sendable, CustomTestStringConvertible {
    public let name: String
    public let first: String
    public let second: String
    /// Whether the two are one string by code units.
    public let same: Bool
    public var testDescription: String { name }

    /// Each distinct pair is canonically equivalent, so Swift's `==` says `true` for all of them.
    public static let all: [CodeUnitPair] = [
        CodeUnitPair(name: "precomposed vs decomposed é", first: "\u{E9}", second: "e\u{301}", same: false),
        CodeUnitPair(name: "Hangul syllable vs jamo", first: "\u{AC00}", second: "\u{1100}\u{1161}", same: false),
        CodeUnitPair(name: "Angstrom sign vs Å", first: "\u{212B}", second: "\u{C5}", same: false),
        CodeUnitPair(name: "Kelvin sign vs ASCII K", first: "\u{212A}", second: "K", same: false),
        CodeUnitPair(
            name: "long decomposed key", first: "caf\u{E9}_" + String(repeating: "x", count: 40),
            second: "cafe\u{301}_" + String(repeating: "x", count: 40), same: false),
        CodeUnitPair(name: "a string vs itself", first: "caf\u{E9}", second: "caf\u{E9}", same: true),
    ]
}
