import Foundation
import StatesRuntime
import Testing

@Suite struct TimestampTests {
    struct Valid: CustomTestStringConvertible, Sendable {
        let text: String
        let epochSeconds: Int64
        var nanoseconds: Int32 = 0
        var testDescription: String { text }
    }

    static let valid: [Valid] = [
        .init(text: "2016-03-14T01:59:00Z", epochSeconds: 1_457_920_740),
        .init(text: "2016-03-14T01:59Z", epochSeconds: 1_457_920_740),
        .init(text: "2016-03-14T03:59:00+02:00", epochSeconds: 1_457_920_740),
        .init(text: "2016-03-13T20:59:00-05:00", epochSeconds: 1_457_920_740),
        .init(text: "2016-03-14T03:59:00+0200", epochSeconds: 1_457_920_740),
        .init(text: "2016-03-14T03:59:00+02", epochSeconds: 1_457_920_740),
        .init(text: "2016-03-14t01:59:00z", epochSeconds: 1_457_920_740),
        .init(text: "2016-03-14T01:59:00.5Z", epochSeconds: 1_457_920_740, nanoseconds: 500_000_000),
        .init(text: "2016-03-14T01:59:00.123456789Z", epochSeconds: 1_457_920_740, nanoseconds: 123_456_789),
        .init(text: "2016-03-14T01:59:00.Z", epochSeconds: 1_457_920_740),
        .init(text: "1970-01-01T00:00:00Z", epochSeconds: 0),
        .init(text: "1969-12-31T23:59:59Z", epochSeconds: -1),
        .init(text: "2000-02-29T00:00:00Z", epochSeconds: 951_782_400),
        .init(text: "2024-01-01T00:00:00+18:00", epochSeconds: 1_704_002_400),
    ]

    @Test(arguments: Self.valid)
    func parses(_ c: Valid) throws {
        let timestamp = try #require(Timestamp.parse(c.text))
        #expect(timestamp.epochSeconds == c.epochSeconds)
        #expect(timestamp.nanoseconds == c.nanoseconds)
    }

    static let invalid = [
        "2016-03-14T01:59:00", "2016-03-14 01:59:00Z", "2016-03-14", "2016-02-30T00:00:00Z", "2015-02-29T00:00:00Z",
        "2016-13-01T00:00:00Z", "2016-03-14T24:00:00Z", "2016-03-14T23:60:00Z", "2016-03-14T23:59:60Z",
        "2016-03-14T01:59:00.1234567890Z", "2016-03-14T01:59:00+19:00", "2016-03-14T01:59:00+02:", "16-03-14T01:59:00Z",
        "2016-3-14T01:59:00Z", "2016-03-14T01:59:00Z ", " 2016-03-14T01:59:00Z", "", "date",
        "2023-02-24 12:15:56.832957", "2012-10-09T19:00:55",
    ]

    @Test(arguments: Self.invalid)
    func rejects(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func comparesInstantsAcrossOffsets() throws {
        let utc = try #require(Timestamp.parse("2016-03-14T01:59:00Z"))
        let paris = try #require(Timestamp.parse("2016-03-14T02:59:00+01:00"))
        let later = try #require(Timestamp.parse("2016-03-14T01:59:00.001Z"))
        #expect(utc == paris)
        #expect(utc < later)
        #expect(later.truncatedToSeconds == utc)
        #expect(paris.offsetSeconds == 3600)
    }

    struct Formatted: CustomTestStringConvertible, Sendable {
        let seconds: Double
        let text: String
        var testDescription: String { text }
    }

    static let formatted: [Formatted] = [
        .init(seconds: 0, text: "1970-01-01T00:00:00.000Z"),
        .init(seconds: 1_704_067_200.123, text: "2024-01-01T00:00:00.123Z"),
        .init(seconds: 1_704_067_199.9999, text: "2023-12-31T23:59:59.999Z"),
        .init(seconds: 951_782_400, text: "2000-02-29T00:00:00.000Z"),
        .init(seconds: -0.5, text: "1969-12-31T23:59:59.500Z"),
    ]

    @Test(arguments: Self.formatted)
    func formatsLikeContextTimestamps(_ c: Formatted) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: c.seconds)) == c.text)
    }

    @Test func roundTripsThroughDate() throws {
        let timestamp = try #require(Timestamp.parse("2024-05-06T07:08:09.250Z"))
        #expect(Timestamp.format(timestamp.date) == "2024-05-06T07:08:09.250Z")
        #expect(timestamp.description == "2024-05-06T07:08:09.250Z")
    }
}
