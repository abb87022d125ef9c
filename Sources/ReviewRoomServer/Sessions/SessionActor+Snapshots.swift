import Foundation
import ReviewRoomCore
import ReviewRoomStore

// Snapshots: a live session stores its state and notes every `snapshotEveryEvents` events, or
// sooner after `snapshotEveryBytes` of them (large edits), so loading it replays only what came
// after. The notes' older history is not loaded with it; an edit made on an older revision (a
// client that reconnects with pending ops, PROTOCOL §3.3) reads it back from the log first.
extension SessionActor {
    /// Saves a snapshot when enough events (by count or by bytes) have become durable since the
    /// last one and nothing is pending, so the snapshot is exactly the state after a durable seq.
    func saveSnapshotIfDue() {
        guard seq - snapshotSeq >= Int64(limits.snapshotEveryEvents) || eventBytesSinceSnapshot >= limits.snapshotEveryBytes else { return }
        saveSnapshot()
    }

    /// Before the session unloads: saves a snapshot when loading it again would replay more than
    /// ``LiveLimits/snapshotOnUnloadBytes`` of events, and waits for it. A session nobody is in
    /// is loaded for each API call on it and unloaded after; without this each call replayed
    /// everything since the last snapshot — a facilitator inviting people one by one replayed
    /// every `participant.changed` (each the whole list) at each invite.
    func saveSnapshotBeforeUnload() async {
        await finishSnapshot()
        guard eventBytesSinceSnapshot >= limits.snapshotOnUnloadBytes else { return }
        saveSnapshot()
        await finishSnapshot()
    }

    /// Saves a snapshot of the state after the current seq if everything is durable, nothing
    /// is being saved, and there is something new since the last one.
    private func saveSnapshot() {
        guard !stopped, !erasing, snapshotSave == nil, durable == seq, seq > snapshotSeq else { return }
        let notes = state.notes.compactMap { self.notes[$0.id] }.map {
            StoredNoteSnapshot(note: $0.id, rev: Int64($0.revision), text: $0.text.string)
        }
        let stateJSON: String
        do {
            stateJSON = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        } catch {
            logger.error("session state does not encode for a snapshot", metadata: ["session": "\(id)", "error": "\(error)"])
            snapshotSeq = seq
            eventBytesSinceSnapshot = 0
            return
        }
        let snapshot = StoredSessionSnapshot(seq: seq, notes: notes, stateJSON: stateJSON)
        snapshotSeq = seq
        eventBytesSinceSnapshot = 0
        snapshotSave = Task { [store, id, backgroundWrites] in
            do {
                try await store.saveSnapshot(snapshot, for: id)
                backgroundWrites.succeeded(.snapshot)
                self.forgetHistory(before: snapshot)
            } catch {
                // Not fatal: the log is complete; the next snapshot is tried after as many events again.
                backgroundWrites.failed(.snapshot, session: id, error: error, details: ["seq": "\(snapshot.seq)"])
            }
            self.snapshotSaved()
        }
    }

    private func snapshotSaved() {
        snapshotSave = nil
    }

    /// The oldest revision of note `noteID` whose text is known without the store, and how many
    /// ops after it are in memory (tests; 0 and 0 for no such note).
    func historyInMemory(of noteID: String) -> (oldest: Int, ops: Int) {
        guard let note = notes[noteID] else { return (0, 0) }
        return (note.snapshotRevision, note.history.count)
    }

    /// Once `snapshot` is stored, leaves each note's ops from before its latest
    /// ``LiveLimits/historyKeptRevisions`` revisions at the snapshot (fewer when those insert
    /// more than ``LiveLimits/historyKeptUnits``) out of memory, as loading
    /// from the snapshot would: their `(author, opId)` move to ``operationsBeforeSnapshot``; an
    /// edit on an older revision reads them back (``restoreOlderHistory(of:after:)``), the record
    /// takes them from the log into its own copy, and a repeat of one of them is looked up in
    /// the store. Every op left out is durable: the snapshot was taken with nothing pending.
    func forgetHistory(before snapshot: StoredSessionSnapshot) {
        guard !stopped else { return }
        // A note whose older ops are being read back keeps its history until the next snapshot:
        // the read puts them in front of the oldest revision it started from.
        for stored in snapshot.notes where olderHistoryReads[stored.note] == nil {
            let byUnits = notes[stored.note]?.revisionKeepingInserts(atMost: limits.historyKeptUnits) ?? 0
            let through = min(Int(stored.rev), max(Int(stored.rev) - limits.historyKeptRevisions, byUnits))
            guard let forgotten = notes[stored.note]?.forgetHistory(through: through), !forgotten.isEmpty else { continue }
            let keys = forgotten.map { NoteOpKey(author: $0.author, opId: $0.opId) }
            for (key, entry) in zip(keys, forgotten) where opIndex[key] == entry.rev { opIndex[key] = nil }
            operationsBeforeSnapshot.insert(contentsOf: keys)
            historyStartSeq = max(historyStartSeq, snapshot.seq)
        }
    }

    /// Waits for the snapshot being saved, if any (graceful shutdown lets it finish).
    func finishSnapshot() async {
        await snapshotSave?.value
    }
}
