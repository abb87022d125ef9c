import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

extension SessionActor {
    /// Queues an error reply (nothing changed).
    func refuse(_ connection: ConnectionID, _ error: ProtocolError) {
        if handling != nil {
            handling?.outcome = error.code.rawValue
        } else {
            metrics?.recordCommand(type: "unknown", outcome: error.code.rawValue)
        }
        reply(connection, ServerMessages.error(error))
    }

    /// Decides one command from `connection`, in arrival order.
    ///
    /// A `note.edit` or `note.cursor` that reaches before the note history in memory (made on an
    /// older revision, or repeating an opId whose op left memory) is not decided on its first
    /// hand-in: the outcome asks the caller to ``readOlderHistory(_:)`` and hand it in again
    /// with what was read (`after`), before the connection's next command.
    @discardableResult
    func handle(_ request: ClientRequest, from connection: ConnectionID, after read: OlderHistoryRead? = nil) -> HandleOutcome {
        // A connection whose close is queued decides nothing more (``SessionMember/closing``).
        guard let member = members[connection], !member.closing else { return .done }
        if read == nil, !stopped, let need = olderHistoryNeeded(for: request.command, by: member.participantID) {
            return .needsOlderHistory(need)
        }
        decide(request, from: connection, member: member, notStored: read?.notStored)
        return .done
    }

    /// What `command` needs read first, or nil when it can be decided now.
    private func olderHistoryNeeded(for command: ClientCommand, by participantID: String) -> OlderHistoryNeed? {
        switch command {
        case .noteEdit(let edit):
            return olderHistoryNeeded(for: edit, by: participantID)
        case .noteCursor(let cursor):
            // PROTOCOL §3.2: a cursor is transformed to the current revision, from any rev the
            // note's history reaches, which §3.3 says is every rev.
            guard historyStartSeq > 0, let note = notes[cursor.note],
                  state.check(.noteCursor, by: participantID) == nil,
                  cursor.rev >= 0, cursor.rev < note.snapshotRevision else { return nil }
            return OlderHistoryNeed(note: cursor.note, afterRevision: cursor.rev)
        default:
            return nil
        }
    }

    /// What `edit` needs read before it can be decided: the first rev of its opId when its
    /// fingerprint matches one whose op left memory (possibly on another note), and its note's
    /// older ops when it is made on a revision the history in memory no longer reaches. Nil
    /// when it can be decided now.
    private func olderHistoryNeeded(for edit: NoteEditRequest, by participantID: String) -> OlderHistoryNeed? {
        guard historyStartSeq > 0, let note = notes[edit.note] else { return nil }
        let key = NoteOpKey(author: participantID, opId: edit.opId)
        guard opIndex[key] == nil else { return nil }
        var need = OlderHistoryNeed()
        // A repeat is acked whatever the session's state now (``ackedRepeat``): looked up even
        // for an edit the session would refuse, e.g. after its end. Older ops are read only to
        // apply one.
        if operationsBeforeSnapshot.mayContain(key) { need.possibleRepeat = key }
        if state.check(.noteEdit, by: participantID) == nil, edit.rev >= 0, edit.rev < note.snapshotRevision {
            (need.note, need.afterRevision) = (edit.note, edit.rev)
        }
        return need == OlderHistoryNeed() ? nil : need
    }

