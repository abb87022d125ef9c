import Foundation
import ReviewRoomTesting
import Testing

@Suite("API: malformed bodies")
struct MalformedBodyTests {
    /// A body and a text its 400 `detail` must contain (the field it names).
    struct Case: Sendable {
        var body: String
        var names: String
    }

    static let base = #""title": "T", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z""#
    static let agenda = #""agenda": [{"title": "A", "kind": "briefing", "durationSec": 60}]"#

    static let cases: [Case] = [
        Case(body: "not json", names: "not valid JSON"),
        // Where it is at fault, when the protocol's parser can say.
        Case(body: #"{"title": "T",}"#, names: "not valid JSON (UTF-8 text with one JSON value): expected a quoted member name at byte 14"),
        Case(body: #"{\#(base), "lobbyOpensMinutesBefore": 1e400, \#(agenda)}"#, names: "the number at byte"),
        Case(body: "[1, 2]", names: "must be a JSON object"),
        Case(body: "{\(agenda)}", names: "title is missing"),
        Case(body: #"{"title": 5, "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#, names: "title must be a string"),
        Case(body: #"{"title": "  ", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#, names: "title is empty"),
        Case(body: #"{"title": "\#(String(repeating: "x", count: 5000))", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#,
             names: "title is 5000 characters long"),
        Case(body: #"{"title": "T", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#, names: "hostSchool is missing"),
        Case(body: #"{"title": "T", "hostSchool": "H", "startsAt": "2026-13-01", \#(agenda)}"#,
             names: "startsAt: '2026-13-01' is not an RFC 3339 date-time"),
        Case(body: #"{"title": "T", "hostSchool": "H", "startsAt": "2030-12-01T09:30:60Z", \#(agenda)}"#,
             names: "startsAt: '2030-12-01T09:30:60Z' is not an RFC 3339 date-time"),
        Case(body: #"{"title": "T", "hostSchool": "H", \#(agenda)}"#, names: "startsAt is missing"),
        Case(body: "{\(base)}", names: "template or agenda is missing"),
        Case(body: #"{\#(base), "timeZone": "Mars/Olympus", \#(agenda)}"#, names: "timeZone: 'Mars/Olympus'"),
        Case(body: #"{\#(base), "agenda": {"title": "A"}}"#, names: "agenda must be an array"),
        Case(body: #"{\#(base), "agenda": []}"#, names: "agenda is empty"),
        Case(body: #"{\#(base), "agenda": [{"title": "A", "kind": "party", "durationSec": 60}]}"#, names: "agenda[0].kind: 'party'"),
        Case(body: #"{\#(base), "agenda": [{"title": "A", "kind": "briefing", "durationSec": 0}]}"#, names: "agenda[0].durationSec 0"),
        Case(body: #"{\#(base), "agenda": [{"title": "A", "kind": "briefing", "durationSec": 0.0005}]}"#,
             names: "a phase lasts at least 0.001"),
        Case(body: #"{\#(base), "agenda": [{"title": "A", "kind": "briefing", "durationSec": "60"}]}"#,
             names: "agenda[0].durationSec must be a number"),
        Case(body: #"{\#(base), "agenda": [{"title": "A", "kind": "briefing"}]}"#, names: "agenda[0].durationSec is missing"),
        Case(body: #"{\#(base), "agenda": [{"title": "A", "kind": "briefing", "durationSec": 60, "turnMode": "chaos"}]}"#,
             names: "agenda[0].turnMode: 'chaos'"),
        Case(body: #"{\#(base), "agenda": [{"title": "A", "kind": "briefing", "durationSec": 60, "prompts": ["nope"]}]}"#,
             names: "agenda[0].prompts: 'nope'"),
        Case(body: #"{\#(base), \#(agenda), "template": "rapid-remote-90"}"#, names: "template and agenda are both given"),
        Case(body: #"{\#(base), \#(agenda), "prompts": [{"theme": "x"}]}"#, names: "prompts[0].text is missing"),
        Case(body: #"{\#(base), \#(agenda), "prompts": [{"text": "a", "id": "x"}, {"text": "b", "id": "x"}]}"#, names: "prompts[1].id"),
        Case(body: #"{\#(base), \#(agenda), "notes": [{"id": "has space", "title": "N"}]}"#, names: "notes[0].id"),
        Case(body: #"{\#(base), \#(agenda), "participants": [{"name": "A", "role": "boss"}]}"#, names: "participants[0].role: 'boss'"),
        Case(body: #"{\#(base), \#(agenda), "participants": [{"role": "reviewer"}]}"#, names: "participants[0].name is missing"),
        Case(body: #"{\#(base), \#(agenda), "participants": [{"name": "A", "role": "reviewer", "email": "nope"}]}"#,
             names: "participants[0].email"),
        Case(body: #"{\#(base), \#(agenda), "lobbyOpensMinutesBefore": 5000}"#, names: "lobbyOpensMinutesBefore 5000"),
        Case(body: #"{\#(base), \#(agenda), "lobbyOpensMinutesBefore": 1.5}"#, names: "lobbyOpensMinutesBefore 1.5"),
        Case(body: #"{\#(base), \#(agenda), "autoStart": "yes"}"#, names: "autoStart must be true or false"),
        Case(body: #"{\#(base), \#(agenda), "autoStart": null}"#, names: "autoStart must be true or false, not null"),
        Case(body: #"{"title": null, "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#, names: "title must be a string, not null"),
        // Lengths count code points (JSON Schema's maxLength): 200 letters with an accent each are 400.
        Case(body: #"{"title": "\#(String(repeating: "e\u{301}", count: 200))", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#,
             names: "title is 400 characters long: at most 200"),
        Case(body: #"{"title": "Z\#(String(repeating: "\u{301}", count: 1000))", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#,
             names: "title is 1001 characters long"),
        // Half a character: the string and the escape are named.
        Case(body: #"{"title": "T", "hostSchool": "H\ud83d!", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#,
             names: "hostSchool holds a lone surrogate (\\uD83D), half of a character"),
        Case(body: #"{\#(base), \#(agenda), "participants": [{"name": "A", "role": "host"}, {"name": "\udc00", "role": "reviewer"}]}"#,
             names: "participants[1].name holds a lone surrogate (\\uDC00)"),
        // Text that shows nothing (white space, zero-width and format characters only) is empty.
        Case(body: #"{"title": "\u200d\ufeff\u200b", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", \#(agenda)}"#, names: "title is empty"),
        Case(body: #"{\#(base), \#(agenda), "participants": [{"name": "\u200d", "role": "reviewer"}]}"#,
             names: "participants[0].name is empty"),
        Case(body: #"{\#(base), "agenda": null}"#, names: "agenda must be an array, not null"),
    ]

    // One daemon for every case: starting one per case costs more than the cases.
    @Test func malformedCreationIs400NamingTheFieldAndChangesNothing() async throws {
        let api = try await APIDaemon.start(facilitators: ["Ann"])
        defer { api.stop() }
        for example in Self.cases {
            let response = try await api.call("POST", "/api/v1/sessions", body: example.body)
            #expect(response.status == 400, "\(example.names)")
            #expect(response.headers["content-type"] == "application/problem+json")
            #expect(response.jsonObject?["status"] as? Int == 400)
            #expect(response.detail.contains(example.names), "detail: \(response.detail)")
        }
        #expect(try await api.call("GET", "/api/v1/sessions").jsonArray?.count == 0, "nothing was created")
    }

    @Test(arguments: [#""template": "no-such-template""#, #""template": "rapid-remote-90", "promptDeck": "no-such-deck""#])
    func unknownTemplatesAndDecksAre400(_ fields: String) async throws {
        let api = try await APIDaemon.start(facilitators: ["Ann"])
        defer { api.stop() }
        let response = try await api.call("POST", "/api/v1/sessions", body: "{\(Self.base), \(fields)}")
        #expect(response.status == 400)
        #expect(response.detail.contains("no-such-"), "detail: \(response.detail)")
        #expect(try await api.call("GET", "/api/v1/sessions").jsonArray?.count == 0)
    }
}

@Suite("API: how a text is measured")
struct TextRulesAPITests {
    /// A title of 200 accented letters in their composed form (200 code points) fits, as do a
    /// question over several lines and a name with a direction mark.
    @Test func composedLettersLineBreaksAndMarksAreTakenAsSent() async throws {
        let api = try await APIDaemon.start(facilitators: ["Ann"])
        defer { api.stop() }
        let title = String(repeating: "\u{E9}", count: 200)
        let body = #"{"title": "\#(title)", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", "#
            + #""agenda": [{"title": "A", "kind": "briefing", "durationSec": 60}], "#
            + #""prompts": [{"text": "First line\nsecond line"}], "participants": [{"name": "Laila\u200f (Year 6)", "role": "reviewer"}]}"#
        let response = try await api.call("POST", "/api/v1/sessions", body: body)
        #expect(response.status == 201, "\(response.detail)")
        let session = response.jsonObject?["session"] as? [String: Any]
        #expect(session?["title"] as? String == title)
        let deck = (session?["prompts"] as? [String: Any])?["deck"] as? [[String: Any]]
        #expect(deck?.first?["text"] as? String == "First line\nsecond line")
        let people = session?["participants"] as? [[String: Any]]
        #expect(people?.contains { $0["name"] as? String == "Laila\u{200F} (Year 6)" } == true)
    }
}
