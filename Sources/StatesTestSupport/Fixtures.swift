import Foundation

/// Locates folders the tests read: the package's own fixtures and the optional `../shared`.
public enum Fixtures {
    /// The package root, found from this source file's path.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `Tests/Fixtures/<relative>`.
    public static func url(_ relative: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
    }

    /// `../shared/testdata/<relative>` beside the checkout, or `nil` when it is absent (a user's
    /// fresh clone); tests that need it skip with a message naming the folder.
    public static func sharedTestData(_ relative: String) -> URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata")
            .appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
