import Foundation
import Testing

@testable import LocalAWS

/// Times taken from the input (a Kinesis record's `approximateArrivalTimestamp`) or from a clock
/// started anywhere never trap when converted to integers (SPEC-NOTES.md §5.5).
@Suite struct HostileTimeTests {
    @Test(arguments: [
        (1e300, "9999/12/31"), (-1e300, "0000/01/01"), (Double.nan, "1970/01/01"), (Double.infinity, "9999/12/31"),
        (9.3e15, "9999/12/31"),
    ])
    func arrivalTimesOutOfRangeGiveTheNearestDate(seconds: Double, expected: String) {
        #expect(IngestFunction.datePath(data: nil, arrivalSeconds: seconds) == expected)
    }

    @Test func epochMillisecondsSaturate() {
        #expect(Date(timeIntervalSince1970: 1e300).epochMilliseconds == 9_000_000_000_000_000_000)
        #expect(Date(timeIntervalSince1970: -1e300).epochMilliseconds == -9_000_000_000_000_000_000)
        #expect(Date(timeIntervalSince1970: 1.5).epochMilliseconds == 1500)
        #expect(UTCTimestamp(Date(timeIntervalSince1970: 1e300)).iso8601Milliseconds == "9999-12-31T23:59:59.999Z")
    }
}
