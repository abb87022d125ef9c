import Foundation
import ReviewRoomTesting
import Testing

@Suite("API: participants")
struct ParticipantRoutesTests {
    @Test func invitingRevokingAndReissuing() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)

        let added = try await api.call("POST", "/api/v1/sessions/\(id)/participants",
                                       body: #"{"name": "Cleo", "role": "observer", "email": "cleo@example.org"}"#)
        #expect(added.status == 201, "\(added.text)")
        let invite = try #require(added.jsonObject)
        let person = try #require(invite["participant"] as? [String: Any])
        let pid = try #require(person["id"] as? String)
        let token = try #require(invite["token"] as? String)
        #expect(person["name"] as? String == "Cleo")
        #expect(person["role"] as? String == "observer")
        #expect(invite["url"] as? String == "\(api.url)/join#\(token)")
        var people = try await api.call("GET", "/api/v1/sessions/\(id)").jsonObject?["participants"] as? [[String: Any]]
        #expect(people?.last?["id"] as? String == pid)

        let reissued = try await api.call("POST", "/api/v1/sessions/\(id)/participants/\(pid)/reissue", body: "")
        #expect(reissued.status == 201)
        let newToken = try #require(reissued.jsonObject?["token"] as? String)
        #expect(newToken != token)
        #expect((reissued.jsonObject?["participant"] as? [String: Any])?["id"] as? String == pid)

        let revoked = try await api.call("DELETE", "/api/v1/sessions/\(id)/participants/\(pid)")
        #expect(revoked.status == 204)
        people = try await api.call("GET", "/api/v1/sessions/\(id)").jsonObject?["participants"] as? [[String: Any]]
        #expect(people?.contains { $0["id"] as? String == pid } == false)
        #expect(try await api.call("DELETE", "/api/v1/sessions/\(id)/participants/\(pid)").status == 204, "revoking twice is allowed")
        #expect(try await api.call("POST", "/api/v1/sessions/\(id)/participants/\(pid)/reissue", body: "").status == 404)
    }

    /// An invitee's `email` is checked (PROTOCOL's `{name, role, email?}`) but kept nowhere:
    /// ReviewRoom sends no mail and shows it nowhere, so storing it served no purpose (data
    /// minimisation; a data protection probe found it in the database only).
    @Test func anInviteesEmailIsNotStored() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let body = APIFixtures.sessionBody.replacingOccurrences(
            of: #""participants": ["#, with: #""participants": [{"name": "Dana", "role": "reviewer", "email": "dana.at.school@example.org"}, "#)
        #expect(body != APIFixtures.sessionBody, "the fixture lists participants")
        let id = try #require((try await api.createSession(body)["session"] as? [String: Any])?["id"] as? String)
        let added = try await api.call("POST", "/api/v1/sessions/\(id)/participants",
                                       body: #"{"name": "Cleo", "role": "observer", "email": "cleo.at.school@example.org"}"#)
        #expect(added.status == 201, "\(added.text)")
        let files = try FileManager.default.contentsOfDirectory(at: api.daemon.dataDirectory, includingPropertiesForKeys: nil)
        let bytes = files.compactMap { try? Data(contentsOf: $0) }.reduce(Data(), +)
        #expect(bytes.range(of: Data("Cleo".utf8)) != nil, "the invitee is stored (the check reads the right files)")
        for address in ["dana.at.school@example.org", "cleo.at.school@example.org"] {
            #expect(bytes.range(of: Data(address.utf8)) == nil, "\(address) stored")
        }
    }

    /// `curl -X POST` sends neither a body nor `Content-Length`: RFC 9112 §6.3 makes that an empty
    /// body, so reissuing works, and routes that need a body answer their own 400.
    @Test func requestsWithoutBodyOrContentLengthHaveAnEmptyBody() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try #require(try await api.createSession()["session"] as? [String: Any])
        let id = try #require(session["id"] as? String)
        let pid = try #require((session["participants"] as? [[String: Any]])?.last?["id"] as? String)
        let reissued = try await api.call("POST", "/api/v1/sessions/\(id)/participants/\(pid)/reissue")
        #expect(reissued.status == 201, "\(reissued.text)")
        #expect(reissued.jsonObject?["token"] is String)
        #expect((reissued.jsonObject?["participant"] as? [String: Any])?["id"] as? String == pid)

        let before = try await api.call("GET", "/api/v1/sessions/\(id)")
        let invite = try await api.call("POST", "/api/v1/sessions/\(id)/participants")
        #expect(invite.status == 400)
        #expect(invite.detail.contains("body is empty"), "\(invite.detail)")
        let patch = try await api.call("PATCH", "/api/v1/sessions/\(id)")
        #expect(patch.status == 400)
        #expect(patch.headers["content-type"] == "application/problem+json")
        #expect(try await api.call("GET", "/api/v1/sessions/\(id)").text == before.text, "nothing changed")
    }

    @Test func aDisplayInviteLinksToTheDisplayPage() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        let added = try await api.call("POST", "/api/v1/sessions/\(id)/participants", body: #"{"name": "Hall", "role": "display"}"#)
        let token = try #require(added.jsonObject?["token"] as? String)
        #expect(added.jsonObject?["url"] as? String == "\(api.url)/display#\(token)")
    }

    @Test func badInvitesAre400AndUnknownParticipants404() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let id = try #require((try await api.createSession()["session"] as? [String: Any])?["id"] as? String)
        let before = try await api.call("GET", "/api/v1/sessions/\(id)")
        let cases = [(#"{"name": "X", "role": "boss"}"#, "role: 'boss'"), (#"{"role": "reviewer"}"#, "name is missing"),
                     (#"{"name": "", "role": "reviewer"}"#, "name is empty"), (#"{"name": 3, "role": "reviewer"}"#, "name must be a string"),
                     (#"{"name": "X", "role": "reviewer", "email": 7}"#, "email must be a string"), ("", "body is empty")]
        for (body, detail) in cases {
            let response = try await api.call("POST", "/api/v1/sessions/\(id)/participants", body: body)
            #expect(response.status == 400, "\(body)")
            #expect(response.detail.contains(detail), "detail: \(response.detail)")
        }
        #expect(try await api.call("GET", "/api/v1/sessions/\(id)").text == before.text, "nothing changed")
        #expect(try await api.call("DELETE", "/api/v1/sessions/\(id)/participants/p_nobody").status == 404)
        #expect(try await api.call("POST", "/api/v1/sessions/\(id)/participants/p_nobody/reissue", body: "").status == 404)
    }
}
