import Foundation
import JSONCore
import Testing

@testable import ASLServer

/// The server over real loopback sockets with a fake service.
@Suite struct ServerTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        let service = FakeService()
        try await withServer([service]) { port, _ in
            let statuses = await onThread { () -> [Int] in
                guard let client = RawClient(port: port) else { return [] }
                var statuses: [Int] = []
                for _ in 0..<3 {
                    client.send(apiRequest("ListStateMachines"))
                    statuses.append(client.readResponse()?.status ?? -1)
                }
                // Pipelined: two requests in one write, two answers in order.
                client.send(apiRequest("ListStateMachines") + apiRequest("DescribeStateMachine"))
                statuses.append(client.readResponse()?.status ?? -1)
                statuses.append(client.readResponse()?.status ?? -1)
                return statuses
            }
            #expect(statuses == [200, 200, 200, 200, 400])
        }
    }

    @Test func responsesCarryAWSHeaders() async throws {
        try await withServer([FakeService()]) { port, _ in
            let response = await onThread { () -> RawResponse? in
                guard let client = RawClient(port: port) else { return nil }
                client.send(apiRequest("ListStateMachines"))
                return client.readResponse()
            }
            let answer = try #require(response)
            #expect(answer.headers["Content-Type"] == "application/x-amz-json-1.0")
            #expect(answer.headers["x-amzn-RequestId"].flatMap(UUID.init(uuidString:)) != nil)
            #expect(answer.headers["Date"]?.hasSuffix(" GMT") == true)
            #expect(answer.headers["Content-Length"] == String(answer.body.count))
            #expect(answer.json == (try JSONReader.read(FakeService.listAnswer).value))
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withServer([FakeService()]) { port, _ in
            let (response, closed) = await onThread { () -> (RawResponse?, Bool) in
                guard let client = RawClient(port: port) else { return (nil, false) }
                client.send(apiRequest("ListStateMachines", extraHeaders: ["Connection: close"]))
                return (client.readResponse(), client.isClosedByServer())
            }
            #expect(response?.status == 200)
            #expect(response?.headers["Connection"] == "close")
            #expect(closed)
        }
    }

    @Test func oversizedBodyIsRefusedWith413AndClosed() async throws {
        try await withServer([FakeService()], configuration: configured { $0.http.limits.maxBodyBytes = 1024 }) {
            port, _ in
            let (response, closed) = await onThread { () -> (RawResponse?, Bool) in
                guard let client = RawClient(port: port) else { return (nil, false) }
                // Only the headers are sent: the length alone is enough to refuse.
                client.send(
                    "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.Echo\r\nContent-Length: 4096\r\n\r\n")
                return (client.readResponse(), client.isClosedByServer())
            }
            #expect(response?.status == 413)
            #expect(response?.headers["Connection"] == "close")
            #expect(closed)
        }
    }

    @Test func expect100ContinueGetsAnInterimResponse() async throws {
        try await withServer([FakeService()]) { port, _ in
            let statuses = await onThread { () -> [Int] in
                guard let client = RawClient(port: port) else { return [] }
                client.send(
                    "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.Echo\r\nExpect: 100-continue\r\n"
                        + "Content-Length: 2\r\n\r\n")
                let interim = client.readResponse()?.status ?? -1
                client.send("{}")
                return [interim, client.readResponse()?.status ?? -1]
            }
            #expect(statuses == [100, 200])
        }
    }

    @Test func chunkedRequestBodiesAreServed() async throws {
        try await withServer([FakeService()]) { port, _ in
            let response = await onThread { () -> RawResponse? in
                guard let client = RawClient(port: port) else { return nil }
                client.send(
                    "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.Echo\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n")
                return client.readResponse()
            }
            #expect(response?.status == 200)
            #expect(response?.text == #"{"input":{"a":1},"accessKeyId":null}"#)
        }
    }

    @Test func aSlowClientIsClosed() async throws {
        try await withServer([FakeService()], configuration: configured { $0.http.headerTimeout = .milliseconds(200) })
        { port, _ in
            let (response, closed) = await onThread { () -> (RawResponse?, Bool) in
                guard let client = RawClient(port: port) else { return (nil, false) }
                // The headers never finish.
                client.send("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-")
                return (client.readResponse(), client.isClosedByServer())
            }
            #expect(response?.status == 408)
            #expect(closed)
        }
    }

    @Test func anIdleConnectionIsClosed() async throws {
        try await withServer([FakeService()], configuration: configured { $0.http.idleTimeout = .milliseconds(200) }) {
            port, _ in
            let (response, closed) = await onThread { () -> (RawResponse?, Bool) in
                guard let client = RawClient(port: port) else { return (nil, false) }
                client.send(apiRequest("ListStateMachines"))
                let response = client.readResponse()
                return (response, client.isClosedByServer())
            }
            #expect(response?.status == 200)
            #expect(closed)
        }
    }

    @Test func connectionsOverTheCapAreRefused() async throws {
        try await withServer([FakeService()], configuration: configured { $0.http.maxConnections = 1 }) { port, _ in
            let statuses = await onThread { () -> [Int] in
                guard let first = RawClient(port: port) else { return [] }
                first.send(apiRequest("ListStateMachines"))
                let admitted = first.readResponse()?.status ?? -1
                guard let second = RawClient(port: port) else { return [admitted] }
                second.send(apiRequest("ListStateMachines"))
                let refused = second.readResponse()?.status ?? -1
                first.send(apiRequest("ListStateMachines"))
                return [admitted, refused, first.readResponse()?.status ?? -1]
            }
            #expect(statuses == [200, 503, 200])
        }
    }

    @Test func malformedRequestGets400AndClose() async throws {
        try await withServer([FakeService()]) { port, _ in
            let (response, closed) = await onThread { () -> (RawResponse?, Bool) in
                guard let client = RawClient(port: port) else { return (nil, false) }
                client.send("HELLO\r\n\r\n")
                return (client.readResponse(), client.isClosedByServer())
            }
            #expect(response?.status == 400)
            #expect(closed)
        }
    }

    @Test func shutdownFinishesTheRequestInFlight() async throws {
        let service = FakeService()
        let socket = try ListeningSocket.bind(host: "127.0.0.1", port: 0)
        let server = try StepFunctionsServer(socket: socket, configuration: .init(), services: [service])
        server.start()
        let running = Task { await server.run() }
        let port = socket.port
        let answer = Task {
            await onThread { () -> (RawResponse?, Bool) in
                guard let client = RawClient(port: port) else { return (nil, false) }
                client.send(apiRequest("Wait"))
                return (client.readResponse(), client.isClosedByServer())
            }
        }
        // The request is inside the service when the shutdown begins.
        var entered = service.entered.stream.makeAsyncIterator()
        _ = await entered.next()
        server.shutdown()
        // An idle connection opened before the shutdown is closed without an answer.
        service.release()
        let (response, closed) = await answer.value
        #expect(response?.status == 200)
        #expect(response?.headers["Connection"] == "close")
        #expect(closed)
        await running.value
    }

    @Test func idleConnectionsAreClosedOnShutdown() async throws {
        let socket = try ListeningSocket.bind(host: "127.0.0.1", port: 0)
        let server = try StepFunctionsServer(socket: socket, configuration: .init(), services: [FakeService()])
        server.start()
        let running = Task { await server.run() }
        let port = socket.port
        let client = await onThread { () -> RawClient? in
            guard let client = RawClient(port: port) else { return nil }
            client.send(apiRequest("ListStateMachines"))
            _ = client.readResponse()
            return client
        }
        server.shutdown()
        await running.value
        let closed = await onThread { client?.isClosedByServer() ?? false }
        #expect(closed)
    }

    /// `start()` accepts at once, from its own thread: no `run()` task has to be scheduled first.
    @Test func startAcceptsWithoutRun() async throws {
        let socket = try ListeningSocket.bind(host: "127.0.0.1", port: 0)
        let server = try StepFunctionsServer(socket: socket, configuration: .init(), services: [FakeService()])
        server.start()
        let port = socket.port
        let status = await onThread { () -> Int in
            guard let client = RawClient(port: port) else { return -1 }
            client.send(apiRequest("ListStateMachines"))
            return client.readResponse()?.status ?? -1
        }
        #expect(status == 200)
        server.shutdown()
        await server.run()
    }

    @Test func listeningSocketReportsItsPortAndLoopback() throws {
        let socket = try ListeningSocket.bind(host: "127.0.0.1", port: 0)
        #expect(socket.port != 0)
        #expect(socket.isLoopback)
        #expect(ListeningSocket.isLoopback(host: "localhost"))
        #expect(ListeningSocket.isLoopback(host: "::1"))
        #expect(!ListeningSocket.isLoopback(host: "0.0.0.0"))
        #expect(!ListeningSocket.isLoopback(host: "192.0.2.1"))
        // The same port twice: the second bind fails with a message naming the address.
        #expect(throws: SocketError.self) { try ListeningSocket.bind(host: "127.0.0.1", port: socket.port) }
        // ... and says what to do about it (SPEC-NOTES.md §18.4).
        do {
            _ = try ListeningSocket.bind(host: "127.0.0.1", port: socket.port)
        } catch {
            #expect(
                error.message
                    == "cannot bind 127.0.0.1:\(socket.port): Address already in use (another program, perhaps "
                    + "another asl serve, listens there: stop it, or choose another port; port 0 picks a free one)")
        }
        socket.close()
    }
}
