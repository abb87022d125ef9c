import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

/// How a ``WebSocketClientPool`` connection ends, seen on the wire through a ``WireTap``:
/// `drop` must look like a lost network (no close frame), `close` like a polite client (1000).
@Suite struct ClientPoolCloseTests {
    /// An echo server, a tap in front of it and a pool connection through the tap that has
    /// exchanged one message (so it is established on both sides).
    private struct Setup {
        let harness: TransportHarness
        let tap: WireTap
        let pool: WebSocketClientPool
        let id: ConnectionID
        var events: AsyncStream<WebSocketClientEvent>.Iterator

        static func start() async throws -> Setup {
            let harness = try TransportHarness()
            let tap = try WireTap(upstreamPort: harness.port)
            let (stream, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
            let pool = try await WebSocketClientPool { sink.yield($0) }
            let id = pool.connect(to: WebSocketClientTarget(host: "127.0.0.1", port: tap.port))
            var events = stream.makeAsyncIterator()
            let opened = await events.next()
            guard case .opened(id)? = opened else { throw HarnessError("the connection did not open: \(String(describing: opened))") }
            pool.send("hi", on: id)
            let echoed = await events.next()
            guard case .text(id, let bytes, _)? = echoed, bytes == Array("hi".utf8) else {
                throw HarnessError("no echo: \(String(describing: echoed))")
            }
            return Setup(harness: harness, tap: tap, pool: pool, id: id, events: events)
        }

        /// The code the pool reported when the connection ended, or a description of another event.
        mutating func closedCode() async -> Result<UInt16?, HarnessError> {
            let event = await events.next()
            guard case .closed(id, let code)? = event else { return .failure(HarnessError("\(String(describing: event))")) }
            return .success(code)
        }

        func stop() async {
            pool.stop()
            await harness.stop()
        }
    }

    @Test func dropEndsTheTCPConnectionWithoutACloseFrame() async throws {
        var setup = try await Setup.start()
        setup.pool.drop(setup.id)
        let ended = await setup.closedCode()
        _ = try await setup.tap.observations.first(where: { $0 == .clientEnded }, timeout: .seconds(30))
        await setup.stop()
        #expect(try ended.get() == nil, "no close frame came back, so there is no code")
        #expect(setup.tap.observations.entries == [.frame(opcode: 0x1, closeCode: nil), .clientEnded],
                "only the text frame went out before the connection ended")
    }

    @Test func closeSendsACloseFrameWith1000() async throws {
        var setup = try await Setup.start()
        setup.pool.close(setup.id)
        let ended = await setup.closedCode()
        _ = try await setup.tap.observations.first(where: { $0 == .clientEnded }, timeout: .seconds(30))
        await setup.stop()
        // lws ends a close it started when the answer comes, without reporting the answer's code.
        #expect(throws: Never.self) { try ended.get() }
        #expect(setup.tap.observations.entries == [.frame(opcode: 0x1, closeCode: nil), .frame(opcode: 0x8, closeCode: 1000),
                                                   .clientEnded])
    }

    @Test func dropOfAnUnknownConnectionChangesNothing() async throws {
        var setup = try await Setup.start()
        setup.pool.drop(ConnectionID(rawValue: 999_999))
        // The connection still works after the stray drop: the echo comes back.
        setup.pool.send("still here", on: setup.id)
        let echoed = await setup.events.next()
        guard case .text(setup.id, let bytes, _)? = echoed else {
            Issue.record("no echo after a stray drop: \(String(describing: echoed))")
            await setup.stop()
            return
        }
        #expect(bytes == Array("still here".utf8))
        setup.pool.drop(setup.id)
        #expect(try await setup.closedCode().get() == nil)
        await setup.stop()
    }

    @Test func aCloseFrameWithoutAStatusIsReportedAs1005() async throws {
        let peer = try BareClosePeer()
        let (stream, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
        let pool = try await WebSocketClientPool { sink.yield($0) }
        let id = pool.connect(to: WebSocketClientTarget(host: "127.0.0.1", port: peer.port))
        var events: [WebSocketClientEvent] = []
        for await event in stream {
            events.append(event)
            if case .closed = event { break }
            if case .failed = event { break }
        }
        pool.stop()
        guard case .closed(id, let code)? = events.last else {
            Issue.record("the connection did not end with a close: \(events)")
            return
        }
        // RFC 6455 §7.1.5: a close frame without a status means 1005; 1006 is for no close frame at all.
        #expect(code == 1005)
    }

    @Test func theSHA1OfTheTestPeerMatchesRFC6455sExample() {
        // RFC 6455 §1.3's worked example of Sec-WebSocket-Accept.
        let key = "dGhlIHNhbXBsZSBub25jZQ==" + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
        #expect(Data(SHA1.digest(Array(key.utf8))).base64EncodedString() == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }
}
