import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

@Suite struct LifecycleTests {
    @Test func shutdownClosesConnectionsWith1001AndFinishesStreams() async throws {
        let harness = try TransportHarness(echo: false)
        let port = harness.port
        let clients = try await RawBlocking.run { try (0..<3).map { _ in try RawWebSocketClient.connect(port: port) } }
        var connections: [WebSocketConnection] = []
        for await connection in harness.acceptor.connections {
            connections.append(connection)
            if connections.count == 3 { break }
        }
        let listeners = ListeningSockets.inodes(onPort: port)
        #expect(!listeners.isEmpty, "the server's listening socket is in /proc/net/tcp")
        async let closes = RawBlocking.run {
            try clients.map { client -> UInt16? in
                let close = try client.readUntilClose().close
                try client.answerClose(close)
                return close.closeCode
            }
        }
        await harness.server.shutdown(timeoutSeconds: 5)
        #expect(try await closes == [1001, 1001, 1001])
        for connection in connections {
            var iterator = connection.messages.makeAsyncIterator()
            #expect(await iterator.next() == nil)
            #expect(!connection.send(OutboundFrame("after")))
        }
        #expect(harness.server.connectionCount == 0)
        // Not "a connect is refused": in a parallel run another listener may already have the port.
        #expect(ListeningSockets.inodes(onPort: port).isDisjoint(with: listeners), "the listening socket is closed")
    }

    @Test(.timeLimit(.minutes(1)))
    func shutdownIsBoundedWhenAClientNeverAnswersTheClose() async throws {
        let harness = try TransportHarness(echo: false)
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port, receiveBufferBytes: 4096) }
        let connection = try await harness.nextConnection()
        // Fill the pipe so the close frame cannot even be written.
        let frame = OutboundFrame(String(repeating: "q", count: 32 * 1024))
        for _ in 0..<64 { connection.send(frame) }
        await harness.server.shutdown(timeoutSeconds: 0.3)
        var iterator = connection.messages.makeAsyncIterator()
        #expect(await iterator.next() == nil)
        #expect(harness.server.connectionCount == 0)
        client.disconnect()
    }

    @Test func probeAnswersWhileRunningOnly() async throws {
        let harness = try TransportHarness()
        #expect(await harness.server.probe(timeoutSeconds: 5))
        await harness.stop()
        #expect(await harness.server.probe(timeoutSeconds: 1) == false)
    }

    @Test func startTwiceIsAnError() async throws {
        let harness = try TransportHarness()
        #expect(throws: TransportError.self) { try harness.server.start() }
        await harness.stop()
    }

    @Test func portInUseFailsToStart() async throws {
        let harness = try TransportHarness()
        var configuration = TransportConfiguration()
        configuration.port = harness.port
        let second = WebSocketServer(configuration: configuration, responder: EchoResponder(),
                                     acceptor: TestAcceptor(echo: false), logger: .init(label: "t"))
        let error = #expect(throws: TransportError.self) { try second.start() }
        #expect(error?.code == .startFailed)
        #expect(error?.message.contains("\(harness.port)") == true)
        #expect(error?.message.hasSuffix("the address is in use") == true, "\(error?.message ?? "")")
        await harness.stop()
    }

    /// The transport binds its listener itself: a host name or an interface name is not an
    /// address (the daemon resolves names first), and an address of another machine cannot be bound.
    @Test(arguments: [("localhost", "not an IP address"), ("lo", "not an IP address"), ("192.0.2.1", "the address is not local")])
    func aHostThatIsNotALocalAddressFailsToStart(host: String, reason: String) async throws {
        var configuration = TransportConfiguration()
        configuration.host = host
        configuration.port = 0
        let server = WebSocketServer(configuration: configuration, responder: EchoResponder(),
                                     acceptor: TestAcceptor(echo: false), logger: .init(label: "t"))
        let error = #expect(throws: TransportError.self) { try server.start() }
        #expect(error?.code == .startFailed)
        #expect(error?.message.contains(host) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test func anHTTPOnlyListenerOnAHostNameFailsToStart() async throws {
        var configuration = TransportConfiguration()
        configuration.port = 0
        configuration.httpOnlyListener = HTTPOnlyListener(host: "localhost", port: 0, responder: EchoResponder())
        let server = WebSocketServer(configuration: configuration, responder: EchoResponder(),
                                     acceptor: TestAcceptor(echo: false), logger: .init(label: "t"))
        let error = #expect(throws: TransportError.self) { try server.start() }
        #expect(error?.code == .httpOnlyListenFailed)
        #expect(error?.message.contains("not an IP address") == true, "\(error?.message ?? "")")
    }
}
