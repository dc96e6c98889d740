/// Source text with position markers, for tests that state where something must point.
///
///     let marked = MarkedText(#"{"Next": 1️⃣"Lod"}"#)
///     marked.text              // {"Next": "Lod"}
///     marked.offset(of: "1️⃣")  // 9, the UTF-8 byte offset of the opening quote
///
/// Markers are the keycap digits `0️⃣`…`9️⃣` and `🔟`; each is removed and its position recorded
/// as a byte offset into the stripped text's UTF-8, the unit diagnostics use.
public struct MarkedText: Sendable, Hashable {
    /// The text without its markers.
    public let text: String
    /// Each marker's UTF-8 byte offset in ``text``.
    public let markers: [String: Int]
    /// Markers that appeared more than once (only the first position is kept); a test bug.
    public let repeatedMarkers: [String]

    /// The markers this type recognises.
    public static let markerSet: Set<Character> = [
        "0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟",
    ]

    public init(_ marked: String) {
        var text = ""
        var markers: [String: Int] = [:]
        var repeated: [String] = []
        var offset = 0
        for character in marked {
            if Self.markerSet.contains(character) {
                let name = String(character)
                if markers[name] == nil {
                    markers[name] = offset
                } else {
                    repeated.append(name)
                }
            } else {
                text.append(character)
                offset += character.utf8.count
            }
        }
        self.text = text
        self.markers = markers
        self.repeatedMarkers = repeated
    }

    /// The stripped text as bytes.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// The byte offset of a marker, or `nil` if it does not occur.
    public func offset(of marker: String) -> Int? { markers[marker] }

    /// The marker at a byte offset, if any (the first in marker order when several share it).
    public func marker(at offset: Int) -> String? {
        markers.filter { $0.value == offset }.keys.sorted().first
    }
}
