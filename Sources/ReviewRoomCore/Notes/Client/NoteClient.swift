/// The client side of a shared note: the ot.js three-state machine (synchronized,
/// awaiting confirm, awaiting with buffer) over a local copy of the text.
///
/// At most one edit is at the server at a time; local edits made meanwhile wait in a
/// buffer (composed into one op by default) and go out when the outstanding edit is
/// confirmed. Server ops are transformed over the outstanding and buffered edits with the
/// server's op winning ties (it was applied first). Used by the tests and the benchmark
/// driver; the browser implements the same rules.
public struct NoteClient: Sendable {
    /// The participant id this client edits as.
    public let participant: String
    /// The last server revision this client has seen.
    public private(set) var revision: Int
    /// The local text (server state plus unacknowledged local edits).
    public private(set) var document: Rope
    /// Where the client stands with the server.
    public private(set) var state: NoteClientState = .synchronized
    /// Whether buffered edits are composed into one (ot.js) or sent one by one.
    public let composesBuffer: Bool
    private var nextOpId = 1
    private let opIdPrefix: String

    /// A client that has just loaded the note at `revision` with `text`; its op ids are
    /// `"<opIdPrefix><n>"` for n = 1, 2, …
    public init(participant: String, revision: Int, text: String, opIdPrefix: String = "", composesBuffer: Bool = true) {
        self.participant = participant
        self.revision = revision
        self.document = Rope(text)
        self.opIdPrefix = opIdPrefix
        self.composesBuffer = composesBuffer
    }

    /// The edit at the server awaiting confirmation, if any.
    public var outstandingEdit: NoteOutgoingEdit? {
        switch state {
        case .synchronized: nil
        case .awaitingConfirm(let outstanding), .awaitingWithBuffer(let outstanding, _): outstanding
        }
    }

    /// Applies a local edit; returns the `note.edit` to send now, if the client was synchronized.
    public mutating func applyLocal(_ op: TextOperation) throws(NoteError) -> NoteOutgoingEdit? {
        try op.apply(to: &document)
        if op.isNoop { return nil }
        switch state {
        case .synchronized:
            let edit = makeEdit(op)
            state = .awaitingConfirm(outstanding: edit)
            return edit
        case .awaitingConfirm(let outstanding):
            state = .awaitingWithBuffer(outstanding: outstanding, buffer: [op])
            return nil
        case .awaitingWithBuffer(let outstanding, var buffer):
            if composesBuffer, let last = buffer.last {
                buffer[buffer.count - 1] = try last.compose(op)
            } else {
                buffer.append(op)
            }
            state = .awaitingWithBuffer(outstanding: outstanding, buffer: buffer)
            return nil
        }
    }

    /// Handles a `note.op` event. The client's own outstanding edit confirms it (and the
    /// next buffered edit is to be sent); anyone else's op is transformed and applied locally.
    public mutating func receiveEvent(rev: Int, op: TextOperation, by author: String, opId: String) throws(NoteError) -> NoteClientUpdate {
        if author == participant, let outstanding = outstandingEdit, outstanding.opId == opId {
            return NoteClientUpdate(send: confirm(at: rev))
        }
        var incoming = op
        switch state {
        case .synchronized:
            break
        case .awaitingConfirm(var outstanding):
            (incoming, outstanding.op) = try TextOperation.transform(incoming, outstanding.op)
            state = .awaitingConfirm(outstanding: outstanding)
        case .awaitingWithBuffer(var outstanding, var buffer):
            (incoming, outstanding.op) = try TextOperation.transform(incoming, outstanding.op)
            for i in buffer.indices {
                (incoming, buffer[i]) = try TextOperation.transform(incoming, buffer[i])
            }
            state = .awaitingWithBuffer(outstanding: outstanding, buffer: buffer)
        }
        try incoming.apply(to: &document)
        revision = rev
        return NoteClientUpdate(apply: incoming)
    }

    /// Handles the `ack` of the edit `opId`. Normally the `note.op` event already confirmed
    /// it and this does nothing; an edit that changed nothing at the server has no event, so
    /// its ack confirms it here. Returns the next buffered edit to send, if any.
    public mutating func receiveAck(opId: String, rev: Int) -> NoteOutgoingEdit? {
        guard let outstanding = outstandingEdit, outstanding.opId == opId else { return nil }
        return confirm(at: rev)
    }

    private mutating func confirm(at rev: Int) -> NoteOutgoingEdit? {
        revision = rev
        guard case .awaitingWithBuffer(_, var buffer) = state, !buffer.isEmpty else {
            state = .synchronized
            return nil
        }
        let edit = makeEdit(buffer.removeFirst())
        state = buffer.isEmpty ? .awaitingConfirm(outstanding: edit) : .awaitingWithBuffer(outstanding: edit, buffer: buffer)
        return edit
    }

    private mutating func makeEdit(_ op: TextOperation) -> NoteOutgoingEdit {
        defer { nextOpId += 1 }
        return NoteOutgoingEdit(op: op, baseRev: revision, opId: opIdPrefix + String(nextOpId))
    }
}
