/// Events for one session waiting for the writer, and whom to tell when they are durable.
struct AppendRequest: Sendable {
    /// The session appended to.
    let session: SessionID
    /// The events, with consecutive seqs continuing the session's log.
    let events: [EventRecord]
    /// A new definition for the session, stored in the same savepoint as the events (a `PATCH`).
    let definitionChange: SessionDefinitionChange?
    /// Called on the writer thread after COMMIT (or with the reason nothing was stored).
    let completion: @Sendable (Result<Int64, StoreError>) -> Void

    /// Creates a request.
    init(session: SessionID, events: [EventRecord], definitionChange: SessionDefinitionChange? = nil,
         completion: @escaping @Sendable (Result<Int64, StoreError>) -> Void) {
        self.session = session
        self.events = events
        self.definitionChange = definitionChange
        self.completion = completion
    }
}
