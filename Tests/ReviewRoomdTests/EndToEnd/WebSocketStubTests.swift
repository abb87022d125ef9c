import Foundation
import ReviewRoomTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Daemon WebSocket endpoint")
struct WebSocketStubTests {
    @Test func aHelloWithAnUnknownTokenIsUnauthorizedAndClosed4001() async throws {
        let daemon = try DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let client = try RawWebSocketClient.connect(port: port)
        defer { client.disconnect() }
        #expect(client.handshake.status == 101)
        #expect(client.handshake.headers["sec-websocket-protocol"] == "reviewroom.v1")
        try client.sendText(#"{"type":"hello","token":"tok-not-real","client":"test/1"}"#)
        let reply = try client.readText(timeout: 10)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "error")
        #expect(object["code"] as? String == "unauthorized")
        #expect(object["id"] is NSNull)
        #expect((object["message"] as? String)?.isEmpty == false)
        let close = try client.readUntilClose(timeout: 10).close
        #expect(close.closeCode == 4001)
    }

    @Test(arguments: [#"{"type":"ping","id":1}"#, #"["hello"]"#, "not json at all"])
    func aFirstMessageThatIsNotAHelloCloses4000(text: String) async throws {
        let daemon = try DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let client = try RawWebSocketClient.connect(port: port)
        defer { client.disconnect() }
        try client.sendText(text)
        let close = try client.readUntilClose(timeout: 10)
        #expect(close.close.closeCode == 4000)
        #expect(close.skipped == 0, "nothing is sent before the close")
    }

    @Test func anUpgradeWithoutTheSubprotocolIsRefused() async throws {
        let daemon = try DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let response = try RawWebSocketClient.attemptUpgrade(port: port, subprotocol: nil)
        #expect(response?.status != 101)
    }

    @Test func originsComeFromPublicURLAndAllowedOrigins() async throws {
        let daemon = try DaemonProcess.start(arguments: ["--public-url", "https://review.example.org/"],
                                             environment: ["REVIEWROOM_ALLOWED_ORIGINS": "https://school.example"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        for origin in ["https://review.example.org", "https://school.example"] {
            let response = try RawWebSocketClient.attemptUpgrade(port: port, origin: origin)
            #expect(response?.status == 101, "\(origin) was refused")
        }
        let foreign = try RawWebSocketClient.attemptUpgrade(port: port, origin: "https://evil.example")
        #expect(foreign?.status != 101)
    }

    @Test func sigtermClosesClientsWith1001AndExitsZero() async throws {
        let daemon = try DaemonProcess.start()
        defer { daemon.terminate() }
        let port = try await daemon.port()
        // Connected but silent: the connection is open when SIGTERM arrives.
        let client = try RawWebSocketClient.connect(port: port)
        defer { client.disconnect() }
        daemon.signal(SIGTERM)
        let close: RawWebSocketFrame
        do { close = try client.readUntilClose(timeout: 10).close } catch {
            _ = try? await daemon.waitForExit()
            _ = try? await daemon.stderr.first(where: { _ in false }, timeout: .seconds(3))
            Issue.record("no close frame; the daemon logged:\n\(daemon.stderr.entries.joined(separator: "\n"))")
            throw error
        }
        #expect(close.closeCode == 1001)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func tokensNeverReachTheLog() async throws {
        let token = "rr-secret-token-\(UUID().uuidString)"
        let daemon = try DaemonProcess.start(arguments: [], environment: ["REVIEWROOM_LOG_LEVEL": "trace"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let client = try RawWebSocketClient.connect(port: port)
        try client.sendText(#"{"type":"hello","token":"\#(token)","client":"test/1"}"#)
        _ = try client.readText(timeout: 10)
        _ = try client.readUntilClose(timeout: 10)
        client.disconnect()
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
