import Foundation
import StatesLanguage
import StatesRuntime
import Synchronization

/// Prints `asl run`'s progress lines on standard error:
///
///     ▶ Call (Task)
///     ↻ Call (Task) retry 1 in 1s after States.TaskFailed
///     ↪ Call (Task) caught States.TaskFailed → Recover: the cause
///     ▶ Recover (Pass)
///     ✓ Recover (Pass) 0.000s
///
/// A caught failure is one `↪` line naming the error and the state the catcher goes to; the state
/// is not then also shown as `✓`, though its exited event follows in the history as on AWS. State
/// names and error texts are escaped and names capped (``TerminalText``).
final class ProgressPrinter: Sendable {
    private let io: CommandIO
    /// Exits still to be skipped, per state name and depth, one for each caught failure.
    private let caughtExits = Mutex<[String: Int]>([:])

    init(io: CommandIO) { self.io = io }

    func print(_ progress: ExecutionProgress) {
        let indent = String(repeating: "  ", count: progress.depth)
        let label = "\(TerminalText.name(progress.stateName)) (\(progress.kind.rawValue))"
        let key = "\(progress.depth)/\(progress.stateName)"
        switch progress.phase {
        case .entered:
            io.writeError("\(indent)▶ \(label)\n")
        case .exited(let seconds):
            let skip = caughtExits.withLock { counts -> Bool in
                guard let count = counts[key], count > 0 else { return false }
                counts[key] = count == 1 ? nil : count - 1
                return true
            }
            if !skip { io.writeError("\(indent)✓ \(label) \(String(format: "%.3fs", seconds))\n") }
        case .failed(let error, let cause):
            io.writeError("\(indent)✗ \(label) \(Self.describe(error, cause))\n")
        case .caught(let error, let cause, let next):
            caughtExits.withLock { $0[key, default: 0] += 1 }
            let because = cause.map { ": " + TerminalText.message($0) } ?? ""
            io.writeError(
                "\(indent)↪ \(label) caught \(TerminalText.name(error)) → \(TerminalText.name(next))\(because)\n")
        case .retrying(let attempt, let delay, let error):
            io.writeError(
                "\(indent)↻ \(label) retry \(attempt) in \(String(format: "%.3gs", delay)) after "
                    + "\(TerminalText.name(error))\n")
        }
    }

    /// `Error: cause`, escaped, the name capped.
    private static func describe(_ error: String, _ cause: String?) -> String {
        TerminalText.name(error) + (cause.map { ": " + TerminalText.message($0) } ?? "")
    }
}
