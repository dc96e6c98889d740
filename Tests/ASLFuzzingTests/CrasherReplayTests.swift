import ASLFuzzing
import Foundation
import StatesTestSupport
import Testing

/// Replays every crasher the fuzzer kept (`Tests/Fixtures/crashers/asl/<hash>/`) through the built
/// `asl` binary in a child process, so a regression fails this test instead of killing the test
/// process: no signal, an exit status of 0, 1 or 2, no hang, and what `expected.json` asks.
@Suite struct CrasherReplayTests {
    static let folder = Fixtures.url("crashers/asl")

    static var names: [String] { ((try? CrasherStore(folder: folder).load()) ?? []).map(\.name) }

    @Test func theFolderHoldsCrashers() throws {
        let crashers = try CrasherStore(folder: Self.folder).load()
        #expect(!crashers.isEmpty, "no crasher folder (with args.json) under \(Self.folder.path)")
        for crasher in crashers {
            #expect(!crasher.fuzzCase.definition.isEmpty, "\(crasher.name) has no definition.json")
            #expect(["run", "validate"].contains(crasher.fuzzCase.command), "\(crasher.name): args.json")
        }
    }

    @Test(arguments: names)
    func replays(_ name: String) throws {
        let executable = try #require(CaseRunner.locateASL(), "no asl binary beside the tests: run swift build")
        let crasher = try #require(try CrasherStore(folder: Self.folder).load().first { $0.name == name })
        let result = try CaseRunner(executable: executable, timeout: 30).run(crasher.fuzzCase)
        for problem in CrasherReplay.problems(crasher, result) {
            Issue.record("\(name): \(problem)")
        }
    }
}
