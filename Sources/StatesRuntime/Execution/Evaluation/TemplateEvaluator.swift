import JSONCore
import StatesLanguage

/// Where a template is evaluated, for the cause texts of failures.
struct EvaluationSite {
    /// The state's name.
    var stateName: String
    /// The id of the state's entered event.
    var enteredEventID: Int
    /// The entered event's previous event: AWS's `EvaluationFailed` names it (SPEC-NOTES.md §13.1).
    var enteredPreviousEventID = 0
    /// The state itself, for ``ExecutionOptions/observer``.
    var stateID: StateID
}

/// Evaluates compiled payload templates (`Parameters`, `ResultSelector`, `ItemSelector`,
/// `Assign`, `Credentials`) and `"key.$"` values.
///
/// Source: AWS developer guide, "Manipulate parameters in Step Functions workflows": a key ending in
/// `.$` takes its value from a path (input `$`, context `$$`, variable `$name`) or an intrinsic
/// function; the suffix is dropped from the output key; other keys are copied.
enum TemplateEvaluator {
    static func evaluate(
        _ template: PayloadTemplate, roots: Roots, random: inout RandomSource, site: EvaluationSite
    ) throws(StatesError) -> JSON {
        switch template {
        case .literal(let value):
            return value
        case .array(let elements):
            var result: [JSON] = []
            result.reserveCapacity(elements.count)
            for element in elements {
                result.append(try evaluate(element, roots: roots, random: &random, site: site))
            }
            return .array(result)
        case .object(let fields):
            var object = JSONObject()
            object.reserveCapacity(fields.count)
            for field in fields {
                let value: JSON
                switch field.value {
                case .template(let nested):
                    value = try evaluate(nested, roots: roots, random: &random, site: site)
                case .dynamic(let dynamic):
                    value = try evaluate(dynamic, key: field.key + ".$", roots: roots, random: &random, site: site)
                }
                // `a` and `a.$` in one template: the later field wins, at the earlier one's position.
                object[field.key] = value
            }
            return .object(object)
        }
    }

    /// The value of one `"key.$"` field.
    static func evaluate(
        _ dynamic: DynamicValue, key: String, roots: Roots, random: inout RandomSource, site: EvaluationSite
    ) throws(StatesError) -> JSON {
        switch dynamic {
        case .path(let path):
            do {
                return try Evaluate.select(path, in: roots)
            } catch {
                throw Causes.fieldPathNotFound(path: path, field: key, input: roots.input, site: site)
            }
        case .intrinsic(let call):
            return try evaluate(call, roots: roots, random: &random, site: site)
        }
    }

    /// Runs an intrinsic call, resolving its path arguments against `roots`. Every intrinsic
    /// failure is `States.Runtime` with the state named in front (SPEC-NOTES.md §5, "Intrinsic
    /// failures").
    static func evaluate(
        _ call: IntrinsicCall, roots: Roots, random: inout RandomSource, site: EvaluationSite
    ) throws(StatesError) -> JSON {
        do {
            return try call.evaluate(
                resolve: { (path: Path) throws(StatesError) -> JSON in
                    do {
                        return try Evaluate.select(path, in: roots, mode: .strict)
                    } catch {
                        throw StatesError(
                            .runtime,
                            EvaluationFailure.intrinsicArgumentReason(
                                path: path, inputText: JSONWriter.compact(roots.input)))
                    }
                }, random: &random)
        } catch {
            throw Causes.runtime(error.cause ?? "", site: site)
        }
    }
}
