import ASLCommands
import Testing

@Suite struct ExitCodeTests {
    @Test func codes() {
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
        #expect(ExitCode.usage.rawValue == 2)
    }
}
