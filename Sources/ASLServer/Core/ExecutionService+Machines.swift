internal import Foundation
internal import JSONCore
internal import StatesLanguage
internal import StatesRuntime

/// CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
/// ListStateMachines, ValidateStateMachineDefinition, DescribeStateMachineForExecution.
extension ExecutionService {
    static let defaultLogging: JSON = ["level": "OFF", "includeExecutionData": false]
    static let defaultTracing: JSON = ["enabled": false]

    func machineArn(_ name: String) -> String {
        "arn:aws:states:\(configuration.region):\(configuration.account):stateMachine:\(name)"
    }

    /// `roleArn` is refused only outside the length AWS's API model gives it (shape `Arn`: 1 to
    /// 256 characters): any text of that length is accepted, ARN or not, as Step Functions Local
    /// accepts it, since no refusal of a malformed role ARN by AWS is recorded and test suites pass
    /// dummy roles (SPEC-NOTES.md §18.6).
    static func checkRoleArn(_ roleArn: String) throws(ServiceError) {
        if roleArn.isEmpty {
            throw .validation(
                value: roleArn, field: "roleArn", constraint: "Member must have length greater than or equal to 1")
        }
        if roleArn.count > 256 {
            throw .validation(
                value: roleArn, field: "roleArn", constraint: "Member must have length less than or equal to 256")
        }
    }

    func createStateMachine(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let name = try fields.requiredString("name")
        let definition = try fields.requiredString("definition")
        let roleArn = try fields.requiredString("roleArn")
        let type = try fields.string("type") ?? "STANDARD"
        guard type == "STANDARD" || type == "EXPRESS" else {
            throw .validation(
                value: type, field: "type", constraint: "Member must satisfy enum value set: [STANDARD, EXPRESS]")
        }
        try Self.checkRoleArn(roleArn)
        let logging = try fields.object("loggingConfiguration").map(JSON.object) ?? Self.defaultLogging
        let tracing = try fields.object("tracingConfiguration").map(JSON.object) ?? Self.defaultTracing
        let tags = try Self.tagPairs(fields.array("tags"))
        guard CoreNames.isValid(name) else { throw .invalidName(name) }
        let check = DefinitionCheck(definition: definition, express: type == "EXPRESS")
        if let refusal = check.refusal { throw refusal }
        let arn = machineArn(name)
        let now = configuration.wallClock()
        let outcome = registry.withLock { registry -> Result<MachineRecord, ServiceError> in
            if let existing = registry.machines[arn] {
                // API reference, CreateStateMachine: the check compares name, definition (as text:
                // the same JSON formatted otherwise is another definition, LocalStack
                // `test_create_duplicate_definition_format_sm`), type, logging and tracing; a
                // different roleArn or tags are ignored and not applied.
                let same =
                    existing.record.definition == definition && existing.record.type == type
                    && existing.record.loggingConfiguration == logging
                    && existing.record.tracingConfiguration == tracing && existing.record.status == "ACTIVE"
                return same ? .success(existing.record) : .failure(.stateMachineAlreadyExists(arn))
            }
            let record = MachineRecord(
                fileID: registry.nextMachineID, name: name, arn: arn, definition: definition, roleArn: roleArn,
                type: type, loggingConfiguration: logging, tracingConfiguration: tracing, creationDate: now)
            do throws(ServiceError) {
                try store.write(record)
            } catch {
                return .failure(error)
            }
            registry.nextMachineID += 1
            registry.machines[arn] = MachineEntry(record: record, resolved: check.machine)
            if !tags.isEmpty { registry.tags[arn] = Self.merge(registry.tags[arn] ?? [], tags) }
            return .success(record)
        }
        let record = try outcome.get()
        if !tags.isEmpty { try saveTags() }
        var response = JSONObject()
        response["stateMachineArn"] = .string(record.arn)
        response["creationDate"] = CoreTime.wire(record.creationDate)
        return .object(response)
    }

