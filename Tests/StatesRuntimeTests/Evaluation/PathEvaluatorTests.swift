import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

@Suite struct PathEvaluatorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let path: String
        let input: String
        let expected: String
        var mode: PathEvaluator.Mode = .jayway
        var testDescription: String { "\(path) on \(input.prefix(30))" }
    }

    static let store = EvaluationFixtures.store
    static let numbers = #"{"a": [0, 1, 2, 3, 4]}"#

    static let selections: [Case] = [
        // Definite paths.
        .init(path: "$", input: #"{"a": 1}"#, expected: #"{"a": 1}"#),
        .init(path: "$.expensive", input: store, expected: "10"),
        .init(path: "$.store.book[0].author", input: store, expected: #""Nigel Rees""#),
        .init(path: "$['store']['bicycle']['color']", input: store, expected: #""red""#),
        // Jayway 2.0's index from the end (AWS runs it: zenn.dev/sotaro8181, SPEC-NOTES §3).
        .init(path: "$.store.book[(@.length-1)].author", input: store, expected: #""J. R. R. Tolkien""#),
        .init(path: "$.store.book[( @.length - 2 )].author", input: store, expected: #""Herman Melville""#),
        .init(path: "$.store.book[@.size()-1].author", input: store, expected: #""J. R. R. Tolkien""#),
        .init(path: "$.a[(@.length-0)]", input: numbers, expected: "null"),
        // A negative index is not counted from the end: null, like an index past the end (Jackson).
        .init(path: "$.a[-1]", input: numbers, expected: "null"),
        .init(path: "$.a[-9]", input: numbers, expected: "null"),
        .init(path: "$.a[0,-1]", input: numbers, expected: "[0, null]"),
        .init(path: "$[(@.length-1)]", input: "[]", expected: "null"),
        .init(path: "$.l[*][-1]", input: #"{"l": [[1, 2], [3]]}"#, expected: "[null, null]"),
        .init(path: "$[(@.length-1)].bar", input: #"[{"bar": 1}, {"bar": 2}]"#, expected: "2"),
        .init(path: "$.l[*][(@.length-1)]", input: #"{"l": [[1, 2], [3]]}"#, expected: "[2, 3]"),
        .init(path: "$.a", input: #"{"a": null}"#, expected: "null"),
        .init(path: "$.a.b", input: #"{"a": {"b": [1.50, 2e3]}}"#, expected: "[1.50, 2e3]"),
        // Jackson: an index past the end selects null (AWS: "v.$": "$.items[5]" gives null).
        .init(path: "$.store.book[9]", input: store, expected: "null"),
        // Wildcards, unions, slices.
        .init(
            path: "$.store.book[*].author", input: store,
            expected: #"["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]"#),
        .init(path: "$.store.book[*].isbn", input: store, expected: #"["0-553-21311-3", "0-395-19395-8"]"#),
        .init(path: "$.store.book[*].missing", input: store, expected: "[]"),
        .init(path: "$.store.bicycle.*", input: store, expected: #"["red", 19.95]"#),
        .init(path: "$.a[0,2]", input: numbers, expected: "[0, 2]"),
        .init(path: "$.a[0,7]", input: numbers, expected: "[0, null]"),
        .init(path: "$.a[0,7]", input: numbers, expected: "[0]", mode: .strict),
        .init(
            path: "$.store.book[0]['author','title']", input: store,
            expected: #"[{"author": "Nigel Rees", "title": "Sayings of the Century"}]"#),
        .init(path: "$['x','y']", input: #"{"x": 1, "z": 2}"#, expected: #"[{"x": 1}]"#),
        .init(path: "$.a[1:3]", input: numbers, expected: "[1, 2]"),
        .init(path: "$.a[-2:]", input: numbers, expected: "[3, 4]"),
        .init(path: "$.a[:2]", input: numbers, expected: "[0, 1]"),
        .init(path: "$.a[:-1]", input: numbers, expected: "[0, 1, 2, 3]"),
        .init(path: "$.a[3:10]", input: numbers, expected: "[3, 4]"),
        .init(path: "$.a[7:]", input: numbers, expected: "[]"),
        // Jayway's [from:to] adjusts neither bound for negatives.
        // Jayway 2.0 SLICE_BETWEEN does not adjust a negative start; Jackson gives null for it.
        .init(path: "$.a[-2:2]", input: numbers, expected: "[null, null, 0, 1]"),
        .init(path: "$.a[1:-1]", input: numbers, expected: "[]"),
        // Steps (not Jayway syntax) follow Python.
        .init(path: "$.a[::2]", input: numbers, expected: "[0, 2, 4]"),
        .init(path: "$.a[4:0:-1]", input: numbers, expected: "[4, 3, 2, 1]"),
        .init(path: "$.a[::-2]", input: numbers, expected: "[4, 2, 0]"),
        // Recursive descent: pre-order, members in document order.
        .init(
            path: "$..author", input: store,
            expected: #"["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]"#),
        .init(path: "$.store..price", input: store, expected: "[8.95, 12.99, 8.99, 22.99, 19.95]"),
        .init(path: "$..name", input: #"{"name": {"name": 1}, "x": [{"name": 2}]}"#, expected: #"[{"name": 1}, 1, 2]"#),
        .init(path: "$..*", input: #"{"a": {"b": 1}, "c": [2]}"#, expected: #"[{"b": 1}, [2], 1, 2]"#),
        .init(path: "$..[0]", input: #"{"a": [[1, 2], [3]]}"#, expected: "[[1, 2], 1, 3]"),
        .init(path: "$..book[2].author", input: store, expected: #"["Herman Melville"]"#),
        .init(path: "$..book[(@.length-1)].title", input: store, expected: #"["The Lord of the Rings"]"#),
        // A missing member followed by a wildcard, slice or filter selects nothing: recorded on AWS
        // (LocalStack test_base `test_json_path_array_wildcard_or_slice_with_no_input`).
        .init(path: "$.nothing[*]", input: store, expected: "[]"),
        .init(path: "$.store.nothing[*].x", input: store, expected: "[]"),
        .init(path: "$.items[1:]", input: "{}", expected: "[]"),
        .init(path: "$.items[:1]", input: "{}", expected: "[]"),
        .init(path: "$.item.items[1:5].itemValue", input: "{}", expected: "[]"),
        .init(path: "$.items[*].itemValue", input: "{}", expected: "[]"),
        .init(path: "$.items[?(@.a)]", input: "{}", expected: "[]"),
        // Unquoted words in filters are strings (Jayway 2.0 `Criteria.create`).
        .init(
            path: "$[?(@.lang==es)].text", input: #"[{"lang": "es", "text": "hola"}, {"lang": "en", "text": "hi"}]"#,
            expected: #"["hola"]"#),
        .init(
            path: "$..r[?(@.s==Failure)]", input: #"{"a": {"r": [{"s": "Failure"}, {"s": "Success"}]}}"#,
            expected: #"[{"s": "Failure"}]"#),
        .init(
            path: "$.o[?(@.k == FooBar)].v", input: #"{"o": [{"k": "FooBar", "v": 1}, {"k": "foobar", "v": 2}]}"#,
            expected: "[1]"),
        .init(
            path: "$.o[?(@.k != FooBar)].v", input: #"{"o": [{"k": "FooBar", "v": 1}, {"k": "foobar", "v": 2}]}"#,
            expected: "[2]"),
        .init(path: "$.o[?(@.k < b)].v", input: #"{"o": [{"k": "a", "v": 1}, {"k": "c", "v": 2}]}"#, expected: "[1]"),
        // A regex compiled when the path was parsed.
        .init(
            path: "$.o[?(@.k =~ /foo.*/i)].v", input: #"{"o": [{"k": "FooBar", "v": 1}, {"k": "bar", "v": 2}]}"#,
            expected: "[1]"),
        // Bracket names keep backslashes (recorded on AWS: LocalStack test_base_scenarios ESCAPE_SEQUENCES_JSONPATH).
        .init(path: #"$['Test\""Name"']"#, input: #"{"Test\\\"\"Name\"": "Value\"\\"}"#, expected: #""Value\"\\""#),
        .init(path: "$..book[:2].price", input: store, expected: "[8.95, 12.99]"),
        // Jayway ScanPathToken.walkArray: a non-final array step after `..` applies the rest of
        // the path to every element.
        .init(path: "$..[0].x", input: #"{"l": [{"x": 1}, {"x": 2}]}"#, expected: "[1, 2]"),
        // Filters.
        .init(
            path: "$.store.book[?(@.price < 10)].title", input: store,
            expected: #"["Sayings of the Century", "Moby Dick"]"#),
        .init(path: "$..book[?(@.isbn)].author", input: store, expected: #"["Herman Melville", "J. R. R. Tolkien"]"#),
        .init(path: "$..book[?(@.price <= $['expensive'])].price", input: store, expected: "[8.95, 8.99]"),
        .init(
            path: "$..book[?(@.category == 'fiction' && @.price > 20)].author", input: store,
            expected: #"["J. R. R. Tolkien"]"#),
        .init(
            path: "$..book[?(@.price > 20 || @.category == 'reference')].price", input: store,
            expected: "[8.95, 22.99]"),
        // A filter on an object tests the object itself.
        .init(
            path: "$.store.bicycle[?(@.color == 'red')]", input: store, expected: #"[{"color": "red", "price": 19.95}]"#
        ),
        .init(path: "$.store.bicycle[?(@.color == 'blue')]", input: store, expected: "[]"),
        .init(path: "$..[?(@.price > 19)].price", input: store, expected: "[22.99, 19.95]"),
        // Roots other than `$`.
        .init(path: "$$.Execution.Name", input: "{}", expected: #""run""#),
        .init(path: "$limit", input: "{}", expected: "10"),
        .init(path: "$.a[?(@ > $limit)]", input: #"{"a": [5, 15]}"#, expected: "[15]"),
        // Functions.
        // No path functions in Jayway 2.0 (AWS): `length()` is a member name.
        .init(path: "$.l.length()", input: #"{"l": {"length()": 7}}"#, expected: "7"),
        .init(path: "$.store.book[*].author.length()", input: store, expected: "[]"),
        .init(path: "$..price.sum()", input: store, expected: "[]"),
    ]

    @Test(arguments: Self.selections)
    func selects(_ c: Case) throws {
        let result = try EvaluationFixtures.evaluate(c.path, c.input, mode: c.mode)
        #expect(JSONWriter.compact(result) == (try EvaluationFixtures.compact(c.expected)))
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        let path: String
        let input: String
        let message: String
        var kind: PathEvaluationError.Kind = .notFound
        var mode: PathEvaluator.Mode = .jayway
        var testDescription: String { path }
    }

    static let failures: [Failure] = [
        .init(path: "$.x", input: "{}", message: "No results for path: $['x']"),
        .init(
            path: "$.store.book[0].missing", input: store,
            message: "No results for path: $['store']['book'][0]['missing']"),
        .init(path: "$.missing.x", input: store, message: "Missing property in path $['missing']"),
        // AWS does not count a negative index from the end (zenn.dev/sotaro8181: `$.array[-1].name`
        // "could not be found"): Jackson's `ArrayNode.get(-1)` is null, which has no member.
        .init(
            path: "$.store.book[-1].author", input: store,
            message: "Property ['author'] not found in path $['store']['book'][-1]"),
        .init(path: "$.a[-1]", input: numbers, message: "No results for path: $['a'][-1]", mode: .strict),
        .init(path: "$[(@.length-1)]", input: "[]", message: "No results for path: $[@.size()-1]", mode: .strict),
        .init(
            path: "$.expensive.x", input: store,
            message: "Property ['x'] not found in path $['expensive']"),
        .init(
            path: "$.s.x", input: #"{"s": "text"}"#,
            message: "Property ['x'] not found in path $['s']"),
        .init(
            path: "$.n.x", input: #"{"n": null}"#,
            message: "Property ['x'] not found in path $['n']"),
        .init(
            path: "$.store.bicycle[0]", input: store,
            message: #"Filter: [0] can only be applied to arrays. Current context is: {"color":"red","price":19.95}"#),
        .init(path: "$.n[0].x", input: #"{"n": null}"#, message: "The path $['n'] is null"),
        .init(
            path: "$.expensive[?(@ > 1)]", input: store,
            message: "Filter: [?] can not be applied to primitives. Current context is: 10", kind: .invalidPath),
        .init(path: "$.a[7]", input: numbers, message: "No results for path: $['a'][7]", mode: .strict),
        .init(path: "$.x.length()", input: "{}", message: "Missing property in path $['x']"),
        .init(
            path: "$.a[?(@ =~ /[a-z/)]", input: numbers, message: "Invalid regular expression /[a-z/",
            kind: .invalidPath),
        // AWS: `$.list.length()` on an array fails "Property ['length()'] not found in path $['list']"
        // (awsdocs/aws-step-functions-developer-guide pull request 5); `$.Jobs.sum()` "could not be found".
        .init(
            path: "$.store.book.length()", input: store,
            message: "Property ['length()'] not found in path $['store']['book']"),
        .init(
            path: "$.Jobs.sum()", input: #"{"Jobs": [0, 1]}"#, message: "Property ['sum()'] not found in path $['Jobs']"
        ),
        .init(
            path: "$.store.bicycle.length()", input: store,
            message: "No results for path: $['store']['bicycle']['length()']"),
        // AWS: "Multi properties can only be used as path leafs: $['a', 'b']" (gist deric4/733eb129…).
        .init(
            path: "$['x','z'].v", input: #"{"x": {"v": 1}, "z": {"v": 2}}"#,
            message: "Multi properties can only be used as path leafs: $['x', 'z']", kind: .invalidPath),
        .init(path: "$nope.a", input: "{}", message: "No variable named '$nope'", kind: .undefinedVariable("nope")),
    ]

    @Test(arguments: Self.failures)
    func fails(_ c: Failure) throws {
        let error = #expect(throws: PathEvaluationError.self) {
            try EvaluationFixtures.evaluate(c.path, c.input, mode: c.mode)
        }
        #expect(error?.message == c.message)
        #expect(error?.kind == c.kind)
    }

    @Test func presenceCountsNullButNotOutOfRange() throws {
        let input: JSON = ["a": nil, "l": [1]]
        let present = { (path: String) throws -> Bool in
            PathEvaluator.isPresent(try Path.parse(path), input: input, context: [:], variables: { _ in nil })
        }
        #expect(try present("$.a"))
        #expect(try present("$.l[0]"))
        #expect(try !present("$.l[1]"))
        #expect(try !present("$.b"))
        #expect(try !present("$.a.b"))
    }
}
