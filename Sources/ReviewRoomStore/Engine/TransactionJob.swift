import ReviewRoomCore

/// A write other than an append (create a session, add a participant…), run by the writer
/// inside the current batch's transaction, in a savepoint of its own.
struct TransactionJob: Sendable {
    /// Does the writes; returns what to call once they are committed.
    let run: @Sendable (SQLiteConnection) throws -> @Sendable () -> Void
    /// Reports why nothing was written.
    let fail: @Sendable (StoreError) -> Void
    /// The session whose `event_journal` rows the job deletes (it erases the session), so the
    /// writer's knowledge of the journal (``EventJournal``) follows without reading the table
    /// back; nil for every other job, and no other job may change the journal.
    var erasesJournalOf: SessionID?
}
