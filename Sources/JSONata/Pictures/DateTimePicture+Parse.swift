import Foundation
import Synchronization

// `$toMillis(string, picture)`: jsonata-js 2.0.6 `parseDateTime`. The picture becomes one regular expression, a
// group per part, matched case-insensitively against the whole text; each component's group is
// read back; the date must be one of {Y M D}, {Y d}, {X x w F}, {X W F} and the time one of
// {H m s f}, {P h m s f}, with no gap: components left of the first one given come from `now`,
// those right of the last one given are their minimum.
//
// Example: `"[D1o] [MNn] [Y0001]"` becomes `^([0-9]+(?:th|st|nd|rd))( )([a-zA-Z]+)( )([0-9]{4})$`;
// "27th April 2008" gives D 27, M 4, Y 2008, the time defaults to midnight: 1209254400000.

extension DateTimePicture {
    /// Reads `text` as `picture` formats instants, or as ISO 8601 when `picture` is nil.
    ///
    /// - Parameter now: the evaluation's instant (millis), which fills the components more
    ///   significant than the first one the picture gives (`$toMillis('13:45', '[H]:[m]')` is
    ///   today at 13:45); nil reads the system clock, as jsonata-js reads its evaluation start.
    /// - Returns: nil (undefined) when the text does not match the picture or the picture has no
    ///   component; `.nan` where jsonata-js yields `NaN` (an impossible date).
    /// - Throws: D3110 for text that is not ISO 8601 (no picture); D3132–D3136 for a bad or
    ///   underspecified picture; D3130 for a numbering-sequence presentation.
    package static func parse(_ text: String, picture: String?, now: Double? = nil) throws(JSONataError) -> Double? {
        guard let picture else { return try ISO8601Timestamp.millis(text) }
        let parts = try DateTimePictureSpec.analyse(picture)
        let matchers = try parts.map(DateTimeMatcher.init)
        let pattern = "^" + matchers.map { "(" + $0.regex + ")" }.joined() + "$"
        let expression = try PictureRegexCache.shared.expression(for: pattern)
        let subject = text as NSString
        guard
            let match = expression.firstMatch(
                in: text, options: [], range: NSRange(location: 0, length: subject.length))
        else { return nil }
        var components = ParsedComponents()
        for (index, matcher) in matchers.enumerated() {
            guard let read = matcher.read else { continue }
            let range = match.range(at: index + 1)
            let captured = range.location == NSNotFound ? "" : subject.substring(with: range)
            components.set(matcher.component, read(captured))
        }
        if components.isEmpty { return nil }
        let nowMillis = now ?? (Date().timeIntervalSince1970 * 1000).rounded(.down)
        return try components.millis(now: JSDateFields(millis: nowMillis))
    }
}

/// A part of the picture as a regular expression and, for a component, how to read its text back.
struct DateTimeMatcher {
    var regex: String
    var component = ""
    /// The component's value from its text: nil for undefined (a name it does not know).
    var read: ((String) -> Double?)?

    init(_ part: DateTimePicturePart) throws(JSONataError) {
        switch part {
        case .literal(let text):
            regex = Self.escape(text)
        case .marker(let marker):
            component = marker.component
            if marker.component == "Z" || marker.component == "z" {
                (regex, read) = Self.timezone(marker)
            } else if let format = marker.integerFormat {
                (regex, read) = try Self.integer(format, digits: marker.digits)
            } else {
                (regex, read) = try Self.name(marker)
            }
        }
    }

