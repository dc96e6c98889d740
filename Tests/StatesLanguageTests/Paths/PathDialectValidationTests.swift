import JSONCore
import StatesLanguage
import Testing

/// The JSONPath dialect cases of SPEC-NOTES §3 through the parser and the validator: AWS accepts
/// them at CreateStateMachine, so no error; the surprising ones get an ASL-W300 warning.
@Suite struct PathDialectValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let definition: String
        /// The ASL-W300 messages expected, in order.
        let warnings: [String]
        var testDescription: String { definition }
    }

    static let cases: [Case] = [
        .init(
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x.$":"$[?(@.lang==es)].text"},"End":true}}}
                """#,
            warnings: [#""x.$" compares with the unquoted word es, which AWS reads as the string 'es'"#]),
        .init(
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$..r[?(@.s==Failure)]","End":true}}}
                """#,
            warnings: [#""InputPath" compares with the unquoted word Failure, which AWS reads as the string 'Failure'"#]
        ),
        .init(
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass",
                 "Parameters":{"v.$":"States.ArrayGetItem($.o[?(@.k == FooBar)].v, 0)"},"End":true}}}
                """#,
            warnings: [#""v.$" compares with the unquoted word FooBar, which AWS reads as the string 'FooBar'"#]),
        .init(
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","OutputPath":"$[(@.length-1)].bar","End":true}}}
                """#,
            warnings: []),
        .init(
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"$.a[-1]"},"End":true}}}
                """#,
            warnings: [
                #""a.$" uses the index [-1], which AWS does not count from the end: it finds nothing there (null in a payload field, InputPath or OutputPath; a failure in an intrinsic argument, in Choice or before a further step)"#
            ]),
        // In an intrinsic argument [-1] fails at run time ("could not be found"): the warning
        // must not promise null there.
        .init(
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"States.ArrayGetItem($.a[-1], 0)"},"End":true}}}
                """#,
            warnings: [
                #""a.$" uses the index [-1], which AWS does not count from the end: it finds nothing there (null in a payload field, InputPath or OutputPath; a failure in an intrinsic argument, in Choice or before a further step)"#
            ]),
        .init(
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"Jobs.$":"$.Jobs.sum()"},"End":true}}}
                """#,
            warnings: [
                #""Jobs.$" uses sum(), but AWS evaluates no path functions: it looks for a member named 'sum()'"#
            ]),
        .init(
            definition: #"""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"value.$":"$['Test\\\"\"Name\"']"},"End":true}}}
                """#,
            warnings: []),
        .init(
            definition: #"""
                {"StartAt":"S","States":{
                 "S":{"Type":"Pass","Assign":{"cfg":{"wait":0,"list":[1]}},"Next":"W"},
                 "W":{"Type":"Wait","SecondsPath":"$cfg.wait","Next":"M"},
                 "M":{"Type":"Map","ItemsPath":"$cfg.list","MaxConcurrencyPath":"$cfg.wait",
                      "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"O"},
                 "O":{"Type":"Pass","InputPath":"$cfg","OutputPath":"$cfg.list","End":true}}}
                """#,
            warnings: []),
    ]

    @Test(arguments: Self.cases)
    func validates(_ c: Case) throws {
        let run = try ValidationRun(text: c.definition)
        let all = run.parserDiagnostics + run.diagnostics
        let errors = all.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(ValidationRun.describe(errors))")
        let warnings = all.filter { $0.rule == .pathAdvisory }
        #expect(warnings.map(\.message) == c.warnings)
        #expect(warnings.allSatisfy { $0.severity == .warning })
    }
}
