/// Where a ``NoteClient`` stands with the server, as in ot.js.
public enum NoteClientState: Equatable, Sendable {
    /// Everything local has been acknowledged.
    case synchronized
    /// One edit is at the server, not yet acknowledged.
    case awaitingConfirm(outstanding: NoteOutgoingEdit)
    /// One edit is at the server and later local edits wait, composed, in `buffer`.
    case awaitingWithBuffer(outstanding: NoteOutgoingEdit, buffer: TextOperation)
}
