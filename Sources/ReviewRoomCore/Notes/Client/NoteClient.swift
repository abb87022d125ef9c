/// The client side of a shared note: the ot.js three-state machine (synchronized,
/// awaiting confirm, awaiting with buffer) over a local copy of the text.
///
/// At most one edit is at the server at a time; local edits made meanwhile are composed
/// into a buffer, sent when the outstanding edit is confirmed. Server ops are transformed
/// over the outstanding and buffered edits with the server's op winning ties (it was applied
/// first). Used by the tests and the benchmark driver; the browser implements the same rules.
public struct NoteClient: Sendable {
    /// The participant id this client edits as.
    public let participant: String
    /// The last server revision this client has seen.
    public private(set) var revision: Int
    /// The local text (server state plus unacknowledged local edits).
    public private(set) var document: Rope
    /// Where the client stands with the server.
    public private(set) var state: NoteClientState = .synchronized
    private var nextOpId = 1
    private let opIdPrefix: String

    /// A client that has just loaded the note at `revision` with `text`; op ids are
    /// `"<opIdPrefix><n>"`.
    public init(participant: String, revision: Int, text: String, opIdPrefix: String = "") {
        self.participant = participant
        self.revision = revision
        self.document = Rope(text)
        self.opIdPrefix = opIdPrefix
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
            state = .awaitingWithBuffer(outstanding: outstanding, buffer: op)
            return nil
        case .awaitingWithBuffer(let outstanding, let buffer):
            state = .awaitingWithBuffer(outstanding: outstanding, buffer: try buffer.compose(op))
            return nil
        }
    }

    /// Handles a `note.op` event. The client's own outstanding edit confirms it (and returns
    /// the buffer to send, if any); anyone else's op is transformed and applied locally.
    public mutating func receiveEvent(rev: Int, op: TextOperation, by author: String, opId: String) throws(NoteError) -> NoteOutgoingEdit? {
        if author == participant, let outstanding = outstandingEdit, outstanding.opId == opId {
            return confirm(at: rev)
        }
        revision = rev
        switch state {
        case .synchronized:
            try op.apply(to: &document)
        case .awaitingConfirm(var outstanding):
            let (server, mine) = try TextOperation.transform(op, outstanding.op)
            outstanding.op = mine
            try server.apply(to: &document)
            state = .awaitingConfirm(outstanding: outstanding)
        case .awaitingWithBuffer(var outstanding, let buffer):
            let (server1, mine) = try TextOperation.transform(op, outstanding.op)
            let (server2, buffered) = try TextOperation.transform(server1, buffer)
            outstanding.op = mine
            try server2.apply(to: &document)
            state = .awaitingWithBuffer(outstanding: outstanding, buffer: buffered)
        }
        return nil
    }

    /// Handles the `ack` of the edit `opId`. Normally the `note.op` event already confirmed
    /// it and this does nothing; an edit that changed nothing at the server has no event, so
    /// its ack confirms it here. Returns the buffer to send, if any.
    public mutating func receiveAck(opId: String, rev: Int) -> NoteOutgoingEdit? {
        guard let outstanding = outstandingEdit, outstanding.opId == opId else { return nil }
        return confirm(at: rev)
    }

    /// The edit at the server awaiting confirmation, if any.
    public var outstandingEdit: NoteOutgoingEdit? {
        switch state {
        case .synchronized: nil
        case .awaitingConfirm(let outstanding), .awaitingWithBuffer(let outstanding, _): outstanding
        }
    }

    private mutating func confirm(at rev: Int) -> NoteOutgoingEdit? {
        revision = rev
        switch state {
        case .awaitingWithBuffer(_, let buffer):
            let edit = makeEdit(buffer)
            state = .awaitingConfirm(outstanding: edit)
            return edit
        default:
            state = .synchronized
            return nil
        }
    }

    private mutating func makeEdit(_ op: TextOperation) -> NoteOutgoingEdit {
        defer { nextOpId += 1 }
        return NoteOutgoingEdit(op: op, baseRev: revision, opId: opIdPrefix + String(nextOpId))
    }
}
