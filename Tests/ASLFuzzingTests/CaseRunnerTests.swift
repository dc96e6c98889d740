import ASLFuzzing
import Foundation
import Testing

/// The runner tells a signal, an undocumented status and a hang from a normal exit. `/bin/sh`
/// stands in for `asl` so each ending can be produced on purpose.
@Suite struct CaseRunnerTests {
    static func run(_ script: String, timeout: Double = 60) throws -> CaseResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asl-fuzz-runner-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = CaseRunner(executable: URL(fileURLWithPath: "/bin/sh"), timeout: timeout)
        return try runner.runProcess(arguments: ["-c", script], in: folder)
    }

    @Test(arguments: [
        ("exit 0", CaseOutcome.exited(0), false),
        ("exit 1", .exited(1), false),
        ("exit 2", .exited(2), false),
        ("exit 3", .exited(3), true),
        ("kill -ILL $$", .signaled(4), true),
        ("kill -SEGV $$", .signaled(11), true),
    ])
    func classifiesEndings(_ script: String, _ expected: CaseOutcome, _ isCrash: Bool) throws {
        let result = try Self.run(script)
        #expect(result.outcome == expected)
        #expect(result.outcome.isCrash == isCrash)
    }

    @Test func aHangIsKilledAndIsACrash() throws {
        // `exec` so the killed process is the sleeper itself.
        let result = try Self.run("exec sleep 600", timeout: 1)
        #expect(result.outcome == .timedOut(seconds: 1))
        #expect(result.outcome.isCrash)
    }

    @Test func capturesBothStreamsAndTheFatalErrorLine() throws {
        let result = try Self.run(
            "echo out; echo 'noise' >&2; echo '/a/Sources/StatesRuntime/X.swift:9: Fatal error: bad' >&2; kill -ILL $$")
        #expect(result.standardOutput == "out\n")
        #expect(result.signature == "SIGILL: StatesRuntime/X.swift:9: Fatal error: bad")
    }

    @Test func locatesASLFromTheEnvironment() {
        let url = CaseRunner.locateASL(environment: ["ASL_BINARY": "/opt/asl"])
        #expect(url?.path == "/opt/asl")
    }
}

/// A case run with `--no-quotas` may run as long as it likes: only such cases' timeouts are
/// forgiven (SPEC-NOTES 8.1).
@Suite struct QuotasLiftedTests {
    @Test(arguments: [
        (["run", "{definition}", "--no-quotas"], true),
        (["run", "{definition}", "--clock", "virtual"], false),
        (["validate", "{definition}"], false),
    ])
    func onlyCasesWithoutQuotasAreAllowedToRunLong(_ arguments: [String], _ lifts: Bool) {
        #expect(FuzzCase(definition: [], input: [], arguments: arguments).liftsQuotas == lifts)
    }
}
