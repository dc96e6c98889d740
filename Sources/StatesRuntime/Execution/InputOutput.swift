import JSONCore
import StatesLanguage

/// The JSONPath input and output processing of a state, in AWS's order: `InputPath` →
/// `Parameters` → (the state's work) → `ResultSelector` → `ResultPath` → `OutputPath`.
///
/// Source: AWS developer guide, "Processing input and output in Step Functions"; `null` paths:
/// "InputPath, Parameters and ResultSelector" (`InputPath: null` gives `{}`), "ResultPath"
/// (`null` discards the result and keeps the input), "OutputPath" (`null` sends `{}`).
extension ExecutionRunner {
    func applyInputPath(_ inputPath: PathOrNull?, to input: JSON, path: PathContext, site: EvaluationSite)
        throws(StatesError) -> JSON
    {
        let effective: JSON
        switch inputPath {
        case nil: effective = input
        case .null: effective = .object(JSONObject())
        case .path(let selector):
            effective = try Self.select(selector, in: Roots(input: input, path: path), site: site)
        }
        path.inspection?.capture(.afterInputPath, effective)
        return effective
    }

    /// The value `selector` selects, for a state's path field; a failure names the state. A path
    /// that finds nothing fails with `notFound` when the field has its own text for it (Wait's
    /// `SecondsPath`/`TimestampPath`), otherwise with the usual "could not be found" cause.
    static func select(_ selector: Path, in roots: Roots, notFound: StatesError? = nil, site: EvaluationSite)
        throws(StatesError) -> JSON
    {
        do {
            return try Evaluate.select(selector, in: roots)
        } catch let error where notFound != nil && error.isNotFound {
            throw Causes.decorated(notFound ?? StatesError(.runtime), site: site)
        } catch {
            throw Causes.invalidPath(selector, error, site: site)
        }
    }

    func applyParameters(
        _ parameters: DynamicTemplate?, to effective: JSON, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> JSON {
        guard case .jsonPath(let template) = parameters else {
            path.inspection?.capture(.afterParameters, effective)
            return effective
        }
        let roots = Roots(input: effective, path: path)
        let value = try TemplateEvaluator.evaluate(template, roots: roots, random: &path.random, site: site)
        path.inspection?.capture(.afterParameters, value)
        return value
    }

    func applyResultSelector(
        _ selector: PayloadTemplate?, to result: JSON, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> JSON {
        guard let selector else {
            path.inspection?.capture(.afterResultSelector, result)
            return result
        }
        let roots = Roots(input: result, path: path)
        let value = try TemplateEvaluator.evaluate(selector, roots: roots, random: &path.random, site: site)
        path.inspection?.capture(.afterResultSelector, value)
        return value
    }

    func applyResultPath(_ resultPath: PathOrNull?, input: JSON, result: JSON, site: EvaluationSite)
        throws(StatesError) -> JSON
    {
        switch resultPath {
        case nil: return result
        case .null: return input
        case .path(let target):
            var document = input
            try ResultPathWriter.assign(result, at: target, into: &document)
            return document
        }
    }

    /// `value` is the state's output before `OutputPath`: `asl test-state` reports it as
    /// `afterResultPath`.
    func applyOutputPath(_ outputPath: PathOrNull?, to value: JSON, path: PathContext, site: EvaluationSite)
        throws(StatesError) -> JSON
    {
        path.inspection?.capture(.afterResultPath, value)
        switch outputPath {
        case nil: return value
        case .null: return .object(JSONObject())
        case .path(let selector):
            do {
                return try Evaluate.select(selector, in: Roots(input: value, path: path))
            } catch {
                throw Causes.invalidPath(selector, error, site: site)
            }
        }
    }

    /// Evaluates an `Assign` object against `value` (what `$` means for the state), with the
    /// variables as they were when the state was entered; the caller assigns the result when the
    /// state exits.
    func evaluateAssign(
        _ assign: DynamicTemplate?, value: JSON, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> JSONObject? {
        guard case .jsonPath(let template) = assign else { return nil }
        let roots = Roots(input: value, path: path)
        let evaluated = try TemplateEvaluator.evaluate(template, roots: roots, random: &path.random, site: site)
        return evaluated.objectValue
    }

    /// Merges the assignments of a Choice branch or Catcher after the state's own.
    func merge(_ first: JSONObject?, _ second: JSONObject?) -> JSONObject? {
        guard var merged = first else { return second }
        guard let second else { return merged }
        for (key, value) in second { merged[key] = value }
        return merged
    }
}
