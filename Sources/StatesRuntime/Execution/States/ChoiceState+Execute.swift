import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// Choice: the first rule that holds for the effective input names the next state, else
    /// `Default`, else `States.NoChoiceMatched`. The output is the effective input after
    /// `OutputPath` (a Choice has no result).
    ///
    /// Source: ASL specification, "Choice State"; AWS developer guide, "Choice workflow state".
    func runChoice(_ choice: Shared<ChoiceState>, input: JSON, path: inout PathContext, site: EvaluationSite)
        throws(StatesError) -> StateCompletion
    {
        let effective = try applyInputPath(choice.value.io.inputPath, to: input, path: path, site: site)
        let roots = Roots(input: effective, path: path)
        var chosen: ChoiceState.Branch?
        do {
            for branch in choice.value.choices where try Evaluate.matches(branch.rule, in: roots) {
                chosen = branch
                break
            }
        } catch {
            throw Causes.decorated(error, site: site)
        }
        let next: StateID
        if let chosen {
            guard let id = chosen.next.id else { throw Causes.noChoiceMatched }
            next = id
        } else if let id = choice.value.defaultState?.id {
            next = id
        } else {
            throw Causes.noChoiceMatched
        }
        var assigned = try evaluateAssign(choice.value.common.assign, value: effective, path: &path, site: site)
        if let branchAssign = chosen?.assign {
            assigned = merge(assigned, try evaluateAssign(branchAssign, value: effective, path: &path, site: site))
        }
        let output = try applyOutputPath(choice.value.io.outputPath, to: effective, path: path, site: site)
        return StateCompletion(output: output, next: next, assigned: assigned)
    }
}
