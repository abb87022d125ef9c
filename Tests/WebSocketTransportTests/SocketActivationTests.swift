import Foundation
import Glibc
import ReviewRoomTesting
import Testing
import WebSocketTransport

@Suite struct SocketActivationTests {
    /// A listening IPv4 socket on 127.0.0.1 and an ephemeral port, as systemd would pass it.
    static func makeListener() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { throw HarnessError("bind/listen failed: errno \(errno)") }
        return fd
    }

    @Test func servesHTTPAndWebSocketOnAnInheritedListener() async throws {
        let fd = try Self.makeListener()
        let harness = try TransportHarness { $0.inheritedListenerFD = fd }
        let port = harness.port
        #expect(port > 0)
        let (response, peer, echoed) = try await RawBlocking.run {
            let response = try RawHTTPClient(port: port).request("GET", "/activated")
            let peer = try RawHTTPClient(port: port).request("GET", "/peer")
            let client = try RawWebSocketClient.connect(port: port, origin: "http://127.0.0.1:\(port)")
            try client.sendText("hello over inherited fd")
            return (response, peer.text, try client.readText())
        }
        #expect(peer == "127.0.0.1")
        #expect(response.status == 200)
        #expect(response.text == "GET /activated - - 0\n")
        #expect(echoed == "hello over inherited fd")
        await harness.stop()
    }

    @Test func aDescriptorThatIsNotListeningIsRefused() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        var configuration = TransportConfiguration()
        configuration.inheritedListenerFD = fd
        let server = WebSocketServer(configuration: configuration, responder: EchoResponder(),
                                     acceptor: TestAcceptor(echo: false), logger: .init(label: "t"))
        let error = #expect(throws: TransportError.self) { try server.start() }
        #expect(error?.code == .badListener)
        #expect(error?.message.contains("not listening") == true)
    }
}
