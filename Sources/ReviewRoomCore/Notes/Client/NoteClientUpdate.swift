/// What a ``NoteClient`` asks of its caller after a server message.
public struct NoteClientUpdate: Equatable, Sendable {
    /// The op to apply to the editor's view (another participant's op, transformed over the
    /// client's unacknowledged edits), if any.
    public var apply: TextOperation?
    /// The `note.edit` to send now (the next buffered edit), if any.
    public var send: NoteOutgoingEdit?

    /// Creates an update.
    public init(apply: TextOperation? = nil, send: NoteOutgoingEdit? = nil) {
        self.apply = apply
        self.send = send
    }
}
