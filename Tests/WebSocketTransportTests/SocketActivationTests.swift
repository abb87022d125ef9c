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

    /// The server's end of a connection accepted on an inherited listener is close-on-exec and
    /// non-blocking (accept4 sets both atomically; a regression to a blocking or inheritable
    /// socket fails here, the race itself cannot be provoked deterministically).
    @Test func acceptedSocketsAreCloseOnExecAndNonBlocking() async throws {
        let fd = try Self.makeListener()
        let harness = try TransportHarness { $0.inheritedListenerFD = fd }
        let port = harness.port
        let (clientPort, client) = try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port, origin: "http://127.0.0.1:\(port)")
            // An echo proves the server accepted and adopted the socket.
            try client.sendText("accepted?")
            _ = try client.readText()
            return (Self.port(of: client.socket.fd, peer: false), client)
        }
        let accepted = try #require(Self.descriptors().first { candidate in
            Self.port(of: candidate, peer: false) == port && Self.port(of: candidate, peer: true) == clientPort
        }, "no descriptor in this process is the server's end of 127.0.0.1:\(clientPort)")
        #expect(fcntl(accepted, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(accepted, F_GETFL) & O_NONBLOCK != 0)
        client.disconnect()
        await harness.stop()
    }

    /// Every open descriptor of this process.
    private static func descriptors() throws -> [Int32] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { Int32($0) }
    }

    /// The IPv4 port of a socket's local (or peer) address; nil for anything else.
    private static func port(of fd: Int32, peer: Bool) -> Int? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                (peer ? getpeername(fd, $0, &length) : getsockname(fd, $0, &length)) == 0
            }
        }
        guard ok, address.sin_family == sa_family_t(AF_INET) else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
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
