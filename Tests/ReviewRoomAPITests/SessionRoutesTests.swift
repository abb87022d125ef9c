import Foundation
import ReviewRoomTesting
import Testing

@Suite("API: sessions")
struct SessionRoutesTests {
    @Test func creatingASessionReturnsItAndAnInviteForEveryone() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let reply = try await api.createSession()
        let session = try #require(reply["session"] as? [String: Any])
        for key in ["id", "title", "hostSchool", "focus", "startsAt", "timeZone", "status", "lobbyOpensMinutesBefore",
                    "autoStart", "agenda", "prompts", "notes", "participants", "createdAt"] {
            #expect(session[key] != nil, "session has no \(key)")
        }
        #expect(session["title"] as? String == "Reading for pleasure")
        #expect(session["startsAt"] as? String == "2030-12-01T09:30:00.000Z")
        #expect(session["status"] as? String == "scheduled")
        #expect(session["lobbyOpensMinutesBefore"] as? Int == 10)
        #expect(session["someFutureKey"] == nil)
        let notes = try #require(session["notes"] as? [[String: Any]])
        #expect(notes.map { $0["id"] as? String } == ["evidence", "went-well", "even-better-if", "questions", "actions"])
        let agenda = try #require(session["agenda"] as? [[String: Any]])
        #expect(agenda.map { $0["title"] as? String } == ["Welcome", "Questions"])
        #expect(agenda.last?["prompts"] as? [String] == ["q1"])
        let prompts = try #require(session["prompts"] as? [String: Any])
        #expect((prompts["deck"] as? [[String: Any]])?.count == 2)

