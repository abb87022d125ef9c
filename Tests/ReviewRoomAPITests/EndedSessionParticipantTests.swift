import Foundation
import ReviewRoomTesting
import Testing

/// Inviting, revoking and reissuing once a session has ended (PROTOCOL is silent on HTTP after
/// the end; README "After a review ends"): the participant list is frozen with the record, so
/// inviting is 409; revoking removes only access; a new link gives access back.
@Suite("API: participants after the end")
struct EndedSessionParticipantTests {
    /// A session starting now, run and ended by Ann's console; the invite tokens and ids by name.
    private static func endedSession(_ api: APIDaemon, revokingFirst: String? = nil)
        async throws -> (id: String, tokens: [String: String], pids: [String: String]) {
        let now = ISO8601DateFormatter().string(from: Date())
        let reply = try await api.createSession(APIFixtures.sessionBody.replacingOccurrences(of: "2030-12-01T09:30:00Z", with: now))
        let id = try #require((reply["session"] as? [String: Any])?["id"] as? String)
        var tokens: [String: String] = [:], pids: [String: String] = [:]
        for invite in reply["invites"] as? [[String: Any]] ?? [] {
            let person = invite["participant"] as? [String: Any]
            let name = person?["name"] as? String ?? ""
            tokens[name] = invite["token"] as? String
            pids[name] = person?["id"] as? String
        }
        if let name = revokingFirst {
            #expect(try await api.call("DELETE", "/api/v1/sessions/\(id)/participants/\(pids[name] ?? "")").status == 204)
        }
        let port = try await api.daemon.port()
        let token = api.token()
        let replies = try await ConsoleCommands.send(["session.start", "session.end"], port: port, facilitatorToken: token, session: id)
        #expect(replies.allSatisfy { $0.contains(#""type":"ack""#) }, "\(replies)")
        return (id, tokens, pids)
    }

    /// Says hello with an invite token: the first reply, and after an `error` the close code.
    private static func hello(port: Int, token: String) async throws -> (client: RawWebSocketClient, first: String?, close: UInt16?) {
        try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            try client.sendText(#"{"type":"hello","token":"\#(token)","client":"api-tests/1"}"#)
            let frame = try client.readMessage(timeout: 30)
            if frame.opcode == .close { return (client, nil, frame.closeCode) }
            let text = String(decoding: frame.payload, as: UTF8.self)
            guard text.contains(#""type":"error""#) else { return (client, text, nil) }
            return (client, text, try client.readUntilClose(timeout: 30).close.closeCode)
        }
    }

    private static func names(_ api: APIDaemon, _ id: String) async throws -> [String] {
        let people = try await api.call("GET", "/api/v1/sessions/\(id)").jsonObject?["participants"] as? [[String: Any]]
        return people?.compactMap { $0["name"] as? String } ?? []
    }

    @Test func invitingAfterTheEndIs409AndChangesNothing() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.endedSession(api)
        let before = try await api.call("GET", "/api/v1/sessions/\(session.id)")
        let record = try await api.call("GET", "/api/v1/sessions/\(session.id)/record?format=json")
        let invite = try await api.call("POST", "/api/v1/sessions/\(session.id)/participants", body: #"{"name": "Late", "role": "reviewer"}"#)
        #expect(invite.status == 409)
        #expect(invite.headers["content-type"] == "application/problem+json")
        #expect(invite.detail.contains("has ended") && invite.detail.contains("/record"), "\(invite.detail)")
        let now = try await api.call("GET", "/api/v1/sessions/\(session.id)").text
        #expect(now == before.text, "nothing changed: \(before.text) → \(now)")
        let after = try await api.call("GET", "/api/v1/sessions/\(session.id)/record?format=json")
        #expect(after.jsonObject?["participants"] as? [[String: AnyHashable]] == record.jsonObject?["participants"] as? [[String: AnyHashable]])
    }

    @Test func revokingAfterTheEndRemovesAccessButKeepsThemInTheSessionAndItsRecord() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.endedSession(api)
        let port = try await api.daemon.port()
        let asha = try await Self.hello(port: port, token: session.tokens["Asha"] ?? "")
        defer { asha.client.disconnect() }
        #expect(asha.first?.contains(#""type":"welcome""#) == true, "an ended session is still readable")

        let revoked = try await api.call("DELETE", "/api/v1/sessions/\(session.id)/participants/\(session.pids["Asha"] ?? "")")
        #expect(revoked.status == 204, "\(revoked.text)")
        let close = try await RawBlocking.run { try asha.client.readUntilClose(timeout: 30).close }
        #expect(close.closeCode == 4003)
        let again = try await Self.hello(port: port, token: session.tokens["Asha"] ?? "")
        again.client.disconnect()
        #expect(again.close == 4001, "the revoked link no longer opens the session: \(again.first ?? "")")

        // With nobody connected the session is unloaded; reading it loads it from the store again.
        #expect(try await Self.names(api, session.id).contains("Asha"), "she took part in the review")
        let record = try await api.call("GET", "/api/v1/sessions/\(session.id)/record?format=json")
        let people = record.jsonObject?["participants"] as? [[String: Any]] ?? []
        let person = try #require(people.first { $0["name"] as? String == "Asha" })
        #expect(person["removed"] as? Bool == false, "\(people)")
        let log = (record.jsonObject?["log"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(!log.contains { $0.hasPrefix("Participant") }, "nobody joined or left the review: \(log)")
        #expect(try await api.call("DELETE", "/api/v1/sessions/\(session.id)/participants/\(session.pids["Asha"] ?? "")").status == 204,
                "revoking twice is allowed")
    }

    /// `GET …/access` (a ReviewRoom extension): the only place that says whose link was taken back
    /// after the end, since they stay listed.
    @Test func theAccessListSaysWhoseLinkWasTakenBackAfterTheEnd() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.endedSession(api, revokingFirst: "Ben")
        func access() async throws -> [String: Bool] {
            let reply = try await api.call("GET", "/api/v1/sessions/\(session.id)/access")
            #expect(reply.status == 200 && reply.headers["content-type"] == "application/json", "\(reply.text)")
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: entries.compactMap { entry in
                (entry["id"] as? String).flatMap { id in (entry["linkWorks"] as? Bool).map { (id, $0) } }
            })
        }
        let asha = session.pids["Asha"] ?? ""
        let listed = try await api.call("GET", "/api/v1/sessions/\(session.id)").jsonObject?["participants"] as? [[String: Any]] ?? []
        let before = try await access()
        #expect(Set(before.keys) == Set(listed.compactMap { $0["id"] as? String }), "everyone listed, nobody else: \(before)")
        #expect(before[session.pids["Ben"] ?? ""] == nil, "Ben left before the end")
        #expect(before.values.allSatisfy { $0 }, "\(before)")