    private func decide(_ request: ClientRequest, from connection: ConnectionID, member: SessionMember, notStored: NoteOpKey?) {
        handling = (request.command.name.rawValue, "ok")
        defer {
            if let handling { metrics?.recordCommand(type: handling.type, outcome: handling.outcome) }
            handling = nil
        }
        if erasing, !stopped {
            // Unanswered: 4004 follows once the erasure is committed, or 1001 if it fails (the
            // client then resends it on `resume`). Not counted as a command.
            handling = nil
            return
        }
        guard !stopped else {
            member.connection.send(OutboundFrame(text: ServerMessages.error(
                ProtocolError(code: .internal, message: "the session is restarting; reconnect and resume", id: request.id))))
            return
        }
        let by = member.participantID
        let now = clock.now()
        if case .core(let command) = request.command {
            switch state.apply(command, by: by, at: now) {
            case .success(let events):
                let last = record(core: events, author: by)
                reply(connection, ServerMessages.ack(id: request.id, seq: last))
            case .failure(let error):
                refuse(connection, ProtocolError(code: error.code, message: error.message, id: request.id))
            }
            return
        }
        if case .noteEdit(let edit) = request.command, let rev = ackedRepeat(edit, by: by) {
            return reply(connection, ServerMessages.ack(id: request.id, seq: seq, extra: [("rev", String(rev))]))
        }
        if let refusal = state.check(request.command.name, by: by) {
            refuse(connection, ProtocolError(code: refusal.code, message: refusal.message, id: request.id))
            return
        }
        switch request.command {
        case .core:
            return
        case .ping:
            reply(connection, ServerMessages.ack(id: request.id, seq: seq, extra: [("serverTime", JSONText.quote(now.rfc3339))]))
        case .signal(let kind):
            enqueue(.ephemeral(OutboundFrame(text: ServerMessages.signal(by: by, kind: kind)), except: []))
            reply(connection, ServerMessages.ack(id: request.id, seq: seq))
        case .noteGet(let noteID):
            guard let note = notes[noteID] else { return refuse(connection, noSuchNote(noteID, request.id)) }
            reply(connection, ServerMessages.ack(id: request.id, seq: seq, extra: [("note", ServerMessages.note(note.snapshot))]))
        case .noteCursor(let cursor):
            guard let note = notes[cursor.note] else { return refuse(connection, noSuchNote(cursor.note, request.id)) }
            do {
                let moved = try note.transformCursor(anchor: cursor.anchor, head: cursor.head, fromRev: cursor.rev)
                let frame = ServerMessages.cursor(by: by, note: note.id, rev: note.revision, anchor: moved.anchor, head: moved.head)
                enqueue(.ephemeral(OutboundFrame(text: frame), except: [connection]))
                reply(connection, ServerMessages.ack(id: request.id, seq: seq))
            } catch {
                refuse(connection, Self.protocolError(error, id: request.id))
            }
        case .noteEdit(let edit):
            noteEdit(edit, id: request.id, by: by, from: connection, at: now, notStored: notStored)
        }
    }

    /// The first rev of `edit`'s opId when `by` already sent it (PROTOCOL §3.3: a repeat is acked
    /// with its first rev), checked before the session's rules: a repeat changes nothing, so it
    /// is acked after `session.end` too. A page whose ack was lost and that rejoined after the
    /// end sends its edit again to learn whether it was kept; `session_ended` told it "not saved"
    /// of text the record holds (races probe).
    private func ackedRepeat(_ edit: NoteEditRequest, by: String) -> Int? {
        guard notes[edit.note] != nil else { return nil }
        return opIndex[NoteOpKey(author: by, opId: edit.opId)]
    }

    func noSuchNote(_ note: String, _ id: Int64) -> ProtocolError {
        let known = state.notes.map(\.id).joined(separator: ", ")
        return ProtocolError(code: .notFound, message: "there is no note \(QuotedID.quoted(note)) in this session (notes: \(known))", id: id)
    }

    static func protocolError(_ error: NoteError, id: Int64) -> ProtocolError {
        ProtocolError(code: ErrorCode(rawValue: error.wireCode) ?? .invalidOp, message: error.message, id: id)
    }

    private func noteEdit(_ edit: NoteEditRequest, id: Int64, by: String, from connection: ConnectionID, at now: Timestamp,
                          notStored: NoteOpKey?) {
        guard notes[edit.note] != nil else { return refuse(connection, noSuchNote(edit.note, id)) }
        let key = NoteOpKey(author: by, opId: edit.opId)
        if operationsBeforeSnapshot.mayContain(key), key != notStored {
            // Its fingerprint matches an op that left memory, and the store could not be read to
            // tell whether it is that op: applying it again could store it twice, so it is
            // refused and may be sent again.
            return refuse(connection, ProtocolError(code: .internal, message: "opId \(OpIDText.described(edit.opId)) may have been used before; this session's earlier edits could not be read to tell, try again", id: id))
        }
        let inserted = edit.op.insertedUnits
        guard insertBudgets.take(inserted, by: by, at: now.secondsSince1970) else {
            return refuse(connection, insertRefusal(inserted, id: id))
        }
        let result: NoteEditResult
        do {
            // Mutated in place in the dictionary: a copy taken out and written back would share
            // the history array and the rope with the stored value, and the append would then
            // copy the whole history (O(revisions) per keystroke).
            result = try notes[edit.note]!.receive(edit.op, baseRev: edit.rev, author: by, opId: edit.opId, at: now)
        } catch {
            insertBudgets.giveBack(inserted, by: by)
            return refuse(connection, Self.protocolError(error, id: id))
        }
        guard let note = notes[edit.note] else { return }
        opIndex[key] = result.rev
        guard result.outcome == .applied, let op = result.op else {
            if result.outcome == .unchanged {
                // Kept outside the log (no event is invented: seqs stay gapless); the ack,
                // queued after it, leaves once it is durable.
                recordUnchanged(UnchangedOperation(author: by, opId: edit.opId, note: edit.note, rev: result.rev))
            }
            return reply(connection, ServerMessages.ack(id: id, seq: seq, extra: [("rev", String(result.rev))]))
        }
        let data = ServerMessages.noteOpData(note: note.id, rev: result.rev, op: op, by: by, opId: edit.opId)
        let last = record([NewEvent(at: now, name: "note.op", data: data, author: by, opId: edit.opId)])
        reply(connection, ServerMessages.ack(id: id, seq: last, extra: [("rev", String(result.rev))]))
        if limits.languageHints { sendHints(note: note, op: op, to: by) }
    }

