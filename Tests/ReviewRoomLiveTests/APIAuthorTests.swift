import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// Changes a facilitator makes over HTTP are logged with them as the author, so the review
/// record's log says who edited the session and who invited or removed whom.
@Suite("HTTP changes carry the facilitator as author")
struct APIAuthorTests {
    static func send(_ method: String, _ path: String, body: String? = nil, token: String, port: Int) async throws -> RawHTTPResponse {
        try await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            var headers = [("Authorization", "Bearer \(token)")]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            return try client.request(method, path, headers: headers, body: body.map { Array($0.utf8) } ?? [])
        }
    }

    @Test func patchInviteAndRevokeAreLoggedAsTheFacilitators() async throws {
        let clock = ManualSessionClock(start: InProcessServer.start)
        let app = try await AutoStartTests.server(clock: clock)
        let session = app.fixture.session.rawValue
        let token = app.fixture.facilitatorToken
        let patch = try await Self.send("PATCH", "/api/v1/sessions/\(session)", body: #"{"title": "Renamed"}"#, token: token, port: app.port)
        #expect(patch.status == 200, "\(patch.text)")
        let invite = try await Self.send("POST", "/api/v1/sessions/\(session)/participants",
                                         body: #"{"name": "Cai", "role": "reviewer"}"#, token: token, port: app.port)
        #expect(invite.status == 201, "\(invite.text)")
        let ben = try #require(app.fixture.participantIDs["Ben"])
        let revoke = try await Self.send("DELETE", "/api/v1/sessions/\(session)/participants/\(ben)", token: token, port: app.port)
        #expect(revoke.status == 204, "\(revoke.text)")

        let fay = try #require(app.fixture.participantIDs["Fay"])
        let events = try await app.store.events(of: app.fixture.session, after: 0)
        #expect(events.map(\.name) == ["session.changed", "participant.changed", "participant.changed"])
        #expect(events.map(\.author) == [fay, fay, fay])

        let record = try await Self.send("GET", "/api/v1/sessions/\(session)/record?format=md", token: token, port: app.port)
        #expect(record.status == 200)
        // The PATCH is itemised against the session as created (the store keeps it since schema v6).
        for line in ["Title: “Test review” → “Renamed” (by Fay)", "Cai", "Ben"] {
            #expect(record.text.contains(line), "the record's log lacks \(line):\n\(record.text)")
        }
        let logLines = record.text.split(separator: "\n").filter { $0.hasPrefix("- ") && $0.contains("(by Fay)") }
        #expect(logLines.count >= 3, "three log entries by Fay:\n\(logLines.joined(separator: "\n"))")
        await app.stop()
    }
}
