import ASLFuzzing
import Foundation

// asl-fuzz: mutates definitions, inputs and option values and runs each case through the built
// `asl` (validate and run) in a child process. Exit 0: no new crasher; 1: a new crasher was saved
// (its folder is printed); 2: a usage or setup problem.
let usage = """
    USAGE: asl-fuzz [--seed N] [--iterations N] [--time-limit SECONDS] [--timeout SECONDS]
                    [--root DIR] [--out DIR] [--asl PATH] [--no-minimize] [--verbose]

      --seed N            the sequence of cases (default 1)
      --iterations N      at most N iterations, each one validate and one run (default 500)
      --time-limit S      stop starting iterations after S seconds (default 60)
      --timeout S         a case still running after S seconds is a hang (default 20)
      --root DIR          the package root: seeds from Tests/Fixtures and Examples (default .)
      --out DIR           where crashers go (default ROOT/Tests/Fixtures/crashers/asl)
      --asl PATH          the asl binary (default: the one beside asl-fuzz)
      --no-minimize       save crashers as found
      --verbose           print every invocation's outcome

    """

/// Unbuffered, so a CI log shows progress as it happens.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("asl-fuzz: \(message)\n\n\(usage)".utf8))
    exit(2)
}

var options = Fuzzer.Options()
var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
var out: URL?
var asl: URL?
var timeout = 20.0
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    func value() -> String {
        guard let next = arguments.popFirst() else { fail("\(argument) needs a value") }
        return next
    }
    switch argument {
    case "--seed":
        let text = value()
        guard let seed = UInt64(text) else { fail("--seed needs a non-negative integer, got '\(text)'") }
        options.seed = seed
    case "--iterations":
        let text = value()
        guard let count = Int(text), count >= 0 else { fail("--iterations needs a count, got '\(text)'") }
        options.iterations = count
    case "--time-limit":
        let text = value()
        guard let seconds = Double(text), seconds >= 0 else { fail("--time-limit needs seconds, got '\(text)'") }
        options.timeLimit = seconds
    case "--timeout":
        let text = value()
        guard let seconds = Double(text), seconds > 0 else { fail("--timeout needs seconds, got '\(text)'") }
        timeout = seconds
    case "--root": root = URL(fileURLWithPath: value())
    case "--out": out = URL(fileURLWithPath: value())
    case "--asl": asl = URL(fileURLWithPath: value())
    case "--no-minimize": options.minimize = false
    case "--verbose": options.verbose = true
    case "--help", "-h":
        FileHandle.standardOutput.write(Data(usage.utf8))
        exit(0)
    default: fail("unknown argument '\(argument)'")
    }
}

guard let executable = asl ?? CaseRunner.locateASL(), FileManager.default.isExecutableFile(atPath: executable.path)
else { fail("cannot find the asl binary; build it (swift build) or pass --asl PATH") }
let folders = [root.appendingPathComponent("Tests/Fixtures"), root.appendingPathComponent("Examples")]
let seeds = SeedCorpus.all(folders: folders)
let store = CrasherStore(folder: out ?? root.appendingPathComponent("Tests/Fixtures/crashers/asl"))
let fuzzer = Fuzzer(
    runner: CaseRunner(executable: executable, timeout: timeout), store: store, seeds: seeds, options: options,
    log: { say("asl-fuzz: \($0)") })
say(
    "asl-fuzz: seed \(options.seed), at most \(options.iterations) iterations or \(options.timeLimit) s, "
        + "\(seeds.count) seed definitions, \(executable.path)")
do {
    let report = try fuzzer.run()
    for (outcome, count) in report.outcomes.sorted(by: { $0.key < $1.key }) {
        say("asl-fuzz:   \(count) × \(outcome)")
    }
    say(
        "asl-fuzz: \(report.iterations) iterations, \(report.invocations) invocations, "
            + "\(report.newCrashers.count) new crashers, \(report.knownCrashes) crashes already kept as fixtures")
    for finding in report.newCrashers {
        say("asl-fuzz: NEW crasher (\(finding.outcome)) saved in \(finding.folder.path)")
    }
    // The plain closing line a CI log reader counts: every invocation without a new crash passed.
    say("asl-fuzz: \(report.invocations - report.newCrashers.count) passed, \(report.newCrashers.count) failed")
    exit(report.newCrashers.isEmpty ? 0 : 1)
} catch {
    fail("\(error)")
}
