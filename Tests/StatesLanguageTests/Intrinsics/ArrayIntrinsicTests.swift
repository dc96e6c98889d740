import JSONCore
import StatesLanguage
import Testing

/// The array intrinsics: AWS's documented examples, the results the conformance suite observed
/// on AWS, and every failure. Java-model cases (ArrayUnique order) were checked against
/// `new ArrayList<>(new HashSet<>(list))` on JDK 17 with Jackson 2.14.
@Suite struct ArrayIntrinsicTests {
    static let nine = #"{"inputArray": [1,2,3,4,5,6,7,8,9]}"#

    static let array: [IntrinsicCase] = [
        .init(
            "Array: AWS example", "States.Array('Foo', 2020, $.Id)", input: #"{"Id": 123456}"#,
            .result(#"["Foo",2020,123456]"#)),
        .init("Array: no arguments", "States.Array()", .result("[]")),
        .init("Array: literals", "States.Array(42, true, null, 'hello')", .result(#"[42,true,null,"hello"]"#)),
        .init(
            "Array: numbers keep their text", "States.Array(1.50, $.d)", input: #"{"d": 1e2}"#, .result("[1.50,1e2]")),
        .init("Array: nested call", "States.Array(1, States.Array(2, 3))", .result("[1,[2,3]]")),
        .init(
            "Array: objects from paths", "States.Array($.o, $.o)", input: #"{"o": {"k": [1]}}"#,
            .result(#"[{"k":[1]},{"k":[1]}]"#)),
    ]

    static let partition: [IntrinsicCase] = [
        .init(
            "ArrayPartition: AWS example", "States.ArrayPartition($.inputArray, 4)", input: nine,
            .result("[[1,2,3,4],[5,6,7,8],[9]]")),
        .init(
            "ArrayPartition: size 1", "States.ArrayPartition($.a, 1)", input: #"{"a": [1,2,3]}"#,
            .result("[[1],[2],[3]]")),
        .init(
            "ArrayPartition: size beyond length", "States.ArrayPartition($.a, 10)", input: #"{"a": [1,2,3]}"#,
            .result("[[1,2,3]]")),
        .init("ArrayPartition: empty array", "States.ArrayPartition($.a, 3)", input: #"{"a": []}"#, .result("[]")),
        .init(
            "ArrayPartition: 2.6 truncates to 2", "States.ArrayPartition($.a, 2.6)", input: #"{"a": [1,2,3,4,5]}"#,
            .result("[[1,2],[3,4],[5]]")),
        .init(
            "ArrayPartition: 2.4 truncates to 2", "States.ArrayPartition($.a, 2.4)", input: #"{"a": [1,2,3,4,5]}"#,
            .result("[[1,2],[3,4],[5]]")),
        .init(
            "ArrayPartition: int max", "States.ArrayPartition($.a, 2147483647)", input: #"{"a": [1,2,3]}"#,
            .result("[[1,2,3]]")),
        .init(
            "ArrayPartition: nested", "States.ArrayPartition(States.Array(1,2,3,4,5), 2)", .result("[[1,2],[3,4],[5]]")),
        .init(
            "ArrayPartition: nested elements kept", "States.ArrayPartition($.a, 2)",
            input: #"{"a": [[1],{"b":2},[3]]}"#, .result(#"[[[1],{"b":2}],[[3]]]"#)),
        .init("ArrayPartition: 0.6 truncates to 0", "States.ArrayPartition($.a, 0.6)", input: #"{"a": [1]}"#, .invalid),
        .init("ArrayPartition: -0.4", "States.ArrayPartition($.a, -0.4)", input: #"{"a": [1]}"#, .invalid),
        .init("ArrayPartition: 0", "States.ArrayPartition($.a, 0)", input: #"{"a": [1]}"#, .invalid),
        .init("ArrayPartition: -1", "States.ArrayPartition($.a, -1)", input: #"{"a": [1]}"#, .invalid),
        .init(
            "ArrayPartition: beyond 32 bits", "States.ArrayPartition($.a, 3000000000)", input: #"{"a": [1]}"#, .invalid),
        .init(
            "ArrayPartition: string size", "States.ArrayPartition($.a, $.n)", input: #"{"a": [1], "n": "2"}"#, .invalid),
        .init(
            "ArrayPartition: null size", "States.ArrayPartition($.a, $.n)", input: #"{"a": [1], "n": null}"#, .invalid),
        .init("ArrayPartition: not an array", "States.ArrayPartition($.a, 2)", input: #"{"a": "not-array"}"#, .invalid),
    ]

    static let contains: [IntrinsicCase] = [
        .init(
            "ArrayContains: AWS example", "States.ArrayContains($.inputArray, $.lookingFor)",
            input: #"{"inputArray": [1,2,3,4,5,6,7,8,9], "lookingFor": 5}"#, .result("true")),
        .init("ArrayContains: absent", "States.ArrayContains($.a, 5)", input: #"{"a": [1,2,3]}"#, .result("false")),
        .init(
            "ArrayContains: string", "States.ArrayContains($.a, 'C')", input: #"{"a": ["A","B","C"]}"#, .result("true")),
        .init("ArrayContains: null", "States.ArrayContains($.a, null)", input: #"{"a": [1,null,3]}"#, .result("true")),
        .init(
            "ArrayContains: equal object", "States.ArrayContains($.a, $.t)",
            input: #"{"a": [{"a":1},{"b":2}], "t": {"a":1}}"#, .result("true")),
        .init(
            "ArrayContains: reordered object is not found", "States.ArrayContains($.a, $.t)",
            input: #"{"a": [{"a":1,"b":2}], "t": {"b":2,"a":1}}"#, .result("false")),
        .init(
            "ArrayContains: object with extra member", "States.ArrayContains($.a, $.t)",
            input: #"{"a": [{"a":1}], "t": {"a":1,"extra":null}}"#, .result("false")),
        .init(
            "ArrayContains: nested array", "States.ArrayContains($.a, $.t)",
            input: #"{"a": [[1,2],[3,4]], "t": [1,2]}"#, .result("true")),
        .init("ArrayContains: empty array", "States.ArrayContains($.a, 1)", input: #"{"a": []}"#, .result("false")),
        .init(
            "ArrayContains: false is not 0", "States.ArrayContains($.a, false)", input: #"{"a": [0,1,-1,-1.5]}"#,
            .result("false")),
        .init(
            "ArrayContains: true matches \"true\"", "States.ArrayContains($.a, true)",
            input: #"{"a": ["true","false","maybe"]}"#, .result("true")),
        .init(
            "ArrayContains: number matches its text", "States.ArrayContains($.a, $.t)",
            input: #"{"a": ["-1","9007199254740991"], "t": 9007199254740991}"#, .result("true")),
        .init("ArrayContains: 1 is not 1.0", "States.ArrayContains($.a, 1)", input: #"{"a": [1.0]}"#, .result("false")),
        .init(
            "ArrayContains: mixed bag", "States.ArrayContains($.a, $.t)",
            input: #"{"a": [null,""," ",0,1,true,false,[0,1,false]], "t": [0,1,false]}"#, .result("true")),
        .init("ArrayContains: nested call", "States.ArrayContains(States.Array(1, 2, 3), 2)", .result("true")),
        .init("ArrayContains: not an array", "States.ArrayContains($.a, 'x')", input: #"{"a": "not-array"}"#, .invalid),
    ]

    static let range: [IntrinsicCase] = [
        .init("ArrayRange: AWS example", "States.ArrayRange(1, 9, 2)", .result("[1,3,5,7,9]")),
        .init("ArrayRange: step 1", "States.ArrayRange(1, 5, 1)", .result("[1,2,3,4,5]")),
        .init("ArrayRange: crosses zero", "States.ArrayRange(-2, 2, 2)", .result("[-2,0,2]")),
        .init("ArrayRange: end not on a step", "States.ArrayRange(0, 10, 3)", .result("[0,3,6,9]")),
        .init("ArrayRange: step beyond end", "States.ArrayRange(1, 9, 9)", .result("[1]")),
        .init("ArrayRange: truncates all three", "States.ArrayRange(1.4, 5.6, 2.2)", .result("[1,3,5]")),
        .init("ArrayRange: truncation can make a singleton", "States.ArrayRange(1.6, 1.4, 1)", .result("[1]")),
        .init("ArrayRange: truncation toward zero", "States.ArrayRange(5.4, -0.6, -2.4)", .result("[5,3,1]")),
        .init("ArrayRange: equal bounds", "States.ArrayRange(3, 3, 1)", .result("[3]")),
        .init("ArrayRange: equal bounds, negative step", "States.ArrayRange(3, 3, -1)", .result("[3]")),
        .init("ArrayRange: counting down", "States.ArrayRange(5, 1, -2)", .result("[5,3,1]")),
        .init("ArrayRange: step away from the end", "States.ArrayRange(5, 1, 1)", .result("[]")),
        .init("ArrayRange: negative step away from the end", "States.ArrayRange(1, 5, -1)", .result("[]")),
        .init(
            "ArrayRange: nested MathAdd", "States.ArrayRange(States.MathAdd($.b, 1), States.MathAdd($.b, 5), 2)",
            input: #"{"b": 0}"#, .result("[1,3,5]")),
        .init("ArrayRange: step 0", "States.ArrayRange(1, 10, 0)", .invalid),
        .init("ArrayRange: step truncating to 0", "States.ArrayRange(1, 10, 0.49)", .invalid),
        .init("ArrayRange: 1001 up", "States.ArrayRange(1, 1001, 1)", .invalid),
        .init("ArrayRange: 1001 down", "States.ArrayRange(1001, 1, -1)", .invalid),
        .init("ArrayRange: string start", "States.ArrayRange($.s, 5, 1)", input: #"{"s": "a"}"#, .invalid),
        .init("ArrayRange: null step", "States.ArrayRange(1, 5, $.s)", input: #"{"s": null}"#, .invalid),
        .init("ArrayRange: beyond 32 bits", "States.ArrayRange(1, 3000000000, 1)", .invalid),
    ]

    static let getItem: [IntrinsicCase] = [
        .init(
            "ArrayGetItem: AWS example", "States.ArrayGetItem($.inputArray, $.index)",
            input: #"{"inputArray": [1,2,3,4,5,6,7,8,9], "index": 5}"#, .result("6")),
        .init("ArrayGetItem: first", "States.ArrayGetItem($.a, 0)", input: #"{"a": ["a","b","c"]}"#, .result(#""a""#)),
        .init("ArrayGetItem: null element", "States.ArrayGetItem($.a, 0)", input: #"{"a": [null]}"#, .result("null")),
        .init(
            "ArrayGetItem: object element", "States.ArrayGetItem($.a, 1)", input: #"{"a": [{"a":1},{"b":2}]}"#,
            .result(#"{"b":2}"#)),
        .init(
            "ArrayGetItem: fraction truncates", "States.ArrayGetItem($.a, 1.2)", input: #"{"a": [10,20,30]}"#,
            .result("20")),
        .init(
            "ArrayGetItem: empty array gives null", "States.ArrayGetItem($.a, 999)", input: #"{"a": []}"#,
            .result("null")),
        .init("ArrayGetItem: nested call", "States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)", .result(#""y""#)),
        .init("ArrayGetItem: index = length", "States.ArrayGetItem($.a, 3)", input: #"{"a": [10,20,30]}"#, .invalid),
        .init("ArrayGetItem: negative index", "States.ArrayGetItem($.a, -1)", input: #"{"a": [10,20,30]}"#, .invalid),
        .init(
            "ArrayGetItem: string index", "States.ArrayGetItem($.a, $.i)", input: #"{"a": [10], "i": "1"}"#, .invalid),
        .init("ArrayGetItem: not an array", "States.ArrayGetItem($.a, 0)", input: #"{"a": "not-array"}"#, .invalid),
    ]

    static let length: [IntrinsicCase] = [
        .init("ArrayLength: AWS example", "States.ArrayLength($.inputArray)", input: nine, .result("9")),
        .init("ArrayLength: empty", "States.ArrayLength($.a)", input: #"{"a": []}"#, .result("0")),
        .init(
            "ArrayLength: top level only", "States.ArrayLength($.a)", input: #"{"a": [[1],[2],{"b":[3]}]}"#,
            .result("3")),
        .init("ArrayLength: nested call", "States.ArrayLength(States.Array())", .result("0")),
        .init("ArrayLength: string", "States.ArrayLength($.a)", input: #"{"a": "not-array"}"#, .invalid),
        .init("ArrayLength: object", "States.ArrayLength($.a)", input: #"{"a": {"k": 1}}"#, .invalid),
    ]

    static let unique: [IntrinsicCase] = [
        .init(
            "ArrayUnique: AWS example", "States.ArrayUnique($.inputArray)",
            input: #"{"inputArray": [1,2,3,3,3,3,3,3,4]}"#, .result("[1,2,3,4]")),
        .init(
            "ArrayUnique: strings", "States.ArrayUnique($.a)", input: #"{"a": ["a","b","a","c","b"]}"#,
            .result(#"["a","b","c"]"#)),
        .init("ArrayUnique: empty", "States.ArrayUnique($.a)", input: #"{"a": []}"#, .result("[]")),
        .init(
            "ArrayUnique: booleans in HashSet order", "States.ArrayUnique($.a)",
            input: #"{"a": [true,false,true,false]}"#, .result("[false,true]")),
        .init(
            "ArrayUnique: null first", "States.ArrayUnique($.a)", input: #"{"a": [null,null,1,null]}"#,
            .result("[null,1]")),
        .init(
            "ArrayUnique: strings are not numbers", "States.ArrayUnique($.a)", input: #"{"a": [1,"1",1,"01"]}"#,
            .result(#"[1,"1","01"]"#)),
        .init(
            "ArrayUnique: member order ignored", "States.ArrayUnique($.a)",
            input: #"{"a": [{"a":1,"b":2},{"b":2,"a":1}]}"#, .result(#"[{"a":1,"b":2}]"#)),
        .init(
            "ArrayUnique: nested arrays in HashSet order", "States.ArrayUnique($.a)",
            input: #"{"a": [[1,2],[1,2],[2,1]]}"#, .result("[[2,1],[1,2]]")),
        .init("ArrayUnique: nested call", "States.ArrayUnique(States.Array(1,1,2,2,3))", .result("[1,2,3]")),
        .init(
            "ArrayUnique: LocalStack's mixed list", "States.ArrayUnique($.a)",
            input:
                #"{"a": [null,null,true,true,false,false,1,1,1.1,0,-0,"HelloWorld","HelloWorld",[],[],[null],[null],{"a":1,"b":2},{"a":1,"b":2},{"a":1,"b":1}]}"#,
            .result(#"[null,0,{"a":1,"b":2},1,[],{"a":1,"b":1},1.1,true,"HelloWorld",false,[null]]"#)),
        .init(
            "ArrayUnique: nine in one bucket grow the table", "States.ArrayUnique($.a)",
            input: #"{"a": [0,16,32,48,64,80,96,112,128]}"#, .result("[0,32,64,96,128,16,48,80,112]")),
        .init(
            "ArrayUnique: seventeen in one bucket", "States.ArrayUnique($.a)",
            input: #"{"a": [0,16,32,48,64,80,96,112,128,144,160,176,192,208,224,240,256]}"#,
            .result("[0,64,128,192,256,16,80,144,208,32,96,160,224,48,112,176,240]")),
        .init(
            "ArrayUnique: 1 and 1.0 differ", "States.ArrayUnique($.a)",
            input: #"{"a": ["x",1,"x",1.0,null,[],{},false]}"#, .result(#"[1.0,null,{},1,[],false,"x"]"#)),
        .init(
            "ArrayUnique: doubles", "States.ArrayUnique($.a)", input: #"{"a": [1.5,2.5,-1.5,1e300,5e-324,0.1,1.0,1]}"#,
            .result("[1.0,5e-324,1,0.1,2.5,1e300,1.5,-1.5]")),
        .init(
            "ArrayUnique: longs and big integers", "States.ArrayUnique($.a)",
            input:
                #"{"a": [3000000000,-3000000000,123456789012345678901234567890,-123456789012345678901234567890,18446744073709551616]}"#,
            .result(
                "[3000000000,18446744073709551616,-123456789012345678901234567890,123456789012345678901234567890,-3000000000]"
            )),
        .init(
            "ArrayUnique: strings by UTF-16", "States.ArrayUnique($.a)",
            input: #"{"a": ["b","a","é","e\u0301","😀","","Aa","BB"]}"#,
            .result("[\"\",\"Aa\",\"BB\",\"a\",\"b\",\"😀\",\"é\",\"e\u{301}\"]")),
        .init(
            "ArrayUnique: nested objects", "States.ArrayUnique($.a)",
            input: #"{"a": [{"a":[1,{"b":null}]},{"a":[1,{"b":null}]},{"x":true,"y":false},{"y":false,"x":true},{}]}"#,
            .result(#"[{},{"a":[1,{"b":null}]},{"x":true,"y":false}]"#)),
        .init("ArrayUnique: not an array", "States.ArrayUnique($.a)", input: #"{"a": {"a": 1}}"#, .invalid),
    ]

    @Test(
        arguments: Self.array + Self.partition + Self.contains + Self.range + Self.getItem + Self.length + Self.unique)
    func evaluates(_ c: IntrinsicCase) throws {
        try c.check()
    }

    @Test(arguments: [("States.ArrayRange(1, 1000, 1)", 1, 1000), ("States.ArrayRange(1000, 1, -1)", 1000, 1)])
    func rangeOfOneThousandPasses(_ text: String, first: Int, last: Int) throws {
        var random = SplitMix64(seed: 1)
        let value = try IntrinsicCall.parse(text).evaluate(resolve: { _ in .null }, random: &random)
        let elements = try #require(value.arrayValue)
        #expect(elements.count == 1000)
        #expect(elements.first == .number(JSONNumber(first)))
        #expect(elements.last == .number(JSONNumber(last)))
    }
}
