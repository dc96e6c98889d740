import StatesLanguage

/// A value held by reference: the executor passes a state's definition around and reads its fields
/// through the reference (`box.value.io.inputPath`), so a step copies one pointer instead of every
/// field of a state struct.
final class Shared<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}

/// A state prepared for execution: its facts the envelope needs on every step, its resolved
/// transitions, and its definition by reference. Built once per executor run from a
/// ``StatesLanguage/ResolvedStateMachine``, so every target is a ``StatesLanguage/StateID`` that
/// exists.
final class Program: Sendable {
    enum Body: Sendable {
        case pass(Shared<PassState>)
        case task(Shared<TaskState>)
        case choice(Shared<ChoiceState>, branches: [StateID], defaultState: StateID?)
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
    /// (`nil`: `End: true`, Succeed, Fail).
    let next: StateID?
    /// The `Next` of each catcher, in `Catch` order.
    let catchTargets: [StateID]
    let body: Body

    init(_ id: StateID, of machine: ResolvedStateMachine) {
        let state = machine.machine[id]
        let common = state.common
        name = common.name
        kind = state.kind
        isJSONPath = common.queryLanguage == .jsonPath
        catchTargets = machine.catchTargets(of: id)
        let transition = machine.transition(of: id)
        if case .next(let target) = transition { next = target } else { next = nil }
        switch state {
        case .pass(let value): body = .pass(Shared(value))
        case .task(let value): body = .task(Shared(value))
        case .choice(let value):
            var branches: [StateID] = []
            var defaultState: StateID?
            if case .choice(let targets, let fallback) = transition {
                branches = targets
                defaultState = fallback
            }
            body = .choice(Shared(value), branches: branches, defaultState: defaultState)
        case .wait(let value): body = .wait(Shared(value))
        case .succeed(let value): body = .succeed(Shared(value))
        case .fail(let value): body = .fail(Shared(value))
        case .parallel(let value): body = .parallel(Shared(value))
        case .map(let value): body = .map(Shared(value))
        }
    }
}
