import Foundation
import StatesRuntime
import Synchronization
import Testing

@testable import ASLCommands

/// `asl run`'s progress for a map run (SPEC-NOTES.md §17.5): a live line on a terminal, plain
/// periodic lines otherwise; the clock is injected.
@Suite struct MapRunProgressTests {
    typealias ManualClock = LiveProgressTests.ManualClock

    static func report(items: Int, itemTotal: Int?, failed: Int = 0, finished: Bool = false) -> MapRunProgress {
        var counts = MapRunSummary.Counts()
        counts.succeeded = items / 10 - failed
        counts.failed = failed
        return MapRunProgress(
            mapRunArn: "arn:aws:states:us-east-1:123456789012:mapRun:m/L:1", stateName: "Process", counts: counts,
            total: itemTotal.map { $0 / 10 }, items: items, itemTotal: itemTotal, finished: finished)
    }

    @Test func onATerminalTheLiveLineShowsItemsFailuresAndRateThenGoes() {
        let fake = FakeIO(terminal: true)
        let clock = ManualClock()
        let live = LiveLine(io: fake.io, now: clock.now)
        let printer = MapRunProgressPrinter(io: fake.io, live: live, now: clock.now)
        printer.report(Self.report(items: 0, itemTotal: nil))
        clock.advance(milliseconds: 2_000)
        printer.report(Self.report(items: 6_000, itemTotal: 1_000_000, failed: 2))
        printer.report(Self.report(items: 1_000_000, itemTotal: 1_000_000, finished: true))
        let first = "Map 'Process': 0 items · 0 failed"
        let second = "Map 'Process': 6,000 of 1,000,000 items · 2 failed · 3,000 items/s"
        #expect(
            fake.stderr
                == "\r" + first + "\r" + second + "\r" + String(repeating: " ", count: second.count) + "\r")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Milliseconds after the start of each report; the last one ends the run.
        var times: [UInt64]
        var lines: [String]
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "a short run prints nothing", times: [0, 1_000, 4_000], lines: []),
        Case(
            name: "a long run prints every 5 s and when it ends", times: [0, 1_000, 5_000, 6_000, 10_500, 11_000],
            lines: [
                "Map run of Map 'Process': 20 items, 0 failed, 4 items/s (running)",
                "Map run of Map 'Process': 40 items, 0 failed, 4 items/s (running)",
                "Map run of Map 'Process': 50 of 50 items, 0 failed, 5 items/s (ended)",
            ]),
    ]

    @Test(arguments: cases) func withoutATerminalPlainLinesArePeriodic(_ c: Case) {
        let fake = FakeIO(terminal: false)
        let clock = ManualClock()
        let printer = MapRunProgressPrinter(io: fake.io, live: LiveLine(io: fake.io, now: clock.now), now: clock.now)
        var last: UInt64 = 0
        for (position, time) in c.times.enumerated() {
            clock.advance(milliseconds: time - last)
            last = time
            let finished = position == c.times.count - 1
            printer.report(Self.report(items: position * 10, itemTotal: finished ? 50 : nil, finished: finished))
        }
        #expect(fake.stderr.split(separator: "\n").map(String.init) == c.lines)
    }
}
