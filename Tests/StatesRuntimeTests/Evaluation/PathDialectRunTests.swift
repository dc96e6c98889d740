import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

/// Whole executions of the JSONPath dialect cases of SPEC-NOTES §3: each definition must pass
/// the validator without errors and run with Jayway 2.0's (AWS's) result.
@Suite struct PathDialectRunTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let definition: String
        let input: String
        let output: String
        var testDescription: String { name }
    }

    static let succeeding: [Case] = [
        .init(
            name: "unquoted word in Parameters",
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x.$":"$[?(@.lang==es)].text"},"End":true}}}
                """#,
            input: #"[{"lang": "es", "text": "hola"}, {"lang": "en", "text": "hi"}]"#,
            output: #"{"x": ["hola"]}"#),
        .init(
            name: "unquoted word in InputPath",
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$..r[?(@.s==Failure)]","End":true}}}
                """#,
            input: #"{"a": {"r": [{"s": "Failure", "n": 1}, {"s": "Success", "n": 2}]}}"#,
            output: #"[{"s": "Failure", "n": 1}]"#),
        .init(
            name: "unquoted word in an intrinsic argument",
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass",
                 "Parameters":{"v.$":"States.ArrayGetItem($.o[?(@.k == FooBar)].v, 0)"},"End":true}}}
                """#,
            input: #"{"o": [{"k": "foobar", "v": 1}, {"k": "FooBar", "v": 2}]}"#,
            output: #"{"v": 2}"#),
        .init(
            name: "script index in OutputPath",
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","OutputPath":"$[(@.length-1)].bar","End":true}}}
                """#,
            input: #"[{"bar": 1}, {"bar": 2}, {"bar": 3}]"#,
            output: "3"),
        .init(
            name: "wildcard over a missing array",
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"item.$":"$.items[*]","s.$":"$.item.items[1:5].itemValue"},"End":true}}}
                """#,
            input: "{}",
            output: #"{"item": [], "s": []}"#),
        .init(
            name: "bracket key with escaped quotes",
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"value.$":"$['Test\\\"\"Name\"']"},"End":true}}}
                """#,
            input: #"{"Test\\\"\"Name\"": "Value\"\\"}"#,
            output: #"{"value": "Value\"\\"}"#),
        .init(
            name: "variables in InputPath, OutputPath, ItemsPath, SecondsPath, MaxConcurrencyPath",
            definition: #"""
                {"StartAt":"S","States":{
                 "S":{"Type":"Pass","Assign":{"cfg":{"wait":0,"par":2,"list":[1,2],"out":{"k":"v"}}},"Next":"W"},
                 "W":{"Type":"Wait","SecondsPath":"$cfg.wait","Next":"M"},
                 "M":{"Type":"Map","ItemsPath":"$cfg.list","MaxConcurrencyPath":"$cfg.par",
                      "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"O"},
                 "O":{"Type":"Pass","InputPath":"$cfg","OutputPath":"$cfg.out","End":true}}}
                """#,
            input: "{}",
            output: #"{"k": "v"}"#),
        .init(
            name: "variables in TimestampPath and ToleratedFailure…Path (LocalStack assign templates, recorded on AWS)",
            definition: #"""
                {"StartAt":"S","States":{
                 "S":{"Type":"Pass","Assign":{"ts":"2024-01-01T00:00:00Z","tc":1,"tp":50},"Next":"W"},
                 "W":{"Type":"Wait","TimestampPath":"$ts","Next":"M"},
                 "M":{"Type":"Map","ItemsPath":"$.l","ToleratedFailureCountPath":"$tc",
                      "ToleratedFailurePercentagePath":"$tp",
                      "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
                """#,
            input: #"{"l": [1, 2]}"#,
            output: "[1, 2]"),
    ]

    @Test(arguments: Self.succeeding)
    func runs(_ c: Case) async throws {
        let result = try await run(c.definition, input: c.input)
        #expect(result.status == .succeeded, "\(result.error ?? "") \(result.cause ?? "")")
        #expect(result.output == (try json(c.output)))
    }

    /// AWS: `$.array[-1].name` fails with "could not be found" (zenn.dev/sotaro8181, 2024).
    @Test func negativeIndexIsNotFound() async throws {
        let definition = #"""
            {"StartAt":"Sample","States":{"Sample":{"Type":"Pass","Parameters":{"hoge.$":"$.array[-1].name"},"End":true}}}
            """#
        let result = try await run(definition, input: #"{"array": [{"name": "hoge"}]}"#)
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        #expect(
            result.cause
                == "An error occurred while executing the state 'Sample' (entered at the event id #2). The JSONPath "
                + "'$.array[-1].name' specified for the field 'hoge.$' could not be found in the input "
                + #"'{"array":[{"name":"hoge"}]}'"#)
    }

    /// AWS: `$.Jobs.sum()` fails with "could not be found" (re:Post "AWS StepFunctions: sum() function
    /// returns error about not finding path"): Jayway 2.0 reads `sum()` as a member name.
    @Test func pathFunctionIsAMemberName() async throws {
        let definition = #"""
            {"StartAt":"Sum Jobs","States":{"Sum Jobs":{"Type":"Pass","Parameters":{"Jobs.$":"$.Jobs.sum()"},"End":true}}}
            """#
        let result = try await run(definition, input: #"{"Jobs": [0, 1, 0]}"#)
        #expect(result.status == .failed)
        #expect(
            result.cause
                == "An error occurred while executing the state 'Sum Jobs' (entered at the event id #2). The JSONPath "
                + "'$.Jobs.sum()' specified for the field 'Jobs.$' could not be found in the input '{\"Jobs\":[0,1,0]}'"
        )
    }

    /// A leaf `[-1]` is Jackson's `null`, as an index past the end is (floci: `$.items[5]` → null on
    /// AWS); in an intrinsic argument it is missing, as `$.items[5]` is there.
    @Test func negativeIndexLeafIsNullButMissingInIntrinsics() async throws {
        let payload = try await run(
            #"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.a[-1]"},"End":true}}}"#,
            input: #"{"a": [1, 2]}"#)
        #expect(payload.output == (try json(#"{"v": null}"#)))
        let intrinsic = try await run(
            #"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"States.Array($.a[-1])"},"End":true}}}"#,
            input: #"{"a": [1, 2]}"#)
        #expect(intrinsic.status == .failed)
        #expect(
            intrinsic.cause
                == "An error occurred while executing the state 'P' (entered at the event id #2). The function "
                + "'States.Array($.a[-1])' had the following error: The JsonPath argument for the field '$.a[-1]' "
                + #"could not be found in the input '{"a":[1,2]}'"#)
    }

    /// Task `TimeoutSecondsPath`/`HeartbeatSecondsPath` and a `"key.$"` read variables too.
    @Test func variablesInTaskPaths() async throws {
        let definition = #"""
            {"StartAt":"S","States":{
             "S":{"Type":"Pass","Assign":{"t":30,"h":10,"name":"echo-me"},"Next":"T"},
             "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:echo",
                  "TimeoutSecondsPath":"$t","HeartbeatSecondsPath":"$h","Parameters":{"n.$":"$name"},"End":true}}}
            """#
        var handlers = HandlerRegistry()
        handlers.register(ClosureTaskHandler { request in request.parameters }, lambdaFunction: "echo")
        let result = try await run(definition, handlers: handlers)
        #expect(result.status == .succeeded, "\(result.error ?? "") \(result.cause ?? "")")
        #expect(result.output == (try json(#"{"n": "echo-me"}"#)))
    }

    /// Fail's `ErrorPath`/`CausePath` read variables too.
    @Test func variablesInFailPaths() async throws {
        let definition = #"""
            {"StartAt":"S","States":{
             "S":{"Type":"Pass","Assign":{"e":"MyError","c":{"why":"because"}},"Next":"F"},
             "F":{"Type":"Fail","ErrorPath":"$e","CausePath":"$c.why"}}}
            """#
        let result = try await run(definition)
        #expect(result.status == .failed)
        #expect(result.error == "MyError")
        #expect(result.cause == "because")
    }
}
