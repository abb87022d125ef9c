import Foundation
import ReviewRoomTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Daemon over TLS")
struct TLSTests {
    /// A fresh self-signed certificate for 127.0.0.1 written to `cert`/`key`.
    private func makeCertificate(cert: URL, key: URL) async throws {
        let result = try await ChildProcess.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "30", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", key.path, "-out", cert.path,
        ])
        #expect(result.status == 0, "openssl failed: \(result.stderr)")
    }

    @Test func servesHTTPSAndReloadsTheCertificateOnSIGHUP() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tls")
        let cert = directory.appendingPathComponent("cert.pem"), key = directory.appendingPathComponent("key.pem")
        try await makeCertificate(cert: cert, key: key)
        let firstCA = directory.appendingPathComponent("first-ca.pem")
        try FileManager.default.copyItem(at: cert, to: firstCA)

        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_TLS_CERT": cert.path, "REVIEWROOM_TLS_KEY": key.path])
        defer { daemon.terminate() }
        let url = try await daemon.listeningURL()
        #expect(url.hasPrefix("https://127.0.0.1:"))
        let first = try await CurlClient.request("GET", url + "/livez", extraArguments: ["--cacert", firstCA.path])
        #expect(first.status == 200)
        #expect(first.headers["content-security-policy"] != nil)

        // Renew: a new key and certificate at the same paths, then SIGHUP.
        try await makeCertificate(cert: cert, key: key)
        daemon.signal(SIGHUP)
        _ = try await daemon.stderr.first(where: { $0.contains("TLS certificates reloaded") }, timeout: .seconds(10))
        let renewed = try await CurlClient.request("GET", url + "/livez", extraArguments: ["--cacert", cert.path])
        #expect(renewed.status == 200)
        await #expect(throws: (any Error).self, "the old certificate is no longer served") {
            try await CurlClient.request("GET", url + "/livez", extraArguments: ["--cacert", firstCA.path])
        }
    }

    @Test func plainHTTPIsNotServedOnATLSPort() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tls")
        let cert = directory.appendingPathComponent("cert.pem"), key = directory.appendingPathComponent("key.pem")
        try await makeCertificate(cert: cert, key: key)
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_TLS_CERT": cert.path, "REVIEWROOM_TLS_KEY": key.path])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let plain = try? await CurlClient.request("GET", "http://127.0.0.1:\(port)/livez")
        #expect(plain?.status != 200)
    }
}