    /// `value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`.
    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if ".*+?^${}()|[]\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    private static func timezone(_ marker: DateTimeMarker) -> (String, (String) -> Double?) {
        let separator = marker.integerFormat.flatMap { $0.regular ? $0.separators.first?.character : nil }
        var regex = marker.component == "z" ? "GMT" : ""
        regex += "[-+][0-9]+"
        if let separator { regex += separator + "[0-9]+" }
        let gmt = marker.component == "z"
        return (
            regex,
            { captured in
                var value = JSText(js: captured)
                if gmt { value = value.jsSubstring(3) }
                var hours = 0.0
                var minutes = 0.0
                if let separator {
                    let at = value.jsIndexOf(JSText(js: separator))
                    hours = jsParseInt(value.jsSubstring(0, at)) ?? .nan
                    minutes = jsParseInt(value.jsSubstring(at + 1)) ?? .nan
                } else if value.count - 1 <= 2 {
                    hours = jsParseInt(value) ?? .nan
                } else {
                    hours = jsParseInt(value.jsSubstring(0, 3)) ?? .nan
                    minutes = jsParseInt(value.jsSubstring(3)) ?? .nan
                }
                return hours * 60 + minutes
            }
        )
    }

    /// - Parameter digits: the marker's digit count (Y, M, D), which fixes how many digits are read.
    private static func integer(_ format: IntegerFormat, digits count: Double) throws(JSONataError) -> (
        String, (String) -> Double?
    ) {
        let regex: String
        switch format.primary {
        case .letters: regex = format.letterCase == .upper ? "[A-Z]+" : "[a-z]+"
        case .roman: regex = format.letterCase == .upper ? "[MDCLXVI]+" : "[mdclxvi]+"
        case .words:
            let words = IntegerNames.wordValues.map(\.word) + ["and", "[\\-, ]"]
            regex = "(?:" + words.joined(separator: "|") + ")+"
        case .decimal:
            var digits = "[0-9]"
            if count > 0, let n = Int(exactly: count) {
                let least = n - format.optionalDigits
                if format.optionalDigits == 0 {
                    digits += "{\(n)}"
                } else if least >= 0 {
                    digits += "{\(least),\(n)}"
                } else {
                    // Not a quantifier: JavaScript then reads the braces as literal text.
                    digits += "\\{\(least),\(n)\\}"
                }
            } else {
                digits += "+"
            }
            if format.ordinal { digits += "(?:th|st|nd|rd)" }
            regex = digits
        case .sequence:
            throw .unsupportedSequence(format.token)
        }
        return (regex, { text in try? format.parse(text) })
    }

    private static func name(_ marker: DateTimeMarker) throws(JSONataError) -> (String, (String) -> Double?) {
        var lookup: [String: Double] = [:]
        let width = marker.maximumWidth.flatMap { $0.isNaN || $0 == 0 ? nil : Int($0) }
        func shortened(_ name: String) -> String {
            guard let width else { return name }
            return JSText(js: name).jsSubstring(0, width).string
        }
        switch marker.component {
        case "M", "x":
            for (index, month) in DateTimePicture.months.enumerated() {
                lookup[shortened(month)] = Double(index + 1)
            }
        case "F":
            for (index, day) in DateTimePicture.days.enumerated().dropFirst() {
                lookup[shortened(day)] = Double(index)
            }
        case "P":
            lookup = ["am": 0, "AM": 0, "pm": 1, "PM": 1]
        default:
            throw .namesNotSupported(marker.component)
        }
        let table = lookup
        return ("[a-zA-Z]+", { table[$0] })
    }
}

/// Compiled picture expressions by pattern: a picture is usually parsed with many times (each item
/// of a Map), and compiling is most of the cost of a parse. At most `capacity` are kept; a full
/// cache starts over.
final class PictureRegexCache: Sendable {
    static let shared = PictureRegexCache()
    static let capacity = 64

    /// `@unchecked Sendable`: an `NSRegularExpression` is immutable and documented thread-safe.
    private struct Compiled: @unchecked Sendable {
        let expression: NSRegularExpression
    }

    private let compiled = Mutex<[String: Compiled]>([:])

    /// How many expressions are kept now.
    var count: Int { compiled.withLock { $0.count } }

    /// The case-insensitive expression for `pattern`.
    ///
    /// - Throws: JavaScript's `SyntaxError` for a pattern ICU cannot compile (a picture whose
    ///   timezone separator is a regular-expression character, for instance).
    func expression(for pattern: String) throws(JSONataError) -> NSRegularExpression {
        if let cached = compiled.withLock({ $0[pattern] }) { return cached.expression }
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            throw JSONataError(code: "SyntaxError", message: "Invalid regular expression: /\(pattern)/")
        }
        compiled.withLock { table in
            if table.count >= Self.capacity { table.removeAll() }
            table[pattern] = Compiled(expression: expression)
        }
        return expression
    }
}
