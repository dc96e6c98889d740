import Foundation
import JSONCore
import Testing

@testable import ASLServer

@Suite struct CoreMachineTests {
    @Test func createDescribeAndIdempotentCreate() async throws {
        let core = try CoreHarness()
        let arn = try await core.createMachine("Orders")
        #expect(arn == "arn:aws:states:us-east-1:123456789012:stateMachine:Orders")
        let described = try await core.call("DescribeStateMachine", ["stateMachineArn": .string(arn)])
        #expect(described["name"] == "Orders")
        #expect(described["status"] == "ACTIVE")
        #expect(described["type"] == "STANDARD")
        #expect(described["definition"]?.stringValue == CoreHarness.pass)
        #expect(described["roleArn"]?.stringValue == CoreHarness.role)
        #expect(described["creationDate"] == .number(JSONNumber(uncheckedText: "1700000000.000", isInteger: false)))
        #expect(described["loggingConfiguration"] == ["level": "OFF", "includeExecutionData": false])
        #expect(described["tracingConfiguration"] == ["enabled": false])
        #expect(described["revisionId"] == nil)
        // The same request again: the same machine.
        let again = try await core.createMachine("Orders")
        #expect(again == arn)
        // Another definition under the name: refused.
        let other = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#
        let error = await core.failure(
            "CreateStateMachine",
            ["name": "Orders", "definition": .string(other), "roleArn": .string(CoreHarness.role)])
        #expect(error == ServiceError("StateMachineAlreadyExists", "State Machine Already Exists: '\(arn)'"))
    }

    @Test func idempotentCreateComparesTheDefinitionTextAndIgnoresRoleAndTags() async throws {
        let core = try CoreHarness()
        let arn = try await core.createMachine("Orders")
        // Another role and tags: the same machine, nothing changed.
        let again = try await core.call(
            "CreateStateMachine",
            [
                "name": "Orders", "definition": .string(CoreHarness.pass), "roleArn": "arn:aws:iam::1:role/Other",
                "tags": [["key": "k", "value": "v"]],
            ])
        #expect(again["stateMachineArn"]?.stringValue == arn)
        let described = try await core.call("DescribeStateMachine", ["stateMachineArn": .string(arn)])
        #expect(described["roleArn"]?.stringValue == CoreHarness.role)
        #expect(try await core.call("ListTagsForResource", ["resourceArn": .string(arn)]) == ["tags": []])
        // The same JSON formatted otherwise is another definition.
        let reformatted = CoreHarness.pass.replacingOccurrences(of: ",", with: ", ")
        let error = await core.failure(
            "CreateStateMachine", ["name": "Orders", "definition": .string(reformatted), "roleArn": "r"])
        #expect(error?.type == "StateMachineAlreadyExists")
    }

