import StatesRuntime
import Testing

@testable import ASLServer

/// Seeded mutation fuzzing of the request parser: thousands of damaged requests, fed in random
/// pieces. Each must end in requests, a need for more bytes, or an error — never a crash, a
/// hang, or a request that breaks the limits.
@Suite struct HTTPParserFuzzTests {
    static let seeds: [String] = [
        "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.1\r\n\r\n",
        "POST /x?y=z HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
    ]

    static let fragments: [String] = [
        "\r\n", "\n", "\r", ":", " ", "\t", "Transfer-Encoding: chunked\r\n", "Content-Length: 7\r\n", "0\r\n\r\n",
        "ffffffffffffffff\r\n", "Content-Length: 18446744073709551616\r\n", "HTTP/9.9", "Expect: 100-continue\r\n",
        ";", "\u{0}", "\u{7F}", "é",
    ]

    static func mutate(_ input: [UInt8], _ random: inout RandomSource) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.below(4)) {
            switch random.below(6) {
            case 0 where !bytes.isEmpty:
                bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            case 1:
                bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(bytes.count + 1))
            case 2 where !bytes.isEmpty:
                let start = random.below(bytes.count)
                let end = min(bytes.count, start + random.below(16) + 1)
                bytes.removeSubrange(start..<end)
            case 3 where !bytes.isEmpty:
                let start = random.below(bytes.count)
                let end = min(bytes.count, start + random.below(32) + 1)
                bytes.insert(contentsOf: bytes[start..<end], at: random.below(bytes.count + 1))
            default:
                let fragment = fragments[random.below(fragments.count)]
                bytes.insert(contentsOf: Array(fragment.utf8), at: random.below(bytes.count + 1))
            }
        }
        return bytes
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func mutatedRequestsNeverCrash(seed: UInt64) {
        var random = RandomSource(seed: seed)
        let limits = HTTPLimits(maxHeaderBytes: 256, maxHeaderCount: 12, maxBodyBytes: 64)
        let statuses: Set<Int> = [400, 413, 417, 431, 501, 505]
        for _ in 0..<2_500 {
            let base = Array(Self.seeds[random.below(Self.seeds.count)].utf8)
            let bytes = Self.mutate(base, &random)
            var parser = HTTPRequestParser(limits: limits)
            var offset = 0
            var events = 0
            feeding: while offset < bytes.count {
                let size = 1 + random.below(24)
                parser.append(bytes[offset..<min(bytes.count, offset + size)])
                offset += size
                while true {
                    events += 1
                    // Every event but needMore consumes input or ends the parse; more events
                    // than bytes would mean a loop that does not advance.
                    guard events <= 2 * bytes.count + 2 else {
                        Issue.record("parser does not advance on \(bytes)")
                        return
                    }
                    switch parser.next() {
                    case .needMore:
                        continue feeding
                    case .continueExpected:
                        continue
                    case .request(let request):
                        #expect(request.body.count <= limits.maxBodyBytes)
                        #expect(!request.method.isEmpty && !request.target.isEmpty)
                    case .failed(let error):
                        #expect(statuses.contains(error.status), "status \(error.status) for \(bytes)")
                        break feeding
                    }
                }
            }
        }
    }
}

extension RandomSource {
    /// A number in `0..<bound` (0 when `bound` is not positive).
    fileprivate mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}
