/// Entry point of the `asl` command line, as a library so tests can run commands in-process.
public enum ASLMain {
    public static func main(arguments: [String], io: CommandIO) async -> ExitCode {
        io.writeError("usage: asl validate FILE...\n")
        return .usage
    }
}
