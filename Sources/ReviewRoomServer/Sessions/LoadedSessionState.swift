import Foundation
import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

/// A session rebuilt from the store: the definition's initial state, or the latest snapshot,
/// with every stored event after it replayed onto it (the event log is the truth; see
/// LiveSessions.md).
struct LoadedSessionState {
    var epoch: String
    var state: SessionState
    var notes: [String: NoteBuffer]
    var opIndex: [NoteOpKey: Int]
    var seq: Int64
    var recent: RecentEvents
    var owner: FacilitatorID
    /// The seq of the snapshot the state was restored from (0: replayed from the start).
    var snapshotSeq: Int64
    /// About how many bytes of events were replayed after that snapshot (their data and names).
    var replayedBytes: Int
    /// The fingerprints of the `(author, opId)` of every edit stored up to that snapshot (an
    /// edit that may repeat one of them is looked up in the store for its first rev).
    var operationsBeforeSnapshot: OperationFingerprints

    /// Invites and revocations stored but never logged (the daemon stopped between the two),
    /// for the actor to log when it starts (``SessionState/interruptedInvitationChanges(invited:revoked:)``).
    var interruptedInvitations: [ParticipantChange]

    /// The facilitator each facilitator's own participant acts for, by participant id.
    var ownParticipants: [String: FacilitatorID]

    /// The review this session follows when it is a post-review workshop (`followsSession`).
    var followsSession: SessionID?

    /// Rebuilds `loaded`, taking its agenda and deck from `shared` when another session
    /// decoded the same text. The replay ring holds the events after the snapshot (the latest
    /// ``LiveLimits/replayRingEvents`` of them); a `resume` reads older ones from the store.
    /// Throws a ``SessionLoadError`` naming
    /// what in the stored session is unreadable.
    init(_ loaded: LoadedSession, limits: LiveLimits, shared: SharedDefinitions) throws(SessionLoadError) {
        let stored = loaded.session
        let definition = stored.definition
        let info = SessionInfo(id: stored.id.rawValue, title: definition.title, hostSchool: definition.hostSchool,
                               focus: definition.focus, startsAt: definition.startsAt, timeZone: definition.timeZone,
                               lobbyOpensMinutesBefore: definition.lobbyOpensMinutesBefore, autoStart: definition.autoStart)
        let agenda: [Phase] = try shared.agendas.value(for: definition.agendaJSON) { (json) throws(SessionLoadError) in
            try Self.decode(json, "agenda", session: stored.id)
        }
        let deck: [Prompt] = try shared.decks.value(for: definition.promptsJSON) { (json) throws(SessionLoadError) in
            try Self.decode(json, "prompt deck", session: stored.id)
        }
        let headings: [NoteHeading] = try Self.decode(definition.notesJSON, "note list", session: stored.id)
        // Everyone ever invited, revoked ones included: a revocation before the end is in the log
        // (participant.changed without them), one after the end only removes access and keeps
        // them listed as having taken part (FacilitatorAPI.revokeParticipant).
        let participants = loaded.participants.sorted { $0.invitationOrder < $1.invitationOrder }
            .compactMap { p in Role(rawValue: p.role).map { Participant(id: p.id.rawValue, name: p.name, role: $0) } }
        var state = SessionState(info: info, agenda: agenda, participants: participants, notes: headings, deck: deck)
        var notes: [String: NoteBuffer] = [:]
        for heading in headings {
            notes[heading.id] = NoteBuffer(id: heading.id, title: heading.title, maxLength: limits.maxNoteUnits)
        }
        if let snapshot = loaded.snapshot {
            state = try Self.decode(snapshot.stateJSON, "snapshot at seq \(snapshot.seq)", session: stored.id)
            for note in snapshot.notes {
                guard let heading = headings.first(where: { $0.id == note.note }) else {
                    throw SessionLoadError(session: stored.id, message: "its snapshot at seq \(snapshot.seq) holds note '\(note.note)', which it does not have")
                }
                notes[note.note] = NoteBuffer(snapshot: NoteSnapshot(id: note.note, title: heading.title, rev: Int(note.rev), text: note.text),
                                              maxLength: limits.maxNoteUnits)
            }
        }
        var opIndex: [NoteOpKey: Int] = [:]
        let snapshotSeq = loaded.snapshot?.seq ?? 0
        var recent = RecentEvents(nextSeq: snapshotSeq + 1, capacity: limits.replayRingEvents,
                                  byteCapacity: limits.replayByteLimit)
        for record in loaded.events {
            recent.append(stored: record)
            if record.name == "note.op" {
                let entry = try Self.noteRevision(record, session: stored.id)
                do throws(NoteError) {
                    guard notes[entry.note] != nil else { throw NoteError(.invalidOp, "no note '\(entry.note)'") }
                    try notes[entry.note]?.replay(entry.revision)
                } catch {
                    throw SessionLoadError(session: stored.id, message: "stored note.op seq \(record.seq) does not apply: \(error.message)")
                }
                opIndex[NoteOpKey(author: entry.revision.author, opId: entry.revision.opId)] = entry.revision.rev
            } else if let event = WireJSON.event(name: record.name, at: record.at, data: record.data) {
                state.replay(event)
            } else {
                throw SessionLoadError(session: stored.id, message: "stored event seq \(record.seq) '\(record.name)' is unreadable")
            }
        }
        // Edits that changed nothing (PROTOCOL §3.5) keep answering their repeats with their rev.
        for unchanged in loaded.unchangedOperations where notes[unchanged.note] != nil {
            let key = NoteOpKey(author: unchanged.author, opId: unchanged.opId)
            guard opIndex[key] == nil else { continue }
            opIndex[key] = unchanged.rev
            notes[unchanged.note]?.recordUnchanged(author: unchanged.author, opId: unchanged.opId, rev: unchanged.rev)
        }
        self.epoch = stored.epoch
        self.state = state
        self.notes = notes
        self.opIndex = opIndex
        self.seq = loaded.lastSeq
        self.recent = recent
        self.owner = stored.owner
        self.followsSession = stored.followsSession
        self.ownParticipants = Dictionary(loaded.participants.compactMap { p in p.actsFor.map { (p.id.rawValue, $0) } },
                                          uniquingKeysWith: { first, _ in first })
        self.snapshotSeq = loaded.snapshot?.seq ?? 0
        self.replayedBytes = loaded.events.reduce(0) { $0 + $1.data.utf8.count + $1.name.utf8.count }
        self.interruptedInvitations = state.interruptedInvitationChanges(
            invited: participants, revoked: Set(loaded.participants.filter(\.revoked).map(\.id.rawValue)))
        var operationsBeforeSnapshot = OperationFingerprints(bits: limits.operationFingerprintBits)
        if loaded.snapshot != nil {
            operationsBeforeSnapshot.insert(contentsOf: loaded.operationsBeforeSnapshot.lazy.map { NoteOpKey(author: $0.author, opId: $0.opId) })
        }
        self.operationsBeforeSnapshot = operationsBeforeSnapshot
    }

