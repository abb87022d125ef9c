import Foundation
import Logging
import ReviewRoomTesting
import Testing
import WebSocketTransport

/// The benchmark's libwebsockets client pool against the real libwebsockets server.
@Suite("WebSocketClientPool against the lws server")
struct WebSocketClientPoolTests {
    /// Echoes every message; closes with 4003 when told `close-me`.
    struct EchoAcceptor: WebSocketAcceptor {
        func accept(_ connection: WebSocketConnection) {
            Task {
                var first = true
                for await message in connection.messages {
                    if first {
                        connection.authenticated()
                        first = false
                    }
                    guard case .text(let bytes) = message else { continue }
                    if bytes == Array("close-me".utf8) {
                        connection.close(code: 4003, reason: "revoked")
                    } else {
                        connection.send(OutboundFrame(text: bytes))
                    }
                }
            }
        }
    }

    struct NoHTTP: HTTPResponder {
        func respond(to request: HTTPRequest) async -> HTTPResponse { HTTPResponse(status: 404, body: []) }
    }

    static func startServer() throws -> (WebSocketServer, Int) {
        var configuration = TransportConfiguration()
        configuration.port = 0
        // Each test sends its first message from its own task after `.opened`. With the whole
        // suite starting at once on 2 cores that task once waited past the 10 s default hello
        // timeout, and the server closed with 4000 before "close-me" arrived (CI, session 55).
        configuration.helloTimeoutSeconds = 300
        var logger = Logger(label: "client-pool-test")
        logger.logLevel = .warning
        let server = WebSocketServer(configuration: configuration, responder: NoHTTP(), acceptor: EchoAcceptor(), logger: logger)
        return (server, try server.start())
    }

    @Test("A pool that times its sends keeps one wait per message written, each within its round trip; one that does not keeps none")
    func timedSendsAreKeptUntilTaken() async throws {
        let (server, port) = try Self.startServer()
        let (events, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
        let timed = try await WebSocketClientPool(timesSends: true) { sink.yield($0) }
        let untimed = try await WebSocketClientPool { _ in }
        let id = timed.connect(to: WebSocketClientTarget(host: "127.0.0.1", port: port))
        var sentFrom: UInt64 = 0, echoes = 0
        for await event in events {
            if case .opened = event {
                sentFrom = MonotonicClock.nanoseconds()
                #expect(timed.send(contentsOf: ["a", "b"], on: id))
                #expect(timed.send("c", on: id))
            }
            if case .text = event { echoes += 1 }
            if echoes == 3 { break }
        }
        let echoedBy = MonotonicClock.nanoseconds()
        let waits = timed.takeSendWaits()
        #expect(waits.count == 3)
        #expect(waits.allSatisfy { $0 <= echoedBy - sentFrom })
        #expect(timed.takeSendWaits().isEmpty, "taken once")
        #expect(untimed.takeSendWaits().isEmpty)
        timed.stop()
        untimed.stop()
        await server.shutdown(timeoutSeconds: 2)
    }

    @Test("Many clients each get their own messages back, in order, with non-decreasing stamps")
    func echoInOrder() async throws {
        let (server, port) = try Self.startServer()
        let (events, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
        let pool = try await WebSocketClientPool { sink.yield($0) }
        let clients = 20, messages = 5
        var ids: [ConnectionID] = []
        for _ in 0 ..< clients { ids.append(pool.connect(to: WebSocketClientTarget(host: "127.0.0.1", port: port))) }
        var received: [ConnectionID: [String]] = [:]
        var lastStamp: [ConnectionID: UInt64] = [:]
        var opened = 0, closed = 0, outOfOrderStamps = 0
        for await event in events {
            switch event {
            case .opened(let id):
                opened += 1
                for k in 0 ..< messages { pool.send("\(id)-\(k)", on: id) }
            case .text(let id, let bytes, let at):
                received[id, default: []].append(String(decoding: bytes, as: UTF8.self))
                if at < lastStamp[id, default: 0] { outOfOrderStamps += 1 }
                lastStamp[id] = at
                if received[id]?.count == messages { pool.close(id) }
            case .failed(_, let reason):
                Issue.record("a connection failed: \(reason)")
                closed += 1
            case .closed:
                closed += 1
            }
            if closed == clients { break }
        }
        pool.stop()
        await server.shutdown(timeoutSeconds: 2)
        #expect(opened == clients)
        #expect(outOfOrderStamps == 0)
        for id in ids {
            #expect(received[id] == (0 ..< messages).map { "\(id)-\($0)" })
        }
    }

    @Test("Messages queued together arrive in order")
    func sendTogether() async throws {
        let (server, port) = try Self.startServer()
        let (events, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
        let pool = try await WebSocketClientPool { sink.yield($0) }
        let id = pool.connect(to: WebSocketClientTarget(host: "127.0.0.1", port: port))
        let texts = (0 ..< 100).map { "together-\($0)" }
        var received: [String] = []
        for await event in events {
            if case .opened = event { #expect(pool.send(contentsOf: texts, on: id)) }
            if case .text(_, let bytes, _) = event { received.append(String(decoding: bytes, as: UTF8.self)) }
            if case .failed(_, let reason) = event { Issue.record("failed: \(reason)") }
            if received.count == texts.count || { if case .failed = event { true } else { false } }() { break }
        }
        pool.stop()
        await server.shutdown(timeoutSeconds: 2)
        #expect(received == texts)
    }

    @Test("The server's close code reaches the client")
    func closeCode() async throws {
        let (server, port) = try Self.startServer()
        let (events, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
        let pool = try await WebSocketClientPool { sink.yield($0) }
        let id = pool.connect(to: WebSocketClientTarget(host: "127.0.0.1", port: port))
        var code: UInt16?
        for await event in events {
            if case .opened = event { pool.send("close-me", on: id) }
            if case .closed(_, let closeCode) = event {
                code = closeCode
                break
            }
            if case .failed(_, let reason) = event {
                Issue.record("failed: \(reason)")
                break
            }
        }
        pool.stop()
        await server.shutdown(timeoutSeconds: 2)
        #expect(code == 4003)
    }

    @Test("A refused connection is reported as failed, with nothing opened")
    func refused() async throws {
        let refusing = try RefusingPort()
        let (events, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
        let pool = try await WebSocketClientPool { sink.yield($0) }
        _ = pool.connect(to: WebSocketClientTarget(host: "127.0.0.1", port: refusing.port))
        var failed = false, opened = false
        for await event in events {
            if case .opened = event { opened = true }
            if case .failed = event { failed = true }
            if case .closed = event { break }
            if failed { break }
        }
        pool.stop()
        withExtendedLifetime(refusing) {}
        #expect(failed)
        #expect(!opened)
    }
}