    /// The `rate_limited` answer to an edit inserting `units` beyond its author's budget (``InsertBudgets``).
    private func insertRefusal(_ units: Int, id: Int64) -> ProtocolError {
        ProtocolError(code: .rateLimited, message: "this edit inserts \(units) characters (UTF-16 units), more than is left of the "
            + "\(insertBudgets.perSecond) a second one person may add to this session's notes (bursts to \(insertBudgets.burst)); "
            + "it was not applied: send it again in a moment", id: id)
    }

    /// Scans the paragraphs the op touched and tells the author's connections of any hints.
    private func sendHints(note: NoteBuffer, op: TextOperation, to participantID: String) {
        guard let touched = Self.touchedRange(of: op) else { return }
        let reach = Self.hintReach(around: touched, count: note.text.utf16Count)
        note.text.copyUnits(in: reach.floor ..< reach.ceiling, into: &hintUnits)
        let range = Self.paragraphs(reach, units: hintUnits, count: note.text.utf16Count)
        var hints = hintUnits.withUnsafeBufferPointer {
            LanguageHints.scan(utf16: UnsafeBufferPointer(rebasing: $0[range.lowerBound - reach.floor ..< range.upperBound - reach.floor]))
        }
        guard !hints.isEmpty else { return }
        for index in hints.indices {
            hints[index].from += range.lowerBound
            hints[index].to += range.lowerBound
        }
        let frame = OutboundFrame(text: ServerMessages.hint(note: note.id, rev: note.revision, hints: WireJSON.encode(hints)))
        for connection in connections(of: participantID) { enqueue(.send(connection, [frame])) }
    }

    /// The whole lines around `touched` (from the line break before it to the one after it),
    /// read in small windows from the rope so a keystroke never copies the whole note; at most
    /// `limit` units either side. A line longer than that is cut at the last space inside the
    /// limit, so no word is scanned half (half of "poorly" would read as "poor").
    static func paragraphs(around touched: (Int, Int), in text: Rope, limit: Int = 512) -> Range<Int> {
        let reach = hintReach(around: touched, count: text.utf16Count, limit: limit)
        return paragraphs(reach, units: text.units(in: reach.floor ..< reach.ceiling), count: text.utf16Count)
    }

    /// The edit's span clamped to a text of `count` units (`start`, `end`) and at most `limit`
    /// units either side of it (`floor`, `ceiling`): the units ``paragraphs(_:units:count:)`` reads.
    static func hintReach(around touched: (Int, Int), count: Int, limit: Int = 512)
        -> (floor: Int, start: Int, end: Int, ceiling: Int) {
        let start = min(touched.0, count), end = min(max(touched.1, start), count)
        return (max(0, start - limit), start, end, min(count, end + limit))
    }

    /// ``paragraphs(around:in:limit:)`` given the units `reach.floor ..< reach.ceiling` of a
    /// text of `count` units, already read into `units`.
    static func paragraphs(_ reach: (floor: Int, start: Int, end: Int, ceiling: Int), units: [UInt16], count: Int) -> Range<Int> {
        // Slices keep `units`' indices: an index is a position minus `reach.floor`.
        let before = units[..<(reach.start - reach.floor)], after = units[(reach.end - reach.floor)...]
        let space: UInt16 = 0x20, newline: UInt16 = 0x0A
        var lower = reach.floor
        if let line = before.lastIndex(of: newline) {
            lower = reach.floor + line + 1
        } else if reach.floor > 0 {
            lower = before.firstIndex(of: space).map { reach.floor + $0 + 1 } ?? reach.start
        }
        var upper = reach.ceiling
        if let line = after.firstIndex(of: newline) {
            upper = reach.floor + line
        } else if reach.ceiling < count {
            upper = after.lastIndex(of: space).map { reach.floor + $0 } ?? reach.end
        }
        return lower..<upper
    }

    /// The range of the new text an op changed (UTF-16 units), or nil for none.
    static func touchedRange(of op: TextOperation) -> (Int, Int)? {
        var position = 0
        var first: Int?
        var last = 0
        for component in op.components {
            switch component {
            case .retain(let n): position += n
            case .insert(let s):
                first = first ?? position
                position += s.utf16.count
                last = position
            case .delete:
                first = first ?? position
                last = position
            }
        }
        return first.map { ($0, last) }
    }
}
