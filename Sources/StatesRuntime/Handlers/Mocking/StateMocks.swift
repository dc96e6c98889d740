public import JSONCore
import StatesLanguage
import Synchronization

/// What one invocation of a mocked Task state answers: Step Functions Local's `Return` (the
/// service's response, which then goes through `ResultSelector`, `ResultPath`, `OutputPath`, or
/// `Output`, like a real one) or `Throw` (an error `Retry` and `Catch` see as the service's).
///
/// Source: AWS developer guide, "Configuration file for mocked service integrations"
/// (`sfn-local-mock-cfg-file`), "Return" and "Throw"; SPEC-NOTES.md §14.2.
public enum MockedResponse: Sendable, Hashable {
    case `return`(JSON)
    case `throw`(error: String, cause: String?)
}

/// The responses of one mocked Task state by invocation number: SFN Local's mocked-response
/// object (`"0"`, `"1-2"`, `"3"` → `Return`/`Throw`).
///
/// Invocations are counted from 0 per state name across the whole execution: every attempt
/// (retries included) and every Map iteration takes the next number (SPEC-NOTES.md §14.2).
public struct MockedResponses: Sendable, Hashable {
    /// Invocations `first...last` answer `response`.
    public struct Entry: Sendable, Hashable {
        public var first: Int
        public var last: Int
        public var response: MockedResponse

        public init(first: Int, last: Int, response: MockedResponse) {
            self.first = first
            self.last = last
            self.response = response
        }
    }

    /// The mocked response's name (SFN Local's `MockedResponses` key), for messages.
    public var name: String
    /// Sorted by ``Entry/first``.
    public private(set) var entries: [Entry]

    /// - Precondition: none; entries are sorted here. Use ``gapProblem(_:)`` to check numbering.
    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries.sorted { $0.first < $1.first }
    }

    /// One response for the first invocation only (the test file's shorthand).
    public init(name: String, single response: MockedResponse) {
        self.init(name: name, entries: [Entry(first: 0, last: 0, response: response)])
    }

    /// How many invocations have a response (numbering is consecutive from 0).
    public var invocationCount: Int { entries.last.map { $0.last + 1 } ?? 0 }

    /// The response for invocation `number` (from 0), or `nil` when none is given.
    public func response(forInvocation number: Int) -> MockedResponse? {
        entries.first { $0.first <= number && number <= $0.last }?.response
    }

    /// Parses an attempt key: `"3"` or an inclusive range `"1-2"` (first ≤ last), decimal digits
    /// only. `nil` for anything else.
    public static func attemptRange(_ key: String) -> ClosedRange<Int>? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part)
            else { return nil }
            numbers.append(value)
        }
        guard let first = numbers.first, let last = numbers.last, first <= last else { return nil }
        return first...last
    }

    /// Why these ranges cannot number invocations, or `nil`: they must start at 0 and follow one
    /// another without gap or overlap, as SFN Local requires ("you must denote mocks for retries
    /// with consecutive attempt numbers").
    public static func gapProblem(_ ranges: [ClosedRange<Int>]) -> String? {
        var expected = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound < expected {
                return "invocation \(range.lowerBound) is given twice"
            }
            if range.lowerBound > expected {
                return "invocation \(expected) has no response (invocations are numbered from 0 without gaps)"
            }
            expected = range.upperBound + 1
        }
        return nil
    }
}

/// Mocked Task states of one execution, by state name, whatever their `Resource`: a mocked state
/// never reaches a ``TaskHandler`` (``ExecutionOptions/mocks``).
public struct StateMocks: Sendable, Hashable {
    /// State names are told apart by their code units, as AWS tells states apart (SPEC-NOTES §1
    /// "String equality"); a `String` subscript reads and writes it.
    public var byState: [CodeUnitString: MockedResponses]
    /// Where the mocks were written, so that a state left unmocked, or a mocked response too
    /// short, fails with advice for the file the user edits (SPEC-NOTES.md §18.6).
    public var origin: MockOrigin = .testFile

    public init(_ byState: [CodeUnitString: MockedResponses] = [:]) {
        self.byState = byState
    }

    /// Mocks from a `String`-keyed dictionary (which cannot hold two canonically equivalent names).
    public init(_ byState: [String: MockedResponses]) {
        self.byState = [:]
        for (name, responses) in byState { self.byState[CodeUnitString(name)] = responses }
    }

    public subscript(stateName: String) -> MockedResponses? {
        get { byState[stateName] }
        set { byState[stateName] = newValue }
    }

    public var isEmpty: Bool { byState.isEmpty }
}

/// Where a set of ``StateMocks`` was written.
public enum MockOrigin: Sendable, Hashable {
    /// The `"mocks"` of an `asl test` case (the default).
    case testFile
    /// A test case of a Step Functions Local mock configuration file (`asl serve --mock-config`,
    /// a StartExecution on `<stateMachineArn>#<testCase>`).
    case mockConfiguration(stateMachine: String, testCase: String)
}

/// Numbers the invocations of mocked states in one execution (shared by every Map iteration and
/// Parallel branch of it).
final class MockInvocations: Sendable {
    private let counts = Mutex<[CodeUnitString: Int]>([:])

    /// The next invocation number of `stateName`, from 0.
    func next(_ stateName: String) -> Int {
        counts.withLock { counts in
            let number = counts[CodeUnitString(stateName), default: 0]
            counts[CodeUnitString(stateName)] = number + 1
            return number
        }
    }
}

/// Answers one invocation with its mocked response.
struct MockedTaskHandler: TaskHandler {
    var response: MockedResponse

    func handle(_ request: TaskRequest) async throws -> JSON {
        switch response {
        case .return(let value):
            return value
        case .throw(let error, let cause):
            throw StatesError(StatesErrorName(error), cause)
        }
    }
}
