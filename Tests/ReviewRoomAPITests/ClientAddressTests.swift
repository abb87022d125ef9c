@testable import ReviewRoomServer
import Testing

/// Which client a log line names (``ClientAddress``): behind a proxy on this machine, the one it saw.
@Suite("Client address")
struct ClientAddressTests {
    @Test(arguments: [
        // A proxy on this machine: the entry it appended, the last.
        ("127.0.0.1", "198.51.100.7", "198.51.100.7", "127.0.0.1"),
        ("::1", "10.0.0.1, 2001:db8::5", "2001:db8::5", "::1"),
        ("127.0.0.1", "forged.example, 203.0.113.9 ", "203.0.113.9", "127.0.0.1"),
        ("127.0.0.1", "[2001:db8::5]:4711", "[2001:db8::5]:4711", "127.0.0.1"),
        // Anyone else could write the header: their own address.
        ("203.0.113.9", "127.0.0.1", "203.0.113.9", nil),
        // Not an address (a name, a forged log line, nothing): the peer's.
        ("127.0.0.1", "proxy.example", "127.0.0.1", nil),
        ("127.0.0.1", "1.2.3.4\nlevel=error", "127.0.0.1", nil),
        ("127.0.0.1", "", "127.0.0.1", nil),
        ("127.0.0.1", "1.2.3.4,", "127.0.0.1", nil),
    ] as [(String, String, String, String?)])
    func theClientIsThePeerOrWhomItsLocalProxySaw(_ peer: String, _ header: String, _ remote: String, _ proxy: String?) {
        let client = ClientAddress(peer: peer, forwardedFor: header)
        #expect(client.remote == remote && client.proxy == proxy, "\(client)")
        #expect(client.metadata["proxy"].map { "\($0)" } == proxy)
    }

    @Test func withoutTheHeaderItIsThePeer() {
        let client = ClientAddress(peer: "127.0.0.1", forwardedFor: nil)
        #expect(client.remote == "127.0.0.1" && client.proxy == nil && client.metadata.count == 1)
    }
}
