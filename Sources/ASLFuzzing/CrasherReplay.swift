/// The verdict on one replay of a kept crasher.
public enum CrasherReplay {
    /// What is wrong with `result` (empty when the crasher stays fixed): a signal, a status other
    /// than 0, 1 or 2, a hang, or a difference from the fixture's `expected.json`.
    public static func problems(_ crasher: SavedCrasher, _ result: CaseResult) -> [String] {
        var problems: [String] = []
        if result.outcome.isCrash {
            problems.append(
                "asl \(crasher.fuzzCase.command) \(result.outcome) (\(result.signature)); standard error:\n"
                    + result.standardError.prefix(4_000))
        }
        if let expectation = crasher.expectation {
            problems += expectation.mismatches(result)
        }
        return problems
    }
}