    private static func decode<T: Decodable>(_ json: String, _ what: String, session: SessionID) throws(SessionLoadError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(json.utf8))
        } catch {
            throw SessionLoadError(session: session, message: "its stored \(what) is not readable: \(error)")
        }
    }

    static func noteRevision(_ record: EventRecord, session: SessionID) throws(SessionLoadError) -> (note: String, revision: NoteRevision) {
        let bytes = Array(record.data.utf8)
        guard let data = try? JSONParser.parse(bytes, maxDepth: 8),
              case .string(let note)? = data["note"]?.kind, case .number(let rev?)? = data["rev"]?.kind,
              case .string(let by)? = data["by"]?.kind, let opId = storedOpId(data["opId"]),
              let opValue = data["op"],
              let op = try? TextOperation(json: String(decoding: bytes[opValue.range], as: UTF8.self)) else {
            throw SessionLoadError(session: session, message: "stored note.op seq \(record.seq) is unreadable")
        }
        return (note, NoteRevision(rev: Int(rev), op: op, author: by, opId: opId, at: record.at))
    }

    /// A stored `note.op`'s opId as ``OpIDText``: a JSON string as itself, a JSON integer in
    /// the integer form. Nil for anything else.
    static func storedOpId(_ value: ReviewRoomProtocol.JSONValue?) -> String? {
        switch value?.kind {
        case .string(let text)?:
            return text
        case .number(let number?)? where number == number.rounded() && abs(number) < 9_007_199_254_740_992:
            return OpIDText.integer(Int(number))
        default:
            return nil
        }
    }
}
