internal import Foundation
internal import JSONCore
internal import StatesLanguage

/// `CreateActivity`, `DescribeActivity`, `DeleteActivity`, `ListActivities`, `GetActivityTask`.
///
/// Source: AWS Step Functions API reference, each operation's page (request and response
/// members, constraints, errors); LocalStack's snapshots recorded on AWS
/// (`tests/aws/services/stepfunctions/v2/test_sfn_api_activities.snapshot.json`) for the error
/// texts `Invalid Name: '<name>'` and `Activity Does Not Exist: '<arn>'` (SPEC-NOTES.md §18.3).
extension TaskCoordinator {
    func createActivity(_ fields: TasksRequestFields) throws(ServiceError) -> JSON {
        let name = try fields.string("name", length: 1...80)
        if Self.nameIsInvalid(name) { throw ServiceError("InvalidName", "Invalid Name: '\(name)'") }
        let tags = try Self.tags(fields.input["tags"])
        let encryption = try Self.encryptionConfiguration(fields.input["encryptionConfiguration"])
        let arn = "arn:aws:states:\(region):\(account):activity:\(name)"
        let seconds = (now().timeIntervalSince1970 * 1000).rounded(.down) / 1000
        let stored: ActivityStore.Activity
        do {
            // Idempotent on the name: a second call returns the first activity, its tags unchanged
            // (API reference, CreateActivity).
            stored = try activityStore.insert(
                ActivityStore.Activity(
                    activityArn: arn, name: name, creationDate: seconds, tags: tags,
                    encryptionConfiguration: encryption))
        } catch {
            throw Self.storageFailure(error)
        }
        return ["activityArn": .string(stored.activityArn), "creationDate": Self.date(stored.creationDate)]
    }

    func describeActivity(_ fields: TasksRequestFields) throws(ServiceError) -> JSON {
        let arn = try activityArn(fields)
        guard let activity = activityStore.activity(arn) else { throw Self.noSuchActivity(arn) }
        return [
            "activityArn": .string(activity.activityArn),
            "name": .string(activity.name),
            "creationDate": Self.date(activity.creationDate),
            "encryptionConfiguration": activity.encryptionConfiguration ?? ["type": "AWS_OWNED_KEY"],
        ]
    }

    /// Deleting an activity that does not exist succeeds (observed: LocalStack snapshot
    /// `delete_activity_response_2`). Tasks already scheduled on it keep waiting.
    func deleteActivity(_ fields: TasksRequestFields) throws(ServiceError) -> JSON {
        let arn = try activityArn(fields)
        do {
            try activityStore.remove(arn)
        } catch {
            throw Self.storageFailure(error)
        }
        return .object(JSONObject())
    }

    func listActivities(_ fields: TasksRequestFields) throws(ServiceError) -> JSON {
        var limit = try fields.optionalInteger("maxResults", range: 0...1000) ?? 0
        if limit == 0 { limit = 100 }
        let all = activityStore.all
        var start = 0
        if let token = try fields.optionalString("nextToken") {
            try fields.check(token, "nextToken", length: 1...1024)
            guard let decoded = Data(base64Encoded: token).flatMap({ String(data: $0, encoding: .utf8) }),
                let index = all.firstIndex(where: { $0.activityArn == decoded })
            else { throw ServiceError("InvalidToken", "Invalid Token: '\(token)'") }
            start = index + 1
        }
        let page = all[start...].prefix(limit)
        var response = JSONObject()
        response["activities"] = .array(
            page.map { activity in
                [
                    "activityArn": .string(activity.activityArn),
                    "name": .string(activity.name),
                    "creationDate": Self.date(activity.creationDate),
                ]
            })
        if start + page.count < all.count, let last = page.last {
            response["nextToken"] = .string(Data(last.activityArn.utf8).base64EncodedString())
        }
        return .object(response)
    }

