import Foundation
import Logging
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A session scheduled with `autoStart` while the daemon runs starts at `startsAt` by itself,
/// with nobody online, not when someone first looks at it.
@Suite("Auto-start of sessions scheduled while running")
struct AutoStartTests {
    static func server(clock: ManualSessionClock) async throws -> InProcessServer {
        try await InProcessServer.start(clock: clock) { store, registry in
            var api = APIRouter()
            FacilitatorAPI(store: store, live: registry, origin: PublicOrigin("http://127.0.0.1"),
                           now: { clock.now() }).register(in: &api)
            return ReviewRoomHTTPResponder(readiness: Readiness(), api: api, staticFiles: nil, logger: Logger(label: "test.http"))
        }
    }

    /// POSTs a session starting at `startsAt`; its id and the reviewer's invite token.
    static func schedule(on app: InProcessServer, startsAt: Timestamp, autoStart: Bool) async throws -> (id: String, reviewerToken: String) {
        let token = try await app.store.addFacilitator(name: "Hana").token
        let body = #"{"title": "Auto", "hostSchool": "Northfield", "focus": "Reading", "startsAt": "\#(startsAt.rfc3339)", "timeZone": "UTC", "autoStart": \#(autoStart),"#
            + #" "lobbyOpensMinutesBefore": 15, "participants": [{"name": "Asha", "role": "reviewer"}],"#
            + #" "agenda": [{"title": "Welcome", "kind": "briefing", "durationSec": 300, "turnMode": "open", "onTimeUp": "overtime"}]}"#
        let port = app.port
        let response = try await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            return try client.request("POST", "/api/v1/sessions",
                                      headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                                      body: Array(body.utf8))
        }
        try #require(response.status == 201, "POST /api/v1/sessions: \(response.status) \(response.text)")
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let id = try #require((reply["session"] as? [String: Any])?["id"] as? String)
        let invites = try #require(reply["invites"] as? [[String: Any]])
        let reviewer = try #require(invites.first { ($0["participant"] as? [String: Any])?["role"] as? String == "reviewer" })
        return (id, try #require(reviewer["token"] as? String))
    }

    @Test func aSessionScheduledWithAutoStartIsLoadedSoItStartsAtStartsAt() async throws {
        let clock = ManualSessionClock(start: InProcessServer.start)
        let app = try await Self.server(clock: clock)
        let liveBefore = await app.registry.liveSessionCount
        let startsAt = InProcessServer.start.adding(seconds: 120)
        let scheduled = try await Self.schedule(on: app, startsAt: startsAt, autoStart: true)
        // Loaded (and armed) at once: nothing else would load it before someone joins.
        #expect(await app.registry.liveSessionCount == liveBefore + 1)

        clock.advance(to: startsAt)
        let asha = try await ProtocolClient.connect(port: app.port)
        defer { asha.disconnect() }
        let welcome = try await asha.hello(token: scheduled.reviewerToken)
        var clockState = (welcome.object["session"] as? [String: Any])?["clock"] as? [String: Any] ?? [:]
        if clockState["status"] as? String != "live" {
            clockState = try await asha.event("clock.changed").data["clock"] as? [String: Any] ?? [:]
        }
        #expect(clockState["status"] as? String == "live")
        #expect(clockState["phaseStartedAt"] as? String == startsAt.rfc3339)
        let events = try await app.store.events(of: SessionID(scheduled.id), after: 0)
        #expect(events.first?.at == startsAt, "the first event: \(String(describing: events.first))")
        await app.stop()
    }

    @Test func aSessionWithoutAutoStartStaysUnloadedUntilSomeoneNeedsIt() async throws {
        let clock = ManualSessionClock(start: InProcessServer.start)
        let app = try await Self.server(clock: clock)
        let liveBefore = await app.registry.liveSessionCount
        _ = try await Self.schedule(on: app, startsAt: InProcessServer.start.adding(seconds: 120), autoStart: false)
        #expect(await app.registry.liveSessionCount == liveBefore)
        await app.stop()
    }
}
