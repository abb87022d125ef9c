import Foundation
import ReviewRoomTesting

/// Creates sessions through the HTTP API (`POST /api/v1/sessions`) and collects invite tokens.
struct SessionProvisioner {
    /// One created session: its id and one invite token per client (facilitator's first).
    struct Session: Sendable {
        /// Session id.
        var id: String
        /// Invite tokens, the facilitator's first.
        var tokens: [String]
    }

    let port: Int
    let facilitatorToken: String

    /// Creates `count` sessions with `clientsPerSession - 1` invited reviewers each (plus the
    /// facilitator, added by the server). Runs on a blocking thread.
    func create(count: Int, clientsPerSession: Int) async throws -> [Session] {
        let port = port, token = facilitatorToken
        return try await RawBlocking.run {
            var client = try RawHTTPClient(port: port)
            var sessions: [Session] = []
            sessions.reserveCapacity(count)
            for index in 0 ..< count {
                let body = Self.body(index: index, reviewers: clientsPerSession - 1)
                var response: RawHTTPResponse
                do {
                    response = try client.request("POST", "/api/v1/sessions", headers: [
                        ("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"),
                    ], body: Array(body.utf8), timeout: 30)
                } catch {
                    // The server may close a kept-alive connection; one retry on a fresh one.
                    client.close()
                    client = try RawHTTPClient(port: port)
                    response = try client.request("POST", "/api/v1/sessions", headers: [
                        ("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"),
                    ], body: Array(body.utf8), timeout: 30)
                }
                guard response.status == 201 else {
                    throw BenchError("POST /api/v1/sessions answered \(response.status): \(response.text.prefix(300))")
                }
                sessions.append(try Self.parse(response.body))
            }
            client.close()
            return sessions
        }
    }

    private static func body(index: Int, reviewers: Int) -> String {
        let people = (0 ..< reviewers).map { #"{"name":"Reviewer \#($0 + 1)","role":"reviewer"}"# }.joined(separator: ",")
        let startsAt = Date().formatted(.iso8601)
        return #"{"title":"Bench session \#(index + 1)","hostSchool":"Bench School","focus":"Load","startsAt":"\#(startsAt)","timeZone":"UTC","template":"rapid-remote-90","promptDeck":"covid-recovery","participants":[\#(people)],"lobbyOpensMinutesBefore":15,"autoStart":false}"#
    }

    private static func parse(_ body: [UInt8]) throws -> Session {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let session = object["session"] as? [String: Any], let id = session["id"] as? String,
              let invites = object["invites"] as? [[String: Any]] else {
            throw BenchError("POST /api/v1/sessions reply has no session.id or invites: \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
        var facilitator: [String] = [], others: [String] = []
        for invite in invites {
            guard let token = invite["token"] as? String else { continue }
            let role = (invite["participant"] as? [String: Any])?["role"] as? String
            if role == "facilitator" { facilitator.append(token) } else { others.append(token) }
        }
        return Session(id: id, tokens: facilitator + others)
    }
}
