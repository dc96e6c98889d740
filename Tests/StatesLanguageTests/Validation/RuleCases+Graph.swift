import JSONCore
import StatesLanguage

/// Graph and naming rules: E200–E203, W208.
extension RuleCaseTests {
    static let longName = String(repeating: "n", count: 81)
    static let okName = "Say hello " + String(repeating: "x", count: 70)

    static let graphCases: [Case] = [
        Case(
            "E200 state no transition reaches", rule: "ASL-E200",
            machine(["A": ["Type": "Pass", "End": true], "B": ["Type": "Pass", "End": true]]),
            expect: ["/States/B"]),
        Case(
            "E200 reachable through Catch and Choice Default", rule: "ASL-E200",
            machine([
                "A": [
                    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C",
                    "Catch": [["ErrorEquals": ["States.ALL"], "Next": "B"]],
                ],
                "B": ["Type": "Fail"],
                "C": [
                    "Type": "Choice", "Choices": [["Variable": "$.x", "IsPresent": true, "Next": "D"]],
                    "Default": "E",
                ],
                "D": ["Type": "Succeed"], "E": ["Type": "Succeed"],
            ]), expect: []),
        Case(
            "E200 inside a Parallel branch", rule: "ASL-E200",
            machine([
                "A": [
                    "Type": "Parallel", "End": true,
                    "Branches": [
                        [
                            "StartAt": "B1",
                            "States": ["B1": ["Type": "Pass", "End": true], "B2": ["Type": "Pass", "End": true]],
                        ]
                    ],
                ]
            ]), expect: ["/States/A/Branches/0/States/B2"]),
        Case(
            "E201 scope without terminal state", rule: "ASL-E201",
            machine(["A": ["Type": "Pass", "Next": "B"], "B": ["Type": "Wait", "Seconds": 1, "Next": "A"]]),
            expect: ["/States"]),
        Case(
            "E201 a Fail state is terminal", rule: "ASL-E201",
            machine(["A": ["Type": "Pass", "Next": "B"], "B": ["Type": "Fail", "Error": "X"]]), expect: []),
        Case(
            "W208 loop that never reaches the end", rule: "ASL-W208",
            machine([
                "A": [
                    "Type": "Choice", "Choices": [["Variable": "$.done", "BooleanEquals": true, "Next": "Done"]],
                    "Default": "Loop",
                ],
                "Loop": ["Type": "Wait", "Seconds": 1, "Next": "Again"],
                "Again": ["Type": "Pass", "Next": "Loop"],
                "Done": ["Type": "Succeed"],
            ]), expect: ["/States/Loop"]),
        Case(
            "W208 polling loop with an exit", rule: "ASL-W208",
            machine([
                "A": ["Type": "Wait", "Seconds": 1, "Next": "Check"],
                "Check": [
                    "Type": "Choice", "Choices": [["Variable": "$.done", "BooleanEquals": true, "Next": "Done"]],
                    "Default": "A",
                ],
                "Done": ["Type": "Succeed"],
            ]), expect: []),
        Case(
            "E202 state name over 80 characters", rule: "ASL-E202",
            machine([longName: ["Type": "Pass", "End": true]], startAt: longName), expect: ["/States/" + longName]),
        Case(
            "E202 80 characters and spaces are fine", rule: "ASL-E202",
            machine([okName: ["Type": "Pass", "End": true]], startAt: okName), expect: []),
        Case(
            "E203 name reused inside a Map processor", rule: "ASL-E203",
            machine([
                "A": [
                    "Type": "Map", "End": true,
                    "ItemProcessor": ["StartAt": "A", "States": ["A": ["Type": "Pass", "End": true]]],
                ]
            ]), expect: ["/States/A/ItemProcessor/States/A"]),
        Case(
            "E203 distinct names across branches", rule: "ASL-E203",
            machine([
                "A": [
                    "Type": "Parallel", "End": true,
                    "Branches": [
                        ["StartAt": "B", "States": ["B": ["Type": "Pass", "End": true]]],
                        ["StartAt": "C", "States": ["C": ["Type": "Pass", "End": true]]],
                    ],
                ]
            ]), expect: []),
    ]
}
