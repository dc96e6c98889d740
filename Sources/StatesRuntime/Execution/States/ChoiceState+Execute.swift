import JSONCore
import StatesLanguage

extension ExecutionRunner {
    /// Choice: the first rule that holds for the effective input names the next state, else
    /// `Default`, else `States.NoChoiceMatched`. The output is the effective input after
    /// `OutputPath` (a Choice has no result).
    ///
    /// Source: ASL specification, "Choice State"; AWS developer guide, "Choice workflow state".
    /// `branches` are the resolved `Next`s of `Choices`, `defaultState` the resolved `Default`.
    func runChoice(
        _ choice: Shared<ChoiceState>, branches: [StateID], defaultState: StateID?, input: JSON,
        path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> StateCompletion {
        let effective = try applyInputPath(choice.value.io.inputPath, to: input, path: path, site: site)
        let roots = Roots(input: effective, path: path)
        var chosen: ChoiceState.Branch?
        var next: StateID?
        do {
            for (index, branch) in choice.value.choices.enumerated() where try Evaluate.matches(branch.rule, in: roots)
            {
                chosen = branch
                next = branches[index]
                break
            }
        } catch {
            throw Causes.decorated(error, site: site)
        }
        guard let next = next ?? defaultState else { throw Causes.noChoiceMatched }
        var assigned = try evaluateAssign(choice.value.common.assign, value: effective, path: &path, site: site)
        if let branchAssign = chosen?.assign {
            assigned = merge(assigned, try evaluateAssign(branchAssign, value: effective, path: &path, site: site))
        }
        let output = try applyOutputPath(choice.value.io.outputPath, to: effective, path: path, site: site)
        return StateCompletion(output: output, next: next, assigned: assigned)
    }
}