    /// The machine `arn` names, or AWS's error (`InvalidArn`, `StateMachineDoesNotExist`).
    func machine(_ arn: String) throws(ServiceError) -> MachineEntry {
        _ = try StatesARN.parse(arn, expecting: "stateMachine")
        guard let entry = registry.withLock({ $0.machines[arn] }) else { throw .stateMachineDoesNotExist(arn) }
        return entry
    }

    func describeStateMachine(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("stateMachineArn")
        let record = try machine(arn).record
        var response = JSONObject()
        response["stateMachineArn"] = .string(record.arn)
        response["name"] = .string(record.name)
        response["status"] = .string(record.status)
        response["definition"] = .string(record.definition)
        response["roleArn"] = .string(record.roleArn)
        response["type"] = .string(record.type)
        response["creationDate"] = CoreTime.wire(record.creationDate)
        response["loggingConfiguration"] = record.loggingConfiguration
        response["tracingConfiguration"] = record.tracingConfiguration
        if let revisionId = record.revisionId { response["revisionId"] = .string(revisionId) }
        return .object(response)
    }

    func updateStateMachine(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("stateMachineArn")
        let definition = try fields.string("definition")
        let roleArn = try fields.string("roleArn")
        let logging = try fields.object("loggingConfiguration").map(JSON.object)
        let tracing = try fields.object("tracingConfiguration").map(JSON.object)
        if let roleArn { try Self.checkRoleArn(roleArn) }
        let entry = try machine(arn)
        guard definition != nil || roleArn != nil || logging != nil || tracing != nil else {
            throw ServiceError(
                "MissingRequiredParameter",
                "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be "
                    + "specified")
        }
        var check: DefinitionCheck?
        if let definition {
            let checked = DefinitionCheck(definition: definition, express: entry.record.type == "EXPRESS")
            if let refusal = checked.refusal { throw refusal }
            check = checked
        }
        let now = configuration.wallClock()
        var random = RandomSource(
            seed: CoreNames.seed(configuration.seed, name: "revision|\(arn)|\(CoreTime.milliseconds(now))"))
        let revisionId = CoreNames.uuid(using: &random)
        let outcome = registry.withLock { registry -> Result<MachineRecord, ServiceError> in
            guard var current = registry.machines[arn] else { return .failure(.stateMachineDoesNotExist(arn)) }
            if let definition { current.record.definition = definition }
            if let roleArn { current.record.roleArn = roleArn }
            if let logging { current.record.loggingConfiguration = logging }
            if let tracing { current.record.tracingConfiguration = tracing }
            current.record.updateDate = now
            current.record.revisionId = revisionId
            if let check { current.resolved = check.machine }
            do throws(ServiceError) {
                try store.write(current.record)
            } catch {
                return .failure(error)
            }
            registry.machines[arn] = current
            return .success(current.record)
        }
        let record = try outcome.get()
        var response = JSONObject()
        response["updateDate"] = CoreTime.wire(now)
        if let revisionId = record.revisionId { response["revisionId"] = .string(revisionId) }
        return .object(response)
    }

    /// Deletes at once when none of the machine's executions runs; otherwise the machine turns
    /// DELETING (refusing new executions) and goes when the last one ends, as AWS does. Deleting
    /// a machine that does not exist succeeds, as on AWS.
    func deleteStateMachine(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("stateMachineArn")
        _ = try StatesARN.parse(arn, expecting: "stateMachine")
        let outcome = registry.withLock { registry -> ServiceError? in
            guard var entry = registry.machines[arn] else { return nil }
            let running = registry.live.values.contains { $0.record.stateMachineArn == arn }
            do throws(ServiceError) {
                if running {
                    entry.record.status = "DELETING"
                    try store.write(entry.record)
                    registry.machines[arn] = entry
                } else {
                    try store.removeMachine(entry.record.fileID)
                    registry.machines[arn] = nil
                    registry.tags[arn] = nil
                }
            } catch {
                return error
            }
            return nil
        }
        if let outcome { throw outcome }
        try saveTags()
        return .object(JSONObject())
    }

