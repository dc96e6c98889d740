import JSONCore
import StatesLanguage

/// The checks TestState makes before it runs anything, in AWS's order where it is known, with
/// AWS's exception names and messages where they were observed (LocalStack snapshots recorded on
/// AWS: `test_state/test_state_mock_validation`, `test_test_state_machine_scenarios`,
/// `test_state_context_object`); SPEC-NOTES.md §15.7 lists each rule and its source.
enum TestStateValidation {
    /// The state to run, once the request passes every check.
    /// - Parameter unresolved: The Task resources no handler serves (``Executor/unresolvedResources()``).
    static func check(_ request: TestStateRequest, machine: ResolvedStateMachine, unresolved: [UnresolvedResource])
        throws(TestStateRejection) -> StateID
    {
        let states = machine.machine.states
        guard let state = states.first(where: { $0.common.name == request.stateName }) else {
            let suggestion = NameSuggestion.nearest(request.stateName, in: states.map(\.common.name))
            throw TestStateRejection(
                .validationException, "State not found in definition",
                hint: "no state is named \"\(request.stateName)\""
                    + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""))
        }
        try checkConfiguration(request, state: state, machine: machine.machine)
        try checkMock(request, state: state)
        try checkContext(request, state: state)
        if request.mock == nil, case .task(let task) = state {
            try checkUnmockedTask(task, unresolved: unresolved.first { $0.stateName == task.common.name })
        }
        return state.common.id
    }

    private static func checkConfiguration(_ request: TestStateRequest, state: State, machine: StateMachine)
        throws(TestStateRejection)
    {
        let configuration = request.configuration
        if let count = configuration.retrierRetryCount, count < 0 {
            throw TestStateRejection(.validationException, "retrierRetryCount must be greater than or equal to 0")
        }
        if let failures = configuration.mapIterationFailureCount {
            if failures < 0 {
                throw TestStateRejection(
                    .validationException, "mapIterationFailureCount must be greater than or equal to 0")
            }
            guard let mock = request.mock else {
                throw TestStateRejection(
                    .validationException,
                    "TestState does not support MapIterationFailureCount when a mock is not specified.")
            }
            guard case .map = state else {
                throw TestStateRejection(
                    .validationException, "MapIterationFailureCount can only be specified for a Map state.",
                    hint: "\"\(state.common.name)\" is a \(state.kind.rawValue) state")
            }
            if case .result(.array(let items)) = mock.outcome, failures > items.count {
                throw TestStateRejection(
                    .validationException,
                    "Map iteration failure count must be less than or equal to the number of Map iterations")
            }
        }
        if let origin = configuration.errorCausedByState {
            try checkErrorOrigin(origin, request: request, state: state, machine: machine)
        }
        if configuration.mapItemReaderData != nil {
            guard case .map(let map) = state, map.itemReader != nil else {
                throw TestStateRejection(
                    .validationException, "MapItemReaderData can only be specified for a Map state with an ItemReader.")
            }
        }
    }

    /// `errorCausedByState` names a state inside the Map or Parallel under test, and comes with a
    /// mocked error (API reference, `TestStateConfiguration`; the messages are ours).
    private static func checkErrorOrigin(
        _ origin: String, request: TestStateRequest, state: State, machine: StateMachine
    ) throws(TestStateRejection) {
        switch state {
        case .map, .parallel: break
        default:
            throw TestStateRejection(
                .validationException, "ErrorCausedByState can only be specified for a Map or Parallel state.")
        }
        guard case .error = request.mock?.outcome else {
            throw TestStateRejection(
                .validationException, "ErrorCausedByState can only be specified when a mocked error is specified.",
                hint: "pass --mock-error NAME")
        }
        let inside = machine.states.filter { isInside($0.common.scope, of: state.common.id, machine: machine) }
        guard inside.contains(where: { $0.common.name == origin }) else {
            let suggestion = NameSuggestion.nearest(origin, in: inside.map(\.common.name))
            throw TestStateRejection(
                .validationException, "ErrorCausedByState '\(origin)' is not a state of '\(state.common.name)'.",
                hint: suggestion.map { "did you mean \"\($0)\"?" })
        }
    }

    private static func isInside(_ scope: ScopeID, of parent: StateID, machine: StateMachine) -> Bool {
        var current = scope
        while let owner = machine[scope: current].parent {
            if owner == parent { return true }
            current = machine[owner].common.scope
        }
        return false
    }

    private static func checkMock(_ request: TestStateRequest, state: State) throws(TestStateRejection) {
        guard let mock = request.mock else {
            switch state {
            case .map, .parallel:
                // AWS's text, word for word, for both kinds (observed).
                throw TestStateRejection(
                    .invalidDefinition,
                    "TestState API does not support Map or Parallel states. Supported state types include: "
                        + "[Task, Wait, Pass, Succeed, Fail, Choice]",
                    hint: "a Map or Parallel state is tested with a mock: --mock-result or --mock-error")
            default: return
            }
        }
        switch state {
        case .task, .map, .parallel: break
        default:
            throw TestStateRejection(
                .validationException, "State type '\(state.kind.rawValue)' is not supported when a mock is specified",
                hint: "only Task, Map and Parallel states take a mock")
        }
        guard case .result(let value) = mock.outcome else { return }
        switch state {
        case .task(let task):
            if let check = request.mockResultCheck, let resource = task.resource,
                let problem = check(value, resource, mock.fieldValidationMode)
            {
                throw TestStateRejection(
                    .validationException, problem,
                    hint: mock.fieldValidationMode == .none ? nil : "--field-validation-mode NONE skips this check")
            }
        case .map(let map):
            if map.resultWriter != nil {
                guard case .object = value else {
                    throw TestStateRejection(.validationException, "Mocked result must be a JSON object.")
                }
            } else if value.arrayValue == nil {
                throw TestStateRejection(.validationException, "Mocked result must be an array.")
            }
        case .parallel(let parallel):
            guard let results = value.arrayValue else {
                throw TestStateRejection(.validationException, "Mocked result must be an array.")
            }
            if results.count != parallel.branches.count {
                throw TestStateRejection(
                    .validationException,
                    "Mocked result must contain the same number of items as number of Parallel branches.",
                    hint: "\"\(state.common.name)\" has \(parallel.branches.count) branches, the mock "
                        + "\(results.count) items")
            }
        default: break
        }
    }

    /// `context` needs a mock; it may hold `Execution`, `State`, `StateMachine` and, for a
    /// `.sync` or `.waitForTaskToken` Task, `Task`; never `Map`.
    private static func checkContext(_ request: TestStateRequest, state: State) throws(TestStateRejection) {
        guard let context = request.context else { return }
        guard request.mock != nil else {
            throw TestStateRejection(
                .validationException, "TestState does not support Context when a mock is not specified.")
        }
        guard case .object(let root) = context else {
            throw invalidContext("Context object must be an object")
        }
        for (key, value) in root {
            guard let fields = contextFields[key] else {
                if key == "Map" { throw invalidContext("'Map' field is not supported when mocking a Context object") }
                throw invalidContext("Field '\(key)' is not allowed")
            }
            if key == "Task", !takesTaskToken(state) {
                throw invalidContext(
                    "Context object contains 'Task' when state is not a Task state with a '.sync' or "
                        + "'.waitForTaskToken' service integration pattern")
            }
            if case .null = value { continue }
            guard case .object(let members) = value else { throw invalidContext("\(key) must be a object") }
            for (field, member) in members {
                guard let type = fields[field] else { throw invalidContext("Field '\(field)' is not allowed") }
                switch (type, member) {
                case (_, .null), (.any, _), (.string, .string): continue
                case (.integer, .number(let number)) where number.integralValue != nil: continue
                case (.string, _): throw invalidContext("\(key).\(field) must be a string")
                case (.integer, _): throw invalidContext("\(key).\(field) must be a integer")
                }
            }
        }
    }

    private enum FieldType { case string, integer, any }

    /// The members a mocked context may hold (LocalStack's validator, built to match AWS).
    private static let contextFields: [String: [String: FieldType]] = [
        "Execution": [
            "Id": .string, "Input": .any, "Name": .string, "RoleArn": .string, "StartTime": .string,
            "RedriveCount": .integer, "RedriveTime": .string,
        ],
        "State": ["EnteredTime": .string, "Name": .string, "RetryCount": .integer],
        "StateMachine": ["Id": .string, "Name": .string],
        "Task": ["Token": .string],
    ]

    private static func invalidContext(_ message: String) -> TestStateRejection {
        TestStateRejection(.validationException, "Invalid Context object provided: \(message)")
    }

    private static func takesTaskToken(_ state: State) -> Bool {
        guard case .task(let task) = state, let resource = task.resource else { return false }
        switch resource.pattern {
        case .sync, .sync2, .waitForTaskToken: return true
        default: return false
        }
    }

    /// A Task without a mock calls its service: locally, a handler must serve it. Activities and
    /// the `.sync`/`.waitForTaskToken` patterns need a mock on AWS (API reference, "TestState").
    private static func checkUnmockedTask(_ task: TaskState, unresolved: UnresolvedResource?)
        throws(TestStateRejection)
    {
        guard let resource = task.resource else { return }
        let needsMock: Bool
        switch (resource.kind, resource.pattern) {
        case (.activity, _), (_, .sync), (_, .sync2), (_, .waitForTaskToken): needsMock = true
        default: needsMock = false
        }
        if needsMock {
            throw TestStateRejection(
                .validationException,
                "TestState only supports Activity tasks and the .sync and .waitForTaskToken service integration "
                    + "patterns when a mock is specified.",
                hint: "pass --mock-result JSON or --mock-error NAME")
        }
        if let unresolved {
            throw TestStateRejection(
                .validationException,
                "The Task state '\(task.common.name)' calls \(resource.text), which a local test cannot call.",
                hint: "pass --mock-result JSON or --mock-error NAME [--mock-cause TEXT], or \(unresolved.hint)")
        }
    }
}
