public import Foundation

/// The executables `swift build --build-tests` builds beside the test bundle, for tests that
/// need a separate process (a kill in the middle of a write, a server restarted on its data).
public enum BuiltBinary {
    /// The `asl` beside the test bundle, or `$ASL_BINARY`; `nil` when neither is there.
    public static func asl() -> URL? {
        if let explicit = ProcessInfo.processInfo.environment["ASL_BINARY"], !explicit.isEmpty {
            return URL(filePath: explicit)
        }
        let bundle = URL(filePath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidates = [
            bundle.deletingLastPathComponent().appending(path: "asl"),
            Bundle.main.bundleURL.appending(path: "asl"),
            Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "asl"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path(percentEncoded: false)) }
    }
}
