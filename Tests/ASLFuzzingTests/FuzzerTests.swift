import ASLFuzzing
import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

@Suite struct FuzzerTests {
    static let seeds = SeedCorpus.all(folders: [
        Fixtures.url("asl"), Fixtures.packageRoot.appendingPathComponent("Examples"),
    ])

    @Test func everyGeneratedSeedReads() {
        #expect(GeneratedSeeds.all.count == GeneratedSeeds.texts.count)
        let types = Set(
            GeneratedSeeds.all.flatMap { seed in
                (seed.definition["States"]?.objectValue?.values ?? []).compactMap { $0["Type"]?.stringValue }
            })
        #expect(types.isSuperset(of: ["Pass", "Wait", "Choice", "Map", "Parallel", "Succeed", "Fail", "Task"]))
    }

    @Test func theCorpusHoldsTheFixturesAndExamples() {
        #expect(Self.seeds.contains { $0.name.hasSuffix("clickstream/state_machine_definition.json") })
        #expect(Self.seeds.contains { $0.name.hasSuffix("runs/map-inline/definition.asl.json") })
        #expect(!Self.seeds.contains { $0.name.contains("/crashers/") })
    }

    @Test func aSeedNamesOneSequenceOfCases() {
        func sequence(_ seed: UInt64) -> [FuzzCase] {
            var random = FuzzRandom(seed: seed)
            return (0..<40).flatMap { Fuzzer.cases(iteration: $0, seeds: Self.seeds, random: &random) }
        }
        #expect(sequence(7) == sequence(7))
        #expect(sequence(7) != sequence(8))
    }

    @Test func everyRunUsesTheVirtualClockAndATemporaryDataDirectory() {
        var random = FuzzRandom(seed: 3)
        let cases = (0..<200).flatMap { Fuzzer.cases(iteration: $0, seeds: Self.seeds, random: &random) }
        let runs = cases.filter { $0.command == "run" }
        #expect(runs.count == 200)
        for run in runs {
            let arguments = run.arguments
            let clock = arguments.firstIndex(of: "--clock").map { arguments[$0 + 1] }
            #expect(clock == "virtual")
            #expect(arguments.contains(FuzzCase.dataDirectoryPlaceholder))
        }
        // Most definitions differ from their seed.
        let seedTexts = Set(Self.seeds.map { JSONWriter.prettyBytes($0.definition) })
        let validates = cases.filter { $0.command == "validate" }
        #expect(validates.count == 200)
        #expect(validates.filter { !seedTexts.contains($0.definition) }.count > 150)
        #expect(runs.filter { !seedTexts.contains($0.definition) }.count > 120)
        // Runs use only seeds without a Task state (no handler serves one without a configuration).
        #expect(runs.allSatisfy { !String(decoding: $0.definition, as: UTF8.self).contains("\"Task\"") })
    }

    @Test func placeholdersResolveInsideTheCaseFolder() {
        let fuzzCase = FuzzCase(
            definition: [], input: Array("{\"a\":1}".utf8),
            arguments: ["run", "{definition}", "--input", "{inputText}", "--data-dir", "{dataDir}", "--x"])
        #expect(
            fuzzCase.resolvedArguments(in: "/tmp/c")
                == ["run", "/tmp/c/definition.json", "--input", "{\"a\":1}", "--data-dir", "/tmp/c/data", "--x"])
        #expect(fuzzCase.shortHash.count == 12)
        var other = fuzzCase
        other.input = Array("{}".utf8)
        #expect(other.shortHash != fuzzCase.shortHash)
    }

    @Test func aSavedCrasherLoadsBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asl-fuzz-store-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CrasherStore(folder: folder)
        #expect(try store.load().isEmpty)
        let fuzzCase = FuzzCase(
            definition: Array("{}".utf8), input: Array("[1]".utf8), arguments: ["validate", "{definition}"])
        let result = CaseResult(
            outcome: .signaled(4), standardOutput: "",
            standardError: "/x/Sources/StatesRuntime/T.swift:3: Fatal error: boom\n")
        let saved = try store.save(fuzzCase, result: result, origin: "a test")
        #expect(saved.lastPathComponent == fuzzCase.shortHash)
        let loaded = try #require(try store.load().first)
        #expect(loaded.fuzzCase == fuzzCase)
        #expect(loaded.signature == "SIGILL: StatesRuntime/T.swift:3: Fatal error: boom")
        // The replay verdict fails on the crash it recorded.
        #expect(!CrasherReplay.problems(loaded, result).isEmpty)
        #expect(
            CrasherReplay.problems(loaded, CaseResult(outcome: .exited(1), standardOutput: "", standardError: ""))
                .isEmpty)
    }

    @Test func expectationsCompareStatusAndText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asl-fuzz-expect-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CrasherStore(folder: folder)
        let fuzzCase = FuzzCase(definition: Array("{}".utf8), input: [], arguments: ["run", "{definition}"])
        let saved = try store.save(
            fuzzCase, result: CaseResult(outcome: .exited(3), standardOutput: "", standardError: ""), origin: "t")
        try Data(#"{"exitCode": 1, "stdoutContains": "States.Runtime"}"#.utf8)
            .write(to: saved.appendingPathComponent("expected.json"))
        let loaded = try #require(try store.load().first)
        let good = CaseResult(outcome: .exited(1), standardOutput: "{\"error\":\"States.Runtime\"}", standardError: "")
        #expect(CrasherReplay.problems(loaded, good).isEmpty)
        let wrongStatus = CaseResult(outcome: .exited(0), standardOutput: "States.Runtime", standardError: "")
        #expect(CrasherReplay.problems(loaded, wrongStatus).count == 1)
        let wrongText = CaseResult(outcome: .exited(1), standardOutput: "{}", standardError: "")
        #expect(CrasherReplay.problems(loaded, wrongText).count == 1)
    }
}

/// The run cases are worth running only if the validator lets most of them through.
@Suite struct RunMutatorTests {
    @Test func mostRunDefinitionsStayValid() {
        var random = FuzzRandom(seed: 11)
        var valid = 0
        var total = 0
        for seed in GeneratedSeeds.all where !seed.hasTask {
            for _ in 0..<25 {
                let bytes = RunMutator.mutate(seed.definition, using: &random)
                let result = DefinitionAnalyzer.analyze(SourceFile(path: seed.name, bytes: bytes))
                if !result.hasErrors { valid += 1 }
                total += 1
            }
        }
        #expect(total == 200)
        #expect(valid * 2 > total, "only \(valid) of \(total) mutated definitions are valid")
    }

    @Test func waitKeepsExactlyOneForm() throws {
        var random = FuzzRandom(seed: 5)
        let seed = try #require(GeneratedSeeds.all.first { $0.name == "generated/wait-forms" })
        for _ in 0..<50 {
            let value = try JSONReader.read(RunMutator.mutate(seed.definition, using: &random)).value
            for state in value["States"]?.objectValue?.values ?? [] where state["Type"] == "Wait" {
                let forms = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter { state[$0] != nil }
                #expect(forms.count == 1, "\(JSONWriter.compact(state))")
            }
        }
    }
}
