import JSONCore

/// The values mutations draw from: numbers at the edges of Int32, Int64, UInt64 and Double,
/// reference paths and filters, intrinsic calls and JSONata expressions with extreme arguments,
/// timestamps at the calendar's edges, and strings with control characters and astral unicode.
enum InterestingValues {
    static func number(_ text: String) -> JSON {
        .number(JSONNumber(uncheckedText: text, isInteger: !text.contains(where: { ".eE".contains($0) })))
    }

    static let numberTexts = [
        "0", "-0", "1", "-1", "2", "59", "60", "86400", "99999999", "100000000", "2147483647", "2147483648",
        "-2147483649", "4294967296", "9007199254740993", "9223372036854775", "9223372036854776",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "123456789012345678901234567890", "0.5", "1.5", "-0.0", "1e308", "1e309",
        "-1e309", "4.9e-324", "1e-400", "1E+2", "3.0", "0.1", "2.5e10", "1e19",
    ]

    static var numbers: [JSON] { numberTexts.map(number) }

    static let paths = [
        "$", "$.a", "$.n", "$.secs", "$.ts", "$.b", "$.items", "$.list", "$.missing", "$..*", "$..x", "$.*",
        "$.items[?(@.n > 1)]", "$.items[?(@.x =~ /a.*/)]", "$.items[?(@.n == $.a)]", "$.items[?(!@.n)]",
        "$.list[-1]", "$.list[9223372036854775807]", "$.list[-9223372036854775808:]",
        "$.list[0:9223372036854775807:0]", "$.list[::-1]", "$.list[2:1]", "$.items.length()", "$.list.min()",
        "$.list.sum()", "$.list.avg()", "$.list.stddev()", "$['a','b']", "$[*]", "$.nested..v", "$.a.b.c.d",
        "$$", "$$.State.EnteredTime", "$$.Execution.StartTime", "$$.Execution.Input", "$$.Map.Item.Value",
        "$$.State.RetryCount", "$$.Task", "$x", "$x.y", "$.items[0", "$.items[?(@.n >]", "$.'a'", "$\u{0}",
    ]

    static let intrinsics = [
        "States.ArrayRange(1, 100000, 1)", "States.ArrayRange(1, 9223372036854775807, 9223372036854775807)",
        "States.ArrayRange(-9223372036854775808, 9223372036854775807, 1)", "States.ArrayRange(1, 2, 0)",
        "States.Format('{}{}{}', $.a)", "States.Format('\\{\\}{}', $.nested)", "States.Format($.b)",
        "States.MathAdd(9223372036854775807, 1)", "States.MathAdd($.n, -9223372036854775808)",
        "States.MathAdd(1.5, 2)", "States.MathRandom(9223372036854775807, -9223372036854775808)",
        "States.MathRandom(1, 1)", "States.MathRandom($.n, $.a, $.secs)", "States.ArrayPartition($.list, 0)",
        "States.ArrayPartition($.list, 9223372036854775807)", "States.ArrayGetItem($.list, -1)",
        "States.ArrayGetItem($.list, 9223372036854775807)", "States.StringSplit($.s, '')",
        "States.StringSplit('', $.s)", "States.Base64Decode('@@@')", "States.Base64Decode('====')",
        "States.Base64Encode($.nested)", "States.Hash($.b, 'MD5')", "States.Hash($.nested, 'SHA-512')",
        "States.JsonMerge($.a, $.b, false)", "States.JsonMerge($.nested, $.nested, true)",
        "States.StringToJson('{\"a\":')", "States.StringToJson('1e999')", "States.JsonToString($$)",
        "States.Array(States.Array(States.Array(States.Array())))", "States.UUID(1)", "States.ArrayLength($.b)",
        "States.ArrayContains($.list)", "States.ArrayUnique($.items)", "States.Format('{}', States.UUID())",
        "States.Unknown()", "States.Format('{}', $.missing)", "States.MathAdd($.a, 1, 2)",
    ]

    static let jsonataExpressions = [
        "{% $states.input.n * 1e308 %}", "{% $power(2, 1024) %}", "{% [1..100000] %}", "{% [1..10000000000] %}",
        "{% $string($states.input) %}", "{% $fromMillis(9223372036854775807) %}", "{% $toMillis('9999-99-99') %}",
        "{% $toMillis($states.input.ts) %}", "{% $states.context.State.EnteredTime %}",
        "{% (function($f){$f($f)})(function($f){$f($f)}) %}", "{% $parseInteger('1e400', '#') %}",
        "{% $formatNumber(1e308, '#,##0.00') %}", "{% $substring('abc', -9223372036854775808) %}",
        "{% $pad('x', -9223372036854775808) %}", "{% $round(1e308, 400) %}", "{% $floor(-1e309) %}",
        "{% $states.input.list[9223372036854775807] %}", "{% $sum([1e308, 1e308]) %}", "{% $number('0x1p1024') %}",
        "{% $random() %}", "{% $millis() %}", "{% $now('[Y0001]', '-99:99') %}", "{% $formatBase(10, 99) %}",
        "{% $formatInteger(9223372036854775807, 'w') %}", "{% $uuid() %}", "{% $partition([1,2,3], 0) %}",
        "{% $range(1, 9223372036854775807, 1) %}", "{% $hash('a', 'MD5') %}", "{% $parse('[1,') %}",
        "{% $eval('1 +') %}", "{% $split('abc', '', -1) %}", "{% $ %}", "{% %}", "{% $states.input.b & $x %}",
    ]

    static let timestamps = [
        "2026-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-01-01T00:00:00.123456789+14:00", "-2026-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
        "2016-12-31T23:59:60Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00-99:99", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z", "2026-01-01", "",
    ]

    static let strings = [
        "", " ", "text", "\u{0}", "\u{1F}\u{7F}", "\u{FEFF}", "é", "👩‍👩‍👧‍👦", "\u{10FFFF}", "\u{202E}abc",
        "line\nbreak\r\n", "\"quoted\"", "\\", "{}", "{", "States.ALL", "States.TaskFailed", "${placeholder}",
        "%s%n%x", String(repeating: "x", count: 300_000), String(repeating: "é", count: 1_000),
    ]

    /// Any value, in proportions that favour the kinds that reach the evaluators.
    static func any(using random: inout FuzzRandom) -> JSON {
        switch random.below(10) {
        case 0, 1: return random.pick(numbers) ?? .null
        case 2, 3: return .string(random.pick(paths) ?? "$")
        case 4: return .string(random.pick(intrinsics) ?? "")
        case 5: return .string(random.pick(jsonataExpressions) ?? "")
        case 6: return .string(random.pick(timestamps) ?? "")
        case 7: return .string(random.pick(strings) ?? "")
        case 8: return random.pick([.null, .bool(true), .bool(false), .array([]), .object(JSONObject())]) ?? .null
        default: return template(using: &random)
        }
    }

    /// A payload template whose values are paths and intrinsic calls.
    static func template(using random: inout FuzzRandom) -> JSON {
        var object = JSONObject()
        for index in 0..<(1 + random.below(3)) {
            switch random.below(3) {
            case 0: object["p\(index).$"] = .string(random.pick(paths) ?? "$")
            case 1: object["i\(index).$"] = .string(random.pick(intrinsics) ?? "")
            default: object["v\(index)"] = random.pick(numbers) ?? .null
            }
        }
        return .object(object)
    }
}
