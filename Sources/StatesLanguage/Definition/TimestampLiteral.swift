/// A timestamp written in the definition (Wait `Timestamp`, the operand of Choice
/// `TimestampEquals`, `TimestampLessThan`, …), parsed once when the definition is parsed.
///
///     TimestampLiteral("2016-03-14T03:59:00+02:00").instant   // 1457920740 s, offset +7200
///     TimestampLiteral("2016-02-30T00:00:00Z").instant        // nil: no such day
///
/// `instant` is `nil` when the text is not a timestamp AWS's runtime reads; the text is kept for
/// messages (a Wait state then fails at run time with AWS's text naming it, a Choice comparison
/// is false). Timestamps fed by paths (`TimestampPath`, a `Variable`'s value, `…Path` operands)
/// are input, parsed at run time with the same ``TimestampInstant/parse(_:)``.
public struct TimestampLiteral: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The text as written.
    public let text: String
    /// The instant it designates, or `nil` if it is not one.
    public let instant: TimestampInstant?

    public init(_ text: String) {
        self.text = text
        instant = TimestampInstant.parse(text)
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// A literal with its instant given, for definitions built in code.
    public init(text: String, instant: TimestampInstant?) {
        self.text = text
        self.instant = instant
    }

    public var description: String { text }
}

/// An instant read from an ISO-8601 extended offset date-time: seconds and nanoseconds since
/// 1970-01-01T00:00:00Z, and the offset it was written with.
///
/// Parsing follows Java's `DateTimeFormatter.ISO_OFFSET_DATE_TIME`, which AWS names in its Wait
/// errors ("does not reference a valid ISO-8601 extended offset date-time format string"):
///
///     2016-03-14T01:59:00Z              ✓
///     2016-03-14T01:59:00.123456789Z    ✓ up to nine fraction digits
///     2016-03-14T01:59Z                 ✓ seconds are optional
///     2016-03-14T03:59:00+02:00         ✓ the same instant as 01:59:00Z
///     2016-03-14T01:59:00+0200          ✓ (offsets are parsed leniently: +HH, +HHMM, +HH:MM, +HH:MM:SS)
///     2016-03-14t01:59:00z              ✓ (Java parses case-insensitively)
///     2016-03-14T01:59:00               ✗ no offset
///     2016-03-14 01:59:00Z              ✗
///     2016-02-30T00:00:00Z              ✗ no such day (strict resolver)
///     2016-03-14T24:00:00Z              ✗
///
/// Rationale: it lives here, below the runtime, so that the parser compiles literal timestamps
/// with exactly the reading the runtime applies to timestamps in the input.
///
/// Instants compare and hash by the instant alone, not the offset they were written with.
/// `description` is what AWS puts in `$$.Execution.StartTime` and `$$.State.EnteredTime`: UTC
/// with milliseconds, `2024-01-01T00:00:00.123Z` (the runtime calls this type `Timestamp`).
public struct TimestampInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanoseconds: Int32
    /// The offset from UTC it was written with, in seconds (not part of equality).
    public var offsetSeconds: Int32

    public init(epochSeconds: Int64, nanoseconds: Int32 = 0, offsetSeconds: Int32 = 0) {
        self.epochSeconds = epochSeconds
        self.nanoseconds = nanoseconds
        self.offsetSeconds = offsetSeconds
    }

    /// The instant with its fraction of a second dropped. AWS developer guide, "Wait state":
    /// "Step Functions considers the time value up to seconds and truncates milliseconds."
    public var truncatedToSeconds: TimestampInstant {
        TimestampInstant(epochSeconds: epochSeconds, nanoseconds: 0, offsetSeconds: offsetSeconds)
    }

    public static func == (lhs: TimestampInstant, rhs: TimestampInstant) -> Bool {
        lhs.epochSeconds == rhs.epochSeconds && lhs.nanoseconds == rhs.nanoseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochSeconds)
        hasher.combine(nanoseconds)
    }

    public static func < (lhs: TimestampInstant, rhs: TimestampInstant) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }

    public var description: String {
        // Clamped first so that `* 1000` cannot overflow for an instant built with any `Int64`.
        let seconds = min(max(epochSeconds, Self.earliestWritable / 1000), Self.latestWritable / 1000)
        return Self.format(epochMilliseconds: seconds * 1000 + Int64(nanoseconds / 1_000_000))
    }

    // MARK: Formatting

    /// The first instant written with four year digits, 0000-01-01T00:00:00.000Z, in milliseconds
    /// since 1970.
    package static let earliestWritable: Int64 = -62_167_219_200_000
    /// The last one, 9999-12-31T23:59:59.999Z.
    package static let latestWritable: Int64 = 253_402_300_799_999

    /// Milliseconds since 1970 in UTC, `2024-01-01T00:00:00.123Z`; instants outside years
    /// 0000–9999 are written as the nearest end of that range rather than trapping.
    package static func format(epochMilliseconds unclamped: Int64) -> String {
        let epochMilliseconds = min(max(unclamped, earliestWritable), latestWritable)
        let (seconds, millis) = epochMilliseconds.quotientAndRemainder(dividingBy: 1000)
        var wholeSeconds = seconds
        var fraction = millis
        if fraction < 0 {
            fraction += 1000
            wholeSeconds -= 1
        }
        var days = wholeSeconds / 86_400
        var secondOfDay = wholeSeconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let date = CivilCalendar.date(fromDays: Int(days))
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(Int64(date.year), 4) + "-" + pad(Int64(date.month), 2) + "-" + pad(Int64(date.day), 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "."
            + pad(fraction, 3) + "Z"
    }

    /// Parses an ISO-8601 extended offset date-time; `nil` if `text` is not one.
    /// - Complexity: O(n), no allocation.
    public static func parse(_ text: String) -> TimestampInstant? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.timestamp()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[position + offset]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += count
            return value
        }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func expect(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            position += 1
            return true
        }

        mutating func timestamp() -> TimestampInstant? {
            guard let year = digits(4), expect(UInt8(ascii: "-")),
                let month = digits(2), expect(UInt8(ascii: "-")),
                let day = digits(2)
            else { return nil }
            guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(month, year: year) else {
                return nil
            }
            guard let separator = peek(), separator | 0x20 == UInt8(ascii: "t") else { return nil }
            position += 1
            guard let hour = digits(2), hour < 24, expect(UInt8(ascii: ":")), let minute = digits(2), minute < 60 else {
                return nil
            }
            var second = 0
            var nanos = 0
            if expect(UInt8(ascii: ":")) {
                guard let value = digits(2), value < 60 else { return nil }
                second = value
                if expect(UInt8(ascii: ".")) {
                    var count = 0
                    while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"), count < 9 {
                        nanos = nanos * 10 + Int(byte - UInt8(ascii: "0"))
                        count += 1
                        position += 1
                    }
                    for _ in count..<9 { nanos *= 10 }
                }
            }
            guard let offset = self.offset(), position == bytes.count else { return nil }
            let days = CivilCalendar.days(year: year, month: month, day: day)
            let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            return TimestampInstant(
                epochSeconds: local - Int64(offset), nanoseconds: Int32(nanos), offsetSeconds: Int32(offset))
        }

        /// `Z`, or `+`/`-` hours with optional minutes and seconds, colons optional (Java's
        /// lenient `appendOffsetId`); at most ±18:00.
        mutating func offset() -> Int? {
            guard let sign = peek() else { return nil }
            if sign | 0x20 == UInt8(ascii: "z") {
                position += 1
                return 0
            }
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
            position += 1
            guard let hours = digits(2) else { return nil }
            var minutes = 0
            var seconds = 0
            let colon = expect(UInt8(ascii: ":"))
            if let value = digits(2) {
                minutes = value
                let secondColon = expect(UInt8(ascii: ":"))
                if let value = digits(2) {
                    seconds = value
                } else if secondColon {
                    return nil
                }
            } else if colon {
                return nil
            }
            guard minutes < 60, seconds < 60 else { return nil }
            let total = hours * 3600 + minutes * 60 + seconds
            guard total <= 18 * 3600 else { return nil }
            return sign == UInt8(ascii: "-") ? -total : total
        }
    }
}