        let participants = try #require(session["participants"] as? [[String: Any]])
        #expect(participants.map { $0["role"] as? String } == ["facilitator", "reviewer", "host", "display"])
        #expect(participants.first?["name"] as? String == "Ann")
        let invites = try #require(reply["invites"] as? [[String: Any]])
        #expect(invites.count == 4)
        for (invite, participant) in zip(invites, participants) {
            let person = try #require(invite["participant"] as? [String: Any])
            #expect(person["id"] as? String == participant["id"] as? String)
            let token = try #require(invite["token"] as? String)
            let page = person["role"] as? String == "display" ? "display" : "join"
            #expect(invite["url"] as? String == "\(api.url)/\(page)#\(token)")
        }
    }

    @Test func listingAndReadingShowOnlyTheCallersSessions() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let mine = try #require(try await api.createSession()["session"] as? [String: Any])
        _ = try await api.createSession(as: "Bob")
        let list = try await api.call("GET", "/api/v1/sessions")
        #expect(list.status == 200)
        #expect(list.headers["content-type"] == "application/json")
        let sessions = try #require(list.jsonArray as? [[String: Any]])
        #expect(sessions.map { $0["id"] as? String } == [mine["id"] as? String])

        let id = try #require(mine["id"] as? String)
        let one = try await api.call("GET", "/api/v1/sessions/\(id)")
        #expect(one.status == 200)
        #expect(one.jsonObject?["title"] as? String == "Reading for pleasure")
        #expect(one.jsonObject?["participants"] as? NSArray == mine["participants"] as? NSArray)
    }

    @Test func patchChangesTheGivenFieldsAndKeepsPhaseIdsByPosition() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let before = try #require(session["agenda"] as? [[String: Any]])
        let patch = """
            {"title": "Renamed", "startsAt": "2030-12-02T10:00:00+01:00",
             "agenda": [{"title": "Hello", "kind": "briefing", "durationSec": 120},
                        {"title": "Questions", "kind": "enquiry", "durationSec": 600},
                        {"title": "Actions", "kind": "actions", "durationSec": 300.5, "onTimeUp": "advance"}],
             "prompts": [{"text": "Only question"}]}
            """
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: patch)
        #expect(response.status == 200, "\(response.text)")
        let after = try #require(response.jsonObject)
        #expect(after["title"] as? String == "Renamed")
        #expect(after["startsAt"] as? String == "2030-12-02T09:00:00.000Z")
        #expect(after["focus"] as? String == session["focus"] as? String, "fields not given stay")
        let agenda = try #require(after["agenda"] as? [[String: Any]])
        #expect(agenda.count == 3)
        #expect(agenda[0]["id"] as? String == before[0]["id"] as? String)
        #expect(agenda[1]["id"] as? String == before[1]["id"] as? String)
        #expect(agenda[2]["durationSec"] as? Double == 300.5)
        let deck = (after["prompts"] as? [String: Any])?["deck"] as? [[String: Any]]
        #expect(deck?.map { $0["text"] as? String } == ["Only question"])

        let read = try await api.call("GET", "/api/v1/sessions/\(id)")
        #expect(read.jsonObject?["title"] as? String == "Renamed", "the edit was stored")
    }

    @Test func patchIgnoresWhatItCannotChange() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let body = #"{"title": "New", "hostSchool": 5, "participants": "everyone", "autoStart": "maybe", "notes": []}"#
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: body)
        #expect(response.status == 200, "\(response.text)")
        #expect(response.jsonObject?["title"] as? String == "New")
        #expect(response.jsonObject?["hostSchool"] as? String == "Northfield Primary")
        #expect((response.jsonObject?["participants"] as? [Any])?.count == 4)
        #expect((response.jsonObject?["notes"] as? [Any])?.count == 5)
    }

    @Test func aBadPatchChangesNothing() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let before = try await api.call("GET", "/api/v1/sessions/\(id)")
        for body in [#"{"title": "New", "startsAt": "tomorrow"}"#, #"{"title": "New", "agenda": []}"#,
                     #"{"title": "New", "timeZone": "Mars/Olympus"}"#, #"{"title": "   "}"#,
                     "not json", "[1]", "", #"{"title": 5}"#, #"{"focus": ["x"]}"#, #"{"title": "New", "agenda": "long"}"#,
                     #"{"title": "New", "agenda": [{"title": "A", "kind": "discussion"}]}"#,
                     #"{"title": "New", "prompts": 5}"#, #"{"title": "New", "prompts": [{"theme": "t"}]}"#,
                     #"{"title": "New", "promptDeck": "no-such-deck"}"#, #"{"title": "New", "startsAt": 1700000000}"#] {
            let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: body)
            #expect(response.status == 400, "\(body)")
            #expect(response.headers["content-type"] == "application/problem+json", "\(body)")
        }
        let after = try await api.call("GET", "/api/v1/sessions/\(id)")
        #expect(after.text == before.text)
    }

    /// A phase names each question once: a repeat is refused (it was stored as given, and the
    /// question shown twice in the phase's list).
    @Test func aPhaseNamingAQuestionTwiceIsRefusedAndChangesNothing() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let deck = try #require((session["prompts"] as? [String: Any])?["deck"] as? [[String: Any]])
        let question = try #require(deck.first?["id"] as? String)
        let before = try await api.call("GET", "/api/v1/sessions/\(id)")
        let patch = #"{"agenda": [{"title": "Welcome", "kind": "briefing", "durationSec": 60, "prompts": ["\#(question)", "\#(question)"]}]}"#
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: patch)
        #expect(response.status == 400)
        #expect(response.detail == "agenda[0].prompts: '\(question)' is listed twice: a phase names each question once", "\(response.detail)")
        #expect(try await api.call("GET", "/api/v1/sessions/\(id)").text == before.text)
        let once = patch.replacingOccurrences(of: #""\#(question)", "\#(question)""#, with: #""\#(question)""#)
        #expect(try await api.call("PATCH", "/api/v1/sessions/\(id)", body: once).status == 200)
    }

    @Test
    func patchingTheCurrentPhaseOfALiveSessionIs409() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        // Starting now, so that the lobby is open and the facilitator can start it.
        let now = ISO8601DateFormatter().string(from: Date())
        let body = APIFixtures.sessionBody.replacingOccurrences(of: "2030-12-01T09:30:00Z", with: now)
        let session = try #require(try await api.createSession(body)["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let port = try await api.daemon.port()
        let token = api.token()
        try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            defer { try? client.sendClose() }
            try client.sendText(#"{"type":"hello","facilitatorToken":"\#(token)","session":"\#(id)"}"#)
            _ = try client.readText(timeout: 10)
            try client.sendText(#"{"type":"session.start","id":1}"#)
            while !(try client.readText(timeout: 10)).contains(#""type":"ack""#) {}
        }
        let patch = #"{"agenda": [{"title": "Changed", "kind": "briefing", "durationSec": 60}, {"title": "Questions", "kind": "enquiry", "durationSec": 900}]}"#
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: patch)
        #expect(response.status == 409)
        #expect(response.detail.contains("phase 0"))
        let unchanged = try await api.call("GET", "/api/v1/sessions/\(id)")
        #expect((unchanged.jsonObject?["agenda"] as? [[String: Any]])?.first?["title"] as? String == "Welcome")
    }

    @Test func deleteErasesTheSession() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let deleted = try await api.call("DELETE", "/api/v1/sessions/\(id)")
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        for path in ["", "/record", "/calendar.ics"] {
            #expect(try await api.call("GET", "/api/v1/sessions/\(id)\(path)").status == 404, "\(path)")
        }
        #expect(try await api.call("DELETE", "/api/v1/sessions/\(id)").status == 404)
        #expect(try await api.call("GET", "/api/v1/sessions").jsonArray?.count == 0)
    }
}

