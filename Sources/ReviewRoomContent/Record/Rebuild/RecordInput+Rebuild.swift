import Foundation
import ReviewRoomCore

extension RecordInput {
    /// Rebuilds the input of a record from a session's initial state and its whole stored log:
    /// state events are replayed with `SessionState.replaying(_:onto:)`, `note.op` events with
    /// `NoteBuffer.replay(_:)` onto empty buffers for the session's notes (so authorship is
    /// complete). Event names outside protocol v1 are skipped.
    ///
    /// - Throws: ``RecordRebuildError`` naming the first event that cannot be decoded or applied;
    ///   nothing is returned then.
    /// `invited` is everyone ever invited, revoked ones included (``RecordInput/invited``).
    public static func rebuilding(_ initial: SessionState, log: [StoredLogEvent], generatedAt: Timestamp,
                                  invited: [RecordInvitee] = []) throws(RecordRebuildError) -> RecordInput {
        var state = initial
        var buffers = initial.notes.map { NoteBuffer(id: $0.id, title: $0.title) }
        var events: [LoggedEvent] = []
        let decoder = JSONDecoder()
        for stored in log {
            let label = "event \(stored.seq) (\(stored.name))"
            if stored.name == "note.op" {
                try replayNoteOp(stored, into: &buffers, label: label)
                continue
            }
            guard knownStateEvents.contains(stored.name) else { continue }
            let envelope = "{\"at\":\"\(stored.at.rfc3339)\",\"name\":\"\(stored.name)\",\"data\":\(stored.data)}"
            let event: Event
            do {
                event = try decoder.decode(Event.self, from: Data(envelope.utf8))
            } catch {
                throw RecordRebuildError(.badEvent, "\(label) has data that does not decode: \(error)")
            }
            state.replay(event)
            events.append(LoggedEvent(seq: stored.seq, event: event, author: stored.author))
        }
        return RecordInput(state: state, notes: buffers, events: events, generatedAt: generatedAt, invited: invited)
    }

    private static let knownStateEvents: Set<String> = [
        "clock.changed", "floor.changed", "prompts.changed", "clock.warning", "clock.timeUp", "floor.timeUp",
        "participant.changed", "session.changed",
    ]

    /// A stored opId as ``OpIDText``: a JSON string as itself, a JSON integer in the integer form.
    private static func storedOpId(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        return (value as? Int).map(OpIDText.integer)
    }

    private static func replayNoteOp(_ stored: StoredLogEvent, into buffers: inout [NoteBuffer],
                                     label: String) throws(RecordRebuildError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(stored.data.utf8)) as? [String: Any],
              let note = object["note"] as? String, let rev = object["rev"] as? Int,
              let by = object["by"] as? String, let opId = storedOpId(object["opId"]),
              let rawOp = object["op"] as? [Any],
              let opData = try? JSONSerialization.data(withJSONObject: rawOp) else {
            throw RecordRebuildError(.badEvent, "\(label) needs {note, rev, op, by, opId}; got \(stored.data.prefix(200))")
        }
        let op: TextOperation
        do {
            op = try TextOperation(json: String(decoding: opData, as: UTF8.self))
        } catch {
            throw RecordRebuildError(.badEvent, "\(label) has an op that is not valid: \(error.message)")
        }
        if !buffers.contains(where: { $0.id == note }) { buffers.append(NoteBuffer(id: note, title: note)) }
        guard let index = buffers.firstIndex(where: { $0.id == note }) else { return }
        do {
            try buffers[index].replay(NoteRevision(rev: rev, op: op, author: by, opId: opId, at: stored.at))
        } catch {
            throw RecordRebuildError(.badNoteOp, "\(label) does not apply to note '\(note)': \(error.message)")
        }
    }
}
