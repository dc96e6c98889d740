public import JSONCore

/// What ``DefinitionParser/parse(_:options:)`` tolerates.
public struct ParseOptions: Sendable {
    /// Accept `${Name}` placeholders (CloudFormation/SAM `DefinitionSubstitutions`): a string that
    /// is exactly one placeholder is accepted where a number, boolean, object or array is
    /// expected (the typed field is then left `nil`, its value being unknown until
    /// substitution), and strings containing a placeholder are not checked as paths, state
    /// names or enumeration values.
    public var allowsPlaceholders: Bool

    public init(allowsPlaceholders: Bool = true) {
        self.allowsPlaceholders = allowsPlaceholders
    }
}

/// Builds the typed ``StateMachine`` graph from a definition's JSON and reports its structural
/// problems (ASL-E100…E111, plus the path/template/JSONata diagnostics ASL-E300…E305 of the
/// strings it compiles).
///
/// Worked example:
///
///     {"StartAt": "A",                             machine.scopes[0]: root, startAt A → #0,
///      "States": {                                                    stateNames [A: #0, P: #1]
///        "A": {"Type": "Pass", "Next": "P"},      #0 pass, transition .next(P → #1)
///        "P": {"Type": "Parallel", "End": true,   #1 parallel, branches [scope 1]
///              "Branches": [{"StartAt": "B",
///                "States": {"B": {"Type": "Succeed"}}}]}}}   #2 succeed in scope 1
///
/// States get ``StateID``s in definition order, depth-first (a Parallel or Map state before the
/// states of its branches or processor); scopes are numbered as encountered, the root being 0.
/// Every `Next`, `Default`, `StartAt` and Catcher `Next` is resolved within its own scope; an
/// unresolved one keeps `id == nil` and is reported (ASL-E104).
///
/// The parser checks shape only. Semantic rules over the built graph (reachability, terminal
/// states, unique names, numeric ranges, ARN shapes, timestamps) belong to the validator.
public enum DefinitionParser {
    /// Parses a definition.
    ///
    /// Never throws: every problem is a diagnostic. Returns a machine whenever the document is an
    /// object with a `States` object (even with errors), so the validator can still run; `nil`
    /// otherwise.
    ///
    /// - Parameters:
    ///   - document: The definition as read (placeholders already substituted, if wanted).
    ///   - options: What to tolerate; see ``ParseOptions``.
    /// - Returns: The machine (or `nil`) and the diagnostics, each with the JSON Pointer of the
    ///   offending value (or key, for unknown and misplaced fields).
    /// - Complexity: O(n) in the size of the document, plus name suggestions for unknown names.
    public static func parse(_ document: JSON, options: ParseOptions = .init()) -> (
        machine: StateMachine?, diagnostics: [Diagnostic]
    ) {
        var builder = DefinitionBuilder(document: document, options: options)
        let machine = builder.build()
        return (machine, builder.diagnostics)
    }
}

/// The mutable state of one parse: the states and scopes built so far and the diagnostics.
struct DefinitionBuilder {
    let document: JSON
    let options: ParseOptions
    var diagnostics: [Diagnostic] = []
    /// Filled in depth-first order; `nil` only while a state is being built.
    var states: [State?] = []
    var scopes: [Scope] = []
    /// Per scope, the names of states that could not be built (not an object, bad `Type`):
    /// references to them are not reported again as unknown.
    var unbuiltNames: [Set<CodeUnitString>] = []
    var machineLanguage: QueryLanguage = .jsonPath

    init(document: JSON, options: ParseOptions) {
        self.document = document
        self.options = options
    }

