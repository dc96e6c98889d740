import ASLCommands
import Testing

/// `asl validate` refuses an oversized file from its size, without reading it.
@Suite struct ValidateLimitsTests {
    static let valid = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#

    @Test(arguments: ["text", "json", "github"])
    func anOversizedFileIsReportedWithoutBeingRead(format: String) async {
        let fake = FakeIO(files: ["big.json": Self.valid, "ok.json": Self.valid], sizes: ["big.json": 50_000_000])
        let code = await ASLMain.main(
            arguments: ["asl", "validate", "big.json", "ok.json", "--format", format], io: fake.io)
        #expect(code == .failure)
        #expect(fake.readPaths == ["ok.json"])
        #expect((fake.stdout + fake.stderr).contains("The definition is 50000000 bytes; AWS accepts at most 1048576"))
    }

    @Test func aFileAtTheLimitIsRead() async {
        let fake = FakeIO(files: ["ok.json": Self.valid], sizes: ["ok.json": 1_048_576])
        let code = await ASLMain.main(arguments: ["asl", "validate", "ok.json"], io: fake.io)
        #expect(code == .success)
        #expect(fake.readPaths == ["ok.json"])
    }
}

/// Standard input has no size to ask for: an oversized one is refused before it is parsed.
@Suite struct StandardInputLimitsTests {
    static let oversized = String(repeating: " ", count: 1_100_000) + "{}"

    @Test func validateReportsOnlyTheSize() async {
        let fake = FakeIO(stdin: Self.oversized)
        let code = await ASLMain.main(arguments: ["asl", "validate", "-"], io: fake.io)
        #expect(code == .failure)
        #expect(fake.stderr.contains("error[ASL-E002]: The definition is 1100002 bytes"))
        #expect(!fake.stderr.contains("StartAt"))
    }

    @Test func runRefusesItUnparsed() async {
        let fake = FakeIO(stdin: Self.oversized)
        let code = await ASLMain.main(arguments: ["asl", "run", "-"], io: fake.io)
        #expect(code == .usage)
        #expect(fake.stderr.contains("error[ASL-E002]"))
        #expect(!fake.stderr.contains("StartAt"))
        #expect(fake.stderr.contains("error: <stdin> is not a valid state machine; nothing was run"))
    }
}
