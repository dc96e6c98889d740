import JSONCore
import StatesLanguage
import Testing

/// `States.JsonMerge`, `States.JsonToString`, `States.StringToJson`: AWS's examples and the
/// conformance suite's observations.
@Suite struct JSONIntrinsicTests {
    static let merge: [IntrinsicCase] = [
        .init(
            "JsonMerge: AWS example", "States.JsonMerge($.json1, $.json2, false)",
            input: #"{"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}"#,
            .result(#"{"a":{"a3":1,"a4":2},"b":2,"c":3}"#)),
        .init(
            "JsonMerge: disjoint", "States.JsonMerge($.a, $.b, false)", input: #"{"a": {"x": 1}, "b": {"y": 2}}"#,
            .result(#"{"x":1,"y":2}"#)),
        .init(
            "JsonMerge: second wins in place", "States.JsonMerge($.a, $.b, false)",
            input: #"{"a": {"x": 1, "y": 2}, "b": {"z": 4, "x": 3}}"#, .result(#"{"x":3,"y":2,"z":4}"#)),
        .init(
            "JsonMerge: empty first", "States.JsonMerge($.a, $.b, false)", input: #"{"a": {}, "b": {"x": 1}}"#,
            .result(#"{"x":1}"#)),
        .init(
            "JsonMerge: empty second", "States.JsonMerge($.a, $.b, false)", input: #"{"a": {"x": 1}, "b": {}}"#,
            .result(#"{"x":1}"#)),
        .init(
            "JsonMerge: arrays replaced", "States.JsonMerge($.a, $.b, false)",
            input: #"{"a": {"l": [1, 2]}, "b": {"l": [3]}}"#, .result(#"{"l":[3]}"#)),
        .init(
            "JsonMerge: null replaces", "States.JsonMerge($.a, $.b, false)",
            input: #"{"a": {"n": {"x": true}, "k": 1}, "b": {"n": null}}"#, .result(#"{"n":null,"k":1}"#)),
        .init(
            "JsonMerge: non-boolean flag merges shallowly", "States.JsonMerge($.a, $.b, $.deep)",
            input: #"{"a": {"x": 1}, "b": {"y": 2}, "deep": "false"}"#, .result(#"{"x":1,"y":2}"#)),
        .init(
            "JsonMerge: nested StringToJson",
            "States.JsonMerge(States.StringToJson($.a), States.StringToJson($.b), false)",
            input: #"{"a": "{\"l\":1}", "b": "{\"r\":2}"}"#, .result(#"{"l":1,"r":2}"#)),
        .init(
            "JsonMerge: deep flag from a path", "States.JsonMerge($.a, $.b, $.deep)",
            input: #"{"a": {}, "b": {}, "deep": true}"#, .invalid),
        .init("JsonMerge: null first", "States.JsonMerge($.a, $.b, false)", input: #"{"a": null, "b": {}}"#, .invalid),
        .init("JsonMerge: null second", "States.JsonMerge($.a, $.b, false)", input: #"{"a": {}, "b": null}"#, .invalid),
        .init("JsonMerge: array first", "States.JsonMerge($.a, $.b, false)", input: #"{"a": [], "b": {}}"#, .invalid),
        .init(
            "JsonMerge: string second", "States.JsonMerge($.a, $.b, false)", input: #"{"a": {}, "b": "x"}"#, .invalid),
    ]

    static let toString: [IntrinsicCase] = [
        .init(
            "JsonToString: AWS example", "States.JsonToString($.unescapedJson)",
            input: #"{"unescapedJson": {"foo": "bar"}}"#, .result(#""{\"foo\":\"bar\"}""#)),
        .init("JsonToString: array", "States.JsonToString($.a)", input: #"{"a": [1, 2, 3]}"#, .result(#""[1,2,3]""#)),
        .init("JsonToString: string", "States.JsonToString($.s)", input: #"{"s": "hello"}"#, .result(#""\"hello\"""#)),
        .init("JsonToString: number", "States.JsonToString($.n)", input: #"{"n": 123}"#, .result(#""123""#)),
        .init("JsonToString: false", "States.JsonToString($.b)", input: #"{"b": false}"#, .result(#""false""#)),
        .init("JsonToString: null", "States.JsonToString($.v)", input: #"{"v": null}"#, .result(#""null""#)),
        .init("JsonToString: literal string", "States.JsonToString('x')", .result(#""\"x\"""#)),
        .init("JsonToString: empty object", "States.JsonToString($.o)", input: #"{"o": {}}"#, .result(#""{}""#)),
        .init(
            "JsonToString: nested call", "States.JsonToString(States.Array($.a, $.b))", input: #"{"a": 1, "b": 2}"#,
            .result(#""[1,2]""#)),
        .init(
            "JsonToString: mixed structure", "States.JsonToString($.o)",
            input: #"{"o": {"nested": {"a": 1}, "arr": [true, null]}}"#,
            .result(#""{\"nested\":{\"a\":1},\"arr\":[true,null]}""#)),
        .init(
            "JsonToString: numbers as written", "States.JsonToString($.n)",
            input: #"{"n": [-1, 3.5, -9007199254740991, 1.0, 1e2]}"#, .result(#""[-1,3.5,-9007199254740991,1.0,1e2]""#)),
        .init(
            "JsonToString: escaping", "States.JsonToString($.s)", input: #"{"s": "tab\there \"q\" é"}"#,
            .result(#""\"tab\\there \\\"q\\\" é\"""#)),
    ]

    static let toJson: [IntrinsicCase] = [
        .init(
            "StringToJson: AWS example", "States.StringToJson($.escapedJsonString)",
            input: #"{"escapedJsonString": "{\"foo\": \"bar\"}"}"#, .result(#"{"foo":"bar"}"#)),
        .init("StringToJson: array", "States.StringToJson($.j)", input: #"{"j": "[1,2,3]"}"#, .result("[1,2,3]")),
        .init("StringToJson: string", "States.StringToJson($.j)", input: #"{"j": "\"hello\""}"#, .result(#""hello""#)),
        .init(
            "StringToJson: number keeps its text", "States.StringToJson($.j)", input: #"{"j": "1.50"}"#, .result("1.50")
        ),
        .init("StringToJson: true", "States.StringToJson($.j)", input: #"{"j": "true"}"#, .result("true")),
        .init("StringToJson: null", "States.StringToJson($.j)", input: #"{"j": "null"}"#, .result("null")),
        .init(
            "StringToJson: surrounding blanks", "States.StringToJson($.j)", input: #"{"j": " {\"a\":1} "}"#,
            .result(#"{"a":1}"#)),
        .init(
            "StringToJson: apostrophe", "States.StringToJson($.j)", input: #"{"j": "{\"a\":\"it's\"}"}"#,
            .result(#"{"a":"it's"}"#)),
        .init("StringToJson: empty string is null", "States.StringToJson($.j)", input: #"{"j": ""}"#, .result("null")),
        .init("StringToJson: blanks are null", "States.StringToJson($.j)", input: #"{"j": " \n\t"}"#, .result("null")),
        .init(
            "StringToJson: repeated key keeps the last", "States.StringToJson($.j)",
            input: #"{"j": "{\"a\":1,\"a\":2}"}"#, .result(#"{"a":2}"#)),
        .init(
            "StringToJson: round trip", "States.StringToJson(States.JsonToString($.o))",
            input: #"{"o": {"a": 1, "n": {"ok": true}}}"#, .result(#"{"a":1,"n":{"ok":true}}"#)),
        .init("StringToJson: bad JSON", "States.StringToJson($.j)", input: #"{"j": "{bad json}"}"#, .invalid),
        .init("StringToJson: truncated", "States.StringToJson($.j)", input: #"{"j": "{\"a\":1"}"#, .invalid),
        .init("StringToJson: undefined", "States.StringToJson($.j)", input: #"{"j": "undefined"}"#, .invalid),
        .init("StringToJson: number argument", "States.StringToJson($.j)", input: #"{"j": 123}"#, .invalid),
        .init("StringToJson: object argument", "States.StringToJson($.j)", input: #"{"j": {"a": 1}}"#, .invalid),
        .init("StringToJson: array argument", "States.StringToJson($.j)", input: #"{"j": [1, 2]}"#, .invalid),
    ]

    @Test(arguments: Self.merge + Self.toString + Self.toJson)
    func evaluates(_ c: IntrinsicCase) throws {
        try c.check()
    }
}
