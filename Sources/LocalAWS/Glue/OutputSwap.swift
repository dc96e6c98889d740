import Foundation

/// Replaces the output folder as a whole.
///
/// Everything is written into a staging folder beside the output (same parent, so the same
/// file system), named `.<output>.staging-<owner>-<id>`: hidden, so readers of the parent skip
/// it, and carrying the owning process (``LocalAWS/DataDirectory/removeDebris()`` removes the
/// staging folders of processes that died; so does the next job writing the same output).
///
/// The swap: on Linux, `renameat2(RENAME_EXCHANGE)` exchanges the staging folder and the output
/// in one step, so a reader sees the old set or the new set and there is never a moment without
/// an output folder; the old set, now under the staging name, is then deleted. Where the
/// exchange is not available (another system, or a file system that refuses it), the old output
/// is renamed aside to `.<output>.old-<owner>-<id>`, the staging folder renamed into place and
/// the old one deleted: only between those two renames is there no output folder.
///
/// Every step works on the parent folder's descriptor with names, never following a link: a
/// link planted at the output's name is swapped away and removed as a link.
package struct OutputSwap {
    /// The output's parent folder.
    package let parent: DirectoryHandle
    /// The output's name in it.
    package let name: String
    package let id: String

    package init(parent: DirectoryHandle, name: String, id: String) {
        self.parent = parent
        self.name = name
        self.id = id
    }

    /// `.<output>.staging-<owner>-<id>`.
    package var stagingName: String { ".\(name)\(DataDirectory.stagingMarker)\(DataDirectory.ownerToken)-\(id)" }
    /// `.<output>.old-<owner>-<id>`.
    package var asideName: String { ".\(name)\(DataDirectory.asideMarker)\(DataDirectory.ownerToken)-\(id)" }

    /// Creates an empty staging folder, first removing the staging and set-aside folders of this
    /// output that dead processes left.
    package func prepareStaging() throws(ETLError) -> DirectoryHandle {
        for entry in parent.entries() {
            let isOurs =
                entry.name.hasPrefix(".\(name)\(DataDirectory.stagingMarker)")
                || entry.name.hasPrefix(".\(name)\(DataDirectory.asideMarker)")
            guard isOurs, case .some(.some(let owner)) = DataDirectory.debrisOwner(entry.name), !owner.isAlive else {
                continue
            }
            parent.removeTree(entry.name)
        }
        parent.removeTree(stagingName)
        do {
            guard let staging = try parent.directory(stagingName, create: true) else {
                throw ETLError(
                    .outputUnwritable, path: parent.childPath(stagingName), "cannot create the staging folder")
            }
            return staging
        } catch {
            throw ETLError(
                .outputUnwritable, path: parent.childPath(stagingName), "cannot create the staging folder: \(error)")
        }
    }

    /// Moves the staging folder into place as the output.
    package func swap() throws(ETLError) {
        do throws(FileIOError) {
            guard parent.kind(name) != .missing else {
                try parent.rename(stagingName, to: parent, as: name)
                parent.sync()
                return
            }
            if try parent.exchange(stagingName, name) {
                parent.sync()
                parent.removeTree(stagingName)
                return
            }
            parent.removeTree(asideName)
            try parent.rename(name, to: parent, as: asideName)
            do {
                try parent.rename(stagingName, to: parent, as: name)
            } catch {
                try? parent.rename(asideName, to: parent, as: name)
                throw error
            }
            parent.sync()
            parent.removeTree(asideName)
        } catch {
            throw ETLError(.outputUnwritable, path: parent.childPath(name), "cannot replace the output: \(error)")
        }
    }

    /// Removes the staging folder after a failure.
    package func discard() {
        parent.removeTree(stagingName)
    }
}
