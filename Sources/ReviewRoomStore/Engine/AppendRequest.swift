/// Events for one session waiting for the writer, and whom to tell when they are durable.
struct AppendRequest: Sendable {
    /// The session appended to.
    let session: SessionID
    /// The events, with consecutive seqs continuing the session's log.
    let events: [EventRecord]
    /// Called on the writer thread after COMMIT (or with the reason nothing was stored).
    let completion: @Sendable (Result<Int64, StoreError>) -> Void
}
