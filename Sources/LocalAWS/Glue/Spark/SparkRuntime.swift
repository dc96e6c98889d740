import Foundation
import StatesLanguage

/// Writes the Python side of the Spark engine (``SparkPythonSources``) under
/// `<data-dir>/glue/.runtime/<hash>/`, each file atomically and through the data directory's
/// rule; the folder is named by a hash of every file, so a new `asl` never runs an old copy and a
/// folder already written is reused as it is.
enum SparkRuntime {
    /// `glue/.runtime/<hash>`.
    static let folder: String = {
        var bytes: [UInt8] = []
        for file in SparkPythonSources.files {
            bytes += Array(file.path.utf8) + [0] + Array(file.text.utf8) + [0]
        }
        return "glue/.runtime/" + String(MD5.hex(bytes).prefix(16))
    }()

    /// Writes the files when missing; returns the folder's absolute path.
    static func install(in data: DataDirectory) throws(ETLError) -> String {
        do throws(FileIOError) {
            for file in SparkPythonSources.files {
                let relative = folder + "/" + file.path
                let bytes = Array((file.text + "\n").utf8)
                if try data.contents(of: relative) == bytes { continue }
                try data.writeAtomically(bytes, to: relative)
            }
        } catch {
            throw ETLError(
                .io, path: data.absolutePath(folder), "cannot write the Spark engine's Python files: \(error.reason)")
        }
        return data.absolutePath(folder)
    }
}
