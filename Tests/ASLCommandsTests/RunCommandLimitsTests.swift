import ASLCommands
import Testing

@Suite struct RunCommandLimitsTests {
    /// An execution input over 262,144 bytes: AWS refuses it at StartExecution, so `asl run` says
    /// so before running rather than blaming the first state (SPEC-NOTES.md §5.5).
    @Test func oversizedInputIsReportedBeforeTheRun() async {
        let input = #"{"data": ""# + String(repeating: "x", count: 262_144) + #""}"#
        let fake = FakeIO(
            files: ["m.json": #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#, "in.json": input])
        let code = await ASLMain.main(arguments: ["asl", "run", "m.json", "--input-file", "in.json"], io: fake.io)
        #expect(code == .usage)
        #expect(
            fake.stderr.contains(
                "StartExecution would fail with ValidationException: 1 validation error detected: Value at 'input' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 262144; nothing was run"
            ))
        #expect(!fake.stderr.contains("(Pass)"))
        #expect(fake.stdout.isEmpty)
    }
}
