import JSONCore
import StatesLanguage
import Testing

@Suite struct PathParseTests {
    struct Accepted: CustomTestStringConvertible, Sendable {
        let source: String
        let root: PathRoot
        let segments: [PathSegment]
        var testDescription: String { source }
    }

    static let accepted: [Accepted] = [
        .init(source: "$", root: .input, segments: []),
        .init(source: "$.a.b", root: .input, segments: [.name("a"), .name("b")]),
        .init(source: "$['a']", root: .input, segments: [.name("a")]),
        .init(source: #"$["a b"]"#, root: .input, segments: [.name("a b")]),
        .init(source: "$.a[0]", root: .input, segments: [.name("a"), .index(0)]),
        .init(source: "$.a[-1]", root: .input, segments: [.name("a"), .index(-1)]),
        .init(source: "$.a[*]", root: .input, segments: [.name("a"), .wildcard]),
        .init(source: "$.a.*", root: .input, segments: [.name("a"), .wildcard]),
        .init(source: "$.*", root: .input, segments: [.wildcard]),
        .init(source: "$[*]", root: .input, segments: [.wildcard]),
        .init(source: "$..a", root: .input, segments: [.recursiveDescent(.name("a"))]),
        .init(source: "$..*", root: .input, segments: [.recursiveDescent(.wildcard)]),
        .init(source: "$..['a']", root: .input, segments: [.recursiveDescent(.name("a"))]),
        .init(source: "$..[0]", root: .input, segments: [.recursiveDescent(.index(0))]),
        .init(source: "$.a..b.c", root: .input, segments: [.name("a"), .recursiveDescent(.name("b")), .name("c")]),
        .init(source: "$.a[0:2]", root: .input, segments: [.name("a"), .slice(start: 0, end: 2, step: nil)]),
        .init(source: "$.a[:2]", root: .input, segments: [.name("a"), .slice(start: nil, end: 2, step: nil)]),
        .init(source: "$.a[-2:]", root: .input, segments: [.name("a"), .slice(start: -2, end: nil, step: nil)]),
        .init(source: "$.a[::2]", root: .input, segments: [.name("a"), .slice(start: nil, end: nil, step: 2)]),
        .init(source: "$.a[0:10:3]", root: .input, segments: [.name("a"), .slice(start: 0, end: 10, step: 3)]),
        .init(source: "$.a[0,1]", root: .input, segments: [.name("a"), .union([.index(0), .index(1)])]),
        .init(source: "$.a[ 0 , 1 ]", root: .input, segments: [.name("a"), .union([.index(0), .index(1)])]),
        .init(source: "$.a['x','y']", root: .input, segments: [.name("a"), .union([.name("x"), .name("y")])]),
        .init(source: #"$.a["x", 'y']"#, root: .input, segments: [.name("a"), .union([.name("x"), .name("y")])]),
        .init(source: "$.detail-type", root: .input, segments: [.name("detail-type")]),
        .init(source: "$.a_b", root: .input, segments: [.name("a_b")]),
        .init(
            source: "$.items.length()", root: .input,
            segments: [.name("items"), .function(name: "length", arguments: "")]),
        .init(
            source: "$.a[*].b.sum()", root: .input,
            segments: [.name("a"), .wildcard, .name("b"), .function(name: "sum", arguments: "")]),
        .init(
            source: "$.a.concat('x)', $.b)", root: .input,
            segments: [.name("a"), .function(name: "concat", arguments: "'x)', $.b")]),
        // Jayway 2.0 reads these as member names; AWS accepts them at creation (SPEC-NOTES §3).
        .init(
            source: "$.a.length().b", root: .input,
            segments: [.name("a"), .function(name: "length", arguments: ""), .name("b")]),
        .init(source: "$.a.lenght()", root: .input, segments: [.name("a"), .function(name: "lenght", arguments: "")]),
        .init(source: "$..a()", root: .input, segments: [.recursiveDescent(.function(name: "a", arguments: ""))]),
        .init(
            source: "$.a[?(@.b.length() > 1)]", root: .input,
            segments: [
                .name("a"),
                .filter(
                    .comparison(
                        .current([.name("b"), .function(name: "length", arguments: "")]), .greater, .literal(1))),
            ]),
        .init(source: "$.ünïcode", root: .input, segments: [.name("ünïcode")]),
        .init(source: "$.a$b", root: .input, segments: [.name("a$b")]),
        .init(source: "$.a:b", root: .input, segments: [.name("a:b")]),
        .init(source: "$.a@b#c/d", root: .input, segments: [.name("a@b#c/d")]),
        .init(source: "$.0", root: .input, segments: [.name("0")]),
        .init(source: "$.abc.['def ghi']", root: .input, segments: [.name("abc"), .name("def ghi")]),
        .init(source: #"$['it\'s']"#, root: .input, segments: [.name("it's")]),
        .init(source: #"$['a.b[c]']"#, root: .input, segments: [.name("a.b[c]")]),
        // Bracket names keep backslashes as Jayway 2.0 does (recorded on AWS, SPEC-NOTES §3).
        .init(source: #"$['Test\""Name"']"#, root: .input, segments: [.name(#"Test\""Name""#)]),
        .init(source: #"$['a\u12']"#, root: .input, segments: [.name(#"a\u12"#)]),
        .init(source: #"$['a\n']"#, root: .input, segments: [.name(#"a\n"#)]),
        .init(source: #"$['a\\']"#, root: .input, segments: [.name(#"a\\"#)]),
        .init(source: #"$["say \"hi\""]"#, root: .input, segments: [.name(#"say "hi""#)]),
        // Jayway 2.0's index from the end.
        .init(source: "$[(@.length-1)].bar", root: .input, segments: [.fromEnd(minus: 1), .name("bar")]),
        .init(source: "$.a[( @.length - 2 )]", root: .input, segments: [.name("a"), .fromEnd(minus: 2)]),
        .init(source: "$.a[(@.size()-1)]", root: .input, segments: [.name("a"), .fromEnd(minus: 1)]),
        .init(source: "$.a[@.length-1]", root: .input, segments: [.name("a"), .fromEnd(minus: 1)]),
        // Unquoted words in filters (Jayway 2.0 compares them as strings).
        .init(
            source: "$[?(@.lang==es)].text", root: .input,
            segments: [.filter(.comparison(.current([.name("lang")]), .equal, .word("es"))), .name("text")]),
        .init(
            source: "$..r[?(@.s==Failure)]", root: .input,
            segments: [
                .recursiveDescent(.name("r")), .filter(.comparison(.current([.name("s")]), .equal, .word("Failure"))),
            ]),
        .init(
            source: "$[?(@.s == In Progress )]", root: .input,
            segments: [.filter(.comparison(.current([.name("s")]), .equal, .word("In Progress")))]),
        .init(
            source: "$.o[?(@.k == FooBar && @.n > 1)].v", root: .input,
            segments: [
                .name("o"),
                .filter(
                    .and(
                        .comparison(.current([.name("k")]), .equal, .word("FooBar")),
                        .comparison(.current([.name("n")]), .greater, .literal(1)))),
                .name("v"),
            ]),
        .init(source: "$['']", root: .input, segments: [.name("")]),
        .init(source: "  $.a  ", root: .input, segments: [.name("a")]),
        .init(source: "$$", root: .context, segments: []),
        .init(source: "$$.Execution.Id", root: .context, segments: [.name("Execution"), .name("Id")]),
        .init(source: "$$.Map.Item.Value", root: .context, segments: [.name("Map"), .name("Item"), .name("Value")]),
        .init(
            source: "$$.Execution.Input['k']", root: .context,
            segments: [.name("Execution"), .name("Input"), .name("k")]),
        .init(source: "$myVar", root: .variable("myVar"), segments: []),
        .init(source: "$myVar.x[0]", root: .variable("myVar"), segments: [.name("x"), .index(0)]),
        .init(source: "$_private", root: .variable("_private"), segments: []),
        .init(source: "$v2['a']", root: .variable("v2"), segments: [.name("a")]),
        .init(source: "$größe", root: .variable("größe"), segments: []),
        .init(source: "$states.input", root: .variable("states"), segments: [.name("input")]),
        .init(
            source: "$.a[?(@.price < 10)]", root: .input,
            segments: [.name("a"), .filter(.comparison(.current([.name("price")]), .less, .literal(10)))]),
        .init(
            source: "$.a[?(@.x == 'str')]", root: .input,
            segments: [.name("a"), .filter(.comparison(.current([.name("x")]), .equal, .literal("str")))]),
        .init(source: "$.a[?(@.x)]", root: .input, segments: [.name("a"), .filter(.current([.name("x")]))]),
        .init(
            source: "$.a[?(@.x && @.y || !@.z)]", root: .input,
            segments: [
                .name("a"),
                .filter(.or(.and(.current([.name("x")]), .current([.name("y")])), .not(.current([.name("z")])))),
            ]),
        .init(
            source: "$.a[?(@.x >= 1.5 && (@.y != null || @.z <= -2))]", root: .input,
            segments: [
                .name("a"),
                .filter(
                    .and(
                        .comparison(
                            .current([.name("x")]), .greaterOrEqual, .literal(.number(JSONNumber(text: "1.5")!))),
                        .or(
                            .comparison(.current([.name("y")]), .notEqual, .literal(.null)),
                            .comparison(.current([.name("z")]), .lessOrEqual, .literal(-2))))),
            ]),
        .init(
            source: "$[?(@ > 3)]", root: .input, segments: [.filter(.comparison(.current([]), .greater, .literal(3)))]),
        .init(
            source: "$.a[?@.b == true]", root: .input,
            segments: [.name("a"), .filter(.comparison(.current([.name("b")]), .equal, .literal(true)))]),
        .init(
            source: "$.a[?(@.b == $.max)]", root: .input,
            segments: [
                .name("a"),
                .filter(
                    .comparison(
                        .current([.name("b")]), .equal,
                        .absolute(Path(source: "$.max", root: .input, segments: [.name("max")])))),
            ]),
        .init(
            source: "$.a[?(@['detail-type'] == \"x\")].id", root: .input,
            segments: [
                .name("a"), .filter(.comparison(.current([.name("detail-type")]), .equal, .literal("x"))), .name("id"),
            ]),
        .init(
            source: "$.a[?(@.tag in ['x', 'y'])]", root: .input,
            segments: [.name("a"), .filter(.comparison(.current([.name("tag")]), .in, .literal(["x", "y"])))]),
        .init(
            source: "$.a[?(@.name =~ /^Ab.*/i)]", root: .input,
            segments: [
                .name("a"),
                .filter(
                    .comparison(.current([.name("name")]), .matches, .regex(FilterRegex(pattern: "^Ab.*", flags: "i")))),
            ]),
        .init(
            source: "$.a[?(@.b[0].c == 1)]", root: .input,
            segments: [
                .name("a"), .filter(.comparison(.current([.name("b"), .index(0), .name("c")]), .equal, .literal(1))),
            ]),
        .init(
            source: "$.a[?(@.b[?(@.c)])]", root: .input,
            segments: [.name("a"), .filter(.current([.name("b"), .filter(.current([.name("c")]))]))]),
    ]

    /// Forms seen in real definitions and Jayway's documentation, checked only for acceptance.
    static let acceptedForms = [
        "$['store']['book'][0]", "$[0][1]", "$.a[ 'b' ]", "$..book[?(@.price<10)]", "$..book[-1:]",
        "$.store.book[?(@.author =~ /.*REES/i)]", "$.a[?(@.b == 'x' )].c", #"$['a"b']"#, #"$["a'b"]"#,
        "$.a[?(@.b in [\"x\", 1, true, null])]", "$.a[?(@.b nin [])]", "$.a[?(@.b size 2)]",
        "$.a[?(@.b empty false)]", "$.a[?(@.b anyof ['x'])]", "$.a[?(!(@.b == 1))]", "$.a[?(@.b != 'x')]",
        "$$.Map.Item.Index", "$$.State.EnteredTime", "$$.Task.Token", "$.Payload.body", "$.a[?(@.x == 1e3)]",
    ]

    @Test(arguments: Self.acceptedForms)
    func acceptsForm(_ source: String) {
        #expect(throws: Never.self) { try Path.parse(source) }
    }

    @Test(arguments: Self.accepted)
    func accepts(_ c: Accepted) throws {
        let path = try Path.parse(c.source)
        #expect(path.root == c.root)
        #expect(path.segments == c.segments)
        #expect(path.source == c.source)
        #expect(path.description == c.source)
    }

    struct Rejected: CustomTestStringConvertible, Sendable {
        let source: String
        let offset: Int
        let message: String
        var testDescription: String { source }
    }

    static let rejected: [Rejected] = [
        .init(source: "", offset: 0, message: "expected a path starting with '$'"),
        .init(source: "a.b", offset: 0, message: "expected '$' at the start of a path"),
        .init(source: "$.", offset: 2, message: "expected a name after '.'"),
        .init(source: "$.a.", offset: 4, message: "expected a name after '.'"),
        .init(source: "$.a[", offset: 4, message: "expected ']'"),
        .init(source: "$.a[!]", offset: 4, message: "expected a quoted name, index, slice, '*' or filter after '['"),
        .init(source: "$.a[0", offset: 5, message: "expected ']' to close the '[' at column 4"),
        .init(source: "$.a['b'", offset: 7, message: "expected ']' to close"),
        .init(source: "$.a['b]", offset: 4, message: "unterminated string"),
        .init(source: "$.a[]", offset: 4, message: "empty brackets"),
        .init(source: "$.a[b]", offset: 4, message: "expected a quoted name, index, slice"),
        .init(source: "$.a b", offset: 3, message: "unexpected character ' '"),
        .init(source: "$.a]", offset: 3, message: "unexpected character ']'"),
        .init(source: "$.a.concat('x'", offset: 4, message: "expected ')' to close concat("),
        .init(source: "$...a", offset: 3, message: "expected a name, '*' or '[' after '..'"),
        .init(source: "$..", offset: 3, message: "expected a name, '*' or '[' after '..'"),
        .init(source: "$1", offset: 1, message: "a variable name must start with a letter or '_'"),
        .init(source: "$a-b", offset: 2, message: "unexpected character '-'"),
        .init(source: "$$a", offset: 2, message: "unexpected character 'a'"),
        .init(source: "$.a[0:1:0]", offset: 9, message: "a slice step cannot be 0"),
        .init(source: "$.a[99999999999999999999]", offset: 4, message: "index is too large"),
        .init(source: "$.a[-]", offset: 5, message: "expected a digit after '-'"),
        .init(source: "$.a[?(@.b = 1)]", offset: 10, message: "use '==' to compare"),
        .init(source: "$.a[?(@.b == )]", offset: 13, message: "expected a value in the filter"),
        .init(source: "$.a[?(@.b == 1]", offset: 14, message: "expected ')' to close the '(' at column 6"),
        .init(source: "$.a[?(@.b == 'x)]", offset: 13, message: "unterminated string"),
        .init(source: "$.a[?(@.b == 01)]", offset: 13, message: "invalid number '01'"),
        .init(source: "$.a[?(@.b =~ /x)]", offset: 13, message: "unterminated regular expression"),
        .init(source: "$.a[(@.length+1)]", offset: 13, message: "Jayway's (@.length-N) index takes '-' and a number"),
        .init(source: "$.a[(@.count-1)]", offset: 4, message: "expected (@.length-N)"),
        .init(source: "$.a[(@.length-1]", offset: 15, message: "expected ')' to close the '(' at column 5"),
    ]

    /// Filter regexes are compiled with the path; one Swift cannot compile is still accepted
    /// (Java's dialect differs, and AWS accepts the definition) and fails when the filter runs.
    @Test func filterRegexIsCompiledWhenParsed() throws {
        func regex(_ source: String) throws -> FilterRegex? {
            guard case .filter(.comparison(_, .matches, .regex(let regex))) = try Path.parse(source).segments.last
            else { return nil }
            return regex
        }
        let compiled = try #require(try regex("$.a[?(@.b =~ /ab+c/i)]"))
        #expect(compiled.isCompiled)
        #expect(compiled.matches("ABBC") == true)
        #expect(compiled.matches("xabc") == false)
        let broken = try #require(try regex("$.a[?(@.b =~ /[a-z/)]"))
        #expect(!broken.isCompiled)
        #expect(broken.matches("a") == nil)
    }

    @Test(arguments: Self.rejected)
    func rejects(_ c: Rejected) {
        #expect {
            try Path.parse(c.source)
        } throws: { error in
            guard let error = error as? PathSyntaxError else { return false }
            return error.offset == c.offset && error.message.contains(c.message)
        }
    }

    @Test func reportsActualErrorForDiagnosis() {
        // Pins the exact text used in ASL-E300 diagnostics.
        #expect(throws: PathSyntaxError(message: "expected ']'", offset: 4)) { try Path.parse("$.a[") }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "$[?(" + String(repeating: "(", count: 10_000) + "@.a" + String(repeating: ")", count: 10_000) + ")]"
        #expect {
            try Path.parse(deep)
        } throws: { error in
            (error as? PathSyntaxError)?.message.contains("nesting deeper than") == true
        }
        let notNot = "$[?(" + String(repeating: "!", count: 10_000) + "@.a)]"
        #expect(throws: PathSyntaxError.self) { try Path.parse(notNot) }
    }
}
