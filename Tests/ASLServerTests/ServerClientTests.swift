import Foundation
import JSONCore
import Testing

@testable import ASLServer

/// Real AWS clients against the server: boto3 and the AWS CLI, each skipped with a clear message
/// where it is not installed. The fake service answers `ListStateMachines` with canned JSON and
/// `DescribeStateMachine` with `StateMachineDoesNotExist`.
@Suite struct ServerClientTests {
    static let accessKey = "AKIDEXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    static let python = executable("python3")
    static let awsCLI = executable("aws")
    static let hasBoto3: Bool = {
        guard let python else { return false }
        return run(python, ["-c", "import boto3"]).status == 0
    }()

    /// The first `name` on PATH.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program with a clean AWS environment (no profile, no proxy, no metadata lookups).
    static func run(_ program: String, _ arguments: [String], accessKey: String = accessKey, secret: String = secret)
        -> Output
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let inherited = ProcessInfo.processInfo.environment
        var environment: [String: String] = [
            "AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secret, "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "NO_PROXY": "127.0.0.1,localhost", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_PAGER": "",
        ]
        for name in ["PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "LANG"] { environment[name] = inherited[name] }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            return Output(status: -1, stdout: "", stderr: "\(error)")
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let botoScript = #"""
        import json, sys, boto3, botocore
        from botocore.config import Config
        client = boto3.client("stepfunctions", endpoint_url=sys.argv[1], region_name="us-east-1",
                              config=Config(retries={"max_attempts": 1}))
        out = {}
        try:
            answer = client.list_state_machines()
            machine = answer["stateMachines"][0]
            out["list"] = [machine["name"], machine["type"], machine["creationDate"].year]
        except botocore.exceptions.ClientError as error:
            out["list"] = [error.response["Error"]["Code"], error.response["Error"]["Message"]]
        try:
            client.describe_state_machine(stateMachineArn="arn:aws:states:us-east-1:123456789012:stateMachine:Nope")
            out["describe"] = "no error"
        except botocore.exceptions.ClientError as error:
            out["describe"] = [error.response["Error"]["Code"], error.response["Error"]["Message"],
                               error.response["ResponseMetadata"]["HTTPStatusCode"]]
        print(json.dumps(out, separators=(",", ":")))
        """#

    struct Setup: CustomTestStringConvertible, Sendable {
        var name: String
        var verifies: Bool
        var clientSecret: String
        var expected: String
        var testDescription: String { name }
    }

    static let describeError =
        #""describe":["StateMachineDoesNotExist","State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:Nope'",400]"#
    static let signatureError =
        #"["InvalidSignatureException","The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."]"#

    static let setups: [Setup] = [
        Setup(
            name: "no verification", verifies: false, clientSecret: "anything",
            expected: #"{"list":["Hello","STANDARD",2023],"# + describeError + "}"),
        Setup(
            name: "verified signature", verifies: true, clientSecret: secret,
            expected: #"{"list":["Hello","STANDARD",2023],"# + describeError + "}"),
        Setup(
            name: "wrong secret refused", verifies: true, clientSecret: "not-the-secret",
            expected: #"{"list":"# + signatureError
                + #","describe":["InvalidSignatureException","The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",400]}"#
        ),
    ]

    @Test(.enabled(if: hasBoto3, "boto3 is not importable by python3 (pip install boto3): skipped"), arguments: setups)
    func boto3RoundTrip(_ setup: Setup) async throws {
        let python = try #require(Self.python)
        try await withServer(
            [FakeService()],
            configuration: configured {
                if setup.verifies {
                    $0.credentials = [Credentials(accessKeyID: Self.accessKey, secretAccessKey: Self.secret)]
                }
            }
        ) { port, _ in
            let output = await onThread {
                Self.run(python, ["-c", Self.botoScript, "http://127.0.0.1:\(port)"], secret: setup.clientSecret)
            }
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == setup.expected)
        }
    }

    @Test(.enabled(if: awsCLI != nil, "the AWS CLI (aws) is not on PATH: skipped"))
    func awsCLIRoundTrip() async throws {
        let aws = try #require(Self.awsCLI)
        try await withServer([FakeService()]) { port, _ in
            let endpoint = "http://127.0.0.1:\(port)"
            let list = await onThread {
                Self.run(aws, ["stepfunctions", "list-state-machines", "--endpoint-url", endpoint, "--output", "json"])
            }
            #expect(list.status == 0, "\(list.stderr)")
            let document = try JSONReader.read(list.stdout).value
            guard case .object(let object) = document, case .array(let machines)? = object["stateMachines"],
                case .object(let machine)? = machines.first
            else {
                Issue.record("unexpected output: \(list.stdout)")
                return
            }
            #expect(machine["name"] == .string("Hello"))
            let describe = await onThread {
                Self.run(
                    aws,
                    [
                        "stepfunctions", "describe-state-machine", "--endpoint-url", endpoint, "--state-machine-arn",
                        "arn:aws:states:us-east-1:123456789012:stateMachine:Nope",
                    ])
            }
            #expect(describe.status != 0)
            #expect(
                describe.stderr.contains(
                    "An error occurred (StateMachineDoesNotExist) when calling the DescribeStateMachine operation: "
                        + "State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:Nope'"),
                "\(describe.stderr)")
        }
    }
}
