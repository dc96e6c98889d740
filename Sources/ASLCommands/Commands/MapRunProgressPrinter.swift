import Dispatch
import Foundation
import StatesLanguage
import StatesRuntime
import Synchronization

/// Shows how a Distributed Map's map run is going (SPEC-NOTES.md §17.5). On a terminal, a live
/// line (``LiveLine``) rewritten as children end:
///
///     Map 'Process': 412,000 of 1,000,000 items · 0 failed · 398,112 items/s
///
/// When standard error is not a terminal, a plain line like it at most every ``plainInterval``
/// (none for a run shorter than that, so short runs add nothing to a log), and one when such a
/// run ends. The rate is items per second of wall time since the run started.
final class MapRunProgressPrinter: Sendable {
    /// Plain lines at most this often: every 5 seconds.
    static let defaultPlainInterval: UInt64 = 5_000_000_000

    private struct Run {
        var started: UInt64
        var lastPlain: UInt64
        var printedPlain = false
    }

    private let io: CommandIO
    private let live: LiveLine
    private let plainInterval: UInt64
    private let now: @Sendable () -> UInt64
    private let runs = Mutex<[String: Run]>([:])

    /// - Parameters:
    ///   - io: Where plain lines go (standard error, when it is not a terminal).
    ///   - live: The command's live line (drawn only on a terminal).
    ///   - now: Monotonic nanoseconds, injectable for tests.
    init(
        io: CommandIO, live: LiveLine, plainInterval: UInt64 = MapRunProgressPrinter.defaultPlainInterval,
        now: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        self.io = io
        self.live = live
        self.plainInterval = plainInterval
        self.now = now
    }

    func report(_ progress: MapRunProgress) {
        let time = now()
        let (run, plainDue) = runs.withLock { runs -> (Run, Bool) in
            var run = runs[progress.mapRunArn] ?? Run(started: time, lastPlain: time)
            var due = false
            if !io.stderrIsTerminal {
                due = time &- run.lastPlain >= plainInterval || (progress.finished && run.printedPlain)
                if due {
                    run.lastPlain = time
                    run.printedPlain = true
                }
            }
            if progress.finished { runs[progress.mapRunArn] = nil } else { runs[progress.mapRunArn] = run }
            return (run, due)
        }
        let elapsed = Double(time &- run.started) / 1e9
        if io.stderrIsTerminal {
            if progress.finished {
                live.clear()
            } else {
                live.update(source: "map:" + progress.mapRunArn, text: Self.text(progress, elapsed: elapsed))
            }
        } else if plainDue {
            let verb = progress.finished ? "ended" : "running"
            io.writeError("Map run of \(Self.text(progress, elapsed: elapsed, separator: ", ")) (\(verb))\n")
        }
    }

    /// `Map 'Name': 12 of 40 items · 1 failed · 3,000 items/s`.
    static func text(_ progress: MapRunProgress, elapsed: Double, separator: String = " · ") -> String {
        var text = "Map '\(TerminalText.name(progress.stateName))': \(grouped(progress.items))"
        if let total = progress.itemTotal { text += " of \(grouped(total))" }
        text += " items" + separator + "\(grouped(progress.failures)) failed"
        if elapsed > 0 { text += separator + "\(grouped(Int((Double(progress.items) / elapsed).rounded()))) items/s" }
        return text
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }
}
