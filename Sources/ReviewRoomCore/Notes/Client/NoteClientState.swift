/// Where a ``NoteClient`` stands with the server, as in ot.js.
public enum NoteClientState: Equatable, Sendable {
    /// Everything local has been acknowledged.
    case synchronized
    /// One edit is at the server, not yet acknowledged.
    case awaitingConfirm(outstanding: NoteOutgoingEdit)
    /// One edit is at the server and later local edits wait in `buffer`, each made on the
    /// text after the one before it: a single composed op (the ot.js way, the default), or
    /// one op per local edit for a client made with `composesBuffer: false`.
    case awaitingWithBuffer(outstanding: NoteOutgoingEdit, buffer: [TextOperation])
}
