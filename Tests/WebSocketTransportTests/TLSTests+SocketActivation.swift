import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

// In TLSTests, which is serialized, because it creates a TLS context: run beside another TLS
// test, one context's creation can break the other's handshake in flight (see TLSTests).
extension TLSTests {
    @Test func servesHTTPSOnAnInheritedListener() async throws {
        let directory = try CertificateDirectory()
        defer { directory.remove() }
        let ca = try directory.generate(copyAs: "ca.pem")
        let fd = try SocketActivationTests.makeListener()
        let harness = try TransportHarness {
            $0.inheritedListenerFD = fd
            $0.tlsCertificatePath = directory.certificate
            $0.tlsPrivateKeyPath = directory.key
        }
        let port = harness.port
        let result = try await RawBlocking.run {
            // 30 s: a handshake starved by builds and browsers beside the suite took over 10 s once.
            try run("/usr/bin/curl", ["-sS", "--max-time", "30", "--cacert", ca, "https://localhost:\(port)/inherited"])
        }
        #expect(result.status == 0)
        #expect(result.output == "GET /inherited - - 0\n")
        await harness.stop()
    }
}
