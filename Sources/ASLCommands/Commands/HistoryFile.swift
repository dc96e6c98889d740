import JSONCore
import StatesRuntime
import Synchronization

/// `asl run --history FILE`: the execution's events written to FILE as they are recorded, so a
/// long execution keeps none of them in memory.
///
/// The file is the same document as `JSONWriter.pretty(["events": [event, …]])` with a final
/// newline; it is written to a temporary file beside FILE (created before the execution starts, so
/// an unwritable path stops the run before anything runs) and renamed over FILE by ``finish()``.
/// Bytes are flushed in chunks of ``chunkSize``, so memory holds at most one chunk.
final class HistoryFile: Sendable {
    /// Bytes collected before they are written out.
    static let chunkSize = 1 << 16

    private struct State {
        var pending: [UInt8] = []
        var eventCount = 0
        /// The first write that failed; later events are dropped and ``finish()`` reports it.
        var failure: (any Error)?
    }

    let path: String
    private let file: OutputFile
    private let state = Mutex(State())

    /// Creates the temporary file.
    /// - Throws: What `io.createFile` throws (the folder is missing or not writable).
    init(path: String, io: CommandIO) throws {
        self.path = path
        file = try io.createFile(path)
        state.withLock { $0.pending = Array("{\n  \"events\": [".utf8) }
    }

    /// Appends one event (called in id order, by the recorder's sink).
    func append(_ event: HistoryEvent) {
        // Each event at depth 2 of the document: its own pretty lines, indented by four spaces
        // (pretty JSON strings hold no raw line breaks, so splitting on them is safe).
        var bytes: [UInt8] = []
        for byte in JSONWriter.prettyBytes(event.json()) {
            bytes.append(byte)
            if byte == 0x0A { bytes += [0x20, 0x20, 0x20, 0x20] }
        }
        let file = file
        state.withLock { state in
            guard state.failure == nil else { return }
            state.pending += state.eventCount == 0 ? Array("\n    ".utf8) : Array(",\n    ".utf8)
            state.pending += bytes
            state.eventCount += 1
            if state.pending.count >= Self.chunkSize {
                do {
                    try file.write(state.pending)
                    state.pending.removeAll(keepingCapacity: true)
                } catch {
                    state.failure = error
                    state.pending = []
                }
            }
        }
    }

    /// Writes the document's end and puts the file at its path.
    /// - Throws: The first write error, or the commit's; the temporary file is then removed.
    func finish() throws {
        let file = file
        try state.withLock { state in
            if let failure = state.failure {
                file.discard()
                throw failure
            }
            state.pending += Array((state.eventCount == 0 ? "]\n}\n" : "\n  ]\n}\n").utf8)
            do {
                try file.write(state.pending)
                state.pending = []
            } catch {
                file.discard()
                throw error
            }
            try file.commit()
        }
    }

    /// Abandons the file (the run stopped before it started).
    func discard() { file.discard() }
}
