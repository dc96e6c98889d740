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
        if choice.value.common.queryLanguage == .jsonata {
            return try runJSONataChoice(
                choice, branches: branches, defaultState: defaultState, input: input, path: &path, site: site)
        }
        let effective = try applyInputPath(choice.value.io.inputPath, to: input, path: path, site: site)
        let roots = Roots(input: effective, path: path)
        var chosen: ChoiceState.Branch?
        var next: StateID?
        var route = Route.choiceDefault
        do {
            for (index, branch) in choice.value.choices.enumerated() where try Evaluate.matches(branch.rule, in: roots)
            {
                chosen = branch
                next = branches[index]
                route = .choiceRule(index)
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
        return StateCompletion(output: output, next: next, assigned: assigned, route: route)
    }

    /// Choice in JSONata: the first rule whose `Condition` is `true` wins and its `Assign`/`Output`
    /// replace the state's; with no match the state's `Assign`/`Output` apply and `Default` is
    /// taken. Without `Output` the input passes through.
    ///
    /// Source: ASL specification, "Choice State" (JSONata); observed on AWS (LocalStack snapshots
    /// `outputdecl/test_output` `test_output_in_choice`, `assign/test_assign_base`
    /// `test_assign_in_choice`).
    private func runJSONataChoice(
        _ choice: Shared<ChoiceState>, branches: [StateID], defaultState: StateID?, input: JSON,
        path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> StateCompletion {
        let scope = JSONataScope(input: input, path: &path)
        for (index, branch) in choice.value.choices.enumerated() {
            guard try jsonataCondition(branch.rule, scope: scope, path: &path, site: site) else { continue }
            let output = try branch.output.map { template throws(StatesError) in
                try evaluate(template, field: "Output", scope: scope, path: &path, site: site)
            }
            let assigned = try evaluateJSONataAssign(branch.assign, scope: scope, path: &path, site: site)
            return StateCompletion(
                output: output ?? input, next: branches[index], assigned: assigned, route: .choiceRule(index))
        }
        guard let next = defaultState else { throw Causes.noChoiceMatched }
        var completion = try runJSONataPlain(
            choice.value.io, assign: choice.value.common.assign, input: input, path: &path, site: site)
        completion.next = next
        completion.route = .choiceDefault
        return completion
    }

    /// A JSONata rule's `Condition`: a literal boolean or an expression that must give one.
    private func jsonataCondition(
        _ rule: ChoiceRule, scope: JSONataScope, path: inout PathContext, site: EvaluationSite
    ) throws(StatesError) -> Bool {
        switch rule.kind {
        case .condition(.literal(let flag)): return flag
        case .condition(.expression(let expression)):
            let value = try evaluate(expression, field: "Condition", scope: scope, path: &path, site: site)
            guard case .bool(let flag) = value else {
                throw unexpectedType(
                    expression, field: "Condition", expected: "boolean", value: value, path: &path, site: site)
            }
            return flag
        default:
            do {
                return try ChoiceEvaluator.matches(
                    rule, input: scope.input, context: path.context.json,
                    variables: { [variables = path.variables] in variables[$0] })
            } catch {
                throw Causes.decorated(error, site: site)
            }
        }
    }
}
