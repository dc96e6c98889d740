import Foundation

/// Replaces the output directory as a whole.
///
/// Everything is written into a staging directory beside the output (same parent, so the same
/// file system), named `.<output>.staging-<id>` (hidden, so readers of the parent skip it).
/// Then: rename the old output aside to `.<output>.old-<id>`, rename the staging directory to
/// the output's name, delete the old one. A reader sees the old set or the new set, never a mix
/// and never a half-written file; only between the two renames is there briefly no directory.
/// (POSIX `rename` cannot replace a non-empty directory in one step, and Linux's
/// `renameat2(RENAME_EXCHANGE)` is not exposed to Swift.)
package enum OutputSwap {
    package static func staging(for output: URL, id: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging-\(id)")
    }

    package static func aside(for output: URL, id: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(id)")
    }

    /// Creates an empty staging directory (removing one a crashed run left).
    package static func prepareStaging(for output: URL, id: String) throws(ETLError) -> URL {
        let staging = staging(for: output, id: id)
        do {
            if FileManager.default.fileExists(atPath: staging.path) {
                try FileManager.default.removeItem(at: staging)
            }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw ETLError(
                .outputUnwritable, path: staging.path,
                "cannot create staging directory '\(staging.path)': \(error.localizedDescription)")
        }
        return staging
    }

    /// Moves `staging` into place as `output`.
    package static func swap(_ staging: URL, into output: URL, id: String) throws(ETLError) {
        let manager = FileManager.default
        var outputExists = false
        // lstat, not fileExists: a dangling symlink at the output is still something to move aside.
        var info = stat()
        outputExists = lstat(output.path, &info) == 0
        guard outputExists else {
            try rename(staging, to: output)
            return
        }
        let old = aside(for: output, id: id)
        if manager.fileExists(atPath: old.path) { try? manager.removeItem(at: old) }
        try rename(output, to: old)
        do {
            try rename(staging, to: output)
        } catch {
            try? rename(old, to: output)
            throw error
        }
        try? manager.removeItem(at: old)
    }

    package static func rename(_ source: URL, to target: URL) throws(ETLError) {
        guard Foundation.rename(source.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ETLError(
                .outputUnwritable, path: target.path, "cannot rename '\(source.path)' to '\(target.path)': \(reason)")
        }
    }

    /// Removes a staging directory after a failure.
    package static func discard(_ staging: URL) {
        try? FileManager.default.removeItem(at: staging)
    }
}
