import Foundation
import Testing

/// `Examples/embedding` builds (it is a target of this package) and prints what it should.
@Suite struct EmbeddingExampleTests {
    @Test func runsAndPrintsTheGreeting() throws {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = products.appendingPathComponent("EmbeddingExample")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "the example was not built next to the tests at \(binary.path)")
        let process = Process()
        process.executableURL = binary
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text.hasPrefix(#"SUCCEEDED {"who":"Ada","greeting":"Hello, Ada!"}"#), "\(text)")
        #expect(text.contains("ExecutionStarted → TaskStateEntered → LambdaFunctionScheduled"))
    }
}
