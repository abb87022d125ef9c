import Foundation
import ReviewRoomCore
import ReviewRoomStore

// Snapshots: a live session stores its state and notes every `snapshotEveryEvents` events, so
// loading it replays only what came after. The notes' older history is not loaded with it;
// an edit made on an older revision (a client that reconnects with pending ops, PROTOCOL §3.3)
// reads it back from the log first.
extension SessionActor {
    /// What ``handle(_:from:mayReadOlderHistory:)`` needs before it can decide a command.
    enum HandleOutcome {
        /// Decided (acked, refused or queued).
        case done
        /// A `note.edit` on a revision older than the note's history in memory, or repeating
        /// an opId stored before the snapshot: call ``restoreOlderHistory(of:)`` for these notes
        /// and hand the command in again.
        case needsOlderHistory(notes: [String])
    }

    /// Saves a snapshot when enough events have become durable since the last one and nothing
    /// is pending, so the snapshot is exactly the state after a durable seq.
    func saveSnapshotIfDue() {
        guard !stopped, snapshotSave == nil, durable == seq, seq - snapshotSeq >= Int64(limits.snapshotEveryEvents) else { return }
        let notes = state.notes.compactMap { self.notes[$0.id] }.map {
            StoredNoteSnapshot(note: $0.id, rev: Int64($0.revision), text: $0.text.string)
        }
        let stateJSON: String
        do {
            stateJSON = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        } catch {
            logger.error("session state does not encode for a snapshot", metadata: ["session": "\(id)", "error": "\(error)"])
            snapshotSeq = seq
            return
        }
        let snapshot = StoredSessionSnapshot(seq: seq, notes: notes, stateJSON: stateJSON)
        snapshotSeq = seq
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
    /// ``LiveLimits/historyKeptRevisions`` revisions at the snapshot out of memory, as loading
    /// from the snapshot would: their `(author, opId)` move to ``operationsBeforeSnapshot``, and
    /// an edit on an older revision, a repeat of one of them or the record reads them back
    /// (``restoreOlderHistory(of:)``). Every op left out is durable: the snapshot was taken with
    /// nothing pending.
    func forgetHistory(before snapshot: StoredSessionSnapshot) {
        guard !stopped else { return }
        for stored in snapshot.notes {
            let through = Int(stored.rev) - limits.historyKeptRevisions
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

    /// Reads note `noteID`'s ops from before the snapshot it was loaded from back from the log
    /// and puts them in front of its history (with their op ids). Callers asking at the same
    /// time share one read. On a store error the note keeps its history as it was, and the
    /// edit that asked is refused as stale.
    func restoreOlderHistory(of noteID: String) async {
        if let running = olderHistoryReads[noteID] {
            await running.value
            return
        }
        let read = Task { await self.readOlderHistory(of: noteID) }
        olderHistoryReads[noteID] = read
        await read.value
        olderHistoryReads[noteID] = nil
    }

    private func readOlderHistory(of noteID: String) async {
        guard let oldest = notes[noteID]?.snapshotRevision, oldest > 0, historyStartSeq > 0 else { return }
        var older: [NoteRevision] = []
        var after: Int64 = 0
        do {
            while after < historyStartSeq {
                let page = try await store.events(of: id, after: after, limit: 2_000)
                guard let last = page.last else { break }
                for record in page where record.seq <= historyStartSeq && record.name == "note.op" {
                    let entry = try LoadedSessionState.noteRevision(record, session: id)
                    if entry.note == noteID, entry.revision.rev <= oldest { older.append(entry.revision) }
                }
                after = last.seq
            }
            try notes[noteID]?.restoreOlderHistory(older)
        } catch {
            logger.error("older note history could not be read back", metadata: ["session": "\(id)", "note": "\(noteID)", "error": "\(error)"])
            return
        }
        for entry in older { opIndex[NoteOpKey(author: entry.author, opId: entry.opId)] = entry.rev }
    }
}
