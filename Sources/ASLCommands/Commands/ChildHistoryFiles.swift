import StatesLanguage
import StatesRuntime
import Synchronization

/// `asl run --history FILE`: each Distributed Map child execution's events, streamed to
/// `FILE.children/<map-run-id>/<child-name>.json` (the same document as FILE) as the child runs,
/// so no child's history is held in memory (SPEC-NOTES.md §17.4). Each file appears whole when its
/// child ends.
final class ChildHistoryFiles: Sendable {
    let folder: String
    private let io: CommandIO
    /// The first file that could not be written, as the message `asl run` prints.
    private let firstFailure = Mutex<String?>(nil)

    init(historyPath: String, io: CommandIO) {
        folder = historyPath + ".children"
        self.io = io
    }

    /// Starts one child's file; `nil` (after noting why) when it cannot be created.
    func open(_ start: ChildExecutionStart) -> ChildHistorySink? {
        let directory = "\(folder)/\(start.mapRunID)"
        let path = "\(directory)/\(start.name).json"
        let file: HistoryFile
        do {
            try io.createDirectory(directory)
            file = try HistoryFile(path: path, io: io)
        } catch {
            note(path, error)
            return nil
        }
        return ChildHistorySink(
            record: { event in file.append(event) },
            finish: { [self] in
                do {
                    try file.finish()
                } catch {
                    note(path, error)
                }
            })
    }

    var failure: String? { firstFailure.withLock { $0 } }

    private func note(_ path: String, _ error: any Error) {
        let message = "cannot write '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))"
        firstFailure.withLock { $0 = $0 ?? message }
    }
}
