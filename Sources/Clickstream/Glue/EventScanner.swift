// EventScanner: the fast path of the Glue job's parser, for lines shaped like the simulator's
// events:
//
//     {"user_id": "u-1", "session_id": "s-9", "event_time": "2026-11-26T15:51:27.123456",
//      "event_type": "page_view", "page_url": "https://…", "referrer_url": null,
//      "device_type": "mobile", "browser": "Chrome",
//      "geo": {"ip": "10.0.0.1", "country": "US", "city": "Seattle"}}
//
// It walks the bytes once, records where each known field's string lies (in the line, or in a
// scratch buffer when it had escapes) and never builds a `String`. Keys may come in any order,
// repeat (the last wins, like the general reader's keep-last policy) or be unknown (string,
// null, true or false values are skipped). Anything else it does not handle completely (numbers,
// nested values other than `geo`, control characters, invalid UTF-8, a lone surrogate escape,
// broken syntax) returns `.fallback`, and the line goes to the general JSONCore reader, which
// gives the final verdict. So the fast path never accepts a line the general reader would reject,
// nor reads one differently.

/// Where one field's value is, for the line being scanned.
struct FieldSlot {
    enum Source: UInt8 {
        case null
        case line
        case scratch
    }

    var source: Source = .null
    var start = 0
    var end = 0
}

/// What scanning a line found.
enum ScanOutcome: Equatable {
    /// A row to write, with its event time in microseconds.
    case row(micros: Int64)
    /// An object whose `event_time` is missing, not a string, or unparsable.
    case dropped
    /// Not JSON, or JSON but not an object.
    case malformed
    /// The fast path gave up; use the general reader.
    case fallback
}

struct EventScanner {
    /// Slots of the ten string fields in `EventField` order.
    var fields = [FieldSlot](repeating: FieldSlot(), count: EventField.allCases.count)
    var time = FieldSlot()
    /// Unescaped strings of the current line.
    var scratch: [UInt8] = []

    private enum Key {
        case field(EventField)
        case eventTime
        case geo
        case unknown
    }

    private static let topKeys: [(bytes: [UInt8], key: Key)] =
        zip(EventField.names, EventField.allCases).map { (Array($0.utf8), Key.field($1)) }
        .filter { !["ip", "country", "city"].contains(String(decoding: $0.bytes, as: UTF8.self)) }
        + [(Array("event_time".utf8), .eventTime), (Array("geo".utf8), .geo)]

    private static let geoKeys: [(bytes: [UInt8], key: Key)] = [
        (Array("ip".utf8), .field(.ip)), (Array("country".utf8), .field(.country)), (Array("city".utf8), .field(.city)),
    ]

    mutating func reset() {
        for index in fields.indices { fields[index] = FieldSlot() }
        time = FieldSlot()
        scratch.removeAll(keepingCapacity: true)
    }

    /// Scans one line (no line break in it, not blank).
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> ScanOutcome {
        reset()
        var cursor = Cursor(bytes: line)
        guard parseObject(&cursor, keys: Self.topKeys) else { return .fallback }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { return .fallback }
        return timeOutcome(line)
    }

    /// Turns the recorded `event_time` into the outcome of a well-formed line.
    func timeOutcome(_ line: UnsafeBufferPointer<UInt8>) -> ScanOutcome {
        let micros: Int64?
        switch time.source {
        case .null:
            return .dropped
        case .line:
            micros = EventTime.parseMicros(UnsafeBufferPointer(rebasing: line[time.start..<time.end]))
        case .scratch:
            micros = scratch.withUnsafeBufferPointer {
                EventTime.parseMicros(UnsafeBufferPointer(rebasing: $0[time.start..<time.end]))
            }
        }
        return micros.map { .row(micros: $0) } ?? .dropped
    }

    /// Parses `{ "key": value, … }`; returns `false` to fall back.
    private mutating func parseObject(_ cursor: inout Cursor, keys: [(bytes: [UInt8], key: Key)]) -> Bool {
        cursor.skipWhitespace()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        cursor.skipWhitespace()
        if cursor.take(UInt8(ascii: "}")) { return true }
        while true {
            guard cursor.take(UInt8(ascii: "\"")) else { return false }
            let keyStart = cursor.index
            while !cursor.isAtEnd {
                let byte = cursor.peek()
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                cursor.index += 1
            }
            guard !cursor.isAtEnd, cursor.peek() == UInt8(ascii: "\"") else { return false }
            let key = Self.match(cursor.bytes, keyStart, cursor.index, keys)
            cursor.index += 1
            cursor.skipWhitespace()
            guard cursor.take(UInt8(ascii: ":")) else { return false }
            cursor.skipWhitespace()
            guard !cursor.isAtEnd else { return false }
            let first = cursor.peek()
            switch key {
            case .field(let field):
                guard let slot = readStringOrNull(&cursor, first) else { return false }
                fields[field.rawValue] = slot
            case .eventTime:
                guard let slot = readStringOrNull(&cursor, first) else { return false }
                time = slot
            case .geo:
                fields[EventField.ip.rawValue] = FieldSlot()
                fields[EventField.country.rawValue] = FieldSlot()
                fields[EventField.city.rawValue] = FieldSlot()
                if first == UInt8(ascii: "n") {
                    guard cursor.takeLiteral("null") else { return false }
                } else {
                    guard first == UInt8(ascii: "{"), parseObject(&cursor, keys: Self.geoKeys) else { return false }
                }
            case .unknown:
                if first == UInt8(ascii: "\"") {
                    guard readString(&cursor) != nil else { return false }
                } else {
                    guard cursor.takeLiteral("null") || cursor.takeLiteral("true") || cursor.takeLiteral("false") else {
                        return false
                    }
                }
            }
            cursor.skipWhitespace()
            if cursor.take(UInt8(ascii: ",")) {
                cursor.skipWhitespace()
                continue
            }
            return cursor.take(UInt8(ascii: "}"))
        }
    }

