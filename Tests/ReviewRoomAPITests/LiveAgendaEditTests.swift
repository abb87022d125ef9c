import Foundation
import ReviewRoomTesting
import Testing

/// `PATCH` of a session's agenda and deck once it is live (PROTOCOL.md §2: only phases that have
/// not started may change; §3.5: `PATCH` bodies use the `POST` shapes).
@Suite("API: editing a live agenda")
struct LiveAgendaEditTests {
    /// A session made from `body` with `startsAt` now (its lobby is open); returns the session object.
    private static func sessionStartingNow(_ api: APIDaemon, _ body: String) async throws -> [String: Any] {
        let now = ISO8601DateFormatter().string(from: Date())
        let reply = try await api.createSession(body.replacingOccurrences(of: "2030-12-01T09:30:00Z", with: now))
        return try #require(reply["session"] as? [String: Any])
    }

    /// Joins as facilitator Ann and sends `commands` (JSON objects without `id`), each acknowledged before the next.
    private static func facilitate(_ api: APIDaemon, session: String, _ commands: [String]) async throws {
        let port = try await api.daemon.port()
        let token = api.token()
        try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            defer { try? client.sendClose() }
            try client.sendText(#"{"type":"hello","facilitatorToken":"\#(token)","session":"\#(session)"}"#)
            _ = try client.readText(timeout: 30)
            for (index, command) in commands.enumerated() {
                try client.sendText(String(command.dropLast()) + #","id":\#(index + 1)}"#)
                while true {
                    let text = try client.readText(timeout: 30)
                    if text.contains(#""type":"ack""#) && text.contains(#""id":\#(index + 1)"#) { break }
                    if text.contains(#""type":"error""#) { throw DaemonProcessError(message: "\(command): \(text)") }
                }
            }
        }
    }

    /// The agenda in PROTOCOL.md §2's documented shape: exactly `{title, kind, durationSec, turnMode, onTimeUp, prompts}`.
    private static func documentedShape(_ agenda: [[String: Any]]) -> [[String: Any]] {
        agenda.map { phase in
            var shaped: [String: Any] = [:]
            for key in ["title", "kind", "durationSec", "turnMode", "onTimeUp", "prompts"] { shaped[key] = phase[key] }
            return shaped
        }
    }

    private static func json(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    private static let templateBody = """
        {"title": "Template review", "hostSchool": "Northfield Primary", "startsAt": "2030-12-01T09:30:00Z",
         "template": "rapid-remote-90", "promptDeck": "covid-recovery", "participants": [{"name": "Asha", "role": "reviewer"}]}
        """

    @Test func aFuturePhaseOfATemplateAgendaChangesWhenSentInTheDocumentedShape() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.sessionStartingNow(api, Self.templateBody)
        let id = try #require(session["id"] as? String)
        let before = try #require(session["agenda"] as? [[String: Any]])
        #expect(before[0]["purpose"] is String, "the template gives its phases a purpose")
        try await Self.facilitate(api, session: id, [#"{"type":"session.start"}"#, #"{"type":"phase.next"}"#])

        var agenda = Self.documentedShape(before)
        agenda[3]["durationSec"] = 1234
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: try Self.json(["agenda": agenda]))
        #expect(response.status == 200, "\(response.text)")
        let after = try #require(response.jsonObject?["agenda"] as? [[String: Any]])
        #expect(after[3]["durationSec"] as? Double == 1234)
        #expect(after.map { $0["purpose"] as? String } == before.map { $0["purpose"] as? String },
                "a phase sent without purpose keeps its purpose")
        #expect(after.map { $0["id"] as? String } == before.map { $0["id"] as? String })
    }

    @Test func aPhaseLeavingOutPromptsOrPurposeKeepsThemAndNullClearsThePurpose() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let withPurpose = #"{"agenda": [{"title": "Welcome", "kind": "briefing", "durationSec": 300, "purpose": "Meet"}, "#
            + #"{"title": "Questions", "kind": "enquiry", "durationSec": 900}, {"title": "New", "kind": "actions", "durationSec": 60}]}"#
        let first = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: withPurpose)
        #expect(first.status == 200, "\(first.text)")
        var agenda = try #require(first.jsonObject?["agenda"] as? [[String: Any]])
        #expect(agenda.map { $0["prompts"] as? [String] } == [[], ["q1"], []], "phase 1 sent without prompts keeps them")
        #expect(agenda[0]["purpose"] as? String == "Meet")

        let cleared = #"{"agenda": [{"title": "Welcome", "kind": "briefing", "durationSec": 300, "purpose": null, "prompts": []}, "#
            + #"{"title": "Questions", "kind": "enquiry", "durationSec": 900, "prompts": []}]}"#
        let second = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: cleared)
        #expect(second.status == 200, "\(second.text)")
        agenda = try #require(second.jsonObject?["agenda"] as? [[String: Any]])
        #expect(agenda[0]["purpose"] == nil, "an explicit null clears the purpose")
        #expect(agenda.map { $0["prompts"] as? [String] } == [[], []])
    }

