import StatesLanguage

/// A value held by reference: the executor passes a state's definition around and reads its fields
/// through the reference (`box.value.io.inputPath`), so a step copies one pointer instead of every
/// field of a state struct.
final class Shared<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}

/// A state prepared for execution: its facts the envelope needs on every step, and its
/// definition by reference. Built once per executor run from ``StatesLanguage/StateMachine``.
final class Program: Sendable {
    enum Body: Sendable {
        case pass(Shared<PassState>)
        case task(Shared<TaskState>)
        case choice(Shared<ChoiceState>)
        case wait(Shared<WaitState>)
        case succeed(Shared<SucceedState>)
        case fail(Shared<FailState>)
        case parallel(Shared<ParallelState>)
        case map(Shared<MapState>)
    }

    let name: String
    let kind: StateKind
    let isJSONPath: Bool
    /// Where a state that does not choose its successor goes: a state, or the end of its scope
    /// (`nil`).
    let next: StateID?
    /// `Next` names a state that does not exist (never for a validated machine).
    let unresolvedNext: String?
    let body: Body

    init(_ state: State) {
        let common = state.common
        name = common.name
        kind = state.kind
        isJSONPath = common.queryLanguage == .jsonPath
        switch state.transition {
        case .next(let reference):
            next = reference.id
            unresolvedNext = reference.id == nil ? reference.name : nil
        case .end, nil:
            next = nil
            unresolvedNext = nil
        }
        switch state {
        case .pass(let value): body = .pass(Shared(value))
        case .task(let value): body = .task(Shared(value))
        case .choice(let value): body = .choice(Shared(value))
        case .wait(let value): body = .wait(Shared(value))
        case .succeed(let value): body = .succeed(Shared(value))
        case .fail(let value): body = .fail(Shared(value))
        case .parallel(let value): body = .parallel(Shared(value))
        case .map(let value): body = .map(Shared(value))
        }
    }
}