    mutating func build() -> StateMachine? {
        guard case .object(let root) = document else {
            diagnostics.append(
                ParserDiagnostics.notAnObject(document, what: "The state machine definition", at: .root))
            return nil
        }
        checkFields(root, at: .root, allowed: FieldCatalog.topLevel, language: .jsonPath, owner: "the top level")
        machineLanguage = declaredQueryLanguage(in: root, at: .root) ?? .jsonPath
        let comment = string("Comment", in: root, at: .root)
        let version = string("Version", in: root, at: .root)
        let timeoutSeconds = integer("TimeoutSeconds", in: root, at: .root)
        let contents = scopeContents(root, at: .root, what: "The state machine")
        guard let statesObject = contents.states else { return nil }
        _ = buildScope(
            kind: .root, language: machineLanguage, states: statesObject, startAt: contents.startAt, at: .root)
        resolveReferences()
        return StateMachine(
            comment: comment, version: version, timeoutSeconds: timeoutSeconds, queryLanguage: machineLanguage,
            states: states.compactMap { $0 }, scopes: scopes, json: document)
    }

    /// `StartAt` and `States` of the top level, a branch or an item processor, with ASL-E100
    /// for whatever is missing or mistyped. `states` is `nil` unless `States` is an object.
    mutating func scopeContents(_ object: JSONObject, at pointer: JSONPointer, what: @autoclosure () -> String) -> (
        startAt: StateReference?, states: JSONObject?
    ) {
        var missing: [String] = []
        var statesObject: JSONObject?
        switch object["States"] {
        case nil: missing.append("States")
        case .object(let states)?:
            statesObject = states
            if states.isEmpty {
                diagnostics.append(ParserDiagnostics.emptyStates(what: what(), at: pointer / "States"))
            }
        case let value?:
            if !isPlaceholder(value) {
                diagnostics.append(
                    ParserDiagnostics.scopeFieldType(
                        "States", expected: "an object", actual: value, at: pointer / "States"))
            }
        }
        var startAt: StateReference?
        switch object["StartAt"] {
        case nil: missing.append("StartAt")
        case .string(let name)?: startAt = StateReference(name: name, id: nil, pointer: pointer / "StartAt")
        case let value?:
            diagnostics.append(
                ParserDiagnostics.scopeFieldType(
                    "StartAt", expected: "a string", actual: value, at: pointer / "StartAt"))
        }
        if !missing.isEmpty {
            diagnostics.append(ParserDiagnostics.missingScopeFields(missing, what: what(), at: pointer))
        }
        return (startAt, statesObject)
    }

    /// Builds one scope and, depth-first, the states in it.
    mutating func buildScope(
        kind: Scope.Kind, language: QueryLanguage, states statesObject: JSONObject?, startAt: StateReference?,
        at pointer: JSONPointer
    ) -> ScopeID {
        let scopeID = ScopeID(scopes.count)
        scopes.append(Scope(id: scopeID, kind: kind, startAt: startAt, queryLanguage: language, pointer: pointer))
        unbuiltNames.append([])
        for (name, value) in statesObject ?? JSONObject() {
            let id = StateID(states.count)
            states.append(nil)
            if let state = buildState(name: name, value: value, id: id, scope: scopeID, at: pointer / "States" / name) {
                states[id.index] = state
                scopes[scopeID.index].states.append(id)
                scopes[scopeID.index].stateNames[name] = id
            } else {
                states.removeLast()
                unbuiltNames[scopeID.index].insert(name)
            }
        }
        return scopeID
    }

    /// A state's `Type`, or `nil` (with ASL-E105/E106/E109) when it cannot be known.
    mutating func buildState(name: String, value: JSON, id: StateID, scope: ScopeID, at pointer: JSONPointer)
        -> State?
    {
        guard case .object(let object) = value else {
            if !isPlaceholder(value) {
                diagnostics.append(
                    ParserDiagnostics.wrongType("States/\(name)", expected: "an object", actual: value, at: pointer))
            }
            return nil
        }
        guard let kind = stateKind(object, at: pointer) else { return nil }
        let declared = declaredQueryLanguage(in: object, at: pointer)
        if declared == .jsonPath, machineLanguage == .jsonata {
            diagnostics.append(ParserDiagnostics.queryLanguageDowngrade(state: name, at: pointer / "QueryLanguage"))
        }
        // Developer guide (QueryLanguage): a state without its own uses the top-level one (or
        // the one its branch or processor object declares; see SPEC-NOTES.md §2).
        let language = declared ?? scopes[scope.index].queryLanguage
        checkFields(
            object, at: pointer, allowed: FieldCatalog.fields(for: kind), language: language,
            owner: "a \(kind.rawValue) state", kind: kind)
        var common = StateCommon(
            name: name, id: id, scope: scope, pointer: pointer, comment: string("Comment", in: object, at: pointer),
            queryLanguage: language, declaredQueryLanguage: declared, json: object)
        if FieldCatalog.fields(for: kind)["Assign"] != nil {
            common.assign = assign(in: object, at: pointer, language: language)
        }
        let context = StateContext(common: common, object: object, kind: kind)
        switch kind {
        case .pass: return .pass(buildPass(context))
        case .task: return .task(buildTask(context))
        case .choice: return .choice(buildChoice(context))
        case .wait: return .wait(buildWait(context))
        case .succeed: return .succeed(buildSucceed(context))
        case .fail: return .fail(buildFail(context))
        case .parallel: return .parallel(buildParallel(context))
        case .map: return .map(buildMap(context))
        }
    }

