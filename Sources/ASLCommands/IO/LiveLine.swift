import Dispatch
import StatesLanguage
import Synchronization

/// One status line at the bottom of a terminal, rewritten in place while a long step runs:
///
///     12,345 of 200,000 events simulated · 12,344 records ingested, 1 waiting
///
/// Only when standard error is a terminal; otherwise every call does nothing, so a log or a pipe
/// never receives it. The line is redrawn with `\r` and padded with spaces over the previous one
/// (no escape sequence, so it works on `TERM=dumb` too), at most every ``interval`` nanoseconds,
/// kept under 80 columns so it never wraps, and erased before anything else is written through
/// ``wrapping(_:)``: the next normal line starts on a clean row.
///
/// Each source (a function, a job) keeps its latest text; the line shows them in the order they
/// first reported. Erasing the line forgets them, so a finished step's figures do not linger.
final class LiveLine: Sendable {
    /// Redraws at most this often: 10 a second.
    static let defaultInterval: UInt64 = 100_000_000
    /// The widest line drawn, so a line never wraps on an 80-column terminal.
    static let maximumWidth = 79

    private struct State {
        var sources: [String] = []
        /// Each source's latest text, made only when a draw needs it.
        var texts: [String: @Sendable () -> String] = [:]
        /// Characters on screen now (0: nothing shown).
        var shownWidth = 0
        var lastDraw: UInt64?
    }

    private let write: @Sendable (String) -> Void
    private let enabled: Bool
    private let interval: UInt64
    private let now: @Sendable () -> UInt64
    private let state = Mutex(State())

    /// - Parameters:
    ///   - io: Drawn on its standard error, only when ``CommandIO/stderrIsTerminal``.
    ///   - now: Monotonic nanoseconds, injectable for tests.
    init(
        io: CommandIO, interval: UInt64 = LiveLine.defaultInterval,
        now: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        write = io.writeError
        enabled = io.stderrIsTerminal
        self.interval = interval
        self.now = now
    }

    /// Records `text` as the latest of `source` and redraws when the last draw is old enough.
    /// The text is made only for a draw (reports may come once per event, draws ten a second),
    /// and never when standard error is not a terminal.
    func update(source: String, text: @autoclosure @escaping @Sendable () -> String) {
        guard enabled else { return }
        let time = now()
        state.withLock { state in
            if state.texts[source] == nil { state.sources.append(source) }
            state.texts[source] = text
            if let last = state.lastDraw, time &- last < interval { return }
            state.lastDraw = time
            let line = Self.fitted(state.sources.compactMap { state.texts[$0]?() }.joined(separator: " · "))
            let width = line.count
            let padding = String(repeating: " ", count: max(0, state.shownWidth - width))
            write("\r" + line + padding)
            state.shownWidth = width
        }
    }

    /// Erases the line (when one is shown) and forgets the sources' texts.
    func clear() {
        clear(then: {})
    }

    /// Erases the line, then runs `body` (a write) before another draw can come in between.
    private func clear(then body: () -> Void) {
        guard enabled else { return body() }
        state.withLock { state in
            Self.erase(&state, write)
            state.sources = []
            state.texts = [:]
            state.lastDraw = nil
            body()
        }
    }

    /// `io` with standard output and standard error writes that erase the line first, so
    /// nothing is printed after the live text on the same row.
    func wrapping(_ io: CommandIO) -> CommandIO {
        guard enabled else { return io }
        var wrapped = io
        let (writeOutput, writeError) = (io.writeOutput, io.writeError)
        wrapped.writeOutput = { [self] text in clear { writeOutput(text) } }
        wrapped.writeError = { [self] text in clear { writeError(text) } }
        return wrapped
    }

    private static func erase(_ state: inout State, _ write: @Sendable (String) -> Void) {
        guard state.shownWidth > 0 else { return }
        write("\r" + String(repeating: " ", count: state.shownWidth) + "\r")
        state.shownWidth = 0
    }

    /// The text escaped for a terminal and cut to ``maximumWidth`` characters.
    private static func fitted(_ text: String) -> String {
        let escaped = TerminalText.escaped(text)
        guard escaped.count > maximumWidth else { return escaped }
        return String(escaped.prefix(maximumWidth - 1)) + "…"
    }
}
