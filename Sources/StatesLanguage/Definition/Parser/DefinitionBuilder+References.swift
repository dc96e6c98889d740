import JSONCore

// Resolving `StartAt`, `Next`, `Default` and Catcher `Next` to StateIDs once every scope is
// built, and ASL-E104 for names that are not states of the same scope.

extension DefinitionBuilder {
    mutating func resolveReferences() {
        for index in scopes.indices {
            guard var startAt = scopes[index].startAt else { continue }
            resolve(&startAt, field: "StartAt", owner: nil, in: ScopeID(index))
            scopes[index].startAt = startAt
        }
        for index in states.indices {
            guard var state = states[index] else { continue }
            let scope = state.common.scope
            let owner = state.name
            state.updateReferences { reference, field in
                resolve(&reference, field: field, owner: owner, in: scope)
            }
            states[index] = state
        }
    }

    private mutating func resolve(_ reference: inout StateReference, field: String, owner: String?, in scope: ScopeID) {
        if let id = scopes[scope.index].stateNames[reference.name] {
            reference.id = id
            return
        }
        // A missing `Next` was reported as ASL-E106 already; a mistyped one as ASL-E105.
        guard case .string? = document[reference.pointer] else { return }
        if unbuiltNames[scope.index].contains(reference.name) { return }
        if containsPlaceholder(reference.name) { return }
        let candidates = (Array(scopes[scope.index].stateNames.keys) + unbuiltNames[scope.index]).map(\.string)
        let suggestion = NameSuggestion.nearest(reference.name, in: candidates.sorted())
        var notes: [DiagnosticNote] = []
        for other in scopes where other.id != scope {
            guard let id = other.stateNames[reference.name], let state = states[id.index] else { continue }
            notes.append(
                DiagnosticNote(
                    "a state named \(DiagnosticText.quoted(reference.name)) exists in \(describe(other)), but \(field) cannot leave or "
                        + "enter a branch or item processor",
                    pointer: state.common.pointer))
        }
        diagnostics.append(
            ParserDiagnostics.unknownReference(
                field: field, owner: owner, target: reference.name, suggestion: suggestion, notes: notes,
                at: reference.pointer))
    }

    private func describe(_ scope: Scope) -> String {
        func parentName(_ id: StateID) -> String { states[id.index]?.name ?? "?" }
        switch scope.kind {
        case .root: return "the top level"
        case .parallelBranch(let parent, let index):
            return "branch \(index + 1) of Parallel \(DiagnosticText.quoted(parentName(parent)))"
        case .mapItemProcessor(let parent):
            return "the ItemProcessor of Map \(DiagnosticText.quoted(parentName(parent)))"
        }
    }
}

extension State {
    /// Calls `body` on every state reference of this state, with the field's name as a message
    /// shows it (`Next`, `Default`, `Choices Next`, `Catch Next`).
    mutating func updateReferences(_ body: (inout StateReference, String) -> Void) {
        func transition(_ value: inout Transition?) {
            if case .next(var reference) = value {
                body(&reference, "Next")
                value = .next(reference)
            }
        }
        func catchers(_ handling: inout ErrorHandling) {
            for index in handling.catchers.indices { body(&handling.catchers[index].next, "Catch Next") }
        }
        switch self {
        case .pass(var state):
            transition(&state.transition)
            self = .pass(state)
        case .task(var state):
            transition(&state.transition)
            catchers(&state.errorHandling)
            self = .task(state)
        case .wait(var state):
            transition(&state.transition)
            self = .wait(state)
        case .parallel(var state):
            transition(&state.transition)
            catchers(&state.errorHandling)
            self = .parallel(state)
        case .map(var state):
            transition(&state.transition)
            catchers(&state.errorHandling)
            self = .map(state)
        case .choice(var state):
            for index in state.choices.indices { body(&state.choices[index].next, "Choices Next") }
            if var fallback = state.defaultState {
                body(&fallback, "Default")
                state.defaultState = fallback
            }
            self = .choice(state)
        case .succeed, .fail:
            break
        }
    }
}
