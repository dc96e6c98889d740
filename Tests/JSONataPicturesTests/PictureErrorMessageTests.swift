import JSONata
import Testing

/// The messages of the picture errors, as jsonata-js 2.0.6 fills them (run under Node): a
/// `{{value}}` insert is `JSON.stringify(value)`, so strings are quoted and escaped.
@Suite struct PictureErrorMessageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var call: @Sendable () throws(JSONataError) -> Void
        var code: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "toMillis with a quote",
            call: { () throws(JSONataError) in _ = try DateTimePicture.parse("fo\"o", picture: nil) },
            code: "D3110",
            message: #"The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given "fo\"o""#),
        Case(
            name: "toMillis with a tab",
            call: { () throws(JSONataError) in _ = try DateTimePicture.parse("tab\there", picture: nil) },
            code: "D3110",
            message:
                #"The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given "tab\there""#
        ),
        Case(
            name: "sequence", call: { () throws(JSONataError) in _ = try IntegerPicture.format(5, picture: "#") },
            code: "D3130",
            message:
                ##"Formatting or parsing an integer as a sequence starting with "#" is not supported by this implementation"##
        ),
        Case(
            name: "unknown component",
            call: { () throws(JSONataError) in _ = try DateTimePicture.format(millis: 0, picture: "[q]", timezone: nil)
            },
            code: "D3132", message: #"Unknown component specifier "q" in date/time picture string"#),
        Case(
            name: "empty marker",
            call: { () throws(JSONataError) in _ = try DateTimePicture.format(millis: 0, picture: "[]", timezone: nil)
            },
            code: "D3132", message: #"Unknown component specifier "" in date/time picture string"#),
        Case(
            name: "named year",
            call: { () throws(JSONataError) in _ = try DateTimePicture.format(millis: 0, picture: "[YN]", timezone: nil)
            },
            code: "D3133",
            message:
                #"The 'name' modifier can only be applied to months and days in the date/time picture string, not "Y""#),
        Case(
            name: "wide timezone",
            call: { () throws(JSONataError) in
                _ = try DateTimePicture.format(millis: 0, picture: "[Z010101]", timezone: nil)
            }, code: "D3134",
            message: "The timezone integer format specifier cannot have more than four digits"),
        Case(
            name: "unclosed marker",
            call: { () throws(JSONataError) in _ = try DateTimePicture.format(millis: 0, picture: "[Y", timezone: nil)
            },
            code: "D3135", message: "No matching closing bracket ']' in date/time picture string"),
        Case(
            name: "gap",
            call: { () throws(JSONataError) in _ = try DateTimePicture.parse("2018-22", picture: "[Y]-[D]", now: 0) },
            code: "D3136",
            message: "The date/time picture string is missing specifiers required to parse the timestamp"),
        Case(
            name: "two decimal separators",
            call: { () throws(JSONataError) in
                _ = try NumberPicture.format(1, picture: "#.0.0", options: DecimalFormatOptions())
            }, code: "D3081",
            message: "The sub-picture must not contain more than one instance of the 'decimal-separator' character"),
        Case(
            name: "mixed families",
            call: { () throws(JSONataError) in _ = try IntegerPicture.format(1, picture: "0\u{0660}") }, code: "D3131",
            message: "In a decimal digit pattern, all digits must be from the same decimal group"),
    ]

    @Test(arguments: cases)
    func message(_ c: Case) {
        do {
            try c.call()
            Issue.record("no error")
        } catch {
            #expect(error.code == c.code)
            #expect(error.message == c.message)
        }
    }
}