    private static func match(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ keys: [(bytes: [UInt8], key: Key)]
    ) -> Key {
        let length = end - start
        for candidate in keys where candidate.bytes.count == length {
            var equal = true
            for offset in 0..<length where bytes[start + offset] != candidate.bytes[offset] {
                equal = false
                break
            }
            if equal { return candidate.key }
        }
        return .unknown
    }

    private mutating func readStringOrNull(_ cursor: inout Cursor, _ first: UInt8) -> FieldSlot? {
        if first == UInt8(ascii: "\"") { return readString(&cursor) }
        return cursor.takeLiteral("null") ? FieldSlot() : nil
    }

    /// Reads a string at the cursor's `"`; `nil` to fall back.
    private mutating func readString(_ cursor: inout Cursor) -> FieldSlot? {
        cursor.index += 1
        let start = cursor.index
        guard let stop = cursor.findStringSpecial() else { return nil }
        if cursor.bytes[stop] == UInt8(ascii: "\"") {
            cursor.index = stop + 1
            return FieldSlot(source: .line, start: start, end: stop)
        }
        // Escapes or non-ASCII: decode into the scratch buffer from here on.
        let scratchStart = scratch.count
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[start..<stop]))
        cursor.index = stop
        while !cursor.isAtEnd {
            let byte = cursor.peek()
            if byte == UInt8(ascii: "\"") {
                cursor.index += 1
                return FieldSlot(source: .scratch, start: scratchStart, end: scratch.count)
            } else if byte == UInt8(ascii: "\\") {
                guard decodeEscape(&cursor) else { return nil }
            } else if byte < 0x20 {
                return nil
            } else if byte >= 0x80 {
                let length = UTF8Validation.sequenceLength(cursor.bytes, at: cursor.index)
                guard length > 0 else { return nil }
                scratch.append(
                    contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[cursor.index..<(cursor.index + length)]))
                cursor.index += length
            } else {
                scratch.append(byte)
                cursor.index += 1
            }
        }
        return nil
    }

    /// Decodes the escape at the cursor's `\` into the scratch buffer.
    private mutating func decodeEscape(_ cursor: inout Cursor) -> Bool {
        cursor.index += 1
        guard !cursor.isAtEnd else { return false }
        let byte = cursor.peek()
        cursor.index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard var scalar = cursor.takeHex4() else { return false }
            if (0xD800...0xDBFF).contains(scalar) {
                guard cursor.take(UInt8(ascii: "\\")), cursor.take(UInt8(ascii: "u")), let low = cursor.takeHex4(),
                    (0xDC00...0xDFFF).contains(low)
                else { return false }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                return false
            }
            guard let unicode = Unicode.Scalar(scalar) else { return false }
            scratch.append(contentsOf: UTF8.encode(unicode).map(Array.init) ?? [])
        default:
            return false
        }
        return true
    }
}

/// An index over a line's bytes.
struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }

    @inline(__always)
    func peek() -> UInt8 { bytes[index] }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            index += 1
        }
    }

    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard bytes.count - index >= length else { return false }
        for offset in 0..<length where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += length
        return true
    }

    mutating func takeHex4() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// The index of the first `"`, `\`, control or non-ASCII byte from the cursor on, or `nil`
    /// at the end of the line. Eight bytes at a time: each test flags the lowest matching byte
    /// exactly (borrows only disturb bytes above a match), so the lowest flag of their union is
    /// the answer.
    @inline(__always)
    func findStringSpecial() -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var position = index
        while position + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self).littleEndian
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let flags =
                (word & highs) | ((word &- ones &* 0x20) & ~word & highs)
                | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs)
            if flags != 0 { return position + flags.trailingZeroBitCount >> 3 }
            position += 8
        }
        while position < bytes.count {
            let byte = base[position]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80 { return position }
            position += 1
        }
        return nil
    }
}

/// UTF-8 well-formedness (Unicode Table 3-7), as the general reader checks it.
enum UTF8Validation {
    /// The length of the well-formed sequence starting at `index`, or 0.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let available = bytes.count - index
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset < available && bytes[index + offset] >= low && bytes[index + offset] <= high
        }
        switch lead {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
