import Foundation
import ReviewRoomTesting
import Testing

/// What API calls do to people connected to a session (PROTOCOL.md §2, §3.4).
@Suite("API: effects on live clients")
struct LiveEffectsTests {
    /// A session starting now (its lobby is open) and the invite tokens by name.
    private static func openSession(_ api: APIDaemon) async throws -> (id: String, tokens: [String: String], pids: [String: String]) {
        let now = ISO8601DateFormatter().string(from: Date())
        let body = APIFixtures.sessionBody.replacingOccurrences(of: "2030-12-01T09:30:00Z", with: now)
        let reply = try await api.createSession(body)
        let id = try #require((reply["session"] as? [String: Any])?["id"] as? String)
        var tokens: [String: String] = [:]
        var pids: [String: String] = [:]
        for invite in reply["invites"] as? [[String: Any]] ?? [] {
            let person = invite["participant"] as? [String: Any]
            let name = person?["name"] as? String ?? ""
            tokens[name] = invite["token"] as? String
            pids[name] = person?["id"] as? String
        }
        return (id, tokens, pids)
    }

    /// Joins with an invite token and reads the `welcome`.
    private static func join(port: Int, token: String) async throws -> RawWebSocketClient {
        try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            try client.sendText(#"{"type":"hello","token":"\#(token)","client":"api-tests/1"}"#)
            let welcome = try client.readText(timeout: 30)
            guard welcome.contains(#""type":"welcome""#) else {
                throw DaemonProcessError(message: "no welcome: \(welcome)")
            }
            return client
        }
    }

    @Test func anEditReachesConnectedClientsAsSessionChanged() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.openSession(api)
        let asha = try await Self.join(port: try await api.daemon.port(), token: session.tokens["Asha"] ?? "")
        defer { asha.disconnect() }
        let patched = try await api.call("PATCH", "/api/v1/sessions/\(session.id)", body: #"{"title": "Renamed live"}"#)
        #expect(patched.status == 200)
        let event = try await RawBlocking.run {
            while true {
                let text = try asha.readText(timeout: 30)
                if text.contains(#""name":"session.changed""#) { return text }
            }
        }
        #expect(event.contains("Renamed live"))
    }

    @Test func revokingClosesThatPersonWith4003AndDeletingClosesEveryoneWith4004() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.openSession(api)
        let port = try await api.daemon.port()
        let asha = try await Self.join(port: port, token: session.tokens["Asha"] ?? "")
        defer { asha.disconnect() }
        let ben = try await Self.join(port: port, token: session.tokens["Ben"] ?? "")
        defer { ben.disconnect() }

        let revoked = try await api.call("DELETE", "/api/v1/sessions/\(session.id)/participants/\(session.pids["Asha"] ?? "")")
        #expect(revoked.status == 204)
        let ashaClose = try await RawBlocking.run { try asha.readUntilClose(timeout: 30).close }
        #expect(ashaClose.closeCode == 4003)

        let deleted = try await api.call("DELETE", "/api/v1/sessions/\(session.id)")
        #expect(deleted.status == 204)
        let benClose = try await RawBlocking.run { try ben.readUntilClose(timeout: 30).close }
        #expect(benClose.closeCode == 4004)
    }

    @Test func reissuingClosesTheOldLinksConnectionWith4003() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.openSession(api)
        let asha = try await Self.join(port: try await api.daemon.port(), token: session.tokens["Asha"] ?? "")
        defer { asha.disconnect() }
        let reissued = try await api.call("POST", "/api/v1/sessions/\(session.id)/participants/\(session.pids["Asha"] ?? "")/reissue", body: "")
        #expect(reissued.status == 201)
        let close = try await RawBlocking.run { try asha.readUntilClose(timeout: 30).close }
        #expect(close.closeCode == 4003)
    }
}