        #expect(try await api.call("DELETE", "/api/v1/sessions/\(session.id)/participants/\(asha)").status == 204)
        let revoked = try await access()
        #expect(revoked[asha] == false && revoked.filter { $0.key != asha }.values.allSatisfy { $0 }, "\(revoked)")
        #expect(try await api.call("POST", "/api/v1/sessions/\(session.id)/participants/\(asha)/reissue", body: "").status == 201)
        #expect(try await access()[asha] == true)

        #expect(try await api.call("GET", "/api/v1/sessions/s_nope/access").status == 404)
        #expect(try await api.request("GET", "/api/v1/sessions/\(session.id)/access", token: nil).status == 401)
    }

    @Test func aNewLinkAfterTheEndGivesAccessBackOnlyToThoseStillListed() async throws {
        let api = try await APIDaemon.start()
        defer { api.stop() }
        let session = try await Self.endedSession(api, revokingFirst: "Ben")
        let asha = session.pids["Asha"] ?? ""
        #expect(try await api.call("DELETE", "/api/v1/sessions/\(session.id)/participants/\(asha)").status == 204)
        let reissued = try await api.call("POST", "/api/v1/sessions/\(session.id)/participants/\(asha)/reissue", body: "")
        #expect(reissued.status == 201, "\(reissued.text)")
        let token = try #require(reissued.jsonObject?["token"] as? String)
        let joined = try await Self.hello(port: try await api.daemon.port(), token: token)
        joined.client.disconnect()
        #expect(joined.first?.contains(#""type":"welcome""#) == true, "\(joined)")

        // Ben left before the end: a new link would bring a new person into an ended session.
        let before = try await api.call("GET", "/api/v1/sessions/\(session.id)")
        let ben = try await api.call("POST", "/api/v1/sessions/\(session.id)/participants/\(session.pids["Ben"] ?? "")/reissue", body: "")
        #expect(ben.status == 404)
        #expect(ben.detail.contains("before it ended"), "\(ben.detail)")
        #expect(try await api.call("GET", "/api/v1/sessions/\(session.id)").text == before.text, "nothing changed")
        #expect(!(try await Self.names(api, session.id).contains("Ben")))
    }
}
