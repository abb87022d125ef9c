import Foundation
import ReviewRoomTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

// The raw client blocks on its socket, so every use of it runs on its own thread
// (RawBlocking), never on the cooperative pool that other tests need.
@Suite("Daemon WebSocket endpoint")
struct WebSocketStubTests {
    @Test func aHelloWithAnUnknownTokenIsUnauthorizedAndClosed4001() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let (handshake, reply, closeCode) = try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            defer { client.disconnect() }
            try client.sendText(#"{"type":"hello","token":"tok-not-real","client":"test/1"}"#)
            let reply = try client.readText(timeout: 10)
            return (client.handshake, reply, try client.readUntilClose(timeout: 10).close.closeCode)
        }
        #expect(handshake.status == 101)
        #expect(handshake.headers["sec-websocket-protocol"] == "reviewroom.v1")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "error")
        #expect(object["code"] as? String == "unauthorized")
        #expect(object["id"] is NSNull)
        #expect((object["message"] as? String)?.isEmpty == false)
        #expect(closeCode == 4001)
    }

    @Test(arguments: [#"{"type":"ping","id":1}"#, #"["hello"]"#, "not json at all"])
    func aFirstMessageThatIsNotAHelloCloses4000(text: String) async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let (closeCode, skipped) = try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            defer { client.disconnect() }
            try client.sendText(text)
            let close = try client.readUntilClose(timeout: 10)
            return (close.close.closeCode, close.skipped)
        }
        #expect(closeCode == 4000)
        #expect(skipped == 0, "nothing is sent before the close")
    }

    @Test func anUpgradeWithoutTheSubprotocolIsRefused() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let status = try await RawBlocking.run { try RawWebSocketClient.attemptUpgrade(port: port, subprotocol: nil)?.status }
        #expect(status != 101)
    }

    @Test func originsComeFromPublicURLAndAllowedOrigins() async throws {
        let daemon = try await DaemonProcess.start(arguments: ["--public-url", "https://review.example.org/"],
                                             environment: ["REVIEWROOM_ALLOWED_ORIGINS": "https://school.example"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let statuses = try await RawBlocking.run {
            try ["https://review.example.org", "https://school.example", "https://evil.example"].map {
                try RawWebSocketClient.attemptUpgrade(port: port, origin: $0)?.status
            }
        }
        #expect(statuses[0] == 101, "the public_url origin was refused")
        #expect(statuses[1] == 101, "an allowed origin was refused")
        #expect(statuses[2] != 101, "a foreign origin was accepted")
    }

    @Test func originsWrittenWithTheDefaultPortMatchWhatBrowsersSend() async throws {
        // A browser never sends :443 for https (or :80 for http); the configuration may have it.
        let daemon = try await DaemonProcess.start(arguments: ["--public-url", "https://review.example.org:443", "--demo"],
                                             environment: ["REVIEWROOM_ALLOWED_ORIGINS": "https://a.example:443,http://b.example:80"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let origins = ["https://review.example.org", "https://review.example.org:443", "https://a.example",
                       "https://a.example:443", "http://b.example", "http://b.example:80", "https://a.example:8443",
                       "http://a.example", "https://b.example"]
        let statuses = try await RawBlocking.run {
            try origins.map { try RawWebSocketClient.attemptUpgrade(port: port, origin: $0)?.status }
        }
        for (origin, status) in zip(origins, statuses).prefix(6) { #expect(status == 101, "\(origin) was refused") }
        for (origin, status) in zip(origins, statuses).dropFirst(6) { #expect(status != 101, "\(origin) was accepted") }
        // The links the daemon prints use the origin as a browser writes it.
        let link = try await daemon.stdout.first(where: { $0.contains("/join#") }, timeout: .seconds(10))
        #expect(link.contains("https://review.example.org/join#"), "\(link)")
    }

    @Test func sigtermClosesClientsWith1001AndExitsZero() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let closeCode: UInt16?
        do {
            closeCode = try await RawBlocking.run {
                // Connected but silent: the connection is open when SIGTERM arrives.
                let client = try RawWebSocketClient.connect(port: port)
                defer { client.disconnect() }
                daemon.signal(SIGTERM)
                return try client.readUntilClose(timeout: 10).close.closeCode
            }
        } catch {
            _ = try? await daemon.waitForExit()
            _ = try? await daemon.stderr.first(where: { _ in false }, timeout: .seconds(3))
            Issue.record("no close frame; the daemon logged:\n\(daemon.stderr.entries.joined(separator: "\n"))")
            throw error
        }
        #expect(closeCode == 1001)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func tokensNeverReachTheLog() async throws {
        let token = "rr-secret-token-\(UUID().uuidString)"
        let daemon = try await DaemonProcess.start(environment: ["REVIEWROOM_LOG_LEVEL": "trace"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            defer { client.disconnect() }
            try client.sendText(#"{"type":"hello","token":"\#(token)","client":"test/1"}"#)
            _ = try client.readText(timeout: 10)
            _ = try client.readUntilClose(timeout: 10)
        }
        _ = try await daemon.stderr.first(where: { $0.contains("hello refused") }, timeout: .seconds(10))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        // The whole log, written until exit.
        _ = try? await daemon.stderr.first(where: { _ in false }, timeout: .seconds(5))
        let log = daemon.stderr.entries.joined(separator: "\n")
        #expect(!log.isEmpty)
        #expect(!log.contains(token), "the token appears in the log")
        #expect(!log.contains(String(token.suffix(12))), "part of the token appears in the log")
    }
}
