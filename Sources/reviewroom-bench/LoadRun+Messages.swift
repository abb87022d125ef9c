import Foundation
import ReviewRoomBenchKit
import ReviewRoomCore

// What the driver does with each message a client receives.
extension LoadRun {
    /// Parses one message and updates the client, the ledger and the counters.
    func receive(_ bytes: [UInt8], client index: Int, at receivedAt: UInt64) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
              let type = object["type"] as? String else {
            counters.errorReplies += 1
            counters.note("not a JSON object: \(String(decoding: bytes.prefix(120), as: UTF8.self))")
            return
        }
        switch type {
        case "welcome":
            welcome(object, client: index)
        case "event":
            event(object, client: index, at: receivedAt)
        case "ack":
            ack(object, client: index)
        case "error":
            let id = object["id"] as? Int
            if let id, clients[index].tolerated.remove(id) != nil { return }
            counters.errorReplies += 1
            counters.note("error \(object["code"] ?? "?"): \(object["message"] ?? "")")
            if clients[index].stage == .joining {
                clients[index].stage = .gone
                settle(index, joined: false)
            } else if let id, let opId = clients[index].editCommands.removeValue(forKey: id) {
                // A refused edit is never confirmed: this client stops typing (its OT state is stuck).
                counters.note("edit \(opId) refused; client \(index) stops typing")
                clients[index].nextKeyAt = .max
            }
        default:
            break // presence, cursor, signal, hint, resumed: frames only
        }
    }

    private func welcome(_ object: [String: Any], client index: Int) {
        guard clients[index].stage == .joining else { return }
        let you = object["you"] as? [String: Any]
        let session = object["session"] as? [String: Any]
        let notes = session?["notes"] as? [[String: Any]] ?? []
        guard let participant = you?["id"] as? String, let note = notes.first, let noteID = note["id"] as? String else {
            counters.errorReplies += 1
            counters.note("welcome without you.id or session.notes")
            clients[index].stage = .gone
            settle(index, joined: false)
            return
        }
        clients[index].participant = participant
        clients[index].noteID = noteID
        let text = note["text"] as? String ?? ""
        let rev = note["rev"] as? Int ?? 0
        clients[index].note = NoteClient(participant: participant, revision: rev, text: text, opIdPrefix: "b")
        clients[index].typist.place(length: text.utf16.count)
        clients[index].agendaCount = (session?["agenda"] as? [Any])?.count ?? 0
        let clock = session?["clock"] as? [String: Any]
        clients[index].phase = clock?["phase"] as? Int ?? 0
        clients[index].stage = .joined
        if clients[index].isFacilitator, target.kind == .reviewroom, clock?["status"] as? String != "live" {
            send(["type": "session.start"], client: index, tolerated: true)
        }
        settle(index, joined: true)
    }

    private func event(_ object: [String: Any], client index: Int, at receivedAt: UInt64) {
        guard let name = object["name"] as? String, let data = object["data"] as? [String: Any] else { return }
        switch name {
        case "note.op":
            guard let by = data["by"] as? String, let opId = data["opId"] as? String else { return }
            if by != clients[index].participant {
                ledger.arrived(EditKey(author: by, opId: opId), at: receivedAt)
            }
            guard data["note"] as? String == clients[index].noteID, var note = clients[index].note,
                  let rev = data["rev"] as? Int, let op = Self.operation(data["op"]) else { return }
            do {
                let update = try note.receiveEvent(rev: rev, op: op, by: by, opId: opId)
                clients[index].note = note
                clients[index].typist.clamp(length: note.document.utf16Count)
                if let next = update.send { sendEdit(next, client: index) }
            } catch {
                counters.otFailures += 1
                if target.kind == .reviewroom { counters.note("OT could not apply note.op rev \(rev): \(error)") }
            }
        case "clock.changed":
            if let phase = (data["clock"] as? [String: Any])?["phase"] as? Int { clients[index].phase = phase }
        default:
            break
        }
    }

    private func ack(_ object: [String: Any], client index: Int) {
        guard let id = object["id"] as? Int else { return }
        clients[index].tolerated.remove(id)
        guard let opId = clients[index].editCommands.removeValue(forKey: id), var note = clients[index].note else { return }
        let rev = object["rev"] as? Int ?? note.revision
        if note.outstandingEdit?.opId == opId {
            // Acked while still outstanding: no note.op came first, so the server applied it as a
            // no-op (e.g. two people deleted the same letter); nobody else will receive it.
            ledger.withdraw(EditKey(author: clients[index].participant, opId: opId))
            counters.noopEdits += 1
        }
        let next = note.receiveAck(opId: opId, rev: rev)
        clients[index].note = note
        if let next { sendEdit(next, client: index) }
        if plan.typing == .closedLoop, measuring, note.state == .synchronized {
            clients[index].nextKeyAt = 0
        }
    }

    /// An ot.js op from parsed JSON: positive ints retain, negative delete, strings insert.
    static func operation(_ value: Any?) -> TextOperation? {
        guard let components = value as? [Any] else { return nil }
        var op = TextOperation()
        for component in components {
            if let text = component as? String {
                op.insert(text)
            } else if let count = component as? Int {
                if count > 0 { op.retain(count) } else if count < 0 { op.delete(-count) } else { return nil }
            } else {
                return nil
            }
        }
        return op
    }
}
