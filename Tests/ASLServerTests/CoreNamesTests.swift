import Foundation
import JSONCore
import StatesRuntime
import Testing

@testable import ASLServer

@Suite struct CoreNamesTests {
    static let valid = ["a", "Orders-2024_v1.final", "café", String(repeating: "n", count: 80), "名前"]
    static let invalid = [
        "", String(repeating: "n", count: 81), "a b", "a\tb", "a<b", "a{b", "a[b", "a?b", "a*b", "a\"b", "a#b",
        "a%b", "a\\b", "a^b", "a|b", "a~b", "a`b", "a$b", "a&b", "a,b", "a;b", "a:b", "a/b", "a\u{7}b",
        "a\u{85}b",
    ]

    @Test(arguments: valid) func accepts(_ name: String) {
        #expect(CoreNames.isValid(name))
    }

    @Test(arguments: invalid) func refuses(_ name: String) {
        #expect(!CoreNames.isValid(name))
    }

    @Test func arnsAreParsedWithAWSErrors() throws {
        let arn = try StatesARN.parse("arn:aws:states:eu-west-1:111122223333:execution:M:e", expecting: "execution")
        #expect(arn.region == "eu-west-1")
        #expect(arn.parts == ["M", "e"])
        #expect(throws: ServiceError.invalidArn("Invalid ARN prefix: x")) { try StatesARN.parse("x") }
        #expect(throws: ServiceError.invalidArn("Resource type not valid in this context: activity")) {
            try StatesARN.parse("arn:aws:states:us-east-1:1:activity:A", expecting: "stateMachine")
        }
    }

    @Test func uuidsAreVersion4AndDeterministic() {
        var first = RandomSource(seed: 3)
        var second = RandomSource(seed: 3)
        let uuid = CoreNames.uuid(using: &first)
        #expect(uuid == CoreNames.uuid(using: &second))
        #expect(uuid.count == 36)
        #expect(Array(uuid)[14] == "4")
        #expect(CoreNames.seed(1, name: "a") != CoreNames.seed(1, name: "b"))
        #expect(CoreNames.seed(1, name: "a") == CoreNames.seed(1, name: "a"))
    }

    @Test func wireTimestampsHaveThreeDecimals() {
        #expect(CoreTime.wire(Date(timeIntervalSince1970: 1.5)).numberValue?.description == "1.500")
        #expect(
            CoreTime.wire(Date(timeIntervalSince1970: 1_700_000_000.25)).numberValue?.description == "1700000000.250")
    }
}
