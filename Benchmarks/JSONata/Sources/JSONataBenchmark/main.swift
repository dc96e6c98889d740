import Foundation
import JSONCore
import JSONata

// Times each expression of cases.json in this engine (compiled once, evaluated repeatedly for at
// least --seconds) and prints one JSON object per line:
//   {"name": …, "ns": <nanoseconds per evaluation>, "iterations": …, "result": <result>}
// compare.sh reads these lines and runs the same cases in the other engines.

struct Options {
    var cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../cases.json").standardizedFileURL
    var seconds = 1.0
    var only: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            let value = iterator.next() ?? ""
            switch argument {
            case "--cases": cases = URL(fileURLWithPath: value)
            case "--seconds": seconds = Double(value) ?? seconds
            case "--only": only = value
            default:
                FileHandle.standardError.write(
                    Data("usage: JSONataBenchmark [--cases cases.json] [--seconds S] [--only NAME-PREFIX]\n".utf8))
                exit(2)
            }
        }
    }
}

/// The generated input: {"items": [...]} with `count` items, as cases.json's "about" describes.
func input(items count: Int) -> JSON {
    let categories = ["books", "games", "music", "tools", "toys"]
    var items: [JSON] = []
    items.reserveCapacity(count)
    for i in 0..<count {
        items.append(
            .object(
                JSONObject([
                    ("id", .number(JSONNumber(i))),
                    ("name", .string("item-\(i)")),
                    ("category", .string(categories[i % 5])),
                    ("price", .number(JSONNumber(Double((i * 37) % 1000) / 4))),
                    ("qty", .number(JSONNumber(i % 7 + 1))),
                    ("active", .bool(i % 3 != 0)),
                ])))
    }
    return .object(JSONObject([("items", .array(items))]))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("JSONataBenchmark: \(message)\n".utf8))
    exit(1)
}

let options = Options(CommandLine.arguments)
guard let data = try? Data(contentsOf: options.cases) else { fail("cannot read \(options.cases.path)") }
let document: JSON
do {
    document = try JSONReader.read([UInt8](data)).value
} catch {
    fail("\(options.cases.path): \(error)")
}
guard let cases = document["cases"]?.arrayValue else { fail("\(options.cases.path): no \"cases\" array") }

let environment = JSONata.EvaluationEnvironment(millis: 1_700_000_000_000)
var inputs: [Int: JSON] = [:]
for entry in cases {
    guard let name = entry["name"]?.stringValue, let source = entry["expression"]?.stringValue,
        let count = entry["items"]?.numberValue?.int64Value
    else { fail("\(options.cases.path): each case needs \"name\", \"expression\" and \"items\"") }
    if let only = options.only, !name.hasPrefix(only) { continue }
    let data = inputs[Int(count)] ?? input(items: Int(count))
    inputs[Int(count)] = data
    do {
        let expression = try JSONata.Expression(parsing: source)
        var result = try expression.evaluate(input: data, environment: environment)
        var iterations = 0
        let clock = ContinuousClock()
        let start = clock.now
        let budget = Duration.milliseconds(Int(options.seconds * 1000))
        var elapsed = Duration.zero
        // Batches of doubling size so the clock is read rarely for fast expressions.
        var batch = 1
        while elapsed < budget {
            for _ in 0..<batch { result = try expression.evaluate(input: data, environment: environment) }
            iterations += batch
            batch = min(batch * 2, 1 << 16)
            elapsed = clock.now - start
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let line: JSON = .object(
            JSONObject([
                ("name", .string(name)),
                ("ns", .number(JSONNumber(seconds * 1e9 / Double(iterations)))),
                ("iterations", .number(JSONNumber(iterations))),
                ("result", result ?? .null),
            ]))
        print(JSONWriter.compact(line))
    } catch {
        fail("\(name): \(error)")
    }
}
