import Foundation
import JSONCore

/// The fuzzing loop: a fixed seed names the sequence of cases; an iteration cap and a time limit
/// bound it (the time limit only cuts the same sequence shorter on a slower machine).
public struct Fuzzer {
    public struct Options: Sendable {
        public var seed: UInt64 = 1
        public var iterations = 500
        public var timeLimit: Double = 60
        public var minimize = true
        /// Log every invocation's outcome and the last line of its standard error.
        public var verbose = false

        public init() {}
    }

    /// One crasher this run found, and where it was saved.
    public struct Finding: Sendable {
        public var folder: URL
        public var signature: String
        public var outcome: CaseOutcome
    }

    public struct Report: Sendable {
        public var iterations = 0
        public var invocations = 0
        /// Crashers whose signature no saved fixture has: each saved in a new folder.
        public var newCrashers: [Finding] = []
        /// Crashes whose signature a saved fixture already has (not saved again).
        public var knownCrashes = 0
        public var outcomes: [String: Int] = [:]
    }

    public var runner: CaseRunner
    public var store: CrasherStore
    public var seeds: [Seed]
    public var options: Options
    public var log: @Sendable (String) -> Void

    public init(
        runner: CaseRunner, store: CrasherStore, seeds: [Seed], options: Options,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.runner = runner
        self.store = store
        self.seeds = seeds
        self.options = options
        self.log = log
    }

    /// The cases of one iteration: a definition edited freely through `validate`, and one edited
    /// gently (see ``RunMutator``) with an edited input through `run`. Seeds with a Task state are
    /// only validated: no handler serves them without a run configuration.
    public static func cases(iteration: Int, seeds: [Seed], random: inout FuzzRandom) -> [FuzzCase] {
        guard !seeds.isEmpty else { return [] }
        let seed = seeds[iteration % seeds.count]
        let validateDefinition =
            random.chance(1, in: 10)
            ? JSONWriter.prettyBytes(seed.definition) : DefinitionMutator.mutate(seed.definition, using: &random)
        let validate = FuzzCase(
            definition: validateDefinition, input: [], arguments: ArgumentsMutator.validateArguments(using: &random))
        let runnable = seeds.filter { !$0.hasTask }
        guard !runnable.isEmpty else { return [validate] }
        let runSeed = runnable[iteration % runnable.count]
        let runDefinition =
            random.chance(1, in: 5)
            ? JSONWriter.prettyBytes(runSeed.definition) : RunMutator.mutate(runSeed.definition, using: &random)
        let referenced = (try? JSONReader.read(runDefinition).value).map(InputMutator.referencedKeys(in:)) ?? []
        let input =
            random.chance(1, in: 5)
            ? JSONWriter.compactBytes(runSeed.input)
            : InputMutator.mutate(runSeed.input, referencedKeys: referenced, using: &random)
        var run = ArgumentsMutator.runArguments(using: &random)
        if input.count > 100_000, let index = run.firstIndex(of: FuzzCase.inputTextPlaceholder) {
            // One argument may hold at most 128 KiB on Linux: a long input goes in a file.
            run[index - 1] = "--input-file"
            run[index] = FuzzCase.inputPlaceholder
        }
        return [validate, FuzzCase(definition: runDefinition, input: input, arguments: run)]
    }

    /// Runs the loop.
    /// - Throws: when the crasher folder cannot be read or written, or `asl` cannot be started.
    public func run() throws -> Report {
        var report = Report()
        let saved = try store.load()
        // A hang has no message to tell one from another: only its exact case (folder name) is
        // known, and one run saves at most one. Every other crash is known by its signature.
        var known = Set(saved.compactMap(\.signature).filter { !$0.hasPrefix("hang") })
        let knownCases = Set(saved.map(\.name))
        var savedAHang = false
        var random = FuzzRandom(seed: options.seed)
        let start = ContinuousClock.now
        let limit = Duration.milliseconds(Int64(options.timeLimit * 1000))
        for iteration in 0..<options.iterations {
            if ContinuousClock.now - start > limit {
                log("time limit of \(options.timeLimit) s reached after \(iteration) iterations")
                break
            }
            report.iterations += 1
            for fuzzCase in Self.cases(iteration: iteration, seeds: seeds, random: &random) {
                let result: CaseResult
                do {
                    result = try runner.run(fuzzCase)
                } catch {
                    log("iteration \(iteration): could not run the case: \(error)")
                    continue
                }
                report.invocations += 1
                let quotasLiftedHang = result.outcome.isHang && fuzzCase.liftsQuotas
                let outcome = quotasLiftedHang ? "ran past the time limit with quotas lifted" : "\(result.outcome)"
                report.outcomes["\(fuzzCase.command): \(outcome)", default: 0] += 1
                if options.verbose {
                    let last = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
                    log("iteration \(iteration) \(fuzzCase.command) \(result.outcome): \(last.prefix(300))")
                }
                guard result.outcome.isCrash else { continue }
                // With AWS's quotas lifted nothing bounds the work: a loop of Pass states, or 10^8
                // retries inside the one-year deadline, runs as long as asked. Not a defect.
                if quotasLiftedHang { continue }
                let signature = result.signature
                let isKnown =
                    result.outcome.isHang
                    ? (savedAHang || knownCases.contains(fuzzCase.shortHash)) : known.contains(signature)
                if isKnown {
                    report.knownCrashes += 1
                    log("iteration \(iteration): known crash (\(signature))")
                    continue
                }
                if result.outcome.isHang { savedAHang = true } else { known.insert(signature) }
                let finding = try keep(fuzzCase, result: result, iteration: iteration)
                report.newCrashers.append(finding)
                log("iteration \(iteration): NEW crasher \(result.outcome) saved in \(finding.folder.path)")
                log("  \(signature)")
            }
        }
        return report
    }

    /// Minimizes (unless it hung), reruns with Swift's backtrace on, and saves.
    private func keep(_ fuzzCase: FuzzCase, result: CaseResult, iteration: Int) throws -> Finding {
        var kept = fuzzCase
        if options.minimize && !result.outcome.isHang {
            kept = Minimizer(runner: runner).minimize(fuzzCase, signature: result.signature)
        }
        var traced = runner
        traced.backtraces = true
        traced.timeout = max(runner.timeout, 60)
        // A hang is killed, so the backtracer has nothing to say: it is not run again.
        var final = result.outcome.isHang ? result : ((try? traced.run(kept)) ?? result)
        if !final.outcome.isCrash {
            // Flaky under the backtracer: keep what the first run printed.
            final = result
        }
        let folder = try store.save(
            kept, result: final, origin: "asl-fuzz --seed \(options.seed), iteration \(iteration)")
        return Finding(folder: folder, signature: result.signature, outcome: result.outcome)
    }
}
