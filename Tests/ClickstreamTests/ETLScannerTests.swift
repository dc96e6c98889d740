import Foundation
import Testing

@testable import Clickstream
@testable import LocalAWS

@Suite struct ETLEventTimeTests {
    static let accepted: [(String, Int64)] = [
        ("1970-01-01T00:00:00", 0),
        ("1969-12-31T23:59:59.999999", -1),
        ("2026-11-26T15:51:27.123456", utcMicros(2026, 11, 26, 15, 51, 27, micros: 123_456)),
        ("2024-02-29T00:00:00Z", utcMicros(2024, 2, 29, 0, 0, 0)),
        ("2000-02-29T12:00:00+00:00", utcMicros(2000, 2, 29, 12, 0, 0)),
        ("2026-01-01T00:30:00+01:00", utcMicros(2025, 12, 31, 23, 30, 0)),
        ("2026-12-31T23:30:00-0100", utcMicros(2027, 1, 1, 0, 30, 0)),
        // Proleptic Gregorian, as Spark 3 (Foundation's calendar switches to Julian before 1582).
        ("0001-01-01T00:00:00", -62_135_596_800_000_000),
        ("9999-12-31T23:59:59.9", utcMicros(9999, 12, 31, 23, 59, 59, micros: 900_000)),
    ]

    @Test(arguments: accepted)
    func parses(_ text: String, _ micros: Int64) {
        #expect(EventTime.parseMicros(text) == micros)
    }

    static let rejected = [
        "", "2026-11-26", "2026-11-26T15:51", "2026-11-26T15:51:27.", "2026-11-26T15:51:27.1234567890",
        "1900-02-29T00:00:00", "2026-04-31T00:00:00", "2026-00-10T00:00:00", "2026-11-26T15:60:00",
        "2026-11-26T15:51:60", "2026-11-26X15:51:27", "2026-11-26T15:51:27+1", "2026-11-26T15:51:27+01:0",
        "2026-11-26T15:51:27+24:00", "2026-11-26T15:51:27Zjunk", "2026-11-26T15:51:27 ", "+2026-11-26T15:51:27",
        "2026-11-26T15:51:27.12a",
    ]

    @Test(arguments: rejected)
    func rejects(_ text: String) {
        #expect(EventTime.parseMicros(text) == nil)
    }

    @Test(arguments: [
        (0, "1970-01-01"), (-1, "1969-12-31"), (19_782, "2024-02-29"), (20_783, "2026-11-26"), (-719_162, "0001-01-01"),
        (2_932_896, "9999-12-31"),
    ])
    func dates(_ days: Int, _ text: String) {
        #expect(EventTime.dateString(days: days) == text)
        let (year, month, day) = EventTime.civilFromDays(days)
        #expect(EventTime.daysFromCivil(year: year, month: month, day: day) == days)
    }

    @Test func dayOfMicrosFloors() {
        #expect(EventTime.day(ofMicros: -1) == -1)
        #expect(EventTime.day(ofMicros: 0) == 0)
        #expect(EventTime.day(ofMicros: EventTime.microsPerDay - 1) == 0)
        #expect(EventTime.day(ofMicros: -EventTime.microsPerDay) == -1)
    }
}

@Suite struct ETLScannerTests {
    /// The outcome and the materialized field values of one path.
    static func result(_ line: String, general: Bool) -> (ScanOutcome, [String?]) {
        var scanner = EventScanner()
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let outcome = general ? scanner.scanGeneral(buffer) : scanner.scan(buffer)
            let values = (scanner.fields + [scanner.time]).map { slot -> String? in
                switch slot.source {
                case .null: nil
                case .line: String(decoding: bytes[slot.start..<slot.end], as: UTF8.self)
                case .scratch: String(decoding: scanner.scratch[slot.start..<slot.end], as: UTF8.self)
                }
            }
            return (outcome, values)
        }
    }

    @Test func simulatorShapeTakesTheFastPath() {
        let (outcome, values) = Self.result(eventLine(), general: false)
        #expect(outcome == .row(micros: utcMicros(2026, 11, 26, 15, 51, 27, micros: 123_456)))
        #expect(values[0] == "u-1" && values[5] == "mobile" && values[9] == "Seattle" && values[4] == nil)
    }

    static let awkward: [String] = [
        #"{"user_id": 1, "event_time": "2026-11-26T00:00:00"}"#,
        #"{"event_time": "2026-11-26T00:00:00", "x": {"nested": true}}"#,
        #"{"event_time": "2026-11-26T00:00:00", "user_id": "\u0041\t"}"#,
        #"  {  "event_time" :"2026-11-26T00:00:00"  ,"geo":{ } }  "#,
        #"{"event_time": "2026-11-26T00:00:00", "user_id": "a", "user_id": null}"#,
        #"{"event_time": "2026-11-26T00:00:00", "extra": "x", "flag": true, "none": null, "off": false}"#,
        "{\"event_time\": \"2026-11-26T00:00:00\", \"city\": \"Z\u{fc}rich\", \"geo\": {\"city\": \"K\u{f8}benhavn\"}}",
        #"{"event_time": "2026-11-26T00:00:00",}"#,
        #"{"event_time": "2026-11-26T00:00:00"} {}"#,
        #"{"event_time": nul}"#,
        #"{"event_time": "2026-11-26T00:00:00", "user_id": "\x"}"#,
        #"{"user_id": "\uDC00", "event_time": "2026-11-26T00:00:00"}"#,
        #"{}"#,
    ]

    @Test(arguments: awkward)
    func fastPathAgreesWithTheGeneralReader(_ line: String) {
        let fast = Self.result(line, general: false)
        let general = Self.result(line, general: true)
        if fast.0 != .fallback {
            #expect(fast.0 == general.0)
            #expect(fast.1 == general.1)
        }
    }

    /// Damaged and reshuffled simulator lines: whenever the fast path decides, it decides as the
    /// general reader does.
    @Test func randomMutationsAgree() {
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array("{}[]\":,\\ nultrefas0123456789-.Tu\u{e9}".utf8)
        var decided = 0
        for trial in 0..<3000 {
            var bytes = Array(eventLine(user: "u\\\"\(trial)", referrer: trial % 2 == 0 ? "r" : nil).utf8)
            for _ in 0..<(1 + next() % 3) {
                let position = next() % bytes.count
                switch next() % 3 {
                case 0: bytes[position] = alphabet[next() % alphabet.count]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[next() % alphabet.count], at: position)
                }
            }
            let line = String(decoding: bytes, as: UTF8.self)
            guard Array(line.utf8) == bytes else { continue }
            let fast = Self.result(line, general: false)
            let general = Self.result(line, general: true)
            if fast.0 != .fallback {
                decided += 1
                #expect(fast.0 == general.0, "\(line)")
                #expect(fast.1 == general.1, "\(line)")
            }
        }
        #expect(decided > 300)
    }
}
