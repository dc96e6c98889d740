import StatesLanguage
import Testing

@Suite struct IntrinsicArityTests {
    struct Arity: CustomTestStringConvertible, Sendable {
        let function: IntrinsicFunction
        let accepted: [Int]
        let rejected: [Int]
        var testDescription: String { function.rawValue }
    }

    /// Argument counts from the AWS guide; all arguments are paths so only the count is checked.
    /// A count outside them still parses (AWS accepts the definition and fails the call at run
    /// time) and is listed by `argumentProblems(in:)`, which the validator reports as ASL-W301.
    static let arities: [Arity] = [
        .init(function: .format, accepted: [1, 2, 5], rejected: [0]),
        .init(function: .stringToJson, accepted: [1], rejected: [0, 2]),
        .init(function: .jsonToString, accepted: [1], rejected: [0, 2]),
        .init(function: .array, accepted: [0, 1, 7], rejected: []),
        .init(function: .arrayPartition, accepted: [2], rejected: [1, 3]),
        .init(function: .arrayContains, accepted: [2], rejected: [1, 3]),
        .init(function: .arrayRange, accepted: [3], rejected: [2, 4]),
        .init(function: .arrayGetItem, accepted: [2], rejected: [1, 3]),
        .init(function: .arrayLength, accepted: [1], rejected: [0, 2]),
        .init(function: .arrayUnique, accepted: [1], rejected: [0, 2]),
        .init(function: .base64Encode, accepted: [1], rejected: [0, 2]),
        .init(function: .base64Decode, accepted: [1], rejected: [0, 2]),
        .init(function: .hash, accepted: [2], rejected: [1, 3]),
        .init(function: .jsonMerge, accepted: [3], rejected: [2, 4]),
        .init(function: .mathRandom, accepted: [2, 3], rejected: [1, 4]),
        .init(function: .mathAdd, accepted: [2], rejected: [1, 3]),
        .init(function: .stringSplit, accepted: [2], rejected: [1, 3]),
        .init(function: .uuid, accepted: [0], rejected: [1]),
    ]

    private func call(_ function: IntrinsicFunction, _ count: Int) -> String {
        let arguments = (0..<count).map { "$.a\($0)" }.joined(separator: ", ")
        return "\(function.rawValue)(\(arguments))"
    }

    @Test(arguments: Self.arities)
    func checksArgumentCount(_ c: Arity) throws {
        for count in c.accepted {
            #expect(try IntrinsicCall.parse(call(c.function, count)).arguments.count == count)
        }
        for count in c.accepted {
            #expect(IntrinsicCall.argumentProblems(in: call(c.function, count)).isEmpty)
        }
        for count in c.rejected {
            #expect(try IntrinsicCall.parse(call(c.function, count)).arguments.count == count)
            #expect(IntrinsicCall.argumentProblems(in: call(c.function, count)).count == 1, "\(count) arguments")
        }
    }

    @Test func everyFunctionHasASignature() {
        #expect(IntrinsicFunction.allCases.count == 18)
        for function in IntrinsicFunction.allCases {
            #expect(function.signature.function == function)
        }
    }

    @Test func arityMessages() {
        #expect(
            IntrinsicCall.argumentProblems(in: "States.UUID($.a)") == [
                IntrinsicSyntaxError(message: "States.UUID takes no arguments, but 1 was given", offset: 12)
            ])
        #expect(
            IntrinsicCall.argumentProblems(in: "States.MathRandom($.a)") == [
                IntrinsicSyntaxError(message: "States.MathRandom takes 2 or 3 arguments, but 1 was given", offset: 21)
            ])
        #expect(
            IntrinsicCall.argumentProblems(in: "States.Format()") == [
                IntrinsicSyntaxError(message: "States.Format takes at least 1 argument, but 0 were given", offset: 14)
            ])
    }

    /// A nested call's problems are listed too, in text order; a text that does not parse has none.
    @Test func nestedProblemsInTextOrder() {
        #expect(
            IntrinsicCall.argumentProblems(in: "States.Array(States.UUID(1), States.MathAdd(1, 'a'))") == [
                IntrinsicSyntaxError(message: "States.UUID takes no arguments, but 1 was given", offset: 25),
                IntrinsicSyntaxError(
                    message: "argument 2 of States.MathAdd must be a number, not a string", offset: 47),
            ])
        #expect(IntrinsicCall.argumentProblems(in: "States.UUID(1").isEmpty)
    }
}
