import Testing

@testable import ASLServer

@Suite struct HTTPRequestParserTests {
    /// What feeding some bytes produced, in order.
    enum Outcome: Equatable, CustomStringConvertible {
        case request(method: String, target: String, body: String, keepsAlive: Bool)
        case continueExpected
        case failed(status: Int)

        var description: String {
            switch self {
            case .request(let method, let target, let body, let keepsAlive):
                "\(method) \(target) body=\(body.debugDescription) keepAlive=\(keepsAlive)"
            case .continueExpected: "100-continue"
            case .failed(let status): "failed \(status)"
            }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var expected: [Outcome]
        var limits = HTTPLimits()
        var testDescription: String { name }
    }

    static func run(_ pieces: [[UInt8]], limits: HTTPLimits = HTTPLimits()) -> [Outcome] {
        var parser = HTTPRequestParser(limits: limits)
        var outcomes: [Outcome] = []
        feeding: for piece in pieces {
            parser.append(piece)
            while true {
                switch parser.next() {
                case .needMore: continue feeding
                case .continueExpected: outcomes.append(.continueExpected)
                case .request(let request):
                    outcomes.append(
                        .request(
                            method: request.method, target: request.target,
                            body: String(decoding: request.body, as: UTF8.self), keepsAlive: request.keepsAlive))
                case .failed(let error):
                    outcomes.append(.failed(status: error.status))
                    break feeding
                }
            }
        }
        return outcomes
    }

    static let post = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
    static let chunked =
        "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"

