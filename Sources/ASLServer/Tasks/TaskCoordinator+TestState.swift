internal import JSONCore
internal import LocalAWS
internal import StatesLanguage
internal import StatesRuntime

/// `TestState`: `asl test-state`'s engine (``StatesRuntime/Executor/testState(_:)``) behind AWS's
/// request and response.
///
/// Request members (API reference, "TestState"): `definition` (required; one state, or a whole
/// machine with `stateName`), `roleArn`, `input`, `inspectionLevel`, `revealSecrets`, `variables`
/// (a JSON object as text), `stateName`, `mock` (`result` as JSON text, or `errorOutput` with
/// `error` and `cause`; `fieldValidationMode`), `context` (JSON text) and `stateConfiguration`.
/// Refusals are the runtime's ``StatesRuntime/TestStateRejection``s (`ValidationException`,
/// `InvalidDefinition`) with the texts `asl test-state` uses (SPEC-NOTES.md §15, §18.3).
extension TaskCoordinator {
    func testState(_ fields: TasksRequestFields) async throws(ServiceError) -> JSON {
        let definition = try fields.string("definition", length: 1...DefinitionAnalyzer.maximumDefinitionBytes)
        let stateName = try fields.optionalString("stateName")
        if let stateName { try fields.check(stateName, "stateName", length: 1...80) }
        let roleArn = try fields.optionalString("roleArn")
        if let roleArn { try fields.check(roleArn, "roleArn", length: 1...256) }
        let input = try Self.jsonText(fields.optionalString("input"), member: "input") ?? .object(JSONObject())
        var level = InspectionLevel.info
        if let text = try fields.optionalString("inspectionLevel") {
            guard let parsed = InspectionLevel(rawValue: text) else {
                throw TasksRequestFields.invalid(
                    "inspectionLevel", "Member must satisfy enum value set: [INFO, DEBUG, TRACE]", text)
            }
            level = parsed
        }
        var variables = JSONObject()
        if let value = try Self.jsonText(fields.optionalString("variables"), member: "variables") {
            guard case .object(let object) = value else {
                throw ServiceError("ValidationException", "Variables must be a JSON object")
            }
            variables = object
        }
        let context = try Self.jsonText(fields.optionalString("context"), member: "context")
        let mock = try Self.mock(fields.input["mock"])
        let configuration = try Self.configuration(fields.input["stateConfiguration"])

        let (machine, name) = try Self.machine(definition, stateName: stateName)
        var options = ExecutionOptions()
        options.region = region
        options.account = account
        options.roleArn = roleArn
        options.recordsHistory = false
        let executor = Executor(machine: machine, handlers: testStateHandlers, options: options)
        var request = TestStateRequest(
            stateName: name, input: input, inspectionLevel: level, mock: mock, variables: variables,
            context: context, configuration: configuration)
        request.mockResultCheck = { result, resource, mode in
            MockResultSchema.problem(result, resource: resource, mode: mode)
        }
        do {
            return try await executor.testState(request).json
        } catch {
            throw ServiceError(error.kind.rawValue, error.message)
        }
    }

    /// The machine to test and the state's name: a lone state is wrapped as `asl test-state`
    /// wraps it (``StatesLanguage/LoneStateDefinition``).
    static func machine(_ definition: String, stateName: String?) throws(ServiceError) -> (
        ResolvedStateMachine, String
    ) {
        let bytes = Array(definition.utf8)
        let lone = LoneStateDefinition.wrap(bytes)
        let name: String
        switch (lone, stateName) {
        case (nil, let given?): name = given
        case (nil, nil):
            throw ServiceError(
                "InvalidDefinition",
                "Invalid State Machine Definition: 'the definition is not one state: give stateName to test a state "
                    + "of a whole state machine'")
        case (.some, nil): name = LoneStateDefinition.stateName
        case (.some, .some):
            throw ServiceError(
                "InvalidDefinition",
                "Invalid State Machine Definition: 'with stateName, the definition must be a fully-formed state "
                    + "machine'")
        }
        let source = SourceFile(path: "definition", bytes: lone ?? bytes)
        let analysis = DefinitionAnalyzer.analyze(source)
        let errors = analysis.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let parsed = analysis.machine, let resolved = try? ResolvedStateMachine(parsed) else {
            var listed = errors.prefix(5).map { diagnostic in
                lone == nil
                    ? "\(DefinitionCheck.awsCode(diagnostic)): \(DefinitionCheck.message(diagnostic)) at "
                        + DefinitionCheck.location(diagnostic)
                    : "\(DefinitionCheck.awsCode(diagnostic)): \(loneMessage(DefinitionCheck.message(diagnostic))) at "
                        + loneLocation(DefinitionCheck.location(diagnostic))
            }
            if listed.isEmpty { listed = ["SCHEMA_VALIDATION_FAILED: The definition cannot be run at /"] }
            throw ServiceError(
                "InvalidDefinition", "Invalid State Machine Definition: '\(listed.joined(separator: ", "))'")
        }
        return (resolved, name)
    }

