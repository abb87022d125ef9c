import Foundation
import ReviewRoomTesting
import Testing

@Suite("API: authentication, ownership, methods, limits")
struct AccessTests {
    @Test func missingBadOrRevokedTokensAre401WithWWWAuthenticate() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let cases: [(String?, [String], String)] = [
            (nil, [], "no Authorization header"),
            (nil, ["Authorization: Basic YTpi"], "not 'Bearer"),
            ("not-a-real-token", [], "not a valid facilitator token"),
        ]
        for (token, headers, detail) in cases {
            let response = try await api.request("GET", "/api/v1/sessions", token: token, headers: headers)
            #expect(response.status == 401)
            #expect(response.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(response.headers["content-type"] == "application/problem+json")
            #expect(response.detail.contains(detail), "detail: \(response.detail)")
        }
        // Revoked while the daemon runs: the next request is refused.
        let executable = try BuildProducts.executable(named: "reviewroomd")
        let revoke = try await ChildProcess.run([executable.path, "facilitator", "revoke", api.ids["Bob"] ?? "",
                                                 "--data-dir", api.daemon.dataDirectory.path])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(try await api.call("GET", "/api/v1/sessions", as: "Bob").status == 401)
        #expect(try await api.call("GET", "/api/v1/sessions", as: "Ann").status == 200)
    }

    @Test func anInviteTokenIsNotAFacilitatorToken() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let reply = try await api.createSession()
        let session = try #require(reply["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let invites = try #require(reply["invites"] as? [[String: Any]])
        let reviewerToken = try #require(invites[1]["token"] as? String)
        let record = try await api.request("GET", "/api/v1/sessions/\(id)/record", token: reviewerToken)
        #expect(record.status == 401)
        // The caller's own participant token is no facilitator token either.
        let ownToken = try #require(invites[0]["token"] as? String)
        #expect(try await api.request("GET", "/api/v1/sessions/\(id)", token: ownToken).status == 401)
    }

    @Test func anotherFacilitatorsSessionIs404LikeAMissingOne() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let reply = try await api.createSession(as: "Bob")
        let session = try #require(reply["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let pid = try #require((reply["invites"] as? [[String: Any]])?.last?["participant"] as? [String: Any])["id"] as? String ?? ""
        let attempts: [(String, String, String?)] = [
            ("GET", "/api/v1/sessions/\(id)", nil),
            ("PATCH", "/api/v1/sessions/\(id)", #"{"title": "Mine now"}"#),
            ("DELETE", "/api/v1/sessions/\(id)", nil),
            ("GET", "/api/v1/sessions/\(id)/record", nil),
            ("GET", "/api/v1/sessions/\(id)/calendar.ics", nil),
            ("POST", "/api/v1/sessions/\(id)/participants", #"{"name": "Eve", "role": "reviewer"}"#),
            ("DELETE", "/api/v1/sessions/\(id)/participants/\(pid)", nil),
            ("POST", "/api/v1/sessions/\(id)/participants/\(pid)/reissue", ""),
        ]
        let missing = try await api.call("GET", "/api/v1/sessions/s_does-not-exist")
        #expect(missing.status == 404)
        for (method, path, body) in attempts {
            let response = try await api.call(method, path, as: "Ann", body: body)
            #expect(response.status == 404, "\(method) \(path)")
            #expect(response.detail == missing.detail.replacingOccurrences(of: "s_does-not-exist", with: id), "\(method) \(path)")
        }
        let untouched = try await api.call("GET", "/api/v1/sessions/\(id)", as: "Bob")
        #expect(untouched.status == 200)
        #expect(untouched.jsonObject?["title"] as? String == "Reading for pleasure")
        #expect((untouched.jsonObject?["participants"] as? [Any])?.count == 4)
    }

    @Test func aWrongMethodIs405WithAllow() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let collection = try await api.call("PUT", "/api/v1/sessions", body: "{}")
        #expect(collection.status == 405)
        #expect(collection.headers["allow"] == "GET, HEAD, POST")
        #expect(collection.headers["content-type"] == "application/problem+json")
        let one = try await api.call("POST", "/api/v1/sessions/s_x", body: "{}")
        #expect(one.status == 405)
        #expect(one.headers["allow"] == "DELETE, GET, HEAD, PATCH")
        #expect(try await api.call("GET", "/api/v1/sessions/s_x/nothing-here").status == 404)
        // Outside the API: a page takes GET and HEAD; a path with nothing there is 404 for any method.
        let page = try await api.call("POST", "/console", body: "{}")
        #expect(page.status == 405)
        #expect(page.headers["allow"] == "GET, HEAD")
        let nothing = try await api.call("PATCH", "/nothing-here", body: "{}")
        #expect(nothing.status == 404)
        #expect(nothing.headers["content-type"] == "application/problem+json")
        #expect(nothing.headers["allow"] == nil)
    }

    @Test func anOversizedBodyIs413AndCreatesNothing() async throws {
        let api = try await APIDaemon.start(environment: ["REVIEWROOM_MAX_REQUEST_BODY_BYTES": "2048"])
        defer { api.stop() }
        let focus = String(repeating: "x", count: 4096)
        let body = #"{"title": "T", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", "focus": "\#(focus)", "agenda": [{"title": "A", "kind": "briefing", "durationSec": 60}]}"#
        let response = try await api.call("POST", "/api/v1/sessions", body: body)
        #expect(response.status == 413)
        #expect(try await api.call("GET", "/api/v1/sessions").jsonArray?.count == 0)
    }
}
