import Foundation
import Testing

@testable import LocalAWS

/// The Python the Spark engine carries (`SparkPythonSources`, Swift literals) is the Python in
/// `Sources/LocalAWS/Glue/Spark/Python/`, where it is edited, file for file.
@Suite struct SparkPythonSourcesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appending(path: "../../Sources/LocalAWS/Glue/Spark/Python").standardized

    @Test func embeddedFilesAreThePythonFolder() throws {
        let regenerate = "run `python3 Sources/LocalAWS/Glue/Spark/Python/embed.py` after editing the Python files"
        var onDisk = try FileManager.default.subpathsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".py") && $0 != "embed.py" && !$0.contains("__pycache__") }
        onDisk.sort()
        #expect(SparkPythonSources.files.map(\.path).sorted() == onDisk, "\(regenerate)")
        for file in SparkPythonSources.files {
            let text = try String(contentsOf: Self.folder.appending(path: file.path), encoding: .utf8)
            #expect(file.text + "\n" == text, "\(file.path) differs from its embedded copy: \(regenerate)")
        }
    }
}
