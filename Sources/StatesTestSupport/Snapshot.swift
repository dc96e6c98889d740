public import Foundation
public import Testing

/// Compares `text` with the file `directory/name`; with `RECORD_SNAPSHOTS=1` in the environment
/// it writes the file instead. A missing snapshot is written and reported, so the first run
/// fails and shows what was recorded.
///
///     assertSnapshot(output, named: "validate-text.txt", in: Fixtures.url("snapshots/cli"))
public func assertSnapshot(
    _ text: String,
    named name: String,
    in directory: URL,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let url = directory.appendingPathComponent(name)
    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if recording || existing == nil {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            Issue.record("could not write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            return
        }
        if existing == nil && !recording {
            Issue.record(
                "recorded a new snapshot at \(url.path); check it and run again", sourceLocation: sourceLocation)
        }
        return
    }
    guard let existing, existing != text else { return }
    Issue.record(
        Comment(
            rawValue: "snapshot \(name) differs:\n" + SnapshotDiff.firstDifference(expected: existing, actual: text)
                + "\n(run with RECORD_SNAPSHOTS=1 to re-record)"),
        sourceLocation: sourceLocation)
}

/// A short description of where two texts first differ, line by line.
public enum SnapshotDiff {
    public static func firstDifference(expected: String, actual: String) -> String {
        let expectedLines = lines(expected)
        let actualLines = lines(actual)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let left = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let right = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if left != right {
                return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)"
            }
        }
        return "the texts are equal"
    }

    /// Lines split at each `\n` scalar (so `\r\n`, one `Character`, still splits and keeps its `\r`).
    private static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
    }
}
