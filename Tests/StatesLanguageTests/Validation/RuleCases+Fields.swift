import JSONCore
import StatesLanguage

/// Field value rules: E207–E210, E214, E217, W200, W203, W204, W210–W212.
extension RuleCaseTests {
    static let processor: JSON = ["StartAt": "P", "States": ["P": ["Type": "Pass", "End": true]]]
    static let distributedProcessor: JSON = [
        "ProcessorConfig": ["Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"], "StartAt": "P",
        "States": ["P": ["Type": "Pass", "End": true]],
    ]

    static let fieldCases: [Case] = [
        Case(
            "E207 Map numbers out of range", rule: "ASL-E207",
            single([
                "Type": "Map", "End": true, "ItemProcessor": distributedProcessor, "MaxConcurrency": -1,
                "ToleratedFailurePercentage": 101, "ToleratedFailureCount": -2,
                "ItemBatcher": ["MaxItemsPerBatch": 0, "MaxInputBytesPerBatch": 300_000],
                "ItemReader": [
                    "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": ["InputType": "JSON", "MaxItems": -1],
                ],
            ]),
            expect: [
                "/States/A/MaxConcurrency", "/States/A/ToleratedFailurePercentage", "/States/A/ToleratedFailureCount",
                "/States/A/ItemBatcher/MaxItemsPerBatch", "/States/A/ItemBatcher/MaxInputBytesPerBatch",
                "/States/A/ItemReader/ReaderConfig/MaxItems",
            ]),
        Case(
            "E207 DISTRIBUTED without ExecutionType", rule: "ASL-E207",
            single([
                "Type": "Map", "End": true,
                "ItemProcessor": [
                    "ProcessorConfig": ["Mode": "DISTRIBUTED"], "StartAt": "P",
                    "States": ["P": ["Type": "Pass", "End": true]],
                ],
            ]), expect: ["/States/A/ItemProcessor/ProcessorConfig"]),
        Case(
            "E207 Map numbers in range", rule: "ASL-E207",
            single([
                "Type": "Map", "End": true, "ItemProcessor": distributedProcessor, "MaxConcurrency": 0,
                "ToleratedFailurePercentage": 2.5, "ToleratedFailureCount": 0,
                "ItemBatcher": ["MaxItemsPerBatch": 10, "MaxInputBytesPerBatch": 262_144],
                // 0 means no limit; AWS accepts 0…100,000,000.
                "ItemReader": [
                    "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": ["InputType": "JSON", "MaxItems": 0],
                    "Parameters": ["Bucket": "b", "Key": "k"],
                ],
            ]), expect: []),
        Case(
            "W215 ItemBatcher empty or with only BatchInput", rule: "ASL-W215",
            machine([
                "A": [
                    "Type": "Map", "Next": "B", "ItemProcessor": distributedProcessor,
                    "ItemBatcher": ["BatchInput": ["run": 1]],
                ],
                "B": ["Type": "Map", "End": true, "ItemProcessor": distributedProcessor, "ItemBatcher": [:]],
            ]), expect: ["/States/A/ItemBatcher", "/States/B/ItemBatcher"]),
        Case(
            "W215 ItemBatcher with a limit or its path", rule: "ASL-W215",
            machine([
                "A": [
                    "Type": "Map", "Next": "B", "ItemProcessor": distributedProcessor,
                    "ItemBatcher": ["MaxItemsPerBatchPath": "$.n", "BatchInput": ["run": 1]],
                ],
                "B": [
                    "Type": "Map", "End": true, "ItemProcessor": distributedProcessor,
                    "ItemBatcher": ["MaxInputBytesPerBatch": 1024],
                ],
            ]), expect: []),
        Case(
            "E208 ResultPath into the context, a variable, a wildcard", rule: "ASL-E208",
            machine([
                "A": ["Type": "Pass", "ResultPath": "$$.Execution.Id", "Next": "B"],
                "B": ["Type": "Pass", "ResultPath": "$result", "Next": "C"],
                "C": task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "ResultPath": "$.items[*]",
                        "Catch": [["ErrorEquals": ["States.ALL"], "Next": "D", "ResultPath": "$$.x"]],
                    ]),
                "D": ["Type": "Succeed"],
            ]),
            expect: [
                "/States/A/ResultPath", "/States/B/ResultPath", "/States/C/ResultPath", "/States/C/Catch/0/ResultPath",
            ]),
        Case(
            "E208 ResultPath $, $.a[0].b and null", rule: "ASL-E208",
            machine([
                "A": ["Type": "Pass", "ResultPath": "$", "Next": "B"],
                "B": ["Type": "Pass", "ResultPath": "$.a[0].b", "Next": "C"],
                "C": ["Type": "Pass", "ResultPath": nil, "End": true],
            ]), expect: []),
        Case(
            "E209 non-reference ItemsPath, Variable and SecondsPath", rule: "ASL-E209",
            machine([
                "A": ["Type": "Map", "ItemsPath": "$..items", "ItemProcessor": processor, "Next": "B"],
                "B": [
                    "Type": "Choice", "Choices": [["Variable": "$.list[*]", "IsPresent": true, "Next": "C"]],
                    "Default": "C",
                ],
                "C": ["Type": "Wait", "SecondsPath": "$.waits[0:2]", "End": true],
            ]), expect: ["/States/A/ItemsPath", "/States/B/Choices/0/Variable", "/States/C/SecondsPath"]),
        Case(
            "E209 context and variable reference paths are fine", rule: "ASL-E209",
            machine([
                "A": ["Type": "Pass", "Assign": ["limit": 3], "Next": "B"],
                "B": [
                    "Type": "Choice",
                    "Choices": [
                        ["Variable": "$$.Execution.Input.flag", "NumericLessThanPath": "$limit", "Next": "C"]
                    ], "Default": "C",
                ],
                "C": ["Type": "Map", "ItemsPath": "$.items['all'][0]", "ItemProcessor": processor, "End": true],
            ]), expect: []),
        Case(
            "E210 Assign sets the reserved states variable", rule: "ASL-E210",
            single(["Type": "Pass", "Assign": ["states.$": "$.x", "ok": 1], "End": true]),
            expect: ["/States/A/Assign/states.$"]),
        Case(
            "E210 ordinary variable names", rule: "ASL-E210",
            single(["Type": "Pass", "Assign": ["statesCount": 1, "_tmp": 2], "End": true]), expect: []),
        Case(
            "W211 Assign names with $ and a dash", rule: "ASL-W211",
            single(["Type": "Pass", "Assign": ["$total": 1, "my-var": 2], "End": true]),
            expect: ["/States/A/Assign/$total", "/States/A/Assign/my-var"]),
        Case(
            "W211 identifiers, Unicode letters included", rule: "ASL-W211",
            single(["Type": "Pass", "Assign": ["total2": 1, "größe": 2], "End": true]), expect: []),
        Case(
            "W212 reads a variable nobody assigns", rule: "ASL-W212",
            machine([
                "A": ["Type": "Pass", "Assign": ["count": 1], "Next": "B"],
                "B": ["Type": "Pass", "Parameters": ["n.$": "$cuont"], "End": true],
            ]), expect: ["/States/B"]),
        Case(
            "W212 reads an assigned variable", rule: "ASL-W212",
            machine([
                "A": ["Type": "Pass", "Assign": ["count.$": "$.n"], "Next": "B"],
                "B": ["Type": "Pass", "Parameters": ["n.$": "States.MathAdd($count, 1)"], "End": true],
            ]), expect: []),
        Case(
            "E214 negative Seconds and lowercase timestamp", rule: "ASL-E214",
            machine([
                "A": ["Type": "Wait", "Seconds": -1, "Next": "B"],
                "B": ["Type": "Wait", "Timestamp": "2016-08-18 17:33:00Z", "Next": "C"],
                "C": ["Type": "Wait", "Timestamp": "2016-13-18T17:33:00Z", "Next": "D"],
                // Wrong only in case: W209, not an error.
                "D": ["Type": "Wait", "Timestamp": "2016-08-18t17:33:00z", "End": true],
            ]), expect: ["/States/A/Seconds", "/States/B/Timestamp", "/States/C/Timestamp"]),
        Case(
            "W209 a Timestamp with lowercase t and z", rule: "ASL-W209",
            single(["Type": "Wait", "Timestamp": "2016-08-18t17:33:00z", "End": true]),
            expect: ["/States/A/Timestamp"]),
        Case(
            "E214 valid Seconds and timestamps", rule: "ASL-E214",
            machine([
                "A": ["Type": "Wait", "Seconds": 0, "Next": "B"],
                "B": ["Type": "Wait", "Timestamp": "2016-08-18T17:33:00Z", "Next": "C"],
                "C": ["Type": "Wait", "Timestamp": "2016-08-18T17:33:00.123+05:30", "End": true],
            ]), expect: []),
        Case(
            "W210 ItemReader on an inline Map", rule: "ASL-W210",
            single([
                "Type": "Map", "End": true, "ItemProcessor": processor,
                "ItemReader": [
                    "Resource": "arn:aws:states:::s3:getObject", "Parameters": ["Bucket": "b", "Key": "k"],
                ],
            ]), expect: ["/States/A/ItemReader"]),
        Case(
            "W210 ItemReader on a distributed Map", rule: "ASL-W210",
            single([
                "Type": "Map", "End": true, "ItemProcessor": distributedProcessor, "Label": "Batch",
                "ItemReader": [
                    "Resource": "arn:aws:states:::s3:getObject", "Parameters": ["Bucket": "b", "Key": "k"],
                ],
            ]), expect: []),
        Case(
            "E217 Distributed Map labels AWS refuses", rule: "ASL-E217",
            machine([
                "A": ["Type": "Map", "Next": "B", "ItemProcessor": distributedProcessor, "Label": ""],
                "B": [
                    "Type": "Map", "Next": "C", "ItemProcessor": distributedProcessor,
                    "Label": "12345678901234567890123456789012345678901",
                ],
                "C": ["Type": "Map", "Next": "D", "ItemProcessor": distributedProcessor, "Label": "label_ "],
                "D": ["Type": "Map", "Next": "E", "ItemProcessor": distributedProcessor, "Label": "a\u{85}b"],
                "E": ["Type": "Map", "End": true, "ItemProcessor": distributedProcessor, "Label": "x`y"],
            ]),
            expect: ["/States/A/Label", "/States/B/Label", "/States/C/Label", "/States/D/Label", "/States/E/Label"]),
        Case(
            "E217 labels AWS accepts, and inline Maps (W209's)", rule: "ASL-E217",
            machine([
                "A": [
                    "Type": "Map", "Next": "B", "ItemProcessor": distributedProcessor,
                    "Label": "1234567890123456789012345678901234567890",
                ],
                "B": ["Type": "Map", "Next": "C", "ItemProcessor": distributedProcessor, "Label": "batch-1_v2.é"],
                "C": ["Type": "Map", "Next": "D", "ItemProcessor": distributedProcessor, "Label": "a/b"],
                "D": ["Type": "Map", "End": true, "ItemProcessor": processor, "Label": "has space"],
            ]), expect: []),
        Case(
            "W209 labels E217 leaves: an inline Map's, a slash", rule: "ASL-W209",
            machine([
                "A": ["Type": "Map", "Next": "B", "ItemProcessor": distributedProcessor, "Label": "label_ "],
                "B": ["Type": "Map", "Next": "C", "ItemProcessor": distributedProcessor, "Label": "a/b"],
                "C": ["Type": "Map", "End": true, "ItemProcessor": processor, "Label": "has space"],
            ]), expect: ["/States/B/Label", "/States/C/Label"]),
        Case(
            "W200 Choice without Default", rule: "ASL-W200",
            machine([
                "A": ["Type": "Choice", "Choices": [["Variable": "$.x", "IsPresent": true, "Next": "B"]]],
                "B": ["Type": "Succeed"],
            ]), expect: ["/States/A"]),
        Case(
            "W200 Choice with Default", rule: "ASL-W200",
            machine([
                "A": [
                    "Type": "Choice", "Choices": [["Variable": "$.x", "IsPresent": true, "Next": "B"]], "Default": "B",
                ],
                "B": ["Type": "Succeed"],
            ]), expect: []),
        Case(
            "W203 path-looking values under keys without .$", rule: "ASL-W203",
            single(
                task(
                    "arn:aws:states:::lambda:invoke",
                    [
                        "Parameters": [
                            "FunctionName": "f", "Payload": ["id": "$.id", "when.$": "$$.Execution.StartTime"],
                            "Msg": "States.Format('{}', $.x)",
                        ]
                    ])),
            expect: ["/States/A/Parameters/Msg", "/States/A/Parameters/Payload/id"]),
        Case(
            "W203 dollar amounts and JSONata are fine", rule: "ASL-W203",
            machine([
                "A": ["Type": "Pass", "Parameters": ["price": "$5", "id.$": "$.id"], "Next": "B"],
                "B": [
                    "Type": "Pass", "QueryLanguage": "JSONata", "Output": ["x": "$.not-a-path-in-jsonata"],
                    "End": true,
                ],
            ]), expect: []),
        Case(
            "W204 Pass Result with a .$ key", rule: "ASL-W204",
            single(["Type": "Pass", "Result": ["id.$": "$.id", "n": 1], "End": true]),
            expect: ["/States/A/Result/id.$"]),
        Case(
            "W204 static Result", rule: "ASL-W204",
            single(["Type": "Pass", "Result": ["price": "$5", "n": 1], "End": true]), expect: []),
    ]
}
