public import Foundation
public import JSONCore
public import StatesLanguage

/// One case ready to run: the machine, the handlers for states it does not mock, and what to
/// expect.
public struct PreparedTestCase: Sendable {
    /// Identifies the case in reports (`file` + `name`).
    public var file: String
    public var name: String
    public var machine: ResolvedStateMachine
    public var handlers: HandlerRegistry
    /// Base options (machine name, region, account, quotas); the runner sets the clock, seed,
    /// history and mocks.
    public var options: ExecutionOptions
    public var input: JSON
    public var mocks: StateMocks
    public var expectation: TestExpectation

    public init(
        file: String, name: String, machine: ResolvedStateMachine, handlers: HandlerRegistry,
        options: ExecutionOptions = ExecutionOptions(), input: JSON, mocks: StateMocks, expectation: TestExpectation
    ) {
        self.file = file
        self.name = name
        self.machine = machine
        self.handlers = handlers
        self.options = options
        self.input = input
        self.mocks = mocks
        self.expectation = expectation
    }
}

/// How one case ended.
public struct TestCaseResult: Sendable {
    public var file: String
    public var name: String
    public var execution: ExecutionResult
    /// Unmet expectations; empty when the case passed.
    public var failures: [TestFailure]
    public var passed: Bool { failures.isEmpty }
}

/// Runs test cases, at most `maximumConcurrency` at once, each on its own virtual clock with a
/// seed fixed by its file and name, history on.
public enum TestRunner {
    /// Where every case's virtual clock starts (2026-01-01T00:00:00Z), so timestamps, and
    /// anything derived from them, are the same on every run.
    public static let startDate = Date(timeIntervalSince1970: 1_767_225_600)

    /// Called for each case with its index before it runs, to add options (an execution
    /// observer for coverage, say).
    public typealias Prepare = @Sendable (_ index: Int, _ options: inout ExecutionOptions) -> Void

    /// Runs `cases`; results are in the order of `cases`.
    public static func run(
        _ cases: [PreparedTestCase], maximumConcurrency: Int = 2, prepare: Prepare? = nil
    ) async -> [TestCaseResult] {
        var results = [TestCaseResult?](repeating: nil, count: cases.count)
        let width = max(1, maximumConcurrency)
        await withTaskGroup(of: (Int, TestCaseResult).self) { group in
            var next = 0
            func start() {
                guard next < cases.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await run(cases[index], index: index, prepare: prepare)) }
            }
            for _ in 0..<width { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                start()
            }
        }
        return results.compactMap { $0 }
    }

    /// Runs one case.
    public static func run(_ testCase: PreparedTestCase, index: Int = 0, prepare: Prepare? = nil) async
        -> TestCaseResult
    {
        var options = testCase.options
        options.clock = VirtualClock(start: startDate)
        options.seed = seed(file: testCase.file, caseName: testCase.name)
        options.recordsHistory = true
        options.mocks = testCase.mocks
        options.progress = nil
        prepare?(index, &options)
        let executor = Executor(machine: testCase.machine, handlers: testCase.handlers, options: options)
        let result = await executor.run(input: testCase.input)
        return TestCaseResult(
            file: testCase.file, name: testCase.name, execution: result,
            failures: ExpectationChecker.check(result, against: testCase.expectation))
    }

    /// The seed of a case: FNV-1a (64 bits) of the file's name (its last path component, so
    /// `asl test dir` and `asl test ./dir/x.asl-test.json` agree), a zero byte and the case name,
    /// so a case's seed does not change when others are added or reordered.
    public static func seed(file: String, caseName: String) -> UInt64 {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(name.utf8) + [0] + Array(caseName.utf8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