    /// Removes a DELETING machine once none of its executions runs (called with the lock held).
    func removeIfDeleted(_ arn: String, in registry: inout Registry) {
        guard let entry = registry.machines[arn], entry.record.status == "DELETING",
            !registry.live.values.contains(where: { $0.record.stateMachineArn == arn })
        else { return }
        // If the file cannot be removed now, the next open removes it (it stays DELETING).
        try? store.removeMachine(entry.record.fileID)
        registry.machines[arn] = nil
        registry.tags[arn] = nil
    }

    /// Sorted by name, as AWS lists them; `nextToken` is the last name of the page.
    func listStateMachines(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let maxResults = try fields.maxResults()
        let token = try fields.nextToken(maximumLength: 1024)
        var after: String?
        if let token {
            guard let decoded = PageToken.decode(token, kind: "machines"), let name = decoded["after"]?.stringValue
            else { throw .invalidToken(token) }
            after = name
        }
        let records = registry.withLock { registry in registry.machines.values.map(\.record) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let remaining = records.filter { after == nil || (after ?? "").utf8.lexicographicallyPrecedes($0.name.utf8) }
        let page = remaining.prefix(maxResults)
        var response = JSONObject()
        response["stateMachines"] = .array(
            page.map { record in
                var item = JSONObject()
                item["stateMachineArn"] = .string(record.arn)
                item["name"] = .string(record.name)
                item["type"] = .string(record.type)
                item["creationDate"] = CoreTime.wire(record.creationDate)
                return .object(item)
            })
        if remaining.count > page.count, let last = page.last {
            response["nextToken"] = .string(PageToken.encode(kind: "machines", ["after": .string(last.name)]))
        }
        return .object(response)
    }

    func validateDefinition(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let definition = try fields.requiredString("definition")
        let type = try fields.string("type") ?? "STANDARD"
        guard type == "STANDARD" || type == "EXPRESS" else {
            throw .validation(
                value: type, field: "type", constraint: "Member must satisfy enum value set: [STANDARD, EXPRESS]")
        }
        let severityText = try fields.string("severity") ?? "ERROR"
        let severity: Severity
        switch severityText {
        case "ERROR": severity = .error
        case "WARNING": severity = .warning
        default:
            throw .validation(
                value: severityText, field: "severity",
                constraint: "Member must satisfy enum value set: [ERROR, WARNING]")
        }
        let maxResults = try fields.integer("maxResults") ?? 100
        guard maxResults >= 0, maxResults <= 100 else {
            throw .validation(
                value: String(maxResults), field: "maxResults",
                constraint: maxResults < 0
                    ? "Member must have value greater than or equal to 0"
                    : "Member must have value less than or equal to 100")
        }
        let check = DefinitionCheck(definition: definition, express: type == "EXPRESS")
        return check.validationResponse(minimumSeverity: severity, maxResults: maxResults == 0 ? 100 : maxResults)
    }

    /// The machine as the execution ran it (its definition at the start), with `updateDate`.
    func describeStateMachineForExecution(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("executionArn")
        let record = try executionRecord(arn)
        let machine = record.machine
        var response = JSONObject()
        response["stateMachineArn"] = .string(machine.arn)
        response["name"] = .string(machine.name)
        response["definition"] = .string(machine.definition)
        response["roleArn"] = .string(machine.roleArn)
        response["updateDate"] = CoreTime.wire(machine.updateDate ?? machine.creationDate)
        response["loggingConfiguration"] = machine.loggingConfiguration
        response["tracingConfiguration"] = machine.tracingConfiguration
        if let revisionId = machine.revisionId { response["revisionId"] = .string(revisionId) }
        return .object(response)
    }
}

/// Opaque page tokens: `v1.` and the base64 of a small JSON object naming what they page.
enum PageToken {
    static func encode(kind: String, _ members: JSONObject) -> String {
        var object = members
        object["kind"] = .string(kind)
        return "v1." + Data(JSONWriter.compactBytes(.object(object))).base64EncodedString()
    }

    static func decode(_ token: String, kind: String) -> JSON? {
        guard token.hasPrefix("v1."), let data = Data(base64Encoded: String(token.dropFirst(3))),
            let value = try? JSONReader.read(Array(data), options: .init(recordsSourceMap: false)).value,
            value["kind"]?.stringValue == kind
        else { return nil }
        return value
    }
}
