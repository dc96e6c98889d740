/// State machine definitions the JSON tests read, mutate and round-trip, so they work without `Examples/`.
enum SampleDefinitions {
    static let helloWorld = #"""
        {
          "Comment": "A Hello World example of the Amazon States Language using Pass states",
          "StartAt": "Hello",
          "States": {
            "Hello": { "Type": "Pass", "Result": "Hello", "Next": "World" },
            "World": { "Type": "Pass", "Result": "World", "End": true }
          }
        }
        """#

    static let retryAndCatch = #"""
        {
          "StartAt": "Load",
          "States": {
            "Load": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Load",
              "Parameters": { "bucket.$": "$.bucket", "limit": 100, "ratio": 0.25, "tags": ["a", "b"] },
              "ResultPath": "$.loaded",
              "Retry": [
                { "ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0 }
              ],
              "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Failed", "ResultPath": "$.error" } ],
              "Next": "Decide"
            },
            "Decide": {
              "Type": "Choice",
              "Choices": [
                { "Variable": "$.loaded.count", "NumericGreaterThan": 1e3, "Next": "Big" },
                { "And": [ { "Variable": "$.flag", "BooleanEquals": true }, { "Not": { "Variable": "$.x", "IsNull": true } } ],
                  "Next": "Big" }
              ],
              "Default": "Small"
            },
            "Big": { "Type": "Wait", "Seconds": 10, "Next": "Small" },
            "Small": { "Type": "Succeed" },
            "Failed": { "Type": "Fail", "Error": "Load.Failed", "Cause": "caf\u00e9 \"quoted\" \/ \ud83d\ude80" }
          }
        }
        """#

    static let mapAndParallel = #"""
        {
          "QueryLanguage": "JSONata",
          "StartAt": "Fan",
          "States": {
            "Fan": {
              "Type": "Parallel",
              "Branches": [
                { "StartAt": "M", "States": { "M": { "Type": "Map", "Items": "{% $states.input.items %}",
                  "MaxConcurrency": 0, "ItemProcessor": { "ProcessorConfig": { "Mode": "INLINE" }, "StartAt": "P",
                  "States": { "P": { "Type": "Pass", "Output": { "v": "{% $states.input * 2 %}" }, "End": true } } },
                  "End": true } } },
                { "StartAt": "N", "States": { "N": { "Type": "Pass", "Output": [1, -0, 12345678901234567890, null, false], "End": true } } }
              ],
              "End": true
            }
          }
        }
        """#

    static let all = [helloWorld, retryAndCatch, mapAndParallel]
}
