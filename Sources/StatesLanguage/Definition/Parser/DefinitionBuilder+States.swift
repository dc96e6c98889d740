import JSONCore

// Pass, Task, Wait, Succeed, Fail and Parallel states, and the Next/End transition.
// Source: ASL specification, state type sections; AWS developer guide, "<Type> workflow state".

extension DefinitionBuilder {
    /// `Next` or `"End": true` (ASL-E107 for both, ASL-E108 for neither or `"End": false`).
    mutating func transition(_ context: StateContext) -> Transition? {
        let object = context.object
        let pointer = context.pointer
        if exclusive("Next", "End", in: object, at: pointer) {
            if let next = string("Next", in: object, at: pointer) {
                return .next(StateReference(name: next, id: nil, pointer: pointer / "Next"))
            }
            return nil
        }
        if object["Next"] != nil {
            guard let next = string("Next", in: object, at: pointer) else { return nil }
            return .next(StateReference(name: next, id: nil, pointer: pointer / "Next"))
        }
        if let value = object["End"] {
            if isPlaceholder(value) { return nil }
            guard let end = bool("End", in: object, at: pointer) else { return nil }
            if end { return .end }
            diagnostics.append(ParserDiagnostics.endNotTrue(state: context.name, at: pointer / "End"))
            return nil
        }
        diagnostics.append(ParserDiagnostics.missingTransition(state: context.name, kind: context.kind, at: pointer))
        return nil
    }

    mutating func buildPass(_ context: StateContext) -> PassState {
        var result: JSON?
        if context.language == .jsonPath { result = context.object["Result"] }
        return PassState(
            common: context.common, result: result, io: inputOutput(context), transition: transition(context))
    }

    mutating func buildTask(_ context: StateContext) -> TaskState {
        let object = context.object
        let pointer = context.pointer
        let language = context.language
        var resource: TaskResource?
        if object["Resource"] == nil {
            diagnostics.append(ParserDiagnostics.missingField("Resource", in: context.owner, at: pointer))
        } else if let text = string("Resource", in: object, at: pointer) {
            resource = TaskResource(text)
        }
        let timeout = dynamicInteger(
            "TimeoutSeconds", pathKey: "TimeoutSecondsPath", in: object, at: pointer, language: language)
        let heartbeat = dynamicInteger(
            "HeartbeatSeconds", pathKey: "HeartbeatSecondsPath", in: object, at: pointer, language: language)
        return TaskState(
            common: context.common, resource: resource, resourcePointer: pointer / "Resource",
            io: inputOutput(context), timeoutSeconds: timeout, heartbeatSeconds: heartbeat,
            credentials: credentials(context), errorHandling: errorHandling(context), transition: transition(context))
    }

    /// `Credentials`: an object with `RoleArn` (string, or `{% %}` in JSONata) or `RoleArn.$`
    /// (JSONPath: path or intrinsic), compiled as a template of the state's language.
    private mutating func credentials(_ context: StateContext) -> DynamicTemplate? {
        let pointer = context.pointer / "Credentials"
        guard let object = objectField("Credentials", in: context.object, at: context.pointer) else { return nil }
        checkFields(
            object, at: pointer, allowed: FieldCatalog.credentials, language: context.language, owner: "Credentials")
        exclusive("RoleArn", "RoleArn.$", in: object, at: pointer)
        if object["RoleArn"] == nil, object["RoleArn.$"] == nil {
            diagnostics.append(ParserDiagnostics.missingField("RoleArn", in: "Credentials", at: pointer))
        }
        if let value = object["RoleArn"], value.stringValue == nil, !isPlaceholder(value) {
            diagnostics.append(
                ParserDiagnostics.wrongType("RoleArn", expected: "a string", actual: value, at: pointer / "RoleArn"))
        }
        return template("Credentials", in: context.object, at: context.pointer, language: context.language)
    }