    static let cases: [Case] = [
        Case(
            name: "plain GET, no Host", input: "GET / HTTP/1.1\r\n\r\n",
            expected: [.request(method: "GET", target: "/", body: "", keepsAlive: true)]),
        Case(
            name: "Content-Length body", input: post,
            expected: [.request(method: "POST", target: "/", body: "{}", keepsAlive: true)]),
        Case(
            name: "chunked body with extension and trailer", input: chunked,
            expected: [.request(method: "POST", target: "/c", body: "abcde", keepsAlive: true)]),
        Case(
            name: "pipelined requests",
            input: post + "GET /2 HTTP/1.1\r\nConnection: close\r\n\r\n" + chunked,
            expected: [
                .request(method: "POST", target: "/", body: "{}", keepsAlive: true),
                .request(method: "GET", target: "/2", body: "", keepsAlive: false),
                .request(method: "POST", target: "/c", body: "abcde", keepsAlive: true),
            ]),
        Case(
            name: "bare LF line ends", input: "POST / HTTP/1.1\nContent-Length: 1\n\nx",
            expected: [.request(method: "POST", target: "/", body: "x", keepsAlive: true)]),
        Case(
            name: "empty lines before the request line", input: "\r\n\r\nGET / HTTP/1.1\r\n\r\n",
            expected: [.request(method: "GET", target: "/", body: "", keepsAlive: true)]),
        Case(
            name: "header names in any case", input: "POST / HTTP/1.1\r\ncOnTeNt-LeNgTh: 3\r\n\r\nabc",
            expected: [.request(method: "POST", target: "/", body: "abc", keepsAlive: true)]),
        Case(
            name: "HTTP/1.0 closes by default", input: "GET / HTTP/1.0\r\n\r\n",
            expected: [.request(method: "GET", target: "/", body: "", keepsAlive: false)]),
        Case(
            name: "HTTP/1.0 keep-alive", input: "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            expected: [.request(method: "GET", target: "/", body: "", keepsAlive: true)]),
        Case(
            name: "Connection: close", input: "GET / HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n",
            expected: [.request(method: "GET", target: "/", body: "", keepsAlive: false)]),
        Case(
            name: "100-continue before the body",
            input: "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n", expected: [.continueExpected]
        ),
        Case(
            name: "100-continue with the body already there",
            input: "POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nok",
            expected: [.request(method: "POST", target: "/", body: "ok", keepsAlive: true)]),
        Case(
            name: "equal repeated Content-Length",
            input: "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
            expected: [.request(method: "POST", target: "/", body: "x", keepsAlive: true)]),
        // Errors.
        Case(name: "two words", input: "GET /\r\n\r\n", expected: [.failed(status: 400)]),
        Case(name: "double space", input: "GET  / HTTP/1.1\r\n\r\n", expected: [.failed(status: 400)]),
        Case(name: "lowercase version", input: "GET / http/1.1\r\n\r\n", expected: [.failed(status: 400)]),
        Case(name: "HTTP/2.0", input: "GET / HTTP/2.0\r\n\r\n", expected: [.failed(status: 505)]),
        Case(name: "method with a slash", input: "G/T / HTTP/1.1\r\n\r\n", expected: [.failed(status: 400)]),
        Case(
            name: "control character in target", input: "GET /\u{01} HTTP/1.1\r\n\r\n", expected: [.failed(status: 400)]
        ),
        Case(name: "header without colon", input: "GET / HTTP/1.1\r\nHost x\r\n\r\n", expected: [.failed(status: 400)]),
        Case(name: "space before colon", input: "GET / HTTP/1.1\r\nHost : x\r\n\r\n", expected: [.failed(status: 400)]),
        Case(name: "folded header", input: "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n", expected: [.failed(status: 400)]),
        Case(name: "NUL in a value", input: "GET / HTTP/1.1\r\nA: b\u{0}c\r\n\r\n", expected: [.failed(status: 400)]),
        Case(
            name: "negative Content-Length", input: "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            expected: [.failed(status: 400)]),
        Case(
            name: "differing Content-Length",
            input: "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nx",
            expected: [.failed(status: 400)]),
        Case(
            name: "huge Content-Length", input: "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            expected: [.failed(status: 400)]),
        Case(
            name: "Content-Length and chunked",
            input: "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
            expected: [.failed(status: 400)]),
        Case(
            name: "gzip, chunked", input: "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            expected: [.failed(status: 501)]),
        Case(
            name: "chunked not last", input: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            expected: [.failed(status: 400)]),
        Case(
            name: "chunked on HTTP/1.0", input: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
            expected: [.failed(status: 400)]),
        Case(
            name: "bad chunk size", input: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            expected: [.failed(status: 400)]),
        Case(
            name: "chunk without CRLF", input: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n",
            expected: [.failed(status: 400)]),
        Case(
            name: "Expect other than 100-continue", input: "POST / HTTP/1.1\r\nExpect: teapot\r\n\r\n",
            expected: [.failed(status: 417)]),
        Case(
            name: "headers over the limit",
            input: "GET / HTTP/1.1\r\nA: " + String(repeating: "a", count: 200) + "\r\n\r\n",
            expected: [.failed(status: 431)], limits: HTTPLimits(maxHeaderBytes: 100)),
        Case(
            name: "headers over the limit, end not yet seen",
            input: "GET / HTTP/1.1\r\nA: " + String(repeating: "a", count: 200),
            expected: [.failed(status: 431)], limits: HTTPLimits(maxHeaderBytes: 100)),
        Case(
            name: "too many headers", input: "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n",
            expected: [.failed(status: 431)], limits: HTTPLimits(maxHeaderCount: 2)),
        Case(
            name: "Content-Length over the body limit", input: "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n",
            expected: [.failed(status: 413)], limits: HTTPLimits(maxBodyBytes: 10)),
        Case(
            name: "Expect with too large a body: 413, no 100",
            input: "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n",
            expected: [.failed(status: 413)], limits: HTTPLimits(maxBodyBytes: 10)),
        Case(
            name: "chunks over the body limit",
            input: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n",
            expected: [.failed(status: 413)], limits: HTTPLimits(maxBodyBytes: 10)),
    ]

    @Test(arguments: cases)
    func wholeInput(_ c: Case) {
        #expect(Self.run([Array(c.input.utf8)], limits: c.limits) == c.expected)
    }

    /// The same outcomes however the bytes are split in two, and one byte at a time.
    @Test(arguments: cases)
    func splitAtEveryBoundary(_ c: Case) {
        let bytes = Array(c.input.utf8)
        // A split can only add a 100-continue cue (the body not yet seen when the headers are).
        let expected = c.expected.filter { $0 != .continueExpected }
        for split in 0...bytes.count {
            let outcomes = Self.run([Array(bytes[..<split]), Array(bytes[split...])], limits: c.limits)
            #expect(outcomes.filter { $0 != .continueExpected } == expected, "split at \(split)")
        }
        let oneByOne = Self.run(bytes.map { [$0] }, limits: c.limits)
        #expect(oneByOne.filter { $0 != .continueExpected } == expected, "one byte at a time")
    }

    @Test func needsMoreUntilTheBodyArrives() {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab".utf8))
        #expect(parser.next() == .needMore)
        #expect(parser.isMidRequest)
        #expect(!parser.isReadingHead)
        parser.append(Array("cd".utf8))
        guard case .request(let request) = parser.next() else {
            Issue.record("no request")
            return
        }
        #expect(request.body == Array("abcd".utf8))
        #expect(!parser.isMidRequest)
    }

    @Test func errorsAreFinal() {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n\r\nGET / HTTP/1.1\r\n\r\n".utf8))
        #expect(parser.next() == .failed(HTTPParseError(.malformedRequestLine)))
        #expect(parser.next() == .failed(HTTPParseError(.malformedRequestLine)))
    }

    @Test func headersKeepOrderAndCase() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET /p?q=1 HTTP/1.1\r\nX-Amz-Target: A\r\nx-amz-target: B\r\n\r\n".utf8))
        guard case .request(let request) = parser.next() else {
            Issue.record("no request")
            return
        }
        #expect(request.headers["X-AMZ-TARGET"] == "A")
        #expect(request.headers.values("x-amz-target") == ["A", "B"])
        #expect(request.path == "/p")
        #expect(request.query == "q=1")
    }
}
