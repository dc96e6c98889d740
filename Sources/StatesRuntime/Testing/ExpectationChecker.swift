public import JSONCore

/// Compares an execution with a case's expectations. Reads only the result and its history
/// (StateEntered/StateExited events carry each state's input, output and assigned variables).
public enum ExpectationChecker {
    /// Every unmet expectation, in the order the fields are documented (status first).
    public static func check(_ result: ExecutionResult, against expectation: TestExpectation) -> [TestFailure] {
        var failures: [TestFailure] = []
        let status = expectation.expectedStatus
        if result.status != status {
            var message = "status is \(result.status.rawValue), expected \(status.rawValue)"
            if let error = result.error {
                message += " (error \(error)" + (result.cause.map { ": \(Self.shortened($0))" } ?? "") + ")"
            }
            failures.append(TestFailure(message))
        }
        if let output = expectation.output {
            if let actual = result.output {
                if let failure = compare(output, actual, what: "output") { failures.append(failure) }
            } else {
                failures.append(
                    TestFailure("no output (the execution did not succeed)", path: "$", expected: output.value))
            }
        }
        if let error = expectation.error, result.error != error {
            failures.append(
                TestFailure(
                    "error differs", path: nil, expected: .string(error), actual: result.error.map(JSON.string)))
        }
        if let cause = expectation.cause, result.cause != cause {
            failures.append(
                TestFailure(
                    "cause differs", path: nil, expected: .string(cause), actual: result.cause.map(JSON.string)))
        }
        let entered = enteredStates(result.history)
        if let states = expectation.states, states != entered {
            let index =
                zip(states, entered).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(states.count, entered.count)
            failures.append(
                TestFailure(
                    "states entered differ at position \(index)", path: "$[\(index)]",
                    expected: index < states.count ? .string(states[index]) : nil,
                    actual: index < entered.count ? .string(entered[index]) : nil))
        }
        if let include = expectation.statesInclude {
            var position = 0
            for name in entered where position < include.count && include[position] == name { position += 1 }
            if position < include.count {
                failures.append(
                    TestFailure(
                        "state \"\(include[position])\" was not entered "
                            + (position == 0 ? "" : "after \"\(include[position - 1])\" ")
                            + "(states entered: \(entered.joined(separator: ", ")))",
                        expected: .string(include[position])))
            }
        }
        if let limit = expectation.maxTransitions, entered.count > limit {
            failures.append(TestFailure("\(entered.count) states entered, more than maxTransitions \(limit)"))
        }
        for assertion in expectation.stateAssertions {
            failures += check(assertion, history: result.history)
        }
        return failures
    }

    /// The names of the states entered, in event order.
    public static func enteredStates(_ history: [HistoryEvent]) -> [String] {
        history.compactMap { event in
            if case .stateEntered(let details) = event.details { return details.name }
            return nil
        }
    }

    private static func check(_ assertion: StateAssertion, history: [HistoryEvent]) -> [TestFailure] {
        let name = assertion.stateName
        let label = assertion.entry == 0 ? "state \"\(name)\"" : "state \"\(name)\" (entry \(assertion.entry))"
        let entries = history.compactMap { event -> HistoryEvent.StateEntered? in
            if case .stateEntered(let details) = event.details, details.name == name { return details }
            return nil
        }
        guard assertion.entry < entries.count else {
            let times = entries.count == 1 ? "once" : "\(entries.count) times"
            return [TestFailure("\(label) was not entered" + (entries.isEmpty ? "" : " (entered \(times))"))]
        }
        var failures: [TestFailure] = []
        if let input = assertion.input,
            let failure = compare(input, entries[assertion.entry].input, what: "\(label) input")
        {
            failures.append(failure)
        }
        guard assertion.output != nil || assertion.variables != nil else { return failures }
        let exits = history.compactMap { event -> HistoryEvent.StateExited? in
            if case .stateExited(let details) = event.details, details.name == name { return details }
            return nil
        }
        guard assertion.entry < exits.count else {
            failures.append(TestFailure("\(label) did not exit (it failed, or the execution stopped in it)"))
            return failures
        }
        let exit = exits[assertion.entry]
        if let output = assertion.output, let failure = compare(output, exit.output, what: "\(label) output") {
            failures.append(failure)
        }
        if let variables = assertion.variables {
            let actual = JSON.object(exit.assignedVariables ?? JSONObject())
            if let failure = compare(variables, actual, what: "\(label) variables") { failures.append(failure) }
        }
        return failures
    }

    private static func compare(_ match: ValueMatch, _ actual: JSON, what: String) -> TestFailure? {
        let subset: Bool
        switch match {
        case .exact: subset = false
        case .contains: subset = true
        }
        guard let difference = JSONDifference.first(expected: match.value, actual: actual, subset: subset) else {
            return nil
        }
        return TestFailure(
            "\(what) \(what.hasSuffix("variables") ? "differ" : "differs") at \(difference.path)",
            path: difference.path, expected: difference.expected,
            actual: difference.actual)
    }

    private static func shortened(_ text: String) -> String {
        text.count <= 600 ? text : String(text.prefix(600)) + "…"
    }
}

extension ValueMatch {
    /// The expected value, whichever the comparison.
    public var value: JSON {
        switch self {
        case .exact(let value), .contains(let value): value
        }
    }
}