/// Time zones: every zone the installed tz database lists is accepted, not only Foundation's
/// own (older) list, which lacks `Asia/Kolkata`.
@Suite("API: time zones")
struct TimeZoneNameTests {
    /// The zone names `zone1970.tab` lists, read here independently of the server.
    static let tzDatabaseZones: [String] = {
        guard let text = try? String(contentsOfFile: "/usr/share/zoneinfo/zone1970.tab", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            return columns.count >= 3 ? String(columns[2]) : nil
        }
    }()

    @Test func everyZoneTheTzDatabaseListsIsAcceptedAndInTheOpenAPIEnum() async throws {
        let zones = Self.tzDatabaseZones.filter { TimeZone(identifier: $0) != nil }
        try #require(zones.contains("Asia/Kolkata"), "this machine's tz database lists Asia/Kolkata")
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let document = try await api.call("GET", "/api/v1/openapi.json")
        let schemas = (document.jsonObject?["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let listed = Set(((schemas?["TimeZone"] as? [String: Any])?["enum"] as? [String]) ?? [])
        #expect(zones.filter { !listed.contains($0) } == [], "zones the OpenAPI enum leaves out")

        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: #"{"timeZone": "Asia/Kolkata"}"#)
        #expect(response.status == 200, "\(response.text)")
        #expect(response.jsonObject?["timeZone"] as? String == "Asia/Kolkata")
    }

    /// Chromium names some zones by the tz database's links (ICU's canonical names), and the
    /// console offers and pre-selects them: a probe in Asia/Ho_Chi_Minh could not schedule with
    /// the default, "Asia/Saigon". `Etc/UTC` is what Debian's `/etc/timezone` says. Names that
    /// are not zones stay refused.
    @Test(arguments: ["Asia/Saigon", "America/Buenos_Aires", "America/Indianapolis", "Atlantic/Faeroe", "Africa/Asmera",
                      "Etc/UTC", "Etc/GMT+5", "US/Eastern", "Asia/Ho_Chi_Minh"])
    func linksAndEtcZonesAreAccepted(zone: String) async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: #"{"timeZone": "\#(zone)"}"#)
        #expect(response.status == 200, "\(zone): \(response.text)")
        #expect(response.jsonObject?["timeZone"] as? String == zone)
        let calendar = try await api.call("GET", "/api/v1/sessions/\(id)/calendar.ics")
        #expect(calendar.status == 200)
    }

    @Test(arguments: ["Factory", "posix/Europe/London", "right/UTC", "localtime", "zone.tab", "Europe/Nowhere", "../UTC"])
    func namesThatAreNotZonesAreRefused(name: String) async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        let response = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: #"{"timeZone": "\#(name)"}"#)
        #expect(response.status == 400, "\(name): \(response.text)")
        #expect(response.text.contains("timeZone"), "\(response.text)")
    }
}
