import Foundation
import JSONCore
import StatesTestSupport
import Testing

@testable import ASLServer

/// CreateActivity, DescribeActivity, DeleteActivity, ListActivities and GetActivityTask's
/// refusals, with AWS's texts (SPEC-NOTES.md §18.3).
@Suite struct TasksActivityTests {
    @Test func createDescribeDeleteActivity() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let created = try await harness.call("CreateActivity", ["name": "resize"])
        let arn = "arn:aws:states:us-east-1:123456789012:activity:resize"
        #expect(created == ["activityArn": .string(arn), "creationDate": TaskCoordinator.date(1_733_331_234.5)])
        // Idempotent on the name.
        #expect(try await harness.call("CreateActivity", ["name": "resize"]) == created)
        let described = try await harness.call("DescribeActivity", ["activityArn": .string(arn)])
        #expect(described["name"] == "resize")
        #expect(described["activityArn"] == .string(arn))
        #expect(JSONWriter.compact(try #require(described["creationDate"])) == "1733331234.500")
        #expect(try await harness.call("DeleteActivity", ["activityArn": .string(arn)]) == .object(JSONObject()))
        // Deleting again succeeds, as on AWS.
        #expect(try await harness.call("DeleteActivity", ["activityArn": .string(arn)]) == .object(JSONObject()))
        let error = await harness.error("DescribeActivity", ["activityArn": .string(arn)])
        #expect(error == ServiceError("ActivityDoesNotExist", "Activity Does Not Exist: '\(arn)'"))
    }

    static let invalidNames = [
        "activity name", "activity<name", "activity>name", "activity{name", "activity}name", "activity[name",
        "activity]name", "activity?name", "activity*name", "activity\"name", "activity#name", "activity%name",
        "activity\\name", "activity^name", "activity|name", "activity~name", "activity`name", "activity$name",
        "activity&name", "activity,name", "activity;name", "activity:name", "activity/name", "\u{0}activity",
        "activity\u{1F}", "activity\u{7F}", "TestActivity InvalidName$",
    ]

    @Test(arguments: invalidNames) func invalidNamesAreRefused(_ name: String) async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let error = await harness.error("CreateActivity", ["name": .string(name)])
        #expect(error == ServiceError("InvalidName", "Invalid Name: '\(name)'"))
    }

    static let validNames = ["Activity1", "activity-name_123", "activity.name.v2", String(repeating: "a", count: 80)]

    @Test(arguments: validNames) func validNamesAreTaken(_ name: String) async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        #expect(try await harness.createActivity(name) == "arn:aws:states:us-east-1:123456789012:activity:\(name)")
    }

    @Test func namesOutsideTheLengthsAreValidationErrors() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let long = String(repeating: "a", count: 81)
        #expect(await harness.error("CreateActivity", ["name": .string(long)])?.type == "ValidationException")
        let missing = await harness.error("CreateActivity", .object(JSONObject()))
        #expect(
            missing
                == ServiceError(
                    "ValidationException",
                    "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not "
                        + "be null"))
    }

    @Test(arguments: ["DescribeActivity", "DeleteActivity", "GetActivityTask"])
    func anArnThatIsNoActivityIsInvalid(_ operation: String) async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let error = await harness.error(operation, ["activityArn": "no_an_activity_arn"])
        #expect(error == ServiceError("InvalidArn", "Invalid Arn: 'no_an_activity_arn'"))
    }

    @Test func getActivityTaskOnAMissingActivity() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let arn = "arn:aws:states:us-east-1:123456789012:activity:gone"
        let error = await harness.error("GetActivityTask", ["activityArn": .string(arn)])
        #expect(error == ServiceError("ActivityDoesNotExist", "Activity Does Not Exist: '\(arn)'"))
    }

    @Test func getActivityTaskAnswersEmptyWhenNoTaskComes() async throws {
        let harness = try TasksHarness(pollSleep: { _ in })
        defer { harness.directory.remove() }
        let arn = try await harness.createActivity("idle")
        let response = try await harness.call("GetActivityTask", ["activityArn": .string(arn), "workerName": "w"])
        #expect(response == .object(JSONObject()))
        #expect(harness.coordinator.activityQueue.waitingWorkers(arn) == 0)
    }

    /// A server shutting down answers its waiting long polls at once with no task (and any poll
    /// after that too), so workers get an answer instead of a connection cut after the grace
    /// (SPEC-NOTES.md §18.4). The default poll sleep waits 600 s: only the drain can end it.
    @Test func drainAnswersWaitingPollsWithNoTask() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let arn = try await harness.createActivity("draining")
        let poll = Task { try await harness.call("GetActivityTask", ["activityArn": .string(arn), "workerName": "w"]) }
        while harness.coordinator.activityQueue.waitingWorkers(arn) == 0 { await Task.yield() }
        harness.coordinator.drain()
        // The drain answers the poll before it returns; were it not to, the poll is cancelled so
        // the test fails rather than waits.
        let drained = harness.coordinator.activityQueue.waitingWorkers(arn) == 0
        #expect(drained)
        if !drained { poll.cancel() }
        #expect(try await poll.value == .object(JSONObject()))
        guard drained else { return }
        let later = try await harness.call("GetActivityTask", ["activityArn": .string(arn), "workerName": "w"])
        #expect(later == .object(JSONObject()))
        #expect(harness.coordinator.activityQueue.waitingWorkers(arn) == 0)
    }

    @Test func listActivitiesPages() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        for name in ["a", "b", "c"] { _ = try await harness.createActivity(name) }
        let first = try await harness.call("ListActivities", ["maxResults": 2])
        #expect(first["activities"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["a", "b"])
        let token = try #require(first["nextToken"])
        let second = try await harness.call("ListActivities", ["maxResults": 2, "nextToken": token])
        #expect(second["activities"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["c"])
        #expect(second["nextToken"] == nil)
        let all = try await harness.call("ListActivities", .object(JSONObject()))
        #expect(all["activities"]?.arrayValue?.count == 3)
        #expect(await harness.error("ListActivities", ["nextToken": "garbage"])?.type == "InvalidToken")
        #expect(await harness.error("ListActivities", ["maxResults": 1001])?.type == "ValidationException")
    }

    @Test func encryptionConfigurationIsKeptAsGiven() async throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        let given: JSON = ["type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": "alias/mine"]
        let arn = try #require(
            try await harness.call("CreateActivity", ["name": "sealed", "encryptionConfiguration": given])[
                "activityArn"])
        let reopened = try TasksHarness(directory: harness.directory)
        #expect(try await reopened.call("DescribeActivity", ["activityArn": arn])["encryptionConfiguration"] == given)
        let plain = try await harness.createActivity("plain")
        #expect(
            try await harness.call("DescribeActivity", ["activityArn": .string(plain)])["encryptionConfiguration"]
                == ["type": "AWS_OWNED_KEY"])
        let bad = await harness.error("CreateActivity", ["name": "x", "encryptionConfiguration": ["type": "ROT13"]])
        #expect(bad?.type == "ValidationException")
    }

    @Test func activitiesAndTheirTagsSurviveARestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let arn: String
        do {
            let harness = try TasksHarness(directory: directory)
            let response = try await harness.call(
                "CreateActivity", ["name": "kept", "tags": [["key": "team", "value": "media"]]])
            arn = try #require(response["activityArn"]?.stringValue)
            // A second create with other tags changes nothing (API reference, CreateActivity).
            _ = try await harness.call("CreateActivity", ["name": "kept", "tags": [["key": "x", "value": "y"]]])
        }
        let reopened = try TasksHarness(directory: directory)
        #expect(try await reopened.call("DescribeActivity", ["activityArn": .string(arn)])["name"] == "kept")
        let tags = try #require(reopened.coordinator.tags(of: arn))
        #expect(tags.map(\.key) == ["team"] && tags.map(\.value) == ["media"])
        #expect(try reopened.coordinator.setTags([("a", "1")], of: arn))
        #expect(try TasksHarness(directory: directory).coordinator.tags(of: arn)?.map(\.key) == ["a"])
        #expect(try reopened.coordinator.setTags([], of: arn + "-missing") == false)
        #expect(reopened.coordinator.tags(of: arn + "-missing") == nil)
    }

    @Test func aDamagedStoreNamesItsFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.url.appending(path: "sfn/activities")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{\"activities\": 3}".utf8).write(to: folder.appending(path: "activities.json"))
        #expect {
            _ = try TaskCoordinator(dataDirectory: directory.url)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("sfn/activities/activities.json") && text.contains("\"activities\" array")
        }
    }

    @Test func theCoordinatorServesItsOperationsOnly() throws {
        let harness = try TasksHarness()
        defer { harness.directory.remove() }
        for operation in TaskCoordinator.operations { #expect(harness.coordinator.serves(operation: operation)) }
        #expect(!harness.coordinator.serves(operation: "StartExecution"))
        #expect(!harness.coordinator.serves(operation: "TagResource"))
    }
}
