import Foundation
import JSONCore
import StatesRuntime
import Testing

/// An installed command, run to completion with its output collected.
enum ExternalTool {
    /// The absolute path of `name` on `PATH`, or `nil`.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// The LCOV written for the coverage machine is read by LCOV's own `genhtml` (installed by
/// `.ci/run` from the distribution's `lcov` package); skipped, saying so, where it is absent.
@Suite struct LCOVConsumerTests {
    static let genhtml = ExternalTool.find("genhtml")

    @Test(.enabled(if: genhtml != nil, "genhtml (the distribution's lcov package) is not installed; skipping"))
    func genhtmlReadsTheTracefile() async throws {
        let harness = try CoverageHarness()
        let report = try await CoverageTests.recorded(harness).report()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asl-lcov-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(coverageDefinition.utf8).write(to: folder.appendingPathComponent("m.asl.json"))
        let lcov = report.lcov(path: "m.asl.json", sourceMap: harness.document.sourceMap, lines: harness.lines)
        try Data(lcov.utf8).write(to: folder.appendingPathComponent("m.info"))
        let genhtml = try #require(Self.genhtml)
        let result = try ExternalTool.run(genhtml, ["--branch-coverage", "-o", "html", "m.info"], in: folder)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("lines......: 83.3% (5 of 6 lines)"), "\(result.output)")
        #expect(result.output.contains("branches...: 70.0% (7 of 10 branches)"), "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("html/index.html").path))
    }
}
