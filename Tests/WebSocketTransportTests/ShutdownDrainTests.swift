import Logging
import ReviewRoomTesting
import Testing
import WebSocketTransport

/// Answers each request only once the test lets it, and tells the test the request arrived:
/// a request still in its responder when shutdown begins (a DELETE waiting for its erasure).
final class GatedResponder: HTTPResponder {
    let arrivals: AsyncStream<Void>
    private let arrived: AsyncStream<Void>.Continuation
    private let releases: AsyncStream<Void>
    private let release: AsyncStream<Void>.Continuation

    init() {
        (arrivals, arrived) = AsyncStream.makeStream()
        (releases, release) = AsyncStream.makeStream()
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        arrived.yield()
        for await _ in releases { break }
        return HTTPResponse(status: 204, headers: [("x-answered", "after shutdown began")])
    }

    /// Lets the request in the responder answer.
    func letItAnswer() { release.yield() }
}

@Suite struct ShutdownDrainTests {
    /// Shutdown waits for answers already being made: a DELETE whose erasure committed while the
    /// daemon stopped went unanswered once the last WebSocket was gone, and its client could not
    /// tell whether the session was erased.
    @Test(.timeLimit(.minutes(1)))
    func anAnswerInTheResponderWhenShutdownBeginsIsStillWritten() async throws {
        let responder = GatedResponder()
        var configuration = TransportConfiguration()
        configuration.port = 0
        configuration.helloTimeoutSeconds = 300
        configuration.httpTimeoutSeconds = 300
        let acceptor = TestAcceptor(echo: false)
        let server = WebSocketServer(configuration: configuration, responder: responder, acceptor: acceptor,
                                     logger: Logger(label: "transport-test"))
        let port = try server.start()
        let webSocket = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        var accepted = acceptor.connections.makeAsyncIterator()
        let connection = try #require(await accepted.next())
        let reply = RawBlocking.start { try RawHTTPClient(port: port).request("DELETE", "/sessions/s_1", timeout: 30) }
        var arrivals = responder.arrivals.makeAsyncIterator()
        _ = await arrivals.next()

        let stopped = Task { await server.shutdown(timeoutSeconds: 10) }
        // The WebSocket hears 1001 and answers; once the server has let it go, only the answer
        // in the responder is left, which is when the loop used to end.
        let close = try await RawBlocking.run { () -> UInt16? in
            let close = try webSocket.readUntilClose().close
            try webSocket.answerClose(close)
            // Then the server closes the socket: the read ends without a frame.
            #expect(throws: (any Error).self) { try webSocket.readFrame(timeout: 10) }
            return close.closeCode
        }
        #expect(close == 1001)
        var messages = connection.messages.makeAsyncIterator()
        #expect(await messages.next() == nil)

        responder.letItAnswer()
        let response = try await reply.value()
        #expect(response.status == 204)
        #expect(response.headers["x-answered"] == "after shutdown began")
        await stopped.value
        #expect(server.connectionCount == 0)
    }
}