    private mutating func stateKind(_ object: JSONObject, at pointer: JSONPointer) -> StateKind? {
        guard let value = object["Type"] else {
            diagnostics.append(ParserDiagnostics.missingField("Type", in: "a state", at: pointer))
            return nil
        }
        guard case .string(let text) = value else {
            diagnostics.append(
                ParserDiagnostics.wrongType("Type", expected: "a string", actual: value, at: pointer / "Type"))
            return nil
        }
        return enumValue(StateKind.self, field: "Type", text: text, at: pointer / "Type")
    }

    /// `QueryLanguage` as written on an object, checked (ASL-E105/E109).
    mutating func declaredQueryLanguage(in object: JSONObject, at pointer: JSONPointer) -> QueryLanguage? {
        guard let text = string("QueryLanguage", in: object, at: pointer) else { return nil }
        return enumValue(QueryLanguage.self, field: "QueryLanguage", text: text, at: pointer / "QueryLanguage")
    }

    /// Parses an enumeration value, with ASL-E109 and did-you-mean when it is not one.
    mutating func enumValue<E: RawRepresentable & CaseIterable>(
        _ type: E.Type, field: String, text: String, at pointer: @autoclosure () -> JSONPointer
    ) -> E? where E.RawValue == String {
        if let value = E(rawValue: text) { return value }
        if containsPlaceholder(text) { return nil }
        let allowed = E.allCases.map(\.rawValue)
        diagnostics.append(
            ParserDiagnostics.invalidEnum(
                field, value: text, allowed: allowed, suggestion: NameSuggestion.nearest(text, in: allowed),
                at: pointer()))
        return nil
    }

    /// Reports keys an object of this kind does not accept: ASL-E103 for a field of the other
    /// query language, ASL-E102 for a state field of another type (when `kind` is given),
    /// ASL-E101 otherwise.
    mutating func checkFields(
        _ object: JSONObject, at pointer: JSONPointer, allowed: FieldSet, language: QueryLanguage,
        owner: @autoclosure () -> String, kind: StateKind? = nil
    ) {
        for key in object.keys {
            if let availability = allowed[key] {
                if !availability.allows(language) {
                    diagnostics.append(
                        ParserDiagnostics.fieldOfOtherLanguage(key, language: language, at: pointer / key))
                }
                continue
            }
            if let kind, FieldCatalog.allStateFields.contains(key) {
                diagnostics.append(ParserDiagnostics.fieldNotAllowed(key, kind: kind, at: pointer / key))
                continue
            }
            let suggestion = NameSuggestion.nearest(key, in: allowed.names(in: language))
            diagnostics.append(
                ParserDiagnostics.unknownField(key, in: owner(), suggestion: suggestion, at: pointer / key))
        }
    }
}

/// The state being built: its common fields, its object as written, its type.
struct StateContext {
    var common: StateCommon
    let object: JSONObject
    let kind: StateKind

    var name: String { common.name }
    var pointer: JSONPointer { common.pointer }
    var language: QueryLanguage { common.queryLanguage }
    var owner: String { "\(kind.rawValue) state \(DiagnosticText.quoted(common.name))" }
}
