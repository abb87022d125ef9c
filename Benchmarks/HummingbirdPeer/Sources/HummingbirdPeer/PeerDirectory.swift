import Foundation

/// Every room and invite token of the peer relay (one lock, touched only at creation and join).
actor PeerDirectory {
    private var rooms: [String: PeerRoom] = [:]
    private var tokens: [String: PeerParticipant] = [:]
    private var nextNumber = 1

    /// Creates a session from a `POST /api/v1/sessions` body; returns the `{session, invites}` reply.
    func createSession(body: [String: Any]) -> String {
        let sessionID = "s_\(nextNumber)"
        nextNumber += 1
        rooms[sessionID] = PeerRoom(id: sessionID)
        var people = (body["participants"] as? [[String: Any]]) ?? []
        people.append(["name": "Facilitator", "role": "facilitator"])
        var invites: [[String: Any]] = []
        var participants: [[String: Any]] = []
        for (index, person) in people.enumerated() {
            let participant = PeerParticipant(id: "p_\(sessionID)_\(index)", name: person["name"] as? String ?? "?",
                                              role: person["role"] as? String ?? "reviewer", session: sessionID)
            let token = UUID().uuidString
            tokens[token] = participant
            participants.append(participant.json)
            invites.append(["participant": participant.json, "token": token, "url": "/join#\(token)"])
        }
        let notes = PeerRoom.noteIDs.map { ["id": $0, "title": $0] }
        let session: [String: Any] = ["id": sessionID, "title": body["title"] ?? "", "status": "live",
                                      "notes": notes, "participants": participants]
        return PeerJSON.encode(["session": session, "invites": invites])
    }

    /// The participant and room an invite token joins, if it is known.
    func join(token: String) -> (PeerParticipant, PeerRoom)? {
        guard let participant = tokens[token], let room = rooms[participant.session] else { return nil }
        return (participant, room)
    }
}
