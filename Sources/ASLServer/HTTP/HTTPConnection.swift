internal import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One client connection, served on its own thread: read, parse, answer, until the client closes,
/// asks to close, times out, sends something unreadable, or the server stops.
struct Connection {
    let server: HTTPServer
    let descriptor: Int32

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    func serve() {
        let settings = server.settings
        var parser = HTTPRequestParser(limits: settings.limits)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var idleSince = ContinuousClock.now
        var requestStart: ContinuousClock.Instant?
        while true {
            switch parser.next() {
            case .request(let request):
                requestStart = nil
                let response = server.handle(request)
                let closes = !request.keepsAlive || server.isStopping
                let bytes = response.serialized(
                    date: HTTPServer.now(), closes: closes, omitBody: request.method == "HEAD")
                guard HTTPServer.send(descriptor, bytes), !closes else { return }
                idleSince = .now
                continue
            case .continueExpected:
                guard HTTPServer.send(descriptor, Self.continueLine) else { return }
                continue
            case .failed(let error):
                server.note("closing a connection: \(error.description)")
                reply(status: error.status, text: error.description)
                return
            case .needMore:
                break
            }
            let midRequest = parser.isMidRequest
            let stopping = server.isStopping
            if stopping && !midRequest { return }
            var deadline: ContinuousClock.Instant
            if let start = requestStart {
                deadline = start + (parser.isReadingHead ? settings.headerTimeout : settings.requestTimeout)
            } else {
                deadline = idleSince + settings.idleTimeout
            }
            if stopping, let grace = server.graceDeadline { deadline = min(deadline, grace) }
            switch waitReadable(until: deadline, watchWake: !stopping) {
            case .timedOut:
                if midRequest { reply(status: 408, text: "the request did not arrive in time") }
                return
            case .woken:
                continue
            case .readable:
                break
            }
            let count = buffer.withUnsafeMutableBytes { bytes in
                recv(descriptor, bytes.baseAddress, bytes.count, 0)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            parser.append(buffer[0..<count])
            if requestStart == nil, parser.isMidRequest { requestStart = .now }
        }
    }

    private enum Wait {
        case readable
        case woken
        case timedOut
    }

    private func waitReadable(until deadline: ContinuousClock.Instant, watchWake: Bool) -> Wait {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return .timedOut }
            var fds = [
                pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: server.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let timeout = Int32(min(HTTPServer.milliseconds(remaining) + 1, Int(Int32.max)))
            let ready = poll(&fds, watchWake ? 2 : 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return .timedOut
            }
            if ready == 0 { continue }
            if fds[0].revents != 0 { return .readable }
            if watchWake, fds[1].revents != 0 { return .woken }
        }
    }

    private func reply(status: Int, text: String) {
        let response = HTTPResponse(
            status: status,
            headers: HTTPHeaders([
                ("Content-Type", "text/plain; charset=utf-8"), ("x-amzn-RequestId", UUID().uuidString.lowercased()),
            ]),
            body: Array((text + "\n").utf8))
        _ = HTTPServer.send(descriptor, response.serialized(date: HTTPServer.now(), closes: true))
    }
}
