import JSONCore

/// ASL-E208: a `ResultPath` (of a state or a Catcher) that is not a reference path into the
/// state's data: it selects several nodes, or it targets the context object (`$$`) or a
/// variable (`$name`).
///
/// Source: AWS developer guide, "ResultPath" and "Reference Paths" (ResultPath takes a
/// reference path); "Passing data between states with variables" (variables are set with
/// `Assign`). LocalStack's grammar accepts only `$`-rooted JSONPath in `ResultPath`.
enum ResultPathTarget: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-E208", severity: .error,
        summary: "ResultPath must be a reference path into the state data ($…), not $$ or a variable",
        source: "AWS developer guide, \"ResultPath\", \"Reference Paths\"")
    static let targets: [RuleTarget] = [.state(.pass), .state(.task), .state(.parallel), .state(.map)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        if case .path(let path) = state.ioForValidation?.resultPath {
            check(
                path, owner: "state \(DiagnosticText.quoted(state.name))", at: state.pointer / "ResultPath",
                &diagnostics)
        }
        for catcher in state.handlersForValidation?.catchers ?? [] {
            if case .path(let path) = catcher.resultPath {
                check(
                    path, owner: "a Catch of state \(DiagnosticText.quoted(state.name))",
                    at: catcher.pointer / "ResultPath",
                    &diagnostics)
            }
        }
    }

    /// `owner` and `pointer` are only evaluated for a diagnostic (most result paths are fine).
    private static func check(
        _ path: Path, owner ownerText: @autoclosure () -> String, at pointerOfPath: @autoclosure () -> JSONPointer,
        _ diagnostics: inout [Diagnostic]
    ) {
        var owner: String { ownerText() }
        var pointer: JSONPointer { pointerOfPath() }
        switch path.root {
        case .context:
            diagnostics.append(
                diagnostic(
                    contextMessage(path.source, owner: owner), at: pointer,
                    fixIt: "write the result into the state data, e.g. \"$.result\""))
        case .variable(let name):
            diagnostics.append(
                diagnostic(
                    variableMessage(path.source, owner: owner), at: pointer,
                    fixIt: "store the value with \"Assign\": {\(DiagnosticText.quoted(name)): …} instead"))
        case .input:
            if !path.isReferencePath {
                diagnostics.append(diagnostic(notReferenceMessage(path.source, owner: owner), at: pointer))
            }
        }
    }
}

extension ResultPathTarget {
    fileprivate static func contextMessage(_ path: String, owner: String) -> String {
        "ResultPath \(DiagnosticText.quoted(path)) of \(owner) targets the context object, which is read-only; "
            + "ResultPath must start with \"$\""
    }

    fileprivate static func variableMessage(_ path: String, owner: String) -> String {
        "ResultPath \(DiagnosticText.quoted(path)) of \(owner) targets a variable; ResultPath writes into the state data "
            + "and must start with \"$\""
    }

    fileprivate static func notReferenceMessage(_ path: String, owner: String) -> String {
        "ResultPath \(DiagnosticText.quoted(path)) of \(owner) is not a reference path: it may only use .name, ['name'] "
            + "and [index] steps (no *, .., filters, slices or unions)"
    }
}
