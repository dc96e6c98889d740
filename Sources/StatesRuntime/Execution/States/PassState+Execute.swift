import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// Pass: the result is `Result`, else the effective input (after `InputPath` and
    /// `Parameters`); then `ResultPath` and `OutputPath`.
    ///
    /// Source: ASL specification, "Pass State"; AWS developer guide, "Pass workflow state".
    func runPass(_ pass: Shared<PassState>, input: JSON, path: inout PathContext, site: EvaluationSite)
        throws(StatesError) -> StateCompletion
    {
        if pass.value.common.queryLanguage == .jsonata {
            return try runJSONataPlain(
                pass.value.io, assign: pass.value.common.assign, input: input, path: &path, site: site)
        }
        var effective = try applyInputPath(pass.value.io.inputPath, to: input, path: path, site: site)
        effective = try applyParameters(pass.value.io.parameters, to: effective, path: &path, site: site)
        let result = pass.value.result ?? effective
        if let given = pass.value.result { path.inspection?.capture(.result, given) }
        let assigned = try evaluateAssign(pass.value.common.assign, value: result, path: &path, site: site)
        let combined = try applyResultPath(pass.value.io.resultPath, input: input, result: result, site: site)
        let output = try applyOutputPath(pass.value.io.outputPath, to: combined, path: path, site: site)
        return StateCompletion(output: output, next: nil, assigned: assigned)
    }

    /// Succeed: `InputPath` then `OutputPath`.
    func runSucceed(_ succeed: Shared<SucceedState>, input: JSON, path: inout PathContext, site: EvaluationSite)
        throws(StatesError) -> StateCompletion
    {
        if succeed.value.common.queryLanguage == .jsonata {
            return try runJSONataPlain(succeed.value.io, assign: nil, input: input, path: &path, site: site)
        }
        let effective = try applyInputPath(succeed.value.io.inputPath, to: input, path: path, site: site)
        let assigned = try evaluateAssign(succeed.value.common.assign, value: effective, path: &path, site: site)
        let output = try applyOutputPath(succeed.value.io.outputPath, to: effective, path: path, site: site)
        return StateCompletion(output: output, next: nil, assigned: assigned)
    }

    /// Fail: the error and cause to end the scope with (`Error`/`ErrorPath`, `Cause`/`CausePath`,
    /// the paths evaluated against the state input; intrinsic functions allowed).
    ///
    /// Source: AWS developer guide, "Fail workflow state".
    func failError(_ fail: Shared<FailState>, input: JSON, path: inout PathContext, site: EvaluationSite)
        throws(StatesError) -> StatesError
    {
        if fail.value.common.queryLanguage == .jsonata {
            let scope = JSONataScope(input: input, path: &path)
            let error = try jsonataString(fail.value.error, field: "Error", scope: scope, path: &path, site: site)
            let cause = try jsonataString(fail.value.cause, field: "Cause", scope: scope, path: &path, site: site)
            return StatesError(StatesErrorName(error ?? ""), cause)
        }
        let error = try failField(fail.value.error, field: "ErrorPath", input: input, path: &path, site: site)
        let cause = try failField(fail.value.cause, field: "CausePath", input: input, path: &path, site: site)
        return StatesError(StatesErrorName(error ?? ""), cause)
    }

    private func failField(
        _ value: DynamicString?, field: String, input: JSON, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> String? {
        let roots = Roots(input: input, path: path)
        let resolved: JSON
        switch value {
        case nil: return nil
        case .literal(let text): return text
        case .jsonata: throw Causes.jsonataUnsupported(site: site)
        case .path(let selector):
            do {
                resolved = try Evaluate.select(selector, in: roots)
            } catch let error where error.isNotFound {
                // Worded as for a payload template's path (observed, SPEC-NOTES.md §5.3).
                throw Causes.fieldPathNotFound(path: selector, field: field, input: input, site: site)
            } catch {
                throw Causes.invalidPath(selector, error, site: site)
            }
        case .intrinsic(let call):
            resolved = try TemplateEvaluator.evaluate(call, roots: roots, random: &path.random, site: site)
        }
        guard case .string(let text) = resolved else {
            throw Causes.runtime(
                "The value of the field '\(field)' must be a string, but was \(resolved.typeName) "
                    + JSONWriter.compact(resolved), site: site)
        }
        return text
    }

    /// A Pass, Succeed (no Assign) or Wait in JSONata: `Output` (default: the input) and `Assign`,
    /// both against the state input and the variables at entry.
    ///
    /// Source: ASL specification, "Using Arguments and Output", "Using Assign".
    func runJSONataPlain(
        _ io: InputOutput, assign: DynamicTemplate?, input: JSON, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> StateCompletion {
        let scope = JSONataScope(input: input, path: &path)
        let output = try io.output.map { template throws(StatesError) in
            try evaluate(template, field: "Output", scope: scope, path: &path, site: site)
        }
        let assigned = try evaluateJSONataAssign(assign, scope: scope, path: &path, site: site)
        return StateCompletion(output: output ?? input, next: nil, assigned: assigned)
    }

    /// A JSONata string field (Fail `Error`/`Cause`): a literal, or an expression that must give
    /// a string.
    func jsonataString(
        _ value: DynamicString?, field: String, scope: JSONataScope, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> String? {
        switch value {
        case nil, .path, .intrinsic: return nil
        case .literal(let text): return text
        case .jsonata(let expression):
            let result = try evaluate(expression, field: field, scope: scope, path: &path, site: site)
            guard case .string(let text) = result else {
                throw unexpectedType(
                    expression, field: field, expected: "string", value: result, path: &path, site: site)
            }
            return text
        }
    }
}
