import Foundation

/// One session of the peer relay: its members' outboxes, its seq and each note's rev.
///
/// Everything a member sends is handled here in arrival order; replies and events are
/// encoded once and yielded into each member's outbox (a writer task per connection
/// drains it), so a slow member never blocks the room.
actor PeerRoom {
    /// The session id.
    let id: String
    /// The notes every session has (ids and titles as in ReviewRoom's default).
    static let noteIDs = ["evidence", "went-well", "even-better-if", "questions", "actions"]

    private var members: [String: AsyncStream<String>.Continuation] = [:]
    private var seq = 0
    private var revs: [String: Int] = Dictionary(uniqueKeysWithValues: noteIDs.map { ($0, 0) })
    private var handQueue: [String] = []
    private var phase = 0

    /// A room with `id`.
    init(id: String) { self.id = id }

    /// Adds a member and returns the `welcome` line for it.
    func join(participant: PeerParticipant, outbox: AsyncStream<String>.Continuation) -> String {
        members[participant.id] = outbox
        let notes = Self.noteIDs.map { ["id": $0, "title": $0, "rev": revs[$0] ?? 0, "text": ""] as [String: Any] }
        let welcome: [String: Any] = [
            "type": "welcome", "protocol": 1, "epoch": "peer", "seq": seq, "serverTime": PeerJSON.now(),
            "you": participant.json,
            "session": ["id": id, "notes": notes, "participants": [] as [Any]] as [String: Any],
        ]
        return PeerJSON.encode(welcome)
    }

    /// Removes a member.
    func leave(participant: String) {
        members[participant]?.finish()
        members[participant] = nil
    }

    /// Handles one command from `participant`.
    func handle(_ command: [String: Any], from participant: PeerParticipant) {
        guard let outbox = members[participant.id] else { return }
        let id = command["id"] ?? NSNull()
        guard let type = command["type"] as? String else {
            outbox.yield(PeerJSON.encode(["type": "error", "id": id, "code": "bad_request", "message": "no type"]))
            return
        }
        switch type {
        case "note.edit":
            guard let note = command["note"] as? String, let rev = revs[note], let op = command["op"],
                  let opId = command["opId"] as? String else {
                outbox.yield(PeerJSON.encode(["type": "error", "id": id, "code": "bad_request", "message": "bad note.edit"]))
                return
            }
            revs[note] = rev + 1
            broadcast(name: "note.op", data: ["note": note, "rev": rev + 1, "op": op, "by": participant.id, "opId": opId])
        case "hand.raise":
            if !handQueue.contains(participant.id) {
                handQueue.append(participant.id)
                broadcast(name: "floor.changed", data: ["floor": floor()])
            }
        case "hand.lower":
            if let index = handQueue.firstIndex(of: participant.id) {
                handQueue.remove(at: index)
                broadcast(name: "floor.changed", data: ["floor": floor()])
            }
        case "phase.next", "phase.prev":
            phase += type == "phase.next" ? 1 : -1
            broadcast(name: "clock.changed", data: ["clock": ["status": "live", "phase": phase] as [String: Any]])
        case "note.cursor":
            let cursor: [String: Any] = ["type": "cursor", "by": participant.id, "note": command["note"] ?? NSNull(),
                                         "rev": command["rev"] ?? NSNull(), "anchor": command["anchor"] ?? 0,
                                         "head": command["head"] ?? 0]
            let line = PeerJSON.encode(cursor)
            for (member, other) in members where member != participant.id { other.yield(line) }
        default:
            break
        }
        var ack: [String: Any] = ["type": "ack", "id": id, "seq": seq]
        if type == "ping" { ack["serverTime"] = PeerJSON.now() }
        outbox.yield(PeerJSON.encode(ack))
    }

    private func floor() -> [String: Any] {
        ["mode": "open", "speaker": NSNull(), "queue": handQueue.map { ["participant": $0, "kind": "contribution"] }]
    }

    private func broadcast(name: String, data: [String: Any]) {
        seq += 1
        let line = PeerJSON.encode(["type": "event", "seq": seq, "at": PeerJSON.now(), "name": name, "data": data])
        for outbox in members.values { outbox.yield(line) }
    }
}
