import JSONCore
import StatesLanguage
import Testing

/// `States.StringSplit`: AWS's example and the conformance suite's observations (Java
/// `StringTokenizer` semantics).
@Suite struct StringIntrinsicTests {
    static let cases: [IntrinsicCase] = [
        .init(
            "AWS example", "States.StringSplit($.inputString, $.splitter)",
            input: #"{"inputString": "1,2,3,4,5", "splitter": ","}"#, .result(#"["1","2","3","4","5"]"#)),
        .init(
            "each delimiter character separates", "States.StringSplit($.s, $.d)",
            input: #"{"s": "1+2,3.4", "d": ".+,"}"#, .result(#"["1","2","3","4"]"#)),
        .init(
            "a delimiter string is a set, not a substring", "States.StringSplit($.s, 'ab')",
            input: #"{"s": "1a2b3ab4"}"#, .result(#"["1","2","3","4"]"#)),
        .init(
            "adjacent delimiters give no empty piece", "States.StringSplit($.s, ',')", input: #"{"s": "a,,b"}"#,
            .result(#"["a","b"]"#)),
        .init("leading delimiter", "States.StringSplit($.s, ',')", input: #"{"s": ",a,b"}"#, .result(#"["a","b"]"#)),
        .init("trailing delimiter", "States.StringSplit($.s, ',')", input: #"{"s": "a,b,"}"#, .result(#"["a","b"]"#)),
        .init("delimiters only", "States.StringSplit($.s, ',')", input: #"{"s": ","}"#, .result("[]")),
        .init("empty string", "States.StringSplit($.s, ',')", input: #"{"s": ""}"#, .result("[]")),
        .init(
            "empty delimiter keeps the string", "States.StringSplit($.s, '')", input: #"{"s": "abc"}"#,
            .result(#"["abc"]"#)),
        .init(
            "regex characters are literal", "States.StringSplit($.s, '.')", input: #"{"s": "a.b.c"}"#,
            .result(#"["a","b","c"]"#)),
        .init("pipe", "States.StringSplit($.s, '|')", input: #"{"s": "a|b|c"}"#, .result(#"["a","b","c"]"#)),
        .init("blanks are kept", "States.StringSplit($.s, ',')", input: #"{"s": " , x ,"}"#, .result(#"[" "," x "]"#)),
        .init(
            "mixed text", "States.StringSplit($.s, ',')", input: #"{"s": "null,, ,-1,1.5,true,[0,1,false]"}"#,
            .result(#"["null"," ","-1","1.5","true","[0","1","false]"]"#)),
        .init(
            "non-ASCII delimiter", "States.StringSplit($.s, 'é🚀')", input: #"{"s": "aébc🚀d"}"#,
            .result(#"["a","bc","d"]"#)),
        .init(
            "nested Format", "States.StringSplit(States.Format('{}-{}', $.a, $.b), '-')",
            input: #"{"a": "x", "b": "y"}"#, .result(#"["x","y"]"#)),
        .init("number to split", "States.StringSplit($.s, ',')", input: #"{"s": 123}"#, .invalid),
        .init("boolean to split", "States.StringSplit($.s, ',')", input: #"{"s": false}"#, .invalid),
        .init("null to split", "States.StringSplit($.s, ',')", input: #"{"s": null}"#, .invalid),
        .init("number delimiter", "States.StringSplit($.s, $.d)", input: #"{"s": "a,b", "d": 1}"#, .invalid),
        .init("array delimiter", "States.StringSplit($.s, $.d)", input: #"{"s": "a,b", "d": [","]}"#, .invalid),
    ]

    @Test(arguments: Self.cases)
    func evaluates(_ c: IntrinsicCase) throws {
        try c.check()
    }
}
