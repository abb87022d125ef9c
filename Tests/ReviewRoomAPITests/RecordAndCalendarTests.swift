import Foundation
import ReviewRoomTesting
import Testing

@Suite("API: record and calendar")
struct RecordAndCalendarTests {
    @Test
    func theRecordComesInEachFormatByQueryOrAccept() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        let path = "/api/v1/sessions/\(id)/record"
        let expectations: [(String, [String], String)] = [
            ("?format=md", [], "text/markdown; charset=utf-8"),
            ("?format=html", [], "text/html; charset=utf-8"),
            ("?format=json", [], "application/json"),
            ("", ["Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"], "text/html; charset=utf-8"),
            ("", ["Accept: application/json"], "application/json"),
            ("", ["Accept: text/html;q=0.5, text/markdown"], "text/markdown; charset=utf-8"),
            ("?format=json", ["Accept: text/html"], "application/json"),
            ("", [], "text/markdown; charset=utf-8"),
        ]
        for (query, headers, type) in expectations {
            let response = try await api.call("GET", path + query, headers: headers)
            #expect(response.status == 200, "\(query) \(headers)")
            #expect(response.headers["content-type"] == type, "\(query) \(headers)")
            #expect(response.text.contains("Reading for pleasure"), "\(query) \(headers)")
        }
        let html = try await api.call("GET", path + "?format=html")
        #expect(html.headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'none'")
        #expect(html.headers["referrer-policy"] == "no-referrer")
        #expect(html.headers["x-content-type-options"] == "nosniff")
        #expect(html.text.lowercased().contains("<html"))
        let json = try await api.call("GET", path + "?format=json")
        #expect(json.jsonObject != nil)
    }

    /// A shared school computer's browser keeps nothing of the API on disk after its
    /// facilitator signs out: records, the session, the list and errors alike are `no-store`.
    @Test
    func noAPIAnswerIsKeptInABrowsersCache() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        for path in ["/api/v1/sessions/\(id)/record?format=html", "/api/v1/sessions/\(id)/record?format=md",
                     "/api/v1/sessions/\(id)/calendar.ics", "/api/v1/sessions/\(id)", "/api/v1/sessions",
                     "/api/v1/sessions/s_nobody"] {
            let response = try await api.call("GET", path)
            #expect(response.headers["cache-control"] == "no-store", "\(path): \(response.status)")
        }
        let refused = try await api.request("GET", "/api/v1/sessions", token: "not-a-token")
        #expect(refused.status == 401 && refused.headers["cache-control"] == "no-store")
        // A page holds no session data until it signs in: it may be cached (revalidated).
        let page = try await api.request("GET", "/record.css", token: nil)
        #expect(page.headers["cache-control"] == "no-cache")
    }

    /// The daemon's CSP blocks the record's inline `<style>`; the record links `/record.css`,
    /// served (to anyone: it holds no session data) with the very same CSS and the usual headers.
    /// The link is relative to the record's URL, so that behind a reverse proxy serving the
    /// daemon under a path prefix the browser asks for the sheet under that prefix too.
    @Test
    func theServedRecordLinksItsStylesheetWhichTheDaemonServesWithTheSameCSS() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        let html = try await api.call("GET", "/api/v1/sessions/\(id)/record?format=html").text
        let href = try #require(Self.stylesheetHref(in: html))
        let direct = try #require(URL(string: href, relativeTo: URL(string: "http://school.example/api/v1/sessions/\(id)/record?format=html")))
        #expect(direct.absoluteURL.path == "/record.css")
        let proxied = try #require(URL(string: href, relativeTo: URL(string: "https://school.example/reviewroom/api/v1/sessions/\(id)/record?format=html")))
        #expect(proxied.absoluteURL.path == "/reviewroom/record.css", "a path prefix is kept: \(href)")
        let inline = try #require(html.range(of: "<style>").flatMap { start in
            html.range(of: "</style>", range: start.upperBound..<html.endIndex).map { String(html[start.upperBound..<$0.lowerBound]) }
        })
        let sheet = try await api.request("GET", direct.absoluteURL.path, token: nil)
        #expect(sheet.status == 200)
        #expect(sheet.headers["content-type"] == "text/css; charset=utf-8")
        #expect(sheet.headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'none'")
        #expect(sheet.headers["referrer-policy"] == "no-referrer")
        #expect(sheet.headers["x-content-type-options"] == "nosniff")
        #expect(sheet.text == inline)
        #expect(sheet.text.contains("main{max-width:60rem"))
        let post = try await api.request("POST", "/record.css", token: nil, body: "{}")
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")
    }

    @Test
    func theRecordNamesRevokedParticipantsAndLogsEveryChangeToTheList() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let reply = try await api.createSession()
        let id = try #require((reply["session"] as? [String: Any])?["id"] as? String)
        let invited = (reply["invites"] as? [[String: Any]] ?? []).compactMap { $0["participant"] as? [String: Any] }
        let ben = try #require(invited.first { $0["name"] as? String == "Ben" }?["id"] as? String)
        #expect(try await api.call("DELETE", "/api/v1/sessions/\(id)/participants/\(ben)").status == 204)
        let lee = try await api.call("POST", "/api/v1/sessions/\(id)/participants", body: #"{"name": "Late Lee", "role": "reviewer"}"#)
        #expect(lee.status == 201)
        let json = try #require(try await api.call("GET", "/api/v1/sessions/\(id)/record?format=json").jsonObject)
        let people = try #require(json["participants"] as? [[String: Any]])
        let benListed = try #require(people.first { $0["id"] as? String == ben })
        #expect(benListed["name"] as? String == "Ben" && benListed["role"] as? String == "host")
        #expect(benListed["removed"] as? Bool == true)
        #expect(people.first { $0["name"] as? String == "Late Lee" }?["removed"] as? Bool == false)
        let log = (json["log"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "participants" }
        #expect(log.compactMap { $0["text"] as? String } == ["Participant removed: Ben (host)", "Participant added: Late Lee (reviewer)"])
        let markdown = try await api.call("GET", "/api/v1/sessions/\(id)/record?format=md")
        #expect(markdown.text.contains("Ben (host, removed)"))
        #expect(!markdown.text.contains(ben))
    }

    /// Two people of the same name were the same name in every table and sentence of the
    /// record; they are numbered in invitation order, as the live pages show them.
    @Test func namesakesAreNumberedInTheRecordAsOnThePages() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        for name in ["Sam", " sam "] {
            let added = try await api.call("POST", "/api/v1/sessions/\(id)/participants", body: #"{"name": "\#(name)", "role": "reviewer"}"#)
            #expect(added.status == 201)
        }
        let json = try #require(try await api.call("GET", "/api/v1/sessions/\(id)/record?format=json").jsonObject)
        let names = (json["participants"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let sams = names.filter { $0.lowercased().contains("sam") }
        #expect(sams.count == 2 && sams.first == "Sam (1)" && sams.last?.hasSuffix(" (2)") == true
                && sams.last?.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("sam") == true, "\(names)")
        #expect(names.contains("Ben"), "a name nobody shares stays as it is: \(names)")
        let markdown = try await api.call("GET", "/api/v1/sessions/\(id)/record?format=md")
        #expect(markdown.text.contains("Sam (1) (reviewer"), "\(markdown.text.prefix(600))")
    }

    @Test func badFormatsAre400AndUnacceptableTypes406() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        let pdf = try await api.call("GET", "/api/v1/sessions/\(id)/record?format=pdf")
        #expect(pdf.status == 400)
        #expect(pdf.detail.contains("format: 'pdf'"))
        let image = try await api.call("GET", "/api/v1/sessions/\(id)/record", headers: ["Accept: image/png"])
        #expect(image.status == 406)
        #expect(image.headers["content-type"] == "application/problem+json")
    }

    @Test
    func theCalendarIsAnEventWithoutTokensAndItsSequenceRisesOnReschedule() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let reply = try await api.createSession()
        let id = try #require((reply["session"] as? [String: Any])?["id"] as? String)
        let tokens = (reply["invites"] as? [[String: Any]] ?? []).compactMap { $0["token"] as? String }
        let path = "/api/v1/sessions/\(id)/calendar.ics"
        let first = try await api.call("GET", path)
        #expect(first.status == 200)
        #expect(first.headers["content-type"] == "text/calendar; charset=utf-8")
        #expect(first.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(first.text.contains("BEGIN:VEVENT"))
        #expect(first.text.contains("SEQUENCE:0"))
        #expect(!tokens.isEmpty)
        for token in tokens { #expect(!first.text.contains(token)) }
        let moved = try await api.call("PATCH", "/api/v1/sessions/\(id)", body: #"{"startsAt": "2030-12-03T09:30:00Z"}"#)
        #expect(moved.status == 200)
        let second = try await api.call("GET", path)
        #expect(second.text.contains("SEQUENCE:1"))
        // A longer first phase moves DTEND: the event changed, so SEQUENCE rises again.
        let session = try await api.call("GET", "/api/v1/sessions/\(id)")
        var agenda = try #require((try JSONSerialization.jsonObject(with: Data(session.text.utf8)) as? [String: Any])?["agenda"] as? [[String: Any]])
        agenda[0]["durationSec"] = (agenda[0]["durationSec"] as? Int ?? 600) + 300
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["agenda": agenda]), as: UTF8.self)
        #expect(try await api.call("PATCH", "/api/v1/sessions/\(id)", body: body).status == 200)
        let third = try await api.call("GET", path)
        #expect(third.text.contains("SEQUENCE:2"))
        #expect(third.text != second.text)
        // A change the event does not show (the question deck) leaves it as it was.
        #expect(try await api.call("PATCH", "/api/v1/sessions/\(id)", body: #"{"prompts": [{"text": "What do pupils read?"}]}"#).status == 200)
        #expect(try await api.call("GET", path).text.contains("SEQUENCE:2"))
    }

    @Test
    func templatesAndDecksAreListed() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let templates = try #require(try await api.call("GET", "/api/v1/templates").jsonArray as? [[String: Any]])
        #expect(templates.contains { $0["id"] as? String == "rapid-remote-90" })
        for template in templates {
            for key in ["id", "title", "description", "phases"] { #expect(template[key] != nil, "template has no \(key)") }
        }
        let decks = try #require(try await api.call("GET", "/api/v1/prompt-decks").jsonArray as? [[String: Any]])
        let covid = try #require(decks.first { $0["id"] as? String == "covid-recovery" })
        let prompts = try #require(covid["prompts"] as? [[String: Any]])
        #expect(!prompts.isEmpty)
        for prompt in prompts { #expect(prompt["id"] is String && prompt["text"] is String && prompt.keys.contains("theme")) }

        let created = try await api.createSession(#"{"title": "T", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", "template": "rapid-remote-90", "promptDeck": "covid-recovery"}"#)
        let session = try #require(created["session"] as? [String: Any])
        let agenda = try #require(session["agenda"] as? [[String: Any]])
        let template = try #require(templates.first { $0["id"] as? String == "rapid-remote-90" })
        #expect(agenda.map { $0["id"] as? String } == (template["phases"] as? [[String: Any]])?.map { $0["id"] as? String })
        let deck = (session["prompts"] as? [String: Any])?["deck"] as? [[String: Any]]
        #expect(deck?.count == prompts.count)
    }

    @Test func aDeletedSessionHasNoRecordAndNoCalendar() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        #expect(try await api.call("GET", "/api/v1/sessions/\(id)/record").status == 200)
        #expect(try await api.call("DELETE", "/api/v1/sessions/\(id)").status == 204)
        for path in ["record", "record?format=html", "record?format=json", "calendar.ics"] {
            let response = try await api.call("GET", "/api/v1/sessions/\(id)/\(path)")
            #expect(response.status == 404, "\(path)")
            #expect(response.headers["content-type"] == "application/problem+json", "\(path)")
        }
    }

    /// The `href` of the page's one stylesheet `<link>`.
    private static func stylesheetHref(in html: String) -> String? {
        guard let link = html.range(of: "<link rel=\"stylesheet\" href=\""),
              let end = html.range(of: "\"", range: link.upperBound..<html.endIndex) else { return nil }
        return String(html[link.upperBound..<end.lowerBound])
    }
}
