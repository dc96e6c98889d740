import JSONCore
import StatesLanguage
import StatesRuntime
import Testing

@Suite struct WaitValuesTests {
    static let seconds: [(JSON, Int64?)] = [(5, 5), (0, 0), (-1, nil), ("5", nil), (1.5, nil), (nil, nil), (true, nil)]

    @Test(arguments: Self.seconds)
    func readsSeconds(_ value: JSON, _ expected: Int64?) throws {
        let path = try Path.parse("$.s")
        if let expected {
            #expect(try WaitValues.seconds(value, path: path) == expected)
        } else {
            let error = #expect(throws: StatesError.self) { try WaitValues.seconds(value, path: path) }
            #expect(error?.name == .runtime)
            #expect(error?.cause?.hasPrefix("The SecondsPath parameter") == true)
        }
    }

    @Test func negativeSecondsHaveTheirOwnCause() throws {
        let error = #expect(throws: StatesError.self) { try WaitValues.seconds(-3, path: try Path.parse("$.s")) }
        #expect(error?.cause == "The SecondsPath parameter references a negative value: $.s == -3")
    }

    @Test func readsTimestampsTruncatedToSeconds() throws {
        let path = try Path.parse("$.t")
        let timestamp = try WaitValues.timestamp("2016-03-14T03:59:00.900+02:00", path: path)
        #expect(timestamp.description == "2016-03-14T01:59:00.000Z")
        let error = #expect(throws: StatesError.self) { try WaitValues.timestamp(5, path: path) }
        #expect(
            error?.cause
                == "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format "
                + "string: $.t == 5")
    }

    @Test func timeoutsMustBePositive() throws {
        let path = try Path.parse("$.t")
        #expect(try WaitValues.positiveSeconds(30, field: "TimeoutSecondsPath", path: path) == 30)
        for bad: JSON in [0, -1, "30", 2.5] {
            #expect(throws: StatesError.self) {
                try WaitValues.positiveSeconds(bad, field: "HeartbeatSecondsPath", path: path)
            }
        }
    }
}
