/// A write other than an append (create a session, add a participant…), run by the writer
/// inside the current batch's transaction, in a savepoint of its own.
struct TransactionJob: Sendable {
    /// Does the writes; returns what to call once they are committed.
    let run: @Sendable (SQLiteConnection) throws -> @Sendable () -> Void
    /// Reports why nothing was written.
    let fail: @Sendable (StoreError) -> Void
}
