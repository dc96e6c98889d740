import ASLServer
import Foundation
import JSONCore
import LocalAWS
import StatesLanguage
import StatesRuntime

/// `asl serve`: the Step Functions API on a local port, for the AWS CLI, the SDKs and test suites
/// written against Step Functions Local (`--endpoint-url http://127.0.0.1:8083`).
///
/// Prints one line, `listening on http://127.0.0.1:8083`, on standard error once the port is
/// bound; serves until SIGINT or SIGTERM, then stops accepting, lets requests under way finish
/// and exits 0. Exit 2 for a usage problem, a configuration or mock file that cannot be read, or
/// a port that cannot be bound.
enum ServeCommand: ASLCommand {
    static var spec: CommandSpec {
        CommandSpec(
            name: "serve",
            summary: "Serve the Step Functions API locally (for the AWS CLI and SDKs).",
            discussion: """
                Point a client at it with --endpoint-url http://127.0.0.1:8083 (AWS CLI) or
                endpoint_url= (boto3). Without --access-key/--secret-key any signature is accepted, as in
                Step Functions Local; with them, requests must be signed with that key (SigV4).
                Only loopback addresses are served unless --allow-remote is given: whoever can connect can
                run state machines, and through the run configuration, local commands.
                --mock-config (or the SFN_MOCK_CONFIG environment variable) reads a Step Functions Local
                mock configuration file: StartExecution on '<stateMachineArn>#<TestCase>' uses its mocks.
                SIGINT or SIGTERM stops the server cleanly (exit 0).
                """,
            options: [
                .value(
                    "port", valueName: "PORT",
                    help: "The port (default \(ServeOptions.defaultPort); 0 picks a free one)."),
                .value(
                    "host", valueName: "ADDRESS",
                    help: "The address to listen on (default \(ServeOptions.defaultHost))."),
                .flag("allow-remote", help: "Allow an address other than loopback."),
                .value(
                    "data-dir", valueName: "DIR",
                    help:
                        "Where machines, executions and local services are kept (default: the configuration's, or \(ServeOptions.defaultDataDirectory))."
                ),
                .value("config", valueName: "FILE", help: "The run configuration (local services, handlers)."),
                .value("mock-config", valueName: "FILE", help: "A Step Functions Local mock configuration file."),
                .value(
                    "clock", valueName: "clock", choices: ServerClockMode.allCases.map(\.rawValue),
                    help: "real (default, as Step Functions Local) or virtual (waits end at once)."),
                .value("access-key", valueName: "KEY", help: "Verify SigV4 signatures: the access key id."),
                .value("secret-key", valueName: "SECRET", help: "Verify SigV4 signatures: the secret access key."),
                .value("region", valueName: "REGION", help: "The region in ARNs (default us-east-1)."),
                .value("account", valueName: "ID", help: "The account id in ARNs (default 123456789012)."),
                .value("seed", valueName: "N", help: "Seed of every random choice (default 0)."),
                .flag(
                    "sync-executions",
                    help:
                        "fsync each execution's record and history, so it also survives an operating-system crash "
                        + "(slower; a killed server loses nothing either way)."),
            ]
        )
    }

    static func run(_ arguments: ParsedArguments, in context: CommandContext) async -> ExitCode {
        let options: ServeOptions
        do {
            options = try ServeOptions(arguments, environment: context.io.environment)
        } catch {
            return context.reportUsageError(error, spec: spec)
        }
        guard options.allowRemote || ListeningSocket.isLoopback(host: options.host) else {
            return context.reportUsageError(
                UsageError(
                    "refusing to listen on '\(TerminalText.name(options.host))': it is not a loopback address, and "
                        + "anyone who can connect can run state machines (and the run configuration's local commands); "
                        + "pass --allow-remote to listen there anyway"),
                spec: spec)
        }
        do {
            return try await serve(options, in: context)
        } catch {
            return error.code
        }
    }

    private static func serve(_ options: ServeOptions, in context: CommandContext) async throws(RunCommand.Stop)
        -> ExitCode
    {
        let io = context.io
        let base = URL(fileURLWithPath: io.currentDirectory, isDirectory: true)
        let configuration = try loadConfiguration(options, in: context)
        let mocks = try loadMocks(options, in: context)
        let dataDirectory =
            options.dataDirectory.map { URL(fileURLWithPath: $0, relativeTo: base) }
            ?? configuration?.resolvedDataDirectory(relativeTo: base)
            ?? base.appending(path: ServeOptions.defaultDataDirectory)
        let warn: @Sendable (String) -> Void = { io.writeError("warning: \(TerminalText.message($0))\n") }
        let services: [any APIService]
        do {
            services = try ServerServices.make(
                .init(
                    dataDirectory: dataDirectory, runConfiguration: configuration, region: options.region,
                    account: options.account, clock: options.clock, mockConfiguration: mocks,
                    seed: options.seed, syncExecutions: options.syncExecutions, environment: io.environment,
                    plugins: RunServices.plugins,
                    sinks: LocalServicesSinks(warning: warn)))
        } catch {
            context.writeErrorMessage("cannot set up the services: \(TerminalText.message("\(error)"))")
            throw .usage
        }
        let socket: ListeningSocket
        do {
            socket = try ListeningSocket.bind(host: options.host, port: options.port)
        } catch {
            context.writeErrorMessage(error.message)
            throw .usage
        }
        var serverConfiguration = StepFunctionsServer.Configuration()
        serverConfiguration.credentials = options.credentials
        serverConfiguration.log = { line in io.writeError("asl serve: \(TerminalText.message(line))\n") }
        let server: StepFunctionsServer
        do {
            server = try StepFunctionsServer(socket: socket, configuration: serverConfiguration, services: services)
        } catch {
            context.writeErrorMessage(error.message)
            throw .usage
        }
        io.onInterrupt { server.shutdown() }
        server.start()
        io.writeError("listening on \(ServeOptions.url(host: options.host, port: socket.port))\n")
        await server.run()
        return .success
    }

    /// `--config FILE`, parsed with the same plugins `asl run` uses.
    private static func loadConfiguration(_ options: ServeOptions, in context: CommandContext) throws(RunCommand.Stop)
        -> RunConfiguration?
    {
        guard let path = options.configurationPath else { return nil }
        return try RunConfigurationLoader.read(path, in: context)
    }

    /// `--mock-config FILE` (or `SFN_MOCK_CONFIG`): a problem is reported at its line and column.
    private static func loadMocks(_ options: ServeOptions, in context: CommandContext) throws(RunCommand.Stop)
        -> MockConfigFile?
    {
        guard let path = options.mockConfigurationPath else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try context.io.readFile(path)
        } catch {
            context.writeErrorMessage(
                "cannot read the mock configuration '\(TerminalText.escaped(path))': \(FileReadError.reason(of: error))"
            )
            throw .usage
        }
        let document: JSONDocument
        do {
            document = try JSONReader.read(bytes)
        } catch {
            context.io.writeError(TestLoader.located(path, bytes, error.offset, error.message) + "\n")
            throw .usage
        }
        do {
            return try MockConfigFile.parse(document)
        } catch {
            context.io.writeError(TestLoader.located(path, bytes, error.offset, error.message) + "\n")
            throw .usage
        }
    }
}