    /// A lone state's diagnostic place, inside the state as given (`/Resource`), not inside the
    /// machine it was wrapped in (`/States/StateName/Resource`).
    static func loneLocation(_ location: String) -> String {
        let wrapper = "/States/" + LoneStateDefinition.stateName
        guard location.hasPrefix(wrapper) else { return location }
        let rest = location.dropFirst(wrapper.count)
        return rest.isEmpty ? "/" : String(rest)
    }

    /// A lone state's diagnostic without the wrapper's made-up state name (`Task state "StateName"`
    /// → `Task state`): the client never named the state.
    static func loneMessage(_ message: String) -> String {
        let quoted = " state \"" + LoneStateDefinition.stateName + "\""
        var text = Substring(message)
        var result = ""
        while let range = text.range(of: quoted) {
            result += text[..<range.lowerBound] + " state"
            text = text[range.upperBound...]
        }
        return result + text
    }

    /// A member that holds JSON as text, parsed.
    static func jsonText(_ text: String?, member: String) throws(ServiceError) -> JSON? {
        guard let text else { return nil }
        do {
            return try JSONReader.read(text, options: .init(duplicateKeys: .keepLast)).value
        } catch {
            throw ServiceError(
                "ValidationException",
                "The \(member) is not valid JSON: \(error.message) at character \(error.offset + 1)")
        }
    }

    /// `mock`: `result` (JSON text) or `errorOutput` (`error`, `cause`), and `fieldValidationMode`.
    static func mock(_ value: JSON?) throws(ServiceError) -> TestStateMock? {
        guard let value, value != .null else { return nil }
        let fields = TasksRequestFields(value)
        let result = try fields.optionalString("result")
        let errorOutput = value["errorOutput"].flatMap { $0 == .null ? nil : $0 }
        var mode = MockFieldValidationMode.strict
        if let text = try fields.optionalString("fieldValidationMode") {
            guard let parsed = MockFieldValidationMode(rawValue: text) else {
                throw TasksRequestFields.invalid(
                    "mock.fieldValidationMode", "Member must satisfy enum value set: [STRICT, PRESENT, NONE]", text)
            }
            mode = parsed
        }
        switch (result, errorOutput) {
        case (.some, .some):
            // AWS's text (observed; as `asl test-state` reports it).
            throw ServiceError(
                "ValidationException",
                "A test mock should have only one of the following fields: [result, errorOutput].")
        case (let result?, nil):
            let parsed: JSON
            do {
                parsed = try JSONReader.read(result, options: .init(duplicateKeys: .keepLast)).value
            } catch {
                throw ServiceError("ValidationException", "Mocked result must be valid JSON")
            }
            return TestStateMock(.result(parsed), fieldValidationMode: mode)
        case (nil, let output?):
            let outputFields = TasksRequestFields(output)
            guard let error = try outputFields.optionalString("error") else {
                throw TasksRequestFields.missing("mock.errorOutput.error")
            }
            let cause = try outputFields.optionalString("cause")
            return TestStateMock(.error(name: error, cause: cause), fieldValidationMode: mode)
        case (nil, nil):
            throw ServiceError(
                "ValidationException", "A test mock should have one of the following fields: [result, errorOutput].")
        }
    }

    /// `stateConfiguration` (API reference, `TestStateConfiguration`).
    static func configuration(_ value: JSON?) throws(ServiceError) -> TestStateConfiguration {
        guard let value, value != .null else { return TestStateConfiguration() }
        let fields = TasksRequestFields(value)
        var configuration = TestStateConfiguration()
        configuration.retrierRetryCount = try fields.optionalInteger("retrierRetryCount", range: 0...Int(Int32.max))
        configuration.mapIterationFailureCount = try fields.optionalInteger(
            "mapIterationFailureCount", range: 0...Int(Int32.max))
        configuration.errorCausedByState = try fields.optionalString("errorCausedByState")
        configuration.mapItemReaderData = try fields.optionalString("mapItemReaderData")
        return configuration
    }
}
