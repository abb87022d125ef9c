import Foundation
import Testing
import Logging
import ReviewRoomTesting
import WebSocketTransport

/// An in-process server on port 0 with a test responder and acceptor.
final class TransportHarness: Sendable {
    let server: WebSocketServer
    let port: Int
    let acceptor: TestAcceptor
    let configuration: TransportConfiguration

    init(echo: Bool = true, configure: (inout TransportConfiguration) -> Void = { _ in }) throws {
        var configuration = TransportConfiguration()
        configuration.port = 0
        // Tests that are not about the hello timeout must not race it: on a loaded 2-core
        // machine setting up 200 connections can take longer than the 10 s default.
        configuration.helloTimeoutSeconds = 300
        // Likewise an HTTP answer: with the whole suite starting at once on 2 cores, a test's
        // responder once waited over the 20 s default and lws closed the connection unanswered.
        configuration.httpTimeoutSeconds = 300
        configure(&configuration)
        self.configuration = configuration
        acceptor = TestAcceptor(echo: echo)
        var logger = Logger(label: "transport-test")
        logger.logLevel = .warning
        server = WebSocketServer(configuration: configuration, responder: EchoResponder(),
                                 acceptor: acceptor, logger: logger)
        port = try server.start()
    }

    /// Waits for the next accepted server-side connection.
    func nextConnection() async throws -> WebSocketConnection {
        var iterator = acceptor.connections.makeAsyncIterator()
        guard let connection = await iterator.next() else { throw HarnessError("acceptor stream ended") }
        return connection
    }

    /// Connects a raw client that sends `count` messages `m0`, `m1`, … without waiting for any
    /// answer; returns it once they are written.
    func rawClient(sending count: Int) async throws -> RawWebSocketClient {
        let port = port
        return try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            for i in 0..<count { try client.sendText("m\(i)") }
            return client
        }
    }

    func stop() async {
        await server.shutdown(timeoutSeconds: 2)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Hands accepted connections to the test; in echo mode authenticates on the first message
/// and echoes every message back.
final class TestAcceptor: WebSocketAcceptor {
    let connections: AsyncStream<WebSocketConnection>
    private let continuation: AsyncStream<WebSocketConnection>.Continuation
    private let echo: Bool

    init(echo: Bool) {
        (connections, continuation) = AsyncStream.makeStream()
        self.echo = echo
    }

    func accept(_ connection: WebSocketConnection) {
        continuation.yield(connection)
        guard echo else { return }
        Task {
            var first = true
            for await message in connection.messages {
                if first {
                    connection.authenticated()
                    first = false
                }
                if case .text(let bytes) = message { connection.send(OutboundFrame(text: bytes)) }
            }
        }
    }
}

/// Answers every request with what it saw; `/large?n=N` answers N deterministic bytes.
struct EchoResponder: HTTPResponder {
    func respond(to request: HTTPRequest) async -> HTTPResponse {
        if request.path == "/large", let n = request.query.flatMap({ Int($0.dropFirst(2)) }) {
            return HTTPResponse(status: 200, headers: [("content-type", "application/octet-stream")],
                                body: Self.pattern(count: n))
        }
        if request.path == "/peer" {
            return HTTPResponse(status: 200, body: Array(request.remoteAddress.utf8))
        }
        if request.path == "/status" {
            return HTTPResponse(status: 204, headers: [("x-test", "yes")])
        }
        let summary = "\(request.method) \(request.path) \(request.query ?? "-") \(request.headers["x-probe"] ?? "-") \(request.body.count)\n"
        return HTTPResponse(status: 200, headers: [("content-type", "text/plain"), ("x-echo", "1")],
                            body: Array(summary.utf8) + request.body)
    }

    /// Marks the transport's own refusals, so tests see that they went through the responder.
    func refusal(_ refusal: HTTPRefusal) -> HTTPResponse {
        var response = refusal.problemResponse
        response.headers.append(("X-Refused-By", "echo-responder"))
        return response
    }

    static func pattern(count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 8) }
            initialized = count
        }
    }
}

/// Checks a refusal the transport wrote itself: the responder's problem+json with `status`,
/// its headers, a matching `Content-Length` and `Connection: close`.
func expectProblemRefusal(_ response: RawHTTPResponse?, status: Int, detailContains: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    guard let response else {
        Issue.record("no answer, expected \(status)", sourceLocation: sourceLocation)
        return
    }
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers["content-type"] == "application/problem+json", sourceLocation: sourceLocation)
    #expect(response.headers["x-refused-by"] == "echo-responder", sourceLocation: sourceLocation)
    #expect(response.headers["connection"]?.lowercased() == "close", sourceLocation: sourceLocation)
    #expect(response.headers["content-length"] == "\(response.body.count)", sourceLocation: sourceLocation)
    let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    #expect(object?["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect(object?["type"] as? String == "about:blank", sourceLocation: sourceLocation)
    #expect(object?["title"] as? String == HTTPRefusal(status: status, detail: "").title, sourceLocation: sourceLocation)
    let detail = object?["detail"] as? String ?? ""
    #expect(detail.contains(detailContains), "detail: \(detail)", sourceLocation: sourceLocation)
}
