import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

/// A throw-away directory with self-signed certificates made by the `openssl` CLI.
struct CertificateDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rr-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var certificate: String { url.appendingPathComponent("cert.pem").path }
    var key: String { url.appendingPathComponent("key.pem").path }

    /// Writes a new self-signed pair for localhost over `cert.pem`/`key.pem`; returns a copy of
    /// the certificate under `name` for use as a CA file.
    @discardableResult
    func generate(copyAs name: String) throws -> String {
        let result = try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                                                  "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "1",
                                                  "-keyout", key, "-out", certificate])
        guard result.status == 0 else { throw HarnessError("openssl failed: \(result.output)") }
        let copy = url.appendingPathComponent(name).path
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: certificate, toPath: copy)
        return copy
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs a child process to completion, returning its exit status and combined output.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct TLSTests {
    private func curl(_ port: Int, caFile: String) throws -> (status: Int32, output: String) {
        try run("/usr/bin/curl", ["-sS", "--max-time", "10", "--cacert", caFile, "https://localhost:\(port)/tls-check"])
    }

    @Test func servesHTTPSAndReloadsANewCertificate() async throws {
        let directory = try CertificateDirectory()
        defer { directory.remove() }
        let firstCA = try directory.generate(copyAs: "first.pem")
        let harness = try TransportHarness {
            $0.tlsCertificatePath = directory.certificate
            $0.tlsPrivateKeyPath = directory.key
        }
        let port = harness.port
        let first = try await RawBlocking.run { try self.curl(port, caFile: firstCA) }
        #expect(first.status == 0)
        #expect(first.output == "GET /tls-check - - 0\n")

        // Plain HTTP on the TLS port is not served.
        let plain = try await RawBlocking.run { try? RawHTTPClient(port: port).request("GET", "/x", timeout: 5) }
        #expect(plain?.status != 200)

        let secondCA = try directory.generate(copyAs: "second.pem")
        try harness.server.reloadTLS()
        let (withNew, withOld) = try await RawBlocking.run {
            (try self.curl(port, caFile: secondCA), try self.curl(port, caFile: firstCA))
        }
        #expect(withNew.status == 0)
        #expect(withNew.output == "GET /tls-check - - 0\n")
        #expect(withOld.status != 0)
        await harness.stop()
    }

    @Test func reloadWithABrokenKeyThrowsAndKeepsServing() async throws {
        let directory = try CertificateDirectory()
        defer { directory.remove() }
        let ca = try directory.generate(copyAs: "ca.pem")
        let harness = try TransportHarness {
            $0.tlsCertificatePath = directory.certificate
            $0.tlsPrivateKeyPath = directory.key
        }
        let port = harness.port
        let keyBefore = try Data(contentsOf: URL(fileURLWithPath: directory.key))
        try Data("not a key".utf8).write(to: URL(fileURLWithPath: directory.key))
        let error = #expect(throws: TransportError.self) { try harness.server.reloadTLS() }
        #expect(error?.code == .tlsLoadFailed)
        #expect(error?.message.contains(directory.key) == true)
        try keyBefore.write(to: URL(fileURLWithPath: directory.key))
        let after = try await RawBlocking.run { try self.curl(port, caFile: ca) }
        #expect(after.status == 0)
        await harness.stop()
    }

    @Test func reloadWithoutTLSConfiguredThrows() async throws {
        let harness = try TransportHarness()
        let error = #expect(throws: TransportError.self) { try harness.server.reloadTLS() }
        #expect(error?.code == .tlsNotConfigured)
        await harness.stop()
    }

    @Test func missingCertificateFailsToStartNamingTheFile() throws {
        var configuration = TransportConfiguration()
        configuration.port = 0
        configuration.tlsCertificatePath = "/nonexistent/reviewroom-cert.pem"
        configuration.tlsPrivateKeyPath = "/nonexistent/reviewroom-key.pem"
        let server = WebSocketServer(configuration: configuration, responder: EchoResponder(),
                                     acceptor: TestAcceptor(echo: false), logger: .init(label: "t"))
        let error = #expect(throws: TransportError.self) { try server.start() }
        #expect(error?.code == .tlsLoadFailed)
        #expect(error?.message.contains("/nonexistent/reviewroom-cert.pem") == true)
    }
}
