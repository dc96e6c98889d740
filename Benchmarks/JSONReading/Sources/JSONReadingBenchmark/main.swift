import Foundation
import JSONCore

// Generates ~50 MB of state-machine-like JSON in memory, then reads it several times with and
// without a source map, and with Foundation's JSONSerialization for comparison.

/// SplitMix64: a small deterministic generator so every run reads the same document.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

func generateDocument(targetBytes: Int) -> [UInt8] {
    var random = SplitMix64(state: 42)
    let words = ["Load", "Transform", "Validate", "Publish", "Retry", "Archive", "Notify", "Choose", "Wait", "Done"]
    let types = ["Task", "Pass", "Choice", "Wait", "Map", "Parallel", "Succeed", "Fail"]
    var text = "{\"Comment\": \"benchmark document\", \"Machines\": [\n"
    var machine = 0
    while text.utf8.count < targetBytes {
        if machine > 0 { text += ",\n" }
        text +=
            "  {\"Name\": \"machine-\(machine)\", \"StartAt\": \"State0\", \"TimeoutSeconds\": \(random.below(86_400)),\n"
        text += "   \"States\": {\n"
        let stateCount = 5 + random.below(10)
        for index in 0..<stateCount {
            let word = words[random.below(words.count)]
            let type = types[random.below(types.count)]
            text +=
                "    \"State\(index)\": {\"Type\": \"\(type)\", \"Comment\": \"\(word) the \(word.lowercased()) records"
            text += " for batch \(random.below(1000))\",\n"
            text += "      \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:\(word)\(index)\",\n"
            text +=
                "      \"Retry\": [{\"ErrorEquals\": [\"States.Timeout\", \"States.TaskFailed\"], \"IntervalSeconds\": "
            text +=
                "\(1 + random.below(5)), \"MaxAttempts\": \(random.below(10)), \"BackoffRate\": 1.\(random.below(10))}],\n"
            text +=
                "      \"Parameters\": {\"bucket\": \"data-\(random.below(100))\", \"ratio\": \(random.below(1000)).\(random.below(1000))e-3,"
            text += " \"enabled\": \(random.below(2) == 0 ? "true" : "false"), \"tag\": null,"
            text +=
                " \"path.$\": \"$.items[\(random.below(20))].value\", \"unicode\": \"caf\u{e9} \u{2192} \u{1F680}\","
            text += " \"escaped\": \"line\\nnext \\\"quoted\\\"\"},\n"
            text += "      \"Next\": \"State\(index + 1)\"}\(index + 1 < stateCount ? "," : "")\n"
        }
        text += "   }}"
        machine += 1
    }
    text += "\n]}\n"
    return Array(text.utf8)
}

/// Times `body`; its result is kept until the clock has stopped, so freeing it is not counted.
func measure<R>(_ label: String, bytes: Int, iterations: Int, _ body: () throws -> R) rethrows {
    var kept: R? = try body()  // warm-up
    var best = Double.infinity
    var total = 0.0
    for _ in 0..<iterations {
        kept = nil
        let start = ContinuousClock.now
        let result = try body()
        let elapsed = ContinuousClock.now - start
        kept = result
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds)
        total += seconds
    }
    let megabytes = Double(bytes) / 1_000_000
    let bestRate = megabytes / best
    let meanRate = megabytes / (total / Double(iterations))
    let padded = label.padding(toLength: 34, withPad: " ", startingAt: 0)
    _ = kept
    print("\(padded) best \(String(format: "%7.1f", bestRate)) MB/s   mean \(String(format: "%7.1f", meanRate)) MB/s")
}

let arguments = CommandLine.arguments
let targetMB = arguments.count > 1 ? Int(arguments[1]) ?? 50 : 50
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let only = arguments.count > 3 ? arguments[3] : "all"
let document = generateDocument(targetBytes: targetMB * 1_000_000)
print("document: \(document.count) bytes, \(iterations) iterations each")

do {
    let fast = JSONReader.Options(recordsSourceMap: false)
    if only == "map" {
        try measure("JSONReader, with source map", bytes: document.count, iterations: iterations) {
            try JSONReader.read(document)
        }
        exit(0)
    }
    try measure("JSONReader, no source map", bytes: document.count, iterations: iterations) {
        try JSONReader.read(document, options: fast)
    }
    if only == "fast" { exit(0) }
    try measure("JSONReader, with source map", bytes: document.count, iterations: iterations) {
        try JSONReader.read(document)
    }
    let data = Data(document)
    try measure("Foundation JSONSerialization", bytes: document.count, iterations: iterations) {
        try JSONSerialization.jsonObject(with: data)
    }
} catch {
    print("error: \(error)")
}
