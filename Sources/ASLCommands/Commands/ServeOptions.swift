import ASLServer
import StatesLanguage

/// `asl serve`'s command line as typed values, checked before anything is read or bound.
struct ServeOptions: Sendable, Hashable {
    static let defaultPort: UInt16 = 8083
    static let defaultHost = "127.0.0.1"
    /// The data directory when neither `--data-dir` nor the run configuration names one: the
    /// same default `asl run`'s configuration has (`RunConfiguration.dataDirectory`).
    static let defaultDataDirectory = ".asl-data"
    /// The environment variable Step Functions Local reads its mock configuration file from.
    static let mockConfigVariable = "SFN_MOCK_CONFIG"

    var port: UInt16 = defaultPort
    var host: String = defaultHost
    var allowRemote = false
    var dataDirectory: String?
    var configurationPath: String?
    var mockConfigurationPath: String?
    var clock: ServerClockMode = .real
    var accessKey: String?
    var secretKey: String?
    var region = "us-east-1"
    var account = "123456789012"
    var seed: UInt64 = 0
    /// `--sync-executions`: `fsync` each execution's record and history.
    var syncExecutions = false

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
        if let text = arguments.value("port") {
            guard let port = UInt16(text) else {
                throw UsageError(
                    "invalid value '\(TerminalText.name(text))' for '--port': use a port number from 0 to 65535 "
                        + "(0 picks a free port)")
            }
            self.port = port
        }
        if let host = arguments.value("host") {
            guard !host.isEmpty else { throw UsageError("option '--host' is empty; give an address such as 127.0.0.1") }
            self.host = host
        }
        allowRemote = arguments.flag("allow-remote")
        dataDirectory = try Self.nonEmpty(arguments, "data-dir")
        configurationPath = try Self.nonEmpty(arguments, "config")
        mockConfigurationPath = try Self.nonEmpty(arguments, "mock-config")
        if mockConfigurationPath == nil, let fromEnvironment = environment[Self.mockConfigVariable],
            !fromEnvironment.isEmpty
        {
            mockConfigurationPath = fromEnvironment
        }
        clock = arguments.value("clock").flatMap(ServerClockMode.init(rawValue:)) ?? .real
        accessKey = arguments.value("access-key")
        secretKey = arguments.value("secret-key")
        switch (accessKey, secretKey) {
        case (.some(let key), .some(let secret)):
            guard !key.isEmpty, !secret.isEmpty else {
                throw UsageError("--access-key and --secret-key must not be empty")
            }
        case (.some, nil): throw UsageError("--access-key needs --secret-key (the secret signatures are checked with)")
        case (nil, .some): throw UsageError("--secret-key needs --access-key (the key id clients sign with)")
        case (nil, nil): break
        }
        if let region = arguments.value("region") {
            guard Self.isRegion(region) else {
                throw UsageError(
                    "invalid value '\(TerminalText.name(region))' for '--region': use a region name such as us-east-1")
            }
            self.region = region
        }
        if let account = arguments.value("account") {
            guard account.count == 12, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw UsageError(
                    "invalid value '\(TerminalText.name(account))' for '--account': an AWS account id is 12 digits")
            }
            self.account = account
        }
        if let text = arguments.value("seed") { seed = try RunOptions.seed(text) }
        syncExecutions = arguments.flag("sync-executions")
    }

    /// The credentials to verify signatures with, if any.
    var credentials: [Credentials] {
        guard let accessKey, let secretKey else { return [] }
        return [Credentials(accessKeyID: accessKey, secretAccessKey: secretKey)]
    }

    /// `http://host:port`, an IPv6 address in brackets.
    static func url(host: String, port: UInt16) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)"
    }

    private static func isRegion(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32
            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    private static func nonEmpty(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> String? {
        guard let value = arguments.value(name) else { return nil }
        guard !value.isEmpty else { throw UsageError("option '--\(name)' is empty; give a path") }
        return value
    }
}