    @Test func aPhaseThatHasRunCannotChangeAfterGoingBack() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.sessionStartingNow(api, Self.templateBody)
        let id = try #require(session["id"] as? String)
        try await Self.facilitate(api, session: id, [#"{"type":"session.start"}"#, #"{"type":"phase.goto","index":4}"#,
                                                     #"{"type":"phase.goto","index":1}"#])
        let before = try await api.call("GET", "/api/v1/sessions/\(id)")
        var agenda = try #require(before.jsonObject?["agenda"] as? [[String: Any]])
        agenda[3]["durationSec"] = 5
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: try Self.json(["agenda": agenda]))
        #expect(response.status == 409, "\(response.text)")
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(response.detail.contains("phase 3"), "\(response.detail)")
        let after = try await api.call("GET", "/api/v1/sessions/\(id)")
        #expect(after.jsonObject?["agenda"] as? NSArray == before.jsonObject?["agenda"] as? NSArray, "the refusal changed nothing")

        agenda = try #require(before.jsonObject?["agenda"] as? [[String: Any]])
        agenda[5]["durationSec"] = 600
        let later = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: try Self.json(["agenda": agenda]))
        #expect(later.status == 200, "a phase after every started one may change: \(later.text)")
    }

    @Test func aNewDeckPrunesPhasePromptsAndAnAgendaMustNameTheNewDecksPrompts() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        #expect((session["agenda"] as? [[String: Any]])?[1]["prompts"] as? [String] == ["q1"])

        let before = try await api.call("GET", "/api/v1/sessions/\(id)")
        let stale = #"{"promptDeck": "covid-recovery", "agenda": [{"title": "Welcome", "kind": "briefing", "durationSec": 300, "prompts": ["q1"]}]}"#
        let refused = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: stale)
        #expect(refused.status == 400, "\(refused.text)")
        #expect(refused.detail.contains("agenda[0].prompts: 'q1'"), "\(refused.detail)")
        #expect(try await api.call("GET", "/api/v1/sessions/\(id)").text == before.text, "the refusal changed nothing")

        let swapped = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: #"{"prompts": [{"id": "n1", "text": "New question"}]}"#)
        #expect(swapped.status == 200, "\(swapped.text)")
        let agenda = try #require(swapped.jsonObject?["agenda"] as? [[String: Any]])
        #expect(agenda.map { $0["prompts"] as? [String] } == [[], []], "no phase names a prompt the deck lost")
        let read = try await api.call("GET", "/api/v1/sessions/\(id)")
        #expect((read.jsonObject?["agenda"] as? [[String: Any]])?[1]["prompts"] as? [String] == [], "stored so")
    }
}

/// `PATCH` of `prompts` without ids: matched by position like phases (PROTOCOL.md §3.5).
extension LiveAgendaEditTests {
    @Test func promptsSentWithoutIdsKeepTheIdsOfTheirPositionsSoTheShownQuestionStays() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let body = #"{"title": "Deck", "hostSchool": "North", "startsAt": "2030-12-01T09:30:00Z", "promptDeck": "covid-recovery", "#
            + #""agenda": [{"title": "Q", "kind": "enquiry", "durationSec": 600}]}"#
        let created = try await Self.sessionStartingNow(api, body)
        let id = try #require(created["id"] as? String)
        let deck = try #require((created["prompts"] as? [String: Any])?["deck"] as? [[String: Any]])
        let ids = deck.compactMap { $0["id"] as? String }
        #expect(ids.count >= 3)
        try await Self.facilitate(api, session: id, [#"{"type":"prompt.show","prompt":"\#(ids[1])"}"#])
        // The deck sent back reworded, without ids, one question longer.
        var entries = deck.map { ["text": "Reworded: \($0["text"] as? String ?? "")"] }
        entries.append(["text": "A new question"])
        let patch = String(decoding: try JSONSerialization.data(withJSONObject: ["prompts": entries]), as: UTF8.self)
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: patch)
        #expect(response.status == 200, "\(response.text)")
        let prompts = try #require(response.jsonObject?["prompts"] as? [String: Any])
        let after = try #require(prompts["deck"] as? [[String: Any]])
        #expect(Array(after.compactMap { $0["id"] as? String }.prefix(ids.count)) == ids, "each position keeps its id")
        #expect(after.last?["id"] as? String == "q1", "a new position gets the first unused qN")
        #expect(prompts["current"] as? String == ids[1], "the shown question is still shown")
        #expect((after[1]["text"] as? String)?.hasPrefix("Reworded: ") == true)
    }

    @Test func anIdGivenByAnotherEntryWinsOverAPositionsId() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let body = #"{"title": "Deck", "hostSchool": "North", "startsAt": "2030-12-01T09:30:00Z", "#
            + #""prompts": [{"text": "One"}, {"text": "Two"}], "agenda": [{"title": "Q", "kind": "enquiry", "durationSec": 600}]}"#
        let created = try #require(try await api.createSession(body)["session"] as? [String: Any])
        let id = try #require(created["id"] as? String)
        // Swapped: "Two" names q1 explicitly, so position 0 cannot keep q1 and gets the first unused id.
        let patch = #"{"prompts": [{"text": "Two again"}, {"text": "One again", "id": "q1"}]}"#
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: patch)
        #expect(response.status == 200, "\(response.text)")
        let deck = try #require((response.jsonObject?["prompts"] as? [String: Any])?["deck"] as? [[String: Any]])
        #expect(deck.map { $0["id"] as? String } == ["q2", "q1"])
    }
}
