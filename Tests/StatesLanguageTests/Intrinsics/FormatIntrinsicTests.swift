import JSONCore
import StatesLanguage
import Testing

/// `States.Format`: AWS's example, how each JSON type is written (Java `String.valueOf`, checked
/// against JDK 17 with Jackson 2.14), the escapes `\'`, `\{`, `\}`, `\\`, and the run-time
/// failures AWS reports for placeholder/value mismatches and lone braces.
@Suite struct FormatIntrinsicTests {
    static let cases: [IntrinsicCase] = [
        .init(
            "AWS example", "States.Format('Hello, my name is {}.', $.name)", input: #"{"name": "Arnav"}"#,
            .result(#""Hello, my name is Arnav.""#)),
        .init(
            "template from a path", "States.Format($.template, $.name)",
            input: #"{"template": "Hello, my name is {}.", "name": "Arnav"}"#, .result(#""Hello, my name is Arnav.""#)),
        .init("no placeholders", "States.Format('no placeholders')", .result(#""no placeholders""#)),
        .init("blanks kept", "States.Format('  {}  ', $.a)", input: #"{"a": "x"}"#, .result(#""  x  ""#)),
        .init(
            "string, integer, boolean", "States.Format('{} {} {}', $.a, $.b, $.c)",
            input: #"{"a": "x", "b": 2, "c": true}"#, .result(#""x 2 true""#)),
        .init(
            "null, false, numbers", "States.Format('{}|{}|{}|{}|{}', $.n, $.f, $.m, $.d, $.h)",
            input: #"{"n": null, "f": false, "m": -1, "d": 3.5, "h": 9007199254740991}"#,
            .result(#""null|false|-1|3.5|9007199254740991""#)),
        .init(
            "decimals as Java doubles", "States.Format('{} {} {} {} {}', $.a, $.b, $.c, $.d, $.e)",
            input: #"{"a": 1.0, "b": 1e2, "c": 1e-5, "d": 1e7, "e": 0.1234567890123456789}"#,
            .result(#""1.0 100.0 1.0E-5 1.0E7 0.12345678901234568""#)),
        .init(
            "integers as written", "States.Format('{} {}', $.a, $.b)",
            input: #"{"a": -0, "b": 123456789012345678901234567890}"#, .result(#""0 123456789012345678901234567890""#)),
        .init(
            "object as a Java map", "States.Format('{}', $.o)", input: #"{"o": {"Arg1": 1, "Arg2": []}}"#,
            .result(#""{Arg1=1, Arg2=[]}""#)),
        .init(
            "nested containers", "States.Format('{} {}', $.a, $.o)",
            input: #"{"a": ["a", null, [1.5]], "o": {"a": {"b": "c"}}}"#, .result(#""[a, null, [1.5]] {a={b=c}}""#)),
        .init("empty string value", "States.Format('[{}]', $.s)", input: #"{"s": ""}"#, .result(#""[]""#)),
        .init(
            "value with braces is not re-read", "States.Format('{}', $.s)", input: #"{"s": "{}"}"#, .result(#""{}""#)),
        .init(
            "nested JsonToString", "States.Format('arn:{}:{}', $.svc, States.JsonToString($.obj))",
            input: #"{"svc": "lambda", "obj": {"k": 1}}"#, .result(#""arn:lambda:{\"k\":1}""#)),
        .init(
            "escaped quote", #"States.Format('Name: \'{}\'', $.n)"#, input: #"{"n": "Gabriel"}"#,
            .result(#""Name: 'Gabriel'""#)),
        .init(
            "escaped braces are text", #"States.Format('\{\} and {}', $.n)"#, input: #"{"n": 1}"#,
            .result(#""{} and 1""#)),
        .init(
            "escaped brace pair around a placeholder", #"States.Format('\{{}\}', $.n)"#, input: #"{"n": 1}"#,
            .result(#""{1}""#)),
        .init("escaped backslash", #"States.Format('a\\b {}', $.n)"#, input: #"{"n": 1}"#, .result(#""a\\b 1""#)),
        .init(
            "escaped backslash before a placeholder", #"States.Format('\\{}', $.n)"#, input: #"{"n": 1}"#,
            .result(#""\\1""#)),
        .init(
            "double quotes are plain", "States.Format('say \"{}\"', $.n)", input: #"{"n": "hi"}"#,
            .result(#""say \"hi\"""#)),
        .init(
            "path template has no escapes", "States.Format($.t, $.n)", input: #"{"t": "a\\{}", "n": 1}"#,
            .result(#""a\\1""#)),
        .init(
            "AWS's nine nested calls",
            "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), '.'), 1))",
            input: #"{"Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/recipe/1.0.0"}"#,
            .result(#""1.0""#)),
        .init("fewer values than placeholders", "States.Format('{} {}', $.a)", input: #"{"a": "x"}"#, .invalid),
        .init(
            "more values than placeholders", "States.Format('{}', $.a, $.b)", input: #"{"a": "x", "b": "y"}"#, .invalid),
        .init(
            "AWS's three placeholders with two values", "States.Format('{}.{}.{}', $.a, $.b)",
            input: #"{"a": 1, "b": 2}"#, .invalid),
        .init("lone opening brace", "States.Format('Hello {', $.a)", input: #"{"a": "x"}"#, .invalid),
        .init("doubled braces", "States.Format('Hello {{}}', $.a)", input: #"{"a": "x"}"#, .invalid),
        .init("lone closing brace", "States.Format('}')", .invalid),
        .init("escaped opening brace leaves a lone closing one", #"States.Format('\{}')"#, .invalid),
        .init("lone brace in a path template", "States.Format($.t)", input: #"{"t": "a { b"}"#, .invalid),
        .init(
            "template from a path must be a string", "States.Format($.t, $.n)", input: #"{"t": 123, "n": "Ada"}"#,
            .invalid),
    ]

    @Test(arguments: Self.cases)
    func evaluates(_ c: IntrinsicCase) throws {
        try c.check()
    }

    @Test func loneBraceOffsetPointsAtTheBrace() throws {
        #expect(try IntrinsicCall.parse("States.Format('ab}')").formatTemplate?.loneBraceOffset == 2)
        #expect(try IntrinsicCall.parse(#"States.Format('\{\} {}', 1)"#).formatTemplate?.loneBraceOffset == nil)
        #expect(FormatTemplate(unescaped: "{{}").loneBraceOffset == 0)
        #expect(FormatTemplate(unescaped: "{}-{}").loneBraceOffset == nil)
    }
}
