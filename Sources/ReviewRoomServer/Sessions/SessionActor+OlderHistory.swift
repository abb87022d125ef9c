import ReviewRoomCore
import ReviewRoomStore

// Older note history on demand. A note keeps only its latest revisions in memory (loaded from a
// snapshot, or trimmed after one); PROTOCOL §3.3 still lets a client send a pending op on any
// older rev, and a resent op must be acked with its first rev. Such a command is decided only
// after the store was read, and the read is sized by the command, not by the session's length:
// a repeat is one lookup in the op-id index; an edit or cursor on an older rev reads the note's
// ops back from where memory ends, only down to that rev.
extension SessionActor {
    /// What ``handle(_:from:after:)`` needs read from the store before it can decide a command.
    enum HandleOutcome {
        /// Decided (acked, refused or queued).
        case done
        /// Call ``readOlderHistory(_:)`` with this, and hand the command in again with what it read.
        case needsOlderHistory(OlderHistoryNeed)
    }

    /// What a `note.edit` or `note.cursor` needs from before the history in memory.
    struct OlderHistoryNeed: Sendable, Equatable {
        /// An opId whose fingerprint matches one stored before the history in memory: its first
        /// rev is looked up.
        var possibleRepeat: NoteOpKey?
        /// A note whose ops after ``afterRevision`` are read back (nil: none).
        var note: String?
        /// The older revision the command was made on.
        var afterRevision = 0
    }

    /// What ``readOlderHistory(_:)`` found, for the command's second ``handle(_:from:after:)``.
    struct OlderHistoryRead: Sendable, Equatable {
        /// The possible repeat, looked up and not stored: its fingerprint matched alone.
        var notStored: NoteOpKey?
    }

    /// Reads what `need` names: the first rev of a possible repeat (into ``opIndex``; nothing
    /// more is needed when it is found) and the note's older ops. A failed read is logged and
    /// leaves things as they were: the command is then refused.
    func readOlderHistory(_ need: OlderHistoryNeed) async -> OlderHistoryRead {
        var read = OlderHistoryRead()
        if let key = need.possibleRepeat {
            do {
                if let record = try await store.event(carrying: OperationKey(author: key.author, opId: key.opId), in: id) {
                    // Acked with its first rev: nothing older is needed.
                    opIndex[key] = try LoadedSessionState.noteRevision(record, session: id).revision.rev
                    return read
                }
                read.notStored = key
            } catch {
                logger.error("a repeated edit's first revision could not be read back", metadata: ["session": "\(id)", "error": "\(error)"])
                return read
            }
        }
        if let note = need.note { await restoreOlderHistory(of: note, after: need.afterRevision) }
        return read
    }

    /// Puts note `noteID`'s ops after revision `rev` back in front of its history, with their op
    /// ids, reading them from the store newest first, in pages, until revision `rev + 1`. Reads of one note run one at a time; a later one reads only what an
    /// earlier one left out. On a store error the note keeps its history as it was, and the
    /// command that asked is refused as stale.
    func restoreOlderHistory(of noteID: String, after rev: Int) async {
        while let running = olderHistoryReads[noteID] { await running.value }
        guard historyStartSeq > 0, let oldest = notes[noteID]?.snapshotRevision, oldest > max(rev, 0) else { return }
        // The read leaves the table itself as it ends, before anyone waiting on it resumes: a
        // waiter that found it still there would wait on a finished task again and again.
        let read = Task {
            await self.readRevisions(of: noteID, from: oldest, after: max(rev, 0))
            self.olderHistoryReads[noteID] = nil
        }
        olderHistoryReads[noteID] = read
        await read.value
    }

    private func readRevisions(of noteID: String, from oldest: Int, after rev: Int) async {
        // Every op up to the oldest revision in memory was stored by the latest snapshot that
        // left history out (``forgetHistory(before:)`` leaves a note alone while it is read).
        var older: [NoteRevision] = []
        var before = historyStartSeq + 1
        do {
            reading: while true {
                let page = try await store.events(of: id, before: before, limit: 2_000)
                guard let last = page.last else { break }
                for record in page where record.name == "note.op" {
                    let entry = try LoadedSessionState.noteRevision(record, session: id)
                    guard entry.note == noteID, entry.revision.rev <= oldest else { continue }
                    older.append(entry.revision)
                    if entry.revision.rev <= rev + 1 { break reading }
                }
                before = last.seq
            }
            older.reverse()
            try notes[noteID]?.restoreOlderHistory(older)
        } catch {
            logger.error("older note history could not be read back", metadata: ["session": "\(id)", "note": "\(noteID)", "error": "\(error)"])
            return
        }
        for entry in older { opIndex[NoteOpKey(author: entry.author, opId: entry.opId)] = entry.rev }
    }
}