    /// Waits up to ``pollTimeout`` seconds for a task; `{}` when none came.
    func getActivityTask(_ fields: TasksRequestFields) async throws(ServiceError) -> JSON {
        let arn = try activityArn(fields)
        let workerName = try fields.optionalString("workerName")
        if let workerName { try fields.check(workerName, "workerName", length: 1...80) }
        guard activityStore.activity(arn) != nil else { throw Self.noSuchActivity(arn) }
        while let task = await activityQueue.poll(arn, timeout: pollTimeout, sleep: pollSleep) {
            // A task whose execution stopped while it was queued is skipped.
            guard callbacks.isOpen(task.taskToken) else { continue }
            task.taken(workerName)
            return ["taskToken": .string(task.taskToken), "input": .string(task.input)]
        }
        return .object(JSONObject())
    }

    /// `activityArn`, checked to be an activity ARN.
    private func activityArn(_ fields: TasksRequestFields) throws(ServiceError) -> String {
        let arn = try fields.string("activityArn", length: 1...256)
        guard case .activity = TaskResource(arn).kind else { throw ServiceError("InvalidArn", "Invalid Arn: '\(arn)'") }
        return arn
    }

    static func noSuchActivity(_ arn: String) -> ServiceError {
        ServiceError("ActivityDoesNotExist", "Activity Does Not Exist: '\(arn)'")
    }

    /// A timestamp as AWS's JSON protocol writes it: seconds since 1970, milliseconds kept.
    static func date(_ seconds: Double) -> JSON {
        .number(JSONNumber(uncheckedText: String(format: "%.3f", seconds), isInteger: false))
    }

    /// Names may not hold white space, `<>{}[]`, `?*`, `"#%\^|~`$&,;:/` or control characters
    /// (API reference, CreateActivity `name`).
    static func nameIsInvalid(_ name: String) -> Bool {
        let forbidden = Set("<>{}[]?*\"#%\\^|~`$&,;:/")
        return name.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace || forbidden.contains(Character(scalar))
                || (0x00...0x1F).contains(scalar.value) || (0x7F...0x9F).contains(scalar.value)
        }
    }

    /// `encryptionConfiguration`: `type` `AWS_OWNED_KEY` or `CUSTOMER_MANAGED_KMS_KEY` (with
    /// `kmsKeyId`, `kmsDataKeyReusePeriodSeconds` 60–900); kept as given and returned by
    /// DescribeActivity (nothing is encrypted locally).
    static func encryptionConfiguration(_ value: JSON?) throws(ServiceError) -> JSON? {
        guard let value, value != .null else { return nil }
        let fields = TasksRequestFields(value)
        guard let type = try fields.optionalString("type") else {
            throw TasksRequestFields.missing("encryptionConfiguration.type")
        }
        guard ["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"].contains(type) else {
            throw TasksRequestFields.invalid(
                "encryptionConfiguration.type",
                "Member must satisfy enum value set: [AWS_OWNED_KEY, CUSTOMER_MANAGED_KMS_KEY]", type)
        }
        if let key = try fields.optionalString("kmsKeyId") {
            try fields.check(key, "encryptionConfiguration.kmsKeyId", length: 1...2048)
        }
        _ = try fields.optionalInteger("kmsDataKeyReusePeriodSeconds", range: 60...900)
        return value
    }

    /// `tags`: `[{"key": …, "value": …}]`, keys 1–128 and values 0–256 characters.
    static func tags(_ value: JSON?) throws(ServiceError) -> [(key: String, value: String)] {
        guard let value, value != .null else { return [] }
        guard let items = value.arrayValue else { throw TasksRequestFields.invalid("tags", "Member must be a list") }
        var tags: [(key: String, value: String)] = []
        for (index, item) in items.enumerated() {
            let member = TasksRequestFields(item)
            let key = try member.string("key", length: 1...128)
            let text = try member.optionalString("value") ?? ""
            try member.check(text, "tags.\(index + 1).member.value", length: 0...256)
            tags.append((key, text))
        }
        return tags
    }
}
