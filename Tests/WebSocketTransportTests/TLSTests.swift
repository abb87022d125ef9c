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
    let (status, output) = try ChildProcess.runBlocking([executable] + arguments, stderr: .mergedIntoStdout)
    return (status, String(decoding: output, as: UTF8.self))
}

// Serialized: lws 4.1.6 takes a new OpenSSL ex_data index (a process-wide global) every time a
// context with TLS is created, so a client handshake in flight while another test creates a TLS
// context loses its wsi ("can't get wsi from ssl privdata") and fails verification. The daemon
// has one context; only a process with several (tests, a TLS bench) meets this.
@Suite(.serialized) struct TLSTests {
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

    /// WSS end to end: a TLS client (the lws client pool, verifying the certificate) sends a burst
    /// that must arrive in order, and the server answers with a burst queued at once, which the
    /// transport packs into few writes (``FrameBatch``) — frames that must survive TLS records
    /// splitting them anywhere.
    @Test func webSocketOverTLSCarriesBurstsInOrder() async throws {
        let directory = try CertificateDirectory()
        defer { directory.remove() }
        let ca = try directory.generate(copyAs: "ca.pem")
        let harness = try TransportHarness(echo: false) {
            $0.tlsCertificatePath = directory.certificate
            $0.tlsPrivateKeyPath = directory.key
        }
        let (events, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
        let pool = try await WebSocketClientPool(trustedCertificatesFile: ca) { sink.yield($0) }
        defer { pool.stop() }
        let target = WebSocketClientTarget(host: "127.0.0.1", port: harness.port, tls: true, serverName: "localhost")
        var clientEvents = events.makeAsyncIterator()
        // A TLS context created by a test of another suite during the handshake can still make it
        // fail (see above): try up to three times.
        var id = pool.connect(to: target)
        var attempts = 1
        var first = await clientEvents.next()
        while case .failed? = first, attempts < 3 {
            attempts += 1
            id = pool.connect(to: target)
            first = await clientEvents.next()
        }
        guard case .opened(let opened)? = first, opened == id else {
            Issue.record("the TLS WebSocket did not open: \(String(describing: first))")
            await harness.stop()
            return
        }
        let server = try await harness.nextConnection()
        // Before this only the first message is read (the hello rule).
        server.authenticated()

        // Client → server: a burst, in order.
        let count = 300
        for i in 0 ..< count { pool.send("up-\(i)", on: id) }
        var inbound: [String] = []
        for await message in server.messages {
            if case .text(let bytes) = message { inbound.append(String(decoding: bytes, as: UTF8.self)) }
            if inbound.count == count { break }
        }
        #expect(inbound == (0 ..< count).map { "up-\($0)" })

        // Server → client: frames queued in one go (packed into shared writes), some large
        // enough to span several TLS records.
        let expected = (0 ..< count).map { i in i % 50 == 49 ? "down-\(i)-" + String(repeating: "x", count: 40_000) : "down-\(i)" }
        for text in expected { server.send(OutboundFrame(text)) }
        var outbound: [String] = []
        while outbound.count < count, let event = await clientEvents.next() {
            switch event {
            case .text(_, let bytes, _):
                outbound.append(String(decoding: bytes, as: UTF8.self))
            case .closed, .failed:
                Issue.record("the TLS WebSocket ended early: \(event)")
                outbound.append(contentsOf: Array(repeating: "", count: count))
            default:
                break
            }
        }
        #expect(outbound.count == count)
        #expect(outbound == expected, "first difference at \(Array(zip(outbound, expected)).firstIndex { $0.0 != $0.1 } ?? -1)")
        pool.close(id)
        await harness.stop()
    }

    @Test func aTLSClientThatDoesNotTrustTheCertificateIsRefused() async throws {
        let directory = try CertificateDirectory()
        defer { directory.remove() }
        let other = try CertificateDirectory()
        defer { other.remove() }
        try directory.generate(copyAs: "served.pem")
        let stranger = try other.generate(copyAs: "stranger.pem")
        let harness = try TransportHarness(echo: false) {
            $0.tlsCertificatePath = directory.certificate
            $0.tlsPrivateKeyPath = directory.key
        }
        let (events, sink) = AsyncStream<WebSocketClientEvent>.makeStream()
        let pool = try await WebSocketClientPool(trustedCertificatesFile: stranger) { sink.yield($0) }
        defer { pool.stop() }
        _ = pool.connect(to: WebSocketClientTarget(host: "127.0.0.1", port: harness.port, tls: true, serverName: "localhost"))
        var iterator = events.makeAsyncIterator()
        let first = await iterator.next()
        if case .failed = first {} else { Issue.record("expected a failed handshake, got \(String(describing: first))") }
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