    struct BadCreate: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var input: JSON
        var type: String
        var message: String?
    }

    static let badCreates: [BadCreate] = [
        BadCreate(
            testDescription: "space in name",
            input: ["name": "my machine", "definition": .string(CoreHarness.pass), "roleArn": "r"],
            type: "InvalidName", message: "Invalid Name: 'my machine'"),
        BadCreate(
            testDescription: "81 characters",
            input: [
                "name": .string(String(repeating: "a", count: 81)), "definition": .string(CoreHarness.pass),
                "roleArn": "r",
            ],
            type: "InvalidName", message: nil),
        BadCreate(
            testDescription: "no States",
            input: ["name": "M", "definition": #"{"StartAt":"A"}"#, "roleArn": "r"],
            type: "InvalidDefinition",
            message:
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'"
        ),
        BadCreate(
            testDescription: "not JSON",
            input: ["name": "M", "definition": "not a definition", "roleArn": "r"],
            type: "InvalidDefinition", message: nil),
        BadCreate(
            testDescription: "missing roleArn",
            input: ["name": "M", "definition": .string(CoreHarness.pass)],
            type: "ValidationException",
            message:
                "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"
        ),
        BadCreate(
            testDescription: "unknown type",
            input: ["name": "M", "definition": .string(CoreHarness.pass), "roleArn": "r", "type": "FAST"],
            type: "ValidationException", message: nil),
        BadCreate(
            testDescription: "name is a number",
            input: ["name": 3, "definition": .string(CoreHarness.pass), "roleArn": "r"],
            type: "SerializationException", message: nil),
    ]

    @Test(arguments: badCreates) func createRefuses(_ bad: BadCreate) async throws {
        let core = try CoreHarness()
        let error = try #require(await core.failure("CreateStateMachine", bad.input))
        #expect(error.type == bad.type)
        if let message = bad.message { #expect(error.message == message) }
        #expect(error.httpStatus == 400)
    }

    @Test func invalidDefinitionNamesTheRuleAndPlace() async throws {
        let core = try CoreHarness()
        let definition = #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"#
        let error = try #require(
            await core.failure(
                "CreateStateMachine", ["name": "M", "definition": .string(definition), "roleArn": "r"]))
        #expect(error.type == "InvalidDefinition")
        #expect(error.message.hasPrefix("Invalid State Machine Definition: '"))
        #expect(error.message.contains("MISSING_TRANSITION_TARGET: "))
        #expect(error.message.contains(" at /States/A/Next"))
    }

    @Test func expressRefusesCallbacks() async throws {
        let core = try CoreHarness()
        let definition =
            #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"https://q","MessageBody":{"t.$":"$$.Task.Token"}},"End":true}}}"#
        let error = await core.failure(
            "CreateStateMachine",
            ["name": "E", "definition": .string(definition), "roleArn": "r", "type": "EXPRESS"])
        #expect(error?.type == "InvalidDefinition")
        // The same definition is fine for a STANDARD machine.
        try await core.createMachine("S", definition: definition)
    }

    @Test func describeErrors() async throws {
        let core = try CoreHarness()
        let missing = "arn:aws:states:us-east-1:123456789012:stateMachine:Nope"
        #expect(
            await core.failure("DescribeStateMachine", ["stateMachineArn": .string(missing)])
                == .stateMachineDoesNotExist(missing))
        #expect(
            await core.failure("DescribeStateMachine", ["stateMachineArn": "not_a_valid_arn"])
                == ServiceError("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"))
        let executionArn = "arn:aws:states:us-east-1:123456789012:execution:M:e"
        #expect(
            await core.failure("DescribeStateMachine", ["stateMachineArn": .string(executionArn)])
                == ServiceError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: execution'"))
        #expect(await core.failure("DescribeStateMachine", [:])?.type == "ValidationException")
    }

    @Test func updateKeepsCreationDateAndGivesRevisions() async throws {
        let core = try CoreHarness()
        let arn = try await core.createMachine("M")
        let changed = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":2,"End":true}}}"#
        let update = try await core.call(
            "UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(changed)])
        let revision = try #require(update["revisionId"]?.stringValue)
        #expect(revision.count == 36)
        #expect(update["updateDate"] != nil)
        let described = try await core.call("DescribeStateMachine", ["stateMachineArn": .string(arn)])
        #expect(described["definition"]?.stringValue == changed)
        #expect(described["revisionId"]?.stringValue == revision)
        // Nothing to change.
        #expect(
            await core.failure("UpdateStateMachine", ["stateMachineArn": .string(arn)])?.type
                == "MissingRequiredParameter")
        // A bad definition is refused and the machine is unchanged.
        #expect(
            await core.failure("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": "{}"])?.type
                == "InvalidDefinition")
        let after = try await core.call("DescribeStateMachine", ["stateMachineArn": .string(arn)])
        #expect(after["definition"]?.stringValue == changed)
    }

    @Test func deleteRemovesAndIsIdempotent() async throws {
        let core = try CoreHarness()
        let arn = try await core.createMachine("M")
        try await core.call("DeleteStateMachine", ["stateMachineArn": .string(arn)])
        #expect(
            await core.failure("DescribeStateMachine", ["stateMachineArn": .string(arn)])?.type
                == "StateMachineDoesNotExist")
        // Deleting again succeeds, as on AWS.
        try await core.call("DeleteStateMachine", ["stateMachineArn": .string(arn)])
        // Gone after a restart too.
        let reopened = try core.reopened()
        #expect(
            await reopened.failure("DescribeStateMachine", ["stateMachineArn": .string(arn)])?.type
                == "StateMachineDoesNotExist")
    }

    @Test func deleteWhileRunningWaitsForTheExecutions() async throws {
        let core = try CoreHarness(clock: .real)
        let arn = try await core.createMachine("Slow", definition: CoreHarness.longWait)
        let started = try await core.call("StartExecution", ["stateMachineArn": .string(arn), "name": "e1"])
        let executionArn = try #require(started["executionArn"]?.stringValue)
        try await core.call("DeleteStateMachine", ["stateMachineArn": .string(arn)])
        let described = try await core.call("DescribeStateMachine", ["stateMachineArn": .string(arn)])
        #expect(described["status"] == "DELETING")
        #expect(await core.failure("StartExecution", ["stateMachineArn": .string(arn)])?.type == "StateMachineDeleting")
        try await core.call("StopExecution", ["executionArn": .string(executionArn)])
        #expect(
            await core.failure("DescribeStateMachine", ["stateMachineArn": .string(arn)])?.type
                == "StateMachineDoesNotExist")
        // The execution stays describable.
        #expect(try await core.describe(executionArn)["status"] == "ABORTED")
    }

    @Test func listIsSortedByNameAndPaginates() async throws {
        let core = try CoreHarness()
        let names = (0..<13).map { "statemachine_\($0)" }
        for name in names { try await core.createMachine(name) }
        var seen: [String] = []
        var token: JSON?
        repeat {
            var request: JSONObject = ["maxResults": 5]
            if let token { request["nextToken"] = token }
            let page = try await core.call("ListStateMachines", .object(request))
            let items = try #require(page["stateMachines"]?.arrayValue)
            #expect(items.count <= 5)
            seen += items.compactMap { $0["name"]?.stringValue }
            token = page["nextToken"]
        } while token != nil
        #expect(seen == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(seen.first == "statemachine_0")
        #expect(seen[1] == "statemachine_1")
        #expect(seen[2] == "statemachine_10")
        #expect(
            await core.failure("ListStateMachines", ["maxResults": 1001])?.message
                == "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
        )
        #expect(await core.failure("ListStateMachines", ["nextToken": "garbage"])?.type == "InvalidToken")
        let long = String(repeating: "x", count: 1025)
        #expect(await core.failure("ListStateMachines", ["nextToken": .string(long)])?.type == "ValidationException")
    }

    @Test func validateDefinitionReportsDiagnostics() async throws {
        let core = try CoreHarness()
        let ok = try await core.call("ValidateStateMachineDefinition", ["definition": .string(CoreHarness.pass)])
        #expect(ok == ["result": "OK", "diagnostics": [], "truncated": false])
        let bad = try await core.call("ValidateStateMachineDefinition", ["definition": #"{"StartAt":"A"}"#])
        #expect(bad["result"] == "FAIL")
        let first = try #require(bad["diagnostics"]?[0])
        #expect(first["severity"] == "ERROR")
        #expect(first["code"] == "SCHEMA_VALIDATION_FAILED")
        #expect(first["message"] == "These fields are required: [States]")
        #expect(first["location"] == "/")
        let json = try await core.call("ValidateStateMachineDefinition", ["definition": "not a definition"])
        #expect(json["diagnostics"]?[0]?["code"] == "INVALID_JSON_DESCRIPTION")
        #expect(
            await core.failure("ValidateStateMachineDefinition", ["definition": "{}", "severity": "INFO"])?.type
                == "ValidationException")
    }

    @Test func tagsOnMachinesAndActivities() async throws {
        let core = try CoreHarness()
        let arn = try await core.createMachine("Tagged")
        try await core.call(
            "TagResource",
            [
                "resourceArn": .string(arn),
                "tags": [["key": "team", "value": "data"], ["key": "env", "value": "dev"]],
            ])
        try await core.call("UntagResource", ["resourceArn": .string(arn), "tagKeys": ["env"]])
        let listed = try await core.call("ListTagsForResource", ["resourceArn": .string(arn)])
        #expect(listed == ["tags": [["key": "team", "value": "data"]]])
        let activity = "arn:aws:states:us-east-1:123456789012:activity:Work"
        try await core.call("TagResource", ["resourceArn": .string(activity), "tags": [["key": "k", "value": "v"]]])
        // Tags survive a restart.
        let reopened = try core.reopened()
        #expect(try await reopened.call("ListTagsForResource", ["resourceArn": .string(arn)]) == listed)
        #expect(
            try await reopened.call("ListTagsForResource", ["resourceArn": .string(activity)])
                == ["tags": [["key": "k", "value": "v"]]])
        let missing = "arn:aws:states:us-east-1:123456789012:stateMachine:None"
        #expect(
            await reopened.failure("ListTagsForResource", ["resourceArn": .string(missing)])?.type == "ResourceNotFound"
        )
        let tooMany = JSON.array((0..<51).map { ["key": .string("k\($0)"), "value": "v"] })
        #expect(
            await reopened.failure("TagResource", ["resourceArn": .string(arn), "tags": tooMany])?.type == "TooManyTags"
        )
        // Tags given at creation.
        try await core.call(
            "CreateStateMachine",
            [
                "name": "WithTags", "definition": .string(CoreHarness.pass), "roleArn": "r",
                "tags": [["key": "a", "value": "b"]],
            ])
        let created = try await core.call(
            "ListTagsForResource", ["resourceArn": "arn:aws:states:us-east-1:123456789012:stateMachine:WithTags"])
        #expect(created == ["tags": [["key": "a", "value": "b"]]])
    }
}