    mutating func buildWait(_ context: StateContext) -> WaitState {
        let object = context.object
        let pointer = context.pointer
        let language = context.language
        let fields = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"]
        let present = fields.filter { object[$0] != nil }
        var duration: WaitState.Duration?
        if present.isEmpty {
            diagnostics.append(ParserDiagnostics.missingOneOf(fields, in: context.owner, at: pointer))
        } else if present.count > 1 {
            diagnostics.append(ParserDiagnostics.exclusiveFields(present[0], present[1], at: pointer / present[1]))
        } else if object["Seconds"] != nil || object["SecondsPath"] != nil {
            duration = dynamicInteger("Seconds", pathKey: "SecondsPath", in: object, at: pointer, language: language)
                .map(WaitState.Duration.seconds)
        } else {
            let written = dynamicString(
                "Timestamp", pathKey: "TimestampPath", allowsIntrinsic: false, in: object, at: pointer,
                language: language)
            switch written {
            case .literal(let text): duration = .timestamp(.literal(TimestampLiteral(text)))
            case .path(let path): duration = .timestamp(.path(path))
            case .jsonata(let expression): duration = .timestamp(.jsonata(expression))
            // Not produced without `allowsIntrinsic`.
            case .intrinsic, nil: duration = nil
            }
        }
        return WaitState(
            common: context.common, duration: duration, io: inputOutput(context), transition: transition(context))
    }

    mutating func buildSucceed(_ context: StateContext) -> SucceedState {
        SucceedState(common: context.common, io: inputOutput(context))
    }

    mutating func buildFail(_ context: StateContext) -> FailState {
        let object = context.object
        let pointer = context.pointer
        let error = dynamicString(
            "Error", pathKey: "ErrorPath", allowsIntrinsic: true, in: object, at: pointer, language: context.language)
        let cause = dynamicString(
            "Cause", pathKey: "CausePath", allowsIntrinsic: true, in: object, at: pointer, language: context.language)
        return FailState(common: context.common, error: error, cause: cause)
    }

    mutating func buildParallel(_ context: StateContext) -> ParallelState {
        let object = context.object
        let pointer = context.pointer
        var branches: [ScopeID] = []
        if object["Branches"] == nil {
            diagnostics.append(ParserDiagnostics.missingField("Branches", in: context.owner, at: pointer))
        } else if let elements = arrayField("Branches", in: object, at: pointer) {
            if elements.isEmpty {
                diagnostics.append(ParserDiagnostics.emptyArray("Branches", at: pointer / "Branches"))
            }
            for (index, element) in elements.enumerated() {
                let branchPointer = pointer / "Branches" / index
                // Only diagnostics use the description.
                var what: String { "Branch \(index + 1) of Parallel state \(DiagnosticText.quoted(context.name))" }
                guard case .object(let branch) = element else {
                    diagnostics.append(ParserDiagnostics.notAnObject(element, what: what, at: branchPointer))
                    continue
                }
                let scope = buildNestedScope(
                    branch, kind: .parallelBranch(parent: context.common.id, index: index),
                    allowed: FieldCatalog.branch, what: what, at: branchPointer)
                branches.append(scope)
            }
        }
        return ParallelState(
            common: context.common, branches: branches, io: inputOutput(context),
            errorHandling: errorHandling(context), transition: transition(context))
    }

    /// A Parallel branch or a Map item processor: fields, `StartAt`/`States`, and its states.
    ///
    /// A `QueryLanguage` written on the branch or processor object is accepted and becomes the
    /// default of its states (generous: AWS's stance is unconfirmed; see SPEC-NOTES.md §2). Otherwise
    /// nested states default to the top-level language, as the developer guide says.
    mutating func buildNestedScope(
        _ object: JSONObject, kind: Scope.Kind, allowed: FieldSet, what: @autoclosure () -> String,
        at pointer: JSONPointer
    ) -> ScopeID {
        checkFields(object, at: pointer, allowed: allowed, language: machineLanguage, owner: what())
        _ = string("Comment", in: object, at: pointer)
        let contents = scopeContents(object, at: pointer, what: what())
        let language = declaredQueryLanguage(in: object, at: pointer) ?? machineLanguage
        return buildScope(
            kind: kind, language: language, states: contents.states, startAt: contents.startAt, at: pointer)
    }
}
