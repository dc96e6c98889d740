import JSONCore
import StatesLanguage

/// Retry/Catch and timeout rules: E204, E206, W201, W205–W207, W209, W216.
extension RuleCaseTests {
    static let retryCases: [Case] = [
        Case(
            "E204 interval, attempts, backoff out of AWS's schema", rule: "ASL-E204",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "Retry": [
                            [
                                "ErrorEquals": ["X"], "IntervalSeconds": 100_000_000, "MaxAttempts": -1,
                                "BackoffRate": 0.5,
                            ]
                        ]
                    ])),
            expect: [
                "/States/A/Retry/0/IntervalSeconds", "/States/A/Retry/0/MaxAttempts", "/States/A/Retry/0/BackoffRate",
            ]),
        Case(
            "E204 the spec's bounds that AWS's schema allows are not errors", rule: "ASL-E204",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "Retry": [
                            [
                                "ErrorEquals": ["X"], "IntervalSeconds": 0, "MaxAttempts": 100_000_000,
                                "MaxDelaySeconds": 0,
                            ]
                        ]
                    ])),
            expect: []),
        Case(
            "W209 the spec's retrier bounds", rule: "ASL-W209",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "Retry": [
                            [
                                "ErrorEquals": ["X"], "IntervalSeconds": 0, "MaxAttempts": 100_000_000,
                                "MaxDelaySeconds": 0,
                            ]
                        ]
                    ])),
            expect: [
                "/States/A/Retry/0/MaxDelaySeconds", "/States/A/Retry/0/IntervalSeconds",
                "/States/A/Retry/0/MaxAttempts",
            ]),
        Case(
            "E204 integer BackoffRate and zero attempts are fine", rule: "ASL-E204",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["X"], "IntervalSeconds": 1, "MaxAttempts": 0, "BackoffRate": 1]]])),
            expect: []),
        Case(
            "W216 States.ALL not alone and not last", rule: "ASL-W216",
            machine([
                "A": task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "Retry": [["ErrorEquals": ["States.ALL", "X"]], ["ErrorEquals": ["Y"]]],
                        "Catch": [["ErrorEquals": ["States.ALL"], "Next": "B"], ["ErrorEquals": ["Z"], "Next": "B"]],
                        "Next": "B",
                    ]),
                "B": ["Type": "Succeed"],
            ]),
            expect: ["/States/A/Retry/0/ErrorEquals", "/States/A/Retry/0", "/States/A/Catch/0"]),
        Case(
            "W216 States.ALL alone in the last entry", rule: "ASL-W216",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["Lambda.ServiceException"]], ["ErrorEquals": ["States.ALL"]]]])),
            expect: []),
        Case(
            "E206 timeouts outside AWS's schema", rule: "ASL-E206",
            machine(
                [
                    "A": task(
                        "arn:aws:states:::lambda:invoke",
                        ["TimeoutSeconds": 100_000_000, "HeartbeatSeconds": -1, "Next": "B"]),
                    "B": task("arn:aws:states:::lambda:invoke", ["TimeoutSeconds": 60, "HeartbeatSeconds": 60]),
                ], extra: ["TimeoutSeconds": -5]),
            expect: ["/TimeoutSeconds", "/States/A/TimeoutSeconds", "/States/A/HeartbeatSeconds"]),
        Case(
            "W209 heartbeat not below timeout, timeout zero", rule: "ASL-W209",
            machine(
                [
                    "A": task(
                        "arn:aws:states:::lambda:invoke", ["TimeoutSeconds": 60, "HeartbeatSeconds": 60, "Next": "B"]),
                    "B": task("arn:aws:states:::lambda:invoke", ["TimeoutSeconds": 0]),
                ]),
            expect: ["/States/A/HeartbeatSeconds", "/States/B/TimeoutSeconds"]),
        Case(
            "E206 heartbeat below timeout", rule: "ASL-E206",
            single(
                task("arn:aws:states:::lambda:invoke", ["TimeoutSeconds": 300, "HeartbeatSeconds": 60]),
                extra: ["TimeoutSeconds": 3600]),
            expect: []),
        Case(
            "W201 catch-all retried beyond an execution's year", rule: "ASL-W201",
            machine([
                // 99999999 one-second retries: about 3.2 years.
                "A": task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "Retry": [["ErrorEquals": ["States.ALL"], "MaxAttempts": 99_999_999, "BackoffRate": 1]],
                        "Next": "B",
                    ]),
                // Capped at a day, 400 attempts: 400 days.
                "B": task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 400, "MaxDelaySeconds": 86_400]]]),
            ]),
            expect: ["/States/A/Retry/0/MaxAttempts", "/States/B/Retry/0/MaxAttempts"]),
        Case(
            "W201 deliberate polling loops", rule: "ASL-W201",
            machine([
                // Poll every 30 s, 1000 times (8 hours): bounded, deliberate.
                "A": task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "Retry": [
                            [
                                "ErrorEquals": ["States.ALL"], "MaxAttempts": 1000, "IntervalSeconds": 30,
                                "BackoffRate": 1,
                            ]
                        ],
                        "Next": "B",
                    ]),
                "B": task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["States.ALL"], "MaxAttempts": 20, "MaxDelaySeconds": 10]]]),
            ]),
            expect: []),
        Case(
            "W201 exponential backoff past an hour", rule: "ASL-W201",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["Throttled"], "MaxAttempts": 10, "IntervalSeconds": 10]]])),
            expect: ["/States/A/Retry/0"]),
        Case(
            "W201 a BackoffRate so large the wait overflows an integer (no trap)", rule: "ASL-W201",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["Throttled"], "MaxAttempts": 3, "BackoffRate": 1e10]]])),
            expect: ["/States/A/Retry/0"]),
        Case(
            "W201 bounded backoff", rule: "ASL-W201",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "Retry": [
                            [
                                "ErrorEquals": ["Throttled"], "MaxAttempts": 10, "IntervalSeconds": 10,
                                "MaxDelaySeconds": 60,
                            ],
                            ["ErrorEquals": ["States.ALL"], "MaxAttempts": 3],
                        ]
                    ])),
            expect: []),
        Case(
            "W205 misspelt States.Timeout", rule: "ASL-W205",
            single(task("arn:aws:states:::lambda:invoke", ["Retry": [["ErrorEquals": ["Custom", "States.Timout"]]]])),
            expect: ["/States/A/Retry/0/ErrorEquals/1"]),
        Case(
            "W205 predefined and HTTP names", rule: "ASL-W205",
            single(
                task(
                    "arn:aws:states:::http:invoke",
                    [
                        "Parameters": [
                            "ApiEndpoint": "https://example.com", "Method": "GET",
                            "Authentication": ["ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/x/y"],
                        ],
                        "Retry": [
                            ["ErrorEquals": ["States.Timeout", "States.Http.StatusCode.429", "States.TaskFailed"]]
                        ],
                    ])),
            expect: []),
        Case(
            "W206 retrier shadowed by an earlier one", rule: "ASL-W206",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["A", "B"]], ["ErrorEquals": ["B"]], ["ErrorEquals": ["States.ALL"]]]])),
            expect: ["/States/A/Retry/1"]),
        Case(
            "W206 disjoint retriers", rule: "ASL-W206",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["A"]], ["ErrorEquals": ["B", "A"]], ["ErrorEquals": ["States.ALL"]]]])),
            expect: []),
        Case(
            "W207 retrying States.Runtime", rule: "ASL-W207",
            single(task("arn:aws:states:::lambda:invoke", ["Retry": [["ErrorEquals": ["States.Runtime"]]]])),
            expect: ["/States/A/Retry/0/ErrorEquals/0"]),
        Case(
            "W207 catching States.Runtime is not flagged", rule: "ASL-W207",
            machine([
                "A": task(
                    "arn:aws:states:::lambda:invoke",
                    ["Next": "B", "Catch": [["ErrorEquals": ["States.Runtime"], "Next": "B"]]]),
                "B": ["Type": "Succeed"],
            ]), expect: []),
        Case(
            "W209 MaxDelaySeconds above a year, TimeoutSeconds 0", rule: "ASL-W209",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    ["Retry": [["ErrorEquals": ["X"], "MaxDelaySeconds": 40_000_000]]]),
                extra: ["TimeoutSeconds": 0]),
            expect: ["/TimeoutSeconds", "/States/A/Retry/0/MaxDelaySeconds"]),
        Case(
            "W209 name of 80 characters that are 160 UTF-16 units", rule: "ASL-W209",
            machine([emojiName: ["Type": "Pass", "End": true]], startAt: emojiName), expect: ["/States/" + emojiName]),
        Case(
            "W209 a day of MaxDelaySeconds", rule: "ASL-W209",
            single(
                task("arn:aws:states:::lambda:invoke", ["Retry": [["ErrorEquals": ["X"], "MaxDelaySeconds": 86400]]])),
            expect: []),
    ]

    static let emojiName = String(repeating: "\u{1F600}", count: 80)
}
