import JSONCore

/// Hand-written definitions that cover what the example files may not: every state type,
/// reference paths and filters, every intrinsic, Wait's four forms followed by a read of
/// `$$.State.EnteredTime`, Map and Parallel with Retry and Catch, variables and JSONata. Each reads
/// ``SeedCorpus/standardInput``.
public enum GeneratedSeeds {
    public static var all: [Seed] {
        texts.compactMap { name, text in
            guard let value = try? JSONReader.read(text).value else { return nil }
            return Seed(name: "generated/" + name, definition: value, input: SeedCorpus.standardInput)
        }
    }

    /// Each seed's name and text (a test checks that every one reads).
    public static let texts: [(String, String)] = [
        ("wait-forms", waitForms),
        ("intrinsics", intrinsics),
        ("paths-and-filters", pathsAndFilters),
        ("choice", choice),
        ("map-parallel", mapParallel),
        ("retry-catch", retryCatch),
        ("variables", variables),
        ("jsonata", jsonata),
        ("task-validate-only", taskValidateOnly),
    ]

    static let waitForms = #"""
        {"Comment": "Wait in its four forms, then a read of the times the context object gives",
         "StartAt": "Seconds",
         "States": {
          "Seconds": {"Type": "Wait", "Seconds": 1, "Next": "SecondsPath"},
          "SecondsPath": {"Type": "Wait", "SecondsPath": "$.secs", "Next": "Timestamp"},
          "Timestamp": {"Type": "Wait", "Timestamp": "2026-01-01T00:00:00Z", "Next": "TimestampPath"},
          "TimestampPath": {"Type": "Wait", "TimestampPath": "$.ts", "Next": "Times"},
          "Times": {"Type": "Pass", "Parameters": {"entered.$": "$$.State.EnteredTime",
            "started.$": "$$.Execution.StartTime", "name.$": "$$.State.Name", "input.$": "$"}, "End": true}
         }}
        """#

    static let intrinsics = #"""
        {"StartAt": "Build",
         "States": {
          "Build": {"Type": "Pass", "Parameters": {
            "format.$": "States.Format('{} and {}', $.a, $.b)",
            "parsed.$": "States.StringToJson($.json)",
            "text.$": "States.JsonToString($.nested)",
            "array.$": "States.Array($.a, $.b, $.n)",
            "partition.$": "States.ArrayPartition($.list, 2)",
            "contains.$": "States.ArrayContains($.list, $.a)",
            "range.$": "States.ArrayRange(1, $.n, 1)",
            "item.$": "States.ArrayGetItem($.list, 1)",
            "length.$": "States.ArrayLength($.list)",
            "unique.$": "States.ArrayUnique($.list)",
            "encoded.$": "States.Base64Encode($.b)",
            "decoded.$": "States.Base64Decode('dGV4dA==')",
            "hash.$": "States.Hash($.b, 'SHA-256')",
            "merged.$": "States.JsonMerge($.nested, $.nested, false)",
            "random.$": "States.MathRandom(1, $.n)",
            "sum.$": "States.MathAdd($.a, $.n)",
            "split.$": "States.StringSplit($.s, ',')",
            "uuid.$": "States.UUID()"},
           "ResultPath": "$.out", "Next": "Done"},
          "Done": {"Type": "Succeed"}
         }}
        """#

    static let pathsAndFilters = #"""
        {"StartAt": "Filter",
         "States": {
          "Filter": {"Type": "Pass", "Parameters": {
            "big.$": "$.items[?(@.n > 1)]",
            "names.$": "$..x",
            "tail.$": "$.items[-1:]",
            "slice.$": "$.list[0:2]",
            "count.$": "$.items.length()",
            "deep.$": "$.nested.deep.v",
            "wild.$": "$.items[*].n"},
           "InputPath": "$", "ResultPath": "$.filtered", "OutputPath": "$.filtered", "Next": "Select"},
          "Select": {"Type": "Pass", "InputPath": "$.big", "ResultPath": "$", "End": true}
         }}
        """#

    static let choice = #"""
        {"StartAt": "Choose",
         "States": {
          "Choose": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericGreaterThan": 2, "Next": "Big"},
            {"Variable": "$.n", "NumericEqualsPath": "$.a", "Next": "Small"},
            {"And": [{"Variable": "$.b", "StringMatches": "t*"}, {"Variable": "$.flag", "BooleanEquals": true}],
             "Next": "Small"},
            {"Or": [{"Variable": "$.ts", "TimestampLessThan": "2030-01-01T00:00:00Z"},
                    {"Not": {"Variable": "$.missing", "IsPresent": true}}], "Next": "Big"},
            {"Variable": "$.list", "IsNull": false, "Next": "Small"}],
           "Default": "Failed"},
          "Big": {"Type": "Succeed"},
          "Small": {"Type": "Pass", "Result": {"size": "small"}, "End": true},
          "Failed": {"Type": "Fail", "ErrorPath": "$.b", "CausePath": "$.s"}
         }}
        """#

    static let mapParallel = #"""
        {"StartAt": "Each",
         "States": {
          "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
           "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
           "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Inner",
             "States": {"Inner": {"Type": "Pass", "End": true}}},
           "ResultSelector": {"all.$": "$"}, "ResultPath": "$.mapped", "Next": "Both"},
          "Both": {"Type": "Parallel", "Branches": [
             {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Result": 1, "End": true}}},
             {"StartAt": "Right", "States": {"Right": {"Type": "Wait", "Seconds": 1, "End": true}}}],
           "ResultPath": "$.both", "End": true}
         }}
        """#

    static let retryCatch = #"""
        {"StartAt": "Try",
         "States": {
          "Try": {"Type": "Parallel", "Branches": [
             {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom", "Cause": "bad"}}}],
           "Retry": [{"ErrorEquals": ["Custom"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 2.0,
                      "MaxDelaySeconds": 5, "JitterStrategy": "FULL"}],
           "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recovered"}],
           "Next": "Recovered"},
          "Recovered": {"Type": "Pass", "End": true}
         }}
        """#

    static let variables = #"""
        {"StartAt": "Set",
         "States": {
          "Set": {"Type": "Pass", "Assign": {"x.$": "$.a", "label": "L", "all.$": "$"}, "Next": "Use"},
          "Use": {"Type": "Pass", "Parameters": {"x.$": "$x", "label.$": "$label", "n.$": "$all.n"},
           "Next": "Loop"},
          "Loop": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "Read",
             "States": {"Read": {"Type": "Pass", "Parameters": {"outer.$": "$x"}, "End": true}}}, "End": true}
         }}
        """#

    static let jsonata = #"""
        {"QueryLanguage": "JSONata", "StartAt": "Compute",
         "States": {
          "Compute": {"Type": "Pass", "Assign": {"total": "{% $sum($states.input.list) %}"},
           "Output": "{% {'total': $total, 'upper': $uppercase($states.input.b), 'n': $states.input.n} %}",
           "Next": "Decide"},
          "Decide": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 2 %}", "Next": "Pause"}],
           "Default": "Pause"},
          "Pause": {"Type": "Wait", "Seconds": "{% $states.input.n %}", "Next": "Each"},
          "Each": {"Type": "Map", "Items": "{% [1, 2, 3] %}",
           "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Pass",
             "Output": "{% $states.input * 2 %}", "End": true}}}, "Next": "End"},
          "End": {"Type": "Succeed", "Output": "{% $states.input %}"}
         }}
        """#

    static let taskValidateOnly = #"""
        {"StartAt": "Call",
         "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
           "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "TimeoutSeconds": 30, "HeartbeatSeconds": 10,
           "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 3}],
           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}], "End": true},
          "Fallback": {"Type": "Pass", "End": true}
         }}
        """#
}
